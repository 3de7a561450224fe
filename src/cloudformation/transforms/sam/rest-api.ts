// AWS::Serverless::Api (and SAM's implicit ServerlessRestApi) -> AWS::ApiGateway::RestApi
// with an OpenAPI Body built from the Api events, a Deployment named by a hash of that body
// (a new deployment whenever the API changes) and the stage `<Api><StageName>Stage`, plus
// authorizer permissions, usage plans and one Lambda permission per event.
import { addInvokePermission, permissionPath } from './api-common.ts';
import { readDefinition } from './definition.ts';
import { restApiDomain } from './domain.ts';
import { invalidResource } from './errors.ts';
import type { ApiModel, ApiRoute, Expansion } from './expansion.ts';
import { idHash, sortedJson } from './hash.ts';
import { addBuiltInSchemes, addDefaultSecurity, addSecurityDefinitions, authOf, authorizerPermissions, iamInvokeCredentials, preflightSecurity, routeSecurity, usagePlan } from './rest-auth.ts';
import { addCors, addGatewayResponses, addModels, addRoute, emptySwagger, toOpenApi3 } from './rest-body.ts';
import { copyDefined, isPlainObject, ref } from './values.ts';

export type RestRoute = ApiRoute;
export type RestApiModel = ApiModel;

export const IMPLICIT_REST_API = 'ServerlessRestApi';

/** SAM's ServerlessRestApi: created by the first Api event without RestApiId, stage Prod, Globals.Api applied. */
export const implicitRestApi = (x: Expansion): RestApiModel => x.implicitApi('Api', IMPLICIT_REST_API, { StageName: 'Prod' });

const OPENAPI_3 = /^3\.\d+\.\d+$/;

export function expandRestApi(x: Expansion, api: RestApiModel) {
  const { logicalId, props } = api;
  if (props.StageName === undefined) throw invalidResource(logicalId, "Missing required property 'StageName'.");
  if (props.StageName === '') throw invalidResource(logicalId, 'StageName cannot be empty.');
  const openApiVersion = props.OpenApiVersion;
  if (openApiVersion !== undefined && !(typeof openApiVersion === 'string' && /^[23]\.\d+(\.\d+)?$/.test(openApiVersion))) {
    throw invalidResource(logicalId, "The OpenApiVersion value must be of the format '3.0.0'.");
  }
  const definition = readDefinition(logicalId, props, emptySwagger);
  const restApi: Record<string, unknown> = {};
  let body: Record<string, any> | undefined;
  if ('s3' in definition) {
    if (props.Auth !== undefined || props.Cors !== undefined) throw invalidResource(logicalId, "Auth and Cors work only with inline OpenApi specified in 'DefinitionBody' property.");
    restApi.BodyS3Location = definition.s3;
    if (props.DisableExecuteApiEndpoint !== undefined) restApi.DisableExecuteApiEndpoint = props.DisableExecuteApiEndpoint;
  } else {
    body = definition.body;
    addSecurityDefinitions(x, body, api);
    if (!definition.given) for (const route of api.routes) addRoute(body, api, route, x.partition);
    if (!definition.given) for (const route of api.routes) {
      const op = body.paths[route.path][route.method === 'any' ? 'x-amazon-apigateway-any-method' : route.method];
      const security = routeSecurity(api, route);
      if (security) op.security = security;
      const credentials = iamInvokeCredentials(api, route, x.partition);
      if (credentials !== undefined) op['x-amazon-apigateway-integration'].credentials = credentials;
    }
    if (!definition.given) addModels(body, api);
    addCors(body, api, () => preflightSecurity(api));
    if (definition.given) addDefaultSecurity(body, api);
    addBuiltInSchemes(body);
    addGatewayResponses(body, api);
    if (Array.isArray(props.BinaryMediaTypes)) {
      body['x-amazon-apigateway-binary-media-types'] = props.BinaryMediaTypes.map((t: unknown) => (typeof t === 'string' ? t.replaceAll('~1', '/') : t));
    }
    if (isPlainObject(authOf(api).ResourcePolicy)) resourcePolicy(x, api, body, authOf(api).ResourcePolicy);
    if (props.DisableExecuteApiEndpoint !== undefined) body['x-amazon-apigateway-endpoint-configuration'] = { disableExecuteApiEndpoint: props.DisableExecuteApiEndpoint };
    if (typeof openApiVersion === 'string' && OPENAPI_3.test(openApiVersion)) toOpenApi3(body, openApiVersion);
    restApi.Body = body;
  }
  copyDefined(restApi, props, ['Name', 'Description', 'BinaryMediaTypes', 'MinimumCompressionSize', 'Mode', 'FailOnWarnings', 'ApiKeySourceType']);
  endpointConfiguration(restApi, props.EndpointConfiguration);
  x.add(logicalId, { Type: 'AWS::ApiGateway::RestApi', ...api.attributes, Properties: restApi });

  // The deployment's id changes with the API definition, so CloudFormation deploys again
  // when it changes. SAM hashes Python's repr of the body, which cannot be reproduced
  // outside Python: the suffix here is a SHA-1 of the canonical JSON instead (same shape,
  // same triggers, different digits).
  const digest = idHash([sortedJson(restApi.Body ?? restApi.BodyS3Location), openApiVersion ?? '', props.Domain ? sortedJson(props.Domain) : ''].join('||'), 40);
  const deploymentId = `${logicalId}Deployment${digest.slice(0, 10)}`;
  const deployment: Record<string, unknown> = { RestApiId: ref(logicalId), Description: `RestApi deployment id: ${digest}` };
  // Without OpenApiVersion SAM's deployment also creates a stage named "Stage".
  if (openApiVersion === undefined) deployment.StageName = 'Stage';
  x.add(deploymentId, { Type: 'AWS::ApiGateway::Deployment', ...api.attributes, Properties: deployment });

  const stageId = stageLogicalId(logicalId, props.StageName);
  const stage: Record<string, unknown> = { RestApiId: ref(logicalId), DeploymentId: ref(deploymentId), StageName: props.StageName };
  copyDefined(stage, props, ['CacheClusterEnabled', 'CacheClusterSize', 'Variables', 'MethodSettings', 'AccessLogSetting', 'CanarySetting', 'TracingEnabled']);
  if (isPlainObject(props.Tags)) stage.Tags = Object.entries(props.Tags).map(([Key, Value]) => ({ Key, Value }));
  x.referenceable.set(`${logicalId}.Deployment`, deploymentId);
  x.referenceable.set(`${logicalId}.Stage`, stageId);
  x.add(stageId, { Type: 'AWS::ApiGateway::Stage', ...api.attributes, Properties: stage });

  if (props.Domain !== undefined) restApiDomain(x, api, props.Domain, stageId);
  authorizerPermissions(x, api);
  usagePlan(x, api, stageId);
  for (const route of api.routes) eventPermission(x, api, route);
}

