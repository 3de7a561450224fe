// The CloudFormation resource types of this service, each in its own file beside this one.
import type { ResourceType } from '../../resource.ts';
import { lambdaAlias } from './alias.ts';
import { lambdaEventInvokeConfig } from './event-invoke-config.ts';
import { lambdaFunction } from './function.ts';
import { lambdaLayerVersion, lambdaLayerVersionPermission } from './layer-version.ts';
import { lambdaPermission } from './permission.ts';
import { lambdaUrl } from './url.ts';
import { lambdaVersion } from './version.ts';

export const resourceTypes: ResourceType[] = [
  lambdaFunction,
  lambdaVersion,
  lambdaAlias,
  lambdaPermission,
  lambdaLayerVersion,
  lambdaLayerVersionPermission,
  lambdaUrl,
  lambdaEventInvokeConfig,
];
