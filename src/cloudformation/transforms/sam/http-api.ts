// AWS::Serverless::HttpApi (and SAM's implicit ServerlessHttpApi) -> AWS::ApiGatewayV2::Api
// with an OpenAPI 3 Body built from the HttpApi events (JWT and Lambda authorizers, CORS)
// and an auto-deploying stage ($default unless StageName says otherwise), plus one Lambda
// permission per event.
import { addInvokePermission, identitySources, permissionPath } from './api-common.ts';
import { readDefinition } from './definition.ts';
import { httpApiDomain } from './domain.ts';
import { invalidEvent, invalidResource } from './errors.ts';
import type { ApiModel, ApiRoute, Expansion } from './expansion.ts';
import type { ExpandedFunction } from './function.ts';
import { idHash } from './hash.ts';
import { isPlainObject, ref, sub } from './values.ts';

export type HttpRoute = ApiRoute;
export type HttpApiModel = ApiModel;

const ANY_METHOD = 'x-amazon-apigateway-any-method';
export const IMPLICIT_HTTP_API = 'ServerlessHttpApi';

/** SAM's ServerlessHttpApi: created by the first HttpApi event without ApiId, Globals.HttpApi applied. */
export const implicitHttpApi = (x: Expansion): HttpApiModel => x.implicitApi('HttpApi', IMPLICIT_HTTP_API, {});

const emptyOpenApi = () => ({ openapi: '3.0.1', info: { version: '1.0', title: { Ref: 'AWS::StackName' } }, paths: {} as Record<string, any> });

export function expandHttpApi(x: Expansion, api: HttpApiModel) {
  const { logicalId, props } = api;
  const definition = readDefinition(logicalId, props, emptyOpenApi);
  const resource: Record<string, unknown> = {};
  let body: Record<string, any> | undefined;
  if ('s3' in definition) {
    if (props.Auth !== undefined || props.CorsConfiguration !== undefined) {
      throw invalidResource(logicalId, "Auth and CorsConfiguration work only with inline OpenApi specified in 'DefinitionBody' property.");
    }
    resource.BodyS3Location = definition.s3;
  } else {
    body = definition.body;
    addAuthorizers(x, body, api);
    if (!definition.given) for (const route of api.routes) addRoute(x, body, api, route);
    else addDefaultSecurity(body, api);
    cors(body, api);
    if (props.DisableExecuteApiEndpoint !== undefined) {
      body.servers = [{ 'x-amazon-apigateway-endpoint-configuration': { disableExecuteApiEndpoint: props.DisableExecuteApiEndpoint } }];
    }
    const tags = Object.entries(isPlainObject(props.Tags) ? props.Tags : {}).map(([name, value]) => ({ name, 'x-amazon-apigateway-tag-value': value }));
    tags.push({ name: 'httpapi:createdBy', 'x-amazon-apigateway-tag-value': 'SAM' });
    body.tags = [...(Array.isArray(body.tags) ? body.tags : []), ...tags];
    if (props.Name !== undefined) body.info = { ...body.info, title: props.Name };
    if (props.Description !== undefined) body.info = { ...body.info, description: props.Description };
    resource.Body = body;
  }
  if (props.FailOnWarnings !== undefined) resource.FailOnWarnings = props.FailOnWarnings;
  if ('s3' in definition && props.DisableExecuteApiEndpoint !== undefined) resource.DisableExecuteApiEndpoint = props.DisableExecuteApiEndpoint;
  x.add(logicalId, { Type: 'AWS::ApiGatewayV2::Api', ...api.attributes, Properties: resource });

  const stageName = props.StageName ?? '$default';
  const stageId = stageName === '$default' ? `${logicalId}ApiGatewayDefaultStage` : typeof stageName === 'string' && /^[A-Za-z0-9]+$/.test(stageName) ? `${logicalId}${stageName}Stage` : `${logicalId}Stage${idHash(typeof stageName === 'string' ? stageName : '')}`;
  const stage: Record<string, unknown> = { ApiId: ref(logicalId), StageName: stageName, AutoDeploy: true };
  for (const [from, to] of [['StageVariables', 'StageVariables'], ['DefaultRouteSettings', 'DefaultRouteSettings'], ['RouteSettings', 'RouteSettings'], ['AccessLogSettings', 'AccessLogSettings']]) {
    if (props[from] !== undefined) stage[to] = props[from];
  }
  stage.Tags = { 'httpapi:createdBy': 'SAM', ...(isPlainObject(props.Tags) ? props.Tags : {}) };
  x.referenceable.set(`${logicalId}.Stage`, stageId);
  x.add(stageId, { Type: 'AWS::ApiGatewayV2::Stage', ...api.attributes, Properties: stage });

  if (props.Domain !== undefined) httpApiDomain(x, api, props.Domain, stageId);
  for (const route of api.routes) eventPermission(x, api, route, body);
}

