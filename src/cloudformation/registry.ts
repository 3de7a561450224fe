// Resource type name -> implementation, gathered from one folder per service.
import type { ResourceType } from './resource.ts';
import { resourceTypes as apigateway } from './resources/apigateway/index.ts';
import { resourceTypes as apigatewayv2 } from './resources/apigatewayv2/index.ts';
import { resourceTypes as cloudformation } from './resources/cloudformation/index.ts';
import { resourceTypes as ecr } from './resources/ecr/index.ts';
import { resourceTypes as iam } from './resources/iam/index.ts';
import { resourceTypes as kms } from './resources/kms/index.ts';
import { resourceTypes as lambda } from './resources/lambda/index.ts';
import { resourceTypes as logs } from './resources/logs/index.ts';
import { resourceTypes as s3 } from './resources/s3/index.ts';
import { resourceTypes as ssm } from './resources/ssm/index.ts';

const byType = new Map<string, ResourceType>();
for (const t of [...apigateway, ...apigatewayv2, ...cloudformation, ...ecr, ...iam, ...kms, ...lambda, ...logs, ...s3, ...ssm]) {
  if (byType.has(t.type)) throw new Error(`resource type ${t.type} is registered twice`);
  byType.set(t.type, t);
}

/** The implementation of a type, e.g. "AWS::ApiGateway::RestApi"; `Custom::*` types resolve to the custom resource. */
export function resourceType(type: string): ResourceType | undefined {
  return byType.get(type) ?? (type.startsWith('Custom::') ? byType.get('AWS::CloudFormation::CustomResource') : undefined);
}
