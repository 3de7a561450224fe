// The CloudFormation resource types of this service, each in its own file beside this one.
import type { ResourceType } from '../../resource.ts';
import { api } from './api.ts';
import { apiMapping, authorizer, integration, integrationResponse, model, route, routeResponse } from './api-children.ts';
import { deployment } from './deployment.ts';
import { domainName, vpcLink } from './domain-name.ts';
import { stage } from './stage.ts';

export const resourceTypes: ResourceType[] = [
  api,
  route,
  routeResponse,
  integration,
  integrationResponse,
  authorizer,
  model,
  stage,
  deployment,
  domainName,
  apiMapping,
  vpcLink,
];
