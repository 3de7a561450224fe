// The contract between the CloudFormation engine and one resource type. A resource type
// creates, updates and deletes through the same service providers an SDK call reaches
// (one behaviour, one set of validations and errors, whether a request came from a client
// or from a template); it never writes a store directly.
import type { RequestContext } from '../protocol/engine.ts';
import type * as ApiGatewayV1 from '../models/apigateway.types.ts';
import type * as ApiGatewayV2 from '../models/apigatewayv2.types.ts';
import type * as Ecr from '../models/ecr.types.ts';
import type * as Iam from '../models/iam.types.ts';
import type * as Lambda from '../models/lambda.types.ts';
import type * as Logs from '../models/logs.types.ts';
import type * as S3 from '../models/s3.types.ts';
import type * as Ssm from '../models/ssm.types.ts';

/** The service providers a resource type may call, typed by the generated model contracts. */
export interface ResourceServices {
  apigateway: Partial<ApiGatewayV1.Operations>;
  apigatewayv2: Partial<ApiGatewayV2.Operations>;
  lambda: Partial<Lambda.Operations>;
  iam: Partial<Iam.Operations>;
  ssm: Partial<Ssm.Operations>;
  logs: Partial<Logs.Operations>;
  s3: Partial<S3.Operations>;
  ecr: Partial<Ecr.Operations>;
}

export interface ResourceContext {
  /** The request context provider calls run under (account, region, base URL). */
  request: RequestContext;
  services: ResourceServices;
  stackName: string;
  stackId: string;
  /** The resource's logical id in the template. */
  logicalId: string;
  /** The type as the template names it, e.g. "Custom::Seed" (a custom resource's event carries it). */
  resourceType?: string;
  /** A physical name as CloudFormation generates one: `{stack}-{logicalId}-{RANDOM}`, cut to `maxLength`. */
  generateName(maxLength?: number): string;
}

/** What a created or updated resource reports back: `Ref` is `physicalId` unless the type says otherwise. */
export interface ResourceResult {
  physicalId: string;
  /** `Fn::GetAtt` values, named as the CloudFormation resource reference names them. */
  attributes: Record<string, unknown>;
  /** When `Ref` is not the physical id (rare). */
  ref?: string;
}

export type ResourceProperties = Record<string, any>;

export interface ResourceType {
  /** e.g. "AWS::ApiGateway::RestApi". */
  type: string;
  create(props: ResourceProperties, ctx: ResourceContext): Promise<ResourceResult>;
  /** Absent: every property change replaces the resource. */
  update?(physicalId: string, oldProps: ResourceProperties, newProps: ResourceProperties, ctx: ResourceContext, previous: ResourceResult): Promise<ResourceResult>;
  delete(physicalId: string, props: ResourceProperties, ctx: ResourceContext, previous: ResourceResult): Promise<void>;
  /** Properties whose change means replacement ("Update requires: Replacement" in the reference). */
  replaceOn: readonly string[];
  /** The Fn::GetAtt attributes the type has, when it declares them (others are refused before anything is created). */
  attributes?: readonly string[];
  /** Properties the type's schema requires; CloudFormation checks them before the resource is made. */
  required?: readonly string[];
}

/** The resource's failure reason when schema-required properties are missing (as recorded on AWS). */
export function missingRequired(type: ResourceType, props: ResourceProperties): string | undefined {
  const missing = (type.required ?? []).filter((name) => props[name] === undefined);
  return missing.length ? `Property validation failure: [${missing.map((name) => `The property {/${name}} is required`).join(', ')}]` : undefined;
}
