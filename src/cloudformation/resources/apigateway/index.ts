// The CloudFormation resource types of this service, each in its own file beside this one.
import type { ResourceType } from '../../resource.ts';
import { account } from './account.ts';
import { apiKey } from './api-key.ts';
import { authorizer } from './authorizer.ts';
import { deployment } from './deployment.ts';
import { documentationPart, documentationVersion } from './documentation.ts';
import { basePathMapping, domainName } from './domain-name.ts';
import { gatewayResponse } from './gateway-response.ts';
import { method } from './method.ts';
import { model } from './model.ts';
import { requestValidator } from './request-validator.ts';
import { resource } from './resource.ts';
import { restApi } from './rest-api.ts';
import { stage } from './stage.ts';
import { usagePlan, usagePlanKey } from './usage-plan.ts';

export const resourceTypes: ResourceType[] = [
  restApi,
  resource,
  method,
  deployment,
  stage,
  authorizer,
  requestValidator,
  model,
  gatewayResponse,
  apiKey,
  usagePlan,
  usagePlanKey,
  account,
  domainName,
  basePathMapping,
  documentationPart,
  documentationVersion,
];