function addRoute(x: Expansion, body: Record<string, any>, api: HttpApiModel, route: HttpRoute) {
  const path = (body.paths[route.path] ??= {});
  if (path[route.method]) {
    throw invalidEvent(route.fn.logicalId, route.eventId, `API method "${route.method}" defined multiple times for path "${route.path}".`);
  }
  const integration: Record<string, unknown> = {
    type: 'aws_proxy',
    httpMethod: 'POST',
    payloadFormatVersion: route.event.PayloadFormatVersion ?? '2.0',
    uri: sub(`arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${route.fn.arnSubVariable}}/invocations`),
  };
  if (route.event.TimeoutInMillis !== undefined) integration.timeoutInMillis = route.event.TimeoutInMillis;
  const op: Record<string, any> = { 'x-amazon-apigateway-integration': integration, responses: {} };
  if (route.path === '$default') op.isDefaultRoute = true;
  const params = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  if (params.length) op.parameters = params.map((name) => ({ name, in: 'path', required: true }));
  const security = routeSecurity(api, route);
  if (security) op.security = security;
  path[route.method] = op;
}

function routeSecurity(api: HttpApiModel, route: HttpRoute): unknown[] | undefined {
  const auth = isPlainObject(api.props.Auth) ? api.props.Auth : {};
  const eventAuth = isPlainObject(route.event.Auth) ? route.event.Auth : {};
  const authorizers = isPlainObject(auth.Authorizers) ? auth.Authorizers : {};
  const name = eventAuth.Authorizer ?? auth.DefaultAuthorizer;
  if (name === undefined) return undefined;
  if (name === 'NONE') return [{ NONE: [] }];
  if (name === 'AWS_IAM') {
    if (!auth.EnableIamAuthorizer) throw invalidEvent(route.fn.logicalId, route.eventId, `Unable to set Authorizer [AWS_IAM] on API method [${route.method}] for path [${route.path}] because 'EnableIamAuthorizer' is not set to true.`);
    return [{ AWS_IAM: [] }];
  }
  if (!(name in authorizers)) {
    throw invalidEvent(route.fn.logicalId, route.eventId, `Unable to set Authorizer [${name}] on API method [${route.method}] for path [${route.path}] because it wasn't defined in the API's Authorizers.`);
  }
  return [{ [name]: eventAuth.AuthorizationScopes ?? authorizers[name].AuthorizationScopes ?? [] }];
}

/**
 * A DefinitionBody written by the user gets Auth.DefaultAuthorizer as SAM sets it: on every
 * method with an integration that names no security of its own, OPTIONS aside. (Generated
 * bodies get it per event in routeSecurity.)
 */
function addDefaultSecurity(body: Record<string, any>, api: HttpApiModel) {
  const auth = isPlainObject(api.props.Auth) ? api.props.Auth : {};
  const name = auth.DefaultAuthorizer;
  if (typeof name !== 'string') return;
  const authorizers = isPlainObject(auth.Authorizers) ? auth.Authorizers : {};
  if (!(name in authorizers)) throw invalidResource(api.logicalId, `Unable to set DefaultAuthorizer because '${name}' was not defined in 'Authorizers'.`);
  for (const pathItem of Object.values(isPlainObject(body.paths) ? body.paths : {})) {
    if (!isPlainObject(pathItem)) continue;
    for (const [verb, op] of Object.entries(pathItem)) {
      if (verb === 'parameters' || verb.toLowerCase() === 'options' || !isPlainObject(op) || !isPlainObject(op['x-amazon-apigateway-integration'])) continue;
      if (Array.isArray(op.security) ? op.security.length : op.security) continue;
      op.security = [{ [name]: authorizers[name]?.AuthorizationScopes ?? [] }];
    }
  }
}