/** `<Api><StageName>Stage`, or `<Api>Stage<hash>` when the name is not alphanumeric. */
export function stageLogicalId(apiId: string, stageName: unknown): string {
  const name = typeof stageName === 'string' ? stageName : '';
  return /^[A-Za-z0-9]+$/.test(name) ? `${apiId}${name}Stage` : `${apiId}Stage${idHash(name)}`;
}

function endpointConfiguration(restApi: Record<string, unknown>, config: unknown) {
  if (config === undefined) return;
  if (typeof config === 'string') {
    restApi.EndpointConfiguration = { Types: [config] };
    restApi.Parameters = { endpointConfigurationTypes: config };
  } else if (isPlainObject(config)) {
    const out: Record<string, unknown> = {};
    if (config.Type !== undefined) out.Types = [config.Type];
    if (config.VPCEndpointIds !== undefined) out.VpcEndpointIds = config.VPCEndpointIds;
    restApi.EndpointConfiguration = out;
    if (typeof config.Type === 'string') restApi.Parameters = { endpointConfigurationTypes: config.Type };
  }
}

/** ResourcePolicy: custom statements become the API's policy; the generated IP, VPC and account lists are not built. */
function resourcePolicy(x: Expansion, api: RestApiModel, body: Record<string, any>, policy: Record<string, any>) {
  const generated = Object.keys(policy).filter((k) => k !== 'CustomStatements');
  if (generated.length) x.warnings.push(`${api.logicalId}: Auth.ResourcePolicy ${generated.join(', ')} skipped: localgate stores custom statements only`);
  const statements = Array.isArray(policy.CustomStatements) ? policy.CustomStatements : policy.CustomStatements ? [policy.CustomStatements] : [];
  if (statements.length) body['x-amazon-apigateway-policy'] = { Version: '2012-10-17', Statement: statements };
}

/** `<F><Event>Permission<Stage>`: API Gateway may invoke the function for this method and path on every stage. */
function eventPermission(x: Expansion, api: RestApiModel, route: RestRoute) {
  const stage = typeof api.props.StageName === 'string' ? api.props.StageName : 'Stage';
  const suffix = /^[A-Za-z0-9]+$/.test(stage) ? stage : idHash(stage);
  const path = permissionPath(route.path);
  const method = route.method === 'any' ? '*' : route.method.toUpperCase();
  addInvokePermission(x, `${route.fn.logicalId}${route.eventId}Permission${suffix}`, api, route, { partition: x.partition, method, path });
}