function addAuthorizers(x: Expansion, body: Record<string, any>, api: HttpApiModel) {
  const auth = api.props.Auth;
  if (auth === undefined) return;
  if (!isPlainObject(auth)) throw invalidResource(api.logicalId, "Property 'Auth' should be a map.");
  const schemes: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(isPlainObject(auth.Authorizers) ? auth.Authorizers : {})) {
    if (!isPlainObject(a)) throw invalidResource(api.logicalId, `Authorizer ${name} must be a map.`);
    if (a.JwtConfiguration !== undefined) {
      const authorizer: Record<string, unknown> = { type: 'jwt', jwtConfiguration: a.JwtConfiguration };
      if (a.IdentitySource !== undefined) authorizer.identitySource = a.IdentitySource;
      schemes[name] = { type: 'oauth2', 'x-amazon-apigateway-authorizer': authorizer };
    } else if (a.FunctionArn !== undefined) {
      if (a.AuthorizerPayloadFormatVersion === undefined) throw invalidResource(api.logicalId, `Property 'AuthorizerPayloadFormatVersion' of ${name} authorizer is required.`);
      const identity = isPlainObject(a.Identity) ? a.Identity : {};
      const authorizer: Record<string, unknown> = {
        type: 'request',
        authorizerUri: sub(`arn:${x.partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${__FunctionArn__}/invocations`, { __FunctionArn__: a.FunctionArn }),
        authorizerPayloadFormatVersion: a.AuthorizerPayloadFormatVersion,
      };
      if (a.EnableSimpleResponses !== undefined) authorizer.enableSimpleResponses = a.EnableSimpleResponses;
      if (a.FunctionInvokeRole !== undefined) authorizer.authorizerCredentials = a.FunctionInvokeRole;
      const sources = identitySources(api, name, identity, { Headers: '$request.header.', QueryStrings: '$request.querystring.', StageVariables: '$stageVariables.', Context: '$context.' });
      if (sources.length) authorizer.identitySource = sources;
      if (identity.ReauthorizeEvery !== undefined) authorizer.authorizerResultTtlInSeconds = identity.ReauthorizeEvery;
      schemes[name] = { type: 'apiKey', name: 'Unused', in: 'header', 'x-amazon-apigateway-authorizer': authorizer };
    } else {
      throw invalidResource(api.logicalId, `${name} Authorizer must define 'FunctionArn' (for a Lambda authorizer) or 'JwtConfiguration' (for a JWT authorizer).`);
    }
  }
  if (auth.EnableIamAuthorizer === true) schemes.AWS_IAM = { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' };
  if (Object.keys(schemes).length) {
    body.components ??= {};
    body.components.securitySchemes = { ...(body.components.securitySchemes ?? {}), ...schemes };
  }
}

function cors(body: Record<string, any>, api: HttpApiModel) {
  const config = api.props.CorsConfiguration;
  if (config === undefined || config === false) return;
  if (config === true) {
    body['x-amazon-apigateway-cors'] = { allowOrigins: ['*'] };
    return;
  }
  if (!isPlainObject(config)) throw invalidResource(api.logicalId, "Property 'CorsConfiguration' should be a map or a boolean.");
  const names: Record<string, string> = {
    AllowOrigins: 'allowOrigins', AllowHeaders: 'allowHeaders', AllowMethods: 'allowMethods', ExposeHeaders: 'exposeHeaders', MaxAge: 'maxAge', AllowCredentials: 'allowCredentials',
  };
  const out: Record<string, unknown> = {};
  for (const [from, to] of Object.entries(names)) if (config[from] !== undefined) out[to] = config[from];
  body['x-amazon-apigateway-cors'] = out;
}

/** `<F><Event>Permission`; none for a route the same function's `$default` catch-all already covers. */
function eventPermission(x: Expansion, api: HttpApiModel, route: HttpRoute, body: Record<string, any> | undefined) {
  if (route.path !== '$default' && coveredByDefault(body, route.fn)) return;
  const path = route.path === '$default' ? '' : permissionPath(route.path);
  const method = route.method === ANY_METHOD || route.method === 'any' ? '*' : route.method.toUpperCase();
  addInvokePermission(x, `${route.fn.logicalId}${route.eventId}Permission`, api, route, { partition: '${AWS::Partition}', method, path });
}

function coveredByDefault(body: Record<string, any> | undefined, fn: ExpandedFunction): boolean {
  const uri = body?.paths?.$default?.[ANY_METHOD]?.['x-amazon-apigateway-integration']?.uri;
  const text = isPlainObject(uri) ? uri['Fn::Sub'] : undefined;
  return typeof text === 'string' && text.includes(`\${${fn.arnSubVariable}}`);
}
