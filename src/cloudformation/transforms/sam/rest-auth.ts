// A REST API's Auth: Lambda (TOKEN, REQUEST) and Cognito authorizers as security schemes,
// each operation's security (the event's Authorizer, else DefaultAuthorizer; API keys),
// the permissions that let API Gateway call Lambda authorizers, and usage plans.
import { identitySources } from './api-common.ts';
import { invalidEvent, invalidResource } from './errors.ts';
import type { Expansion } from './expansion.ts';
import type { RestApiModel, RestRoute } from './rest-api.ts';
import { copyDefined, isPlainObject, ref, sub } from './values.ts';

type Auth = Record<string, any>;

export const authOf = (api: RestApiModel): Auth => (isPlainObject(api.props.Auth) ? api.props.Auth : {});

function authorizerUri(x: Expansion, functionArn: unknown) {
  return sub(`arn:${x.partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${__FunctionArn__}/invocations`, { __FunctionArn__: functionArn });
}

/** securityDefinitions for the API's authorizers (and api_key when any method needs a key). */
export function addSecurityDefinitions(x: Expansion, body: Record<string, any>, api: RestApiModel) {
  const authorizers = authOf(api).Authorizers;
  if (authorizers === undefined) return;
  if (!isPlainObject(authorizers)) throw invalidResource(api.logicalId, "Property 'Auth.Authorizers' should be a map.");
  for (const [name, a] of Object.entries(authorizers)) {
    if (!isPlainObject(a)) throw invalidResource(api.logicalId, `Authorizer ${name} must be a map.`);
    body.securityDefinitions ??= {};
    body.securityDefinitions[name] = securityScheme(x, api, name, a);
  }
}

function securityScheme(x: Expansion, api: RestApiModel, name: string, a: Auth): Record<string, unknown> {
  const identity: Auth = isPlainObject(a.Identity) ? a.Identity : {};
  if (a.UserPoolArn !== undefined) {
    const authorizer: Record<string, unknown> = { type: 'cognito_user_pools', providerARNs: Array.isArray(a.UserPoolArn) ? a.UserPoolArn : [a.UserPoolArn] };
    if (identity.ValidationExpression !== undefined) authorizer.identityValidationExpression = identity.ValidationExpression;
    return { type: 'apiKey', name: identity.Header ?? 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'cognito_user_pools', 'x-amazon-apigateway-authorizer': authorizer };
  }
  if (a.FunctionArn === undefined) {
    throw invalidResource(api.logicalId, `Authorizer ${name} must have either 'UserPoolArn' (for Cognito) or 'FunctionArn' (for Lambda) property.`);
  }
  const request = a.FunctionPayloadType === 'REQUEST';
  if (a.FunctionPayloadType !== undefined && !request && a.FunctionPayloadType !== 'TOKEN') {
    throw invalidResource(api.logicalId, `Authorizer ${name} has invalid 'FunctionPayloadType': must be 'TOKEN' or 'REQUEST'.`);
  }
  const authorizer: Record<string, unknown> = { type: request ? 'request' : 'token', authorizerUri: authorizerUri(x, a.FunctionArn) };
  if (a.FunctionInvokeRole !== undefined) authorizer.authorizerCredentials = a.FunctionInvokeRole;
  if (identity.ReauthorizeEvery !== undefined) authorizer.authorizerResultTtlInSeconds = identity.ReauthorizeEvery;
  if (request) {
    const sources = identitySources(api, name, identity, { Headers: 'method.request.header.', QueryStrings: 'method.request.querystring.', StageVariables: 'stageVariables.', Context: 'context.' });
    if (sources.length) authorizer.identitySource = sources.join(', ');
  } else if (identity.ValidationExpression !== undefined) {
    authorizer.identityValidationExpression = identity.ValidationExpression;
  }
  return { type: 'apiKey', name: request ? 'Unused' : identity.Header ?? 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'custom', 'x-amazon-apigateway-authorizer': authorizer };
}

/** The `<Api><Authorizer>AuthorizerPermission` for each Lambda authorizer. */
export function authorizerPermissions(x: Expansion, api: RestApiModel) {
  const authorizers = authOf(api).Authorizers;
  if (!isPlainObject(authorizers)) return;
  for (const [name, a] of Object.entries(authorizers)) {
    if (!isPlainObject(a) || a.FunctionArn === undefined || a.UserPoolArn !== undefined) continue;
    x.add(`${api.logicalId}${name}AuthorizerPermission`, {
      Type: 'AWS::Lambda::Permission',
      ...api.attributes,
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: a.FunctionArn,
        Principal: 'apigateway.amazonaws.com',
        SourceArn: sub(`arn:${x.partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/authorizers/*`, { __ApiId__: ref(api.logicalId) }),
      },
    });
  }
}

/** An operation's security requirements for an event (undefined: none to set). */
export function routeSecurity(api: RestApiModel, route: RestRoute): unknown[] | undefined {
  const auth = authOf(api);
  const eventAuth: Auth = isPlainObject(route.event.Auth) ? route.event.Auth : {};
  const authorizers: Auth = isPlainObject(auth.Authorizers) ? auth.Authorizers : {};
  const name = eventAuth.Authorizer ?? auth.DefaultAuthorizer;
  if (name !== undefined && name !== 'NONE' && name !== 'AWS_IAM' && !(name in authorizers)) {
    const why = Object.keys(authorizers).length ? "it wasn't defined in the API's Authorizers" : 'the related API does not define any Authorizers';
    throw invalidEvent(route.fn.logicalId, route.eventId, `Unable to set Authorizer [${name}] on API method [${route.method}] for path [${route.path}] because ${why}.`);
  }
  const security: unknown[] = [];
  if (name === 'AWS_IAM') security.push({ AWS_IAM: [] });
  else if (name !== undefined && name !== 'NONE') {
    const scopes = eventAuth.AuthorizationScopes ?? authorizers[name]?.AuthorizationScopes ?? [];
    security.push({ [name]: scopes });
  }
  if (eventAuth.ApiKeyRequired ?? auth.ApiKeyRequired) security.push({ api_key: [] });
  if (security.length) return security;
  return name === 'NONE' && (auth.DefaultAuthorizer !== undefined || auth.ApiKeyRequired) ? [] : undefined;
}

/** The security of the CORS preflight methods: the default authorizer unless AddDefaultAuthorizerToCorsPreflight is false, and the API key. */
export function preflightSecurity(api: RestApiModel): unknown[] | undefined {
  const auth = authOf(api);
  const security: unknown[] = [];
  if (auth.DefaultAuthorizer !== undefined && auth.DefaultAuthorizer !== 'NONE' && auth.AddDefaultAuthorizerToCorsPreflight !== false) {
    security.push({ [auth.DefaultAuthorizer]: auth.Authorizers?.[auth.DefaultAuthorizer]?.AuthorizationScopes ?? [] });
  }
  if (auth.ApiKeyRequired && auth.AddApiKeyRequiredToCorsPreflight !== false) security.push({ api_key: [] });
  return security.length ? security : undefined;
}

/**
 * A DefinitionBody written by the user gets the API's defaults as SAM sets them on every
 * method with an integration: the DefaultAuthorizer unless the method names an authorizer of
 * its own (or NONE), and the api_key requirement unless it says api_key_false; OPTIONS
 * methods keep out of either when AddDefaultAuthorizerToCorsPreflight /
 * AddApiKeyRequiredToCorsPreflight is false. (Generated bodies get them per event in routeSecurity.)
 */
export function addDefaultSecurity(body: Record<string, any>, api: RestApiModel) {
  const auth = authOf(api);
  const authorizers: Auth = isPlainObject(auth.Authorizers) ? auth.Authorizers : {};
  const defaultAuthorizer = typeof auth.DefaultAuthorizer === 'string' ? auth.DefaultAuthorizer : undefined;
  if (defaultAuthorizer !== undefined && defaultAuthorizer !== 'AWS_IAM' && !(defaultAuthorizer in authorizers)) {
    throw invalidResource(api.logicalId, `Unable to set DefaultAuthorizer because '${defaultAuthorizer}' was not defined in 'Authorizers'.`);
  }
  const authorizerNames = new Set(['AWS_IAM', ...Object.keys(authorizers)]);
  const isAuthorizer = (s: Auth) => Object.keys(s).some((k) => authorizerNames.has(k));
  const isApiKey = (s: Auth) => 'api_key' in s || 'api_key_false' in s;
  for (const pathItem of Object.values(isPlainObject(body.paths) ? body.paths : {})) {
    if (!isPlainObject(pathItem)) continue;
    for (const [verb, op] of Object.entries(pathItem)) {
      if (!isPlainObject(op) || !isPlainObject(op['x-amazon-apigateway-integration'])) continue;
      const options = verb.toLowerCase() === 'options';
      const existing = (): Auth[] => (Array.isArray(op.security) ? op.security.filter(isPlainObject) : []);
      if (defaultAuthorizer !== undefined && (!options || auth.AddDefaultAuthorizerToCorsPreflight !== false)) {
        const others = existing().filter((s) => !isAuthorizer(s));
        const own = existing().filter(isAuthorizer);
        const none = others.findIndex((s) => 'NONE' in s);
        const security = none >= 0 ? others.filter((_, i) => i !== none) : [...others, ...(own.length ? own : [{ [defaultAuthorizer]: authorizers[defaultAuthorizer]?.AuthorizationScopes ?? [] }])];
        // Nothing left (NONE alone) leaves the method's security as written.
        if (security.length) op.security = security;
      }
      if (auth.ApiKeyRequired) {
        const others = existing().filter((s) => !isApiKey(s));
        const optedOut = existing().some((s) => 'api_key_false' in s);
        const security = options && auth.AddApiKeyRequiredToCorsPreflight === false ? others : [...others, ...(optedOut ? [] : [{ api_key: [] }])];
        if (JSON.stringify(security) !== JSON.stringify(existing())) op.security = security;
      }
    }
  }
}

/** The api_key and AWS_IAM (SigV4) schemes, for operations whose security names them. */
export function addBuiltInSchemes(body: Record<string, any>) {
  const uses = (scheme: string) =>
    Object.values(body.paths as Record<string, any>).some((path) =>
      Object.values(path as Record<string, any>).some((op) => Array.isArray(op?.security) && op.security.some((s: unknown) => isPlainObject(s) && scheme in s)),
    );
  if (uses('api_key')) {
    body.securityDefinitions ??= {};
    body.securityDefinitions.api_key = { type: 'apiKey', name: 'x-api-key', in: 'header' };
  }
  if (uses('AWS_IAM')) {
    body.securityDefinitions ??= {};
    body.securityDefinitions.AWS_IAM = { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' };
  }
}

/**
 * With AWS_IAM, SAM has API Gateway call the function with the caller's credentials
 * (`arn:<partition>:iam::*:user/*`) unless InvokeRole names a role or is NONE. It does so
 * for an event whose Auth names AWS_IAM, or, under an AWS_IAM DefaultAuthorizer, for an
 * event without Auth.
 */
export function iamInvokeCredentials(api: RestApiModel, route: RestRoute, partition: string): unknown {
  const auth = authOf(api);
  const eventAuth: Auth = isPlainObject(route.event.Auth) ? route.event.Auth : {};
  const applies = eventAuth.Authorizer === 'AWS_IAM' || (auth.DefaultAuthorizer === 'AWS_IAM' && Object.keys(eventAuth).length === 0);
  if (!applies) return undefined;
  const role = eventAuth.InvokeRole || auth.InvokeRole;
  if (role === 'NONE' || (!role && ('InvokeRole' in eventAuth || 'InvokeRole' in auth))) return undefined;
  return role && role !== 'CALLER_CREDENTIALS' ? role : `arn:${partition}:iam::*:user/*`;
}

/** Auth.UsagePlan: PER_API creates a plan, key and plan key per API; SHARED one set for all APIs; NONE nothing. */
export function usagePlan(x: Expansion, api: RestApiModel, stageId: string) {
  const plan = authOf(api).UsagePlan;
  if (plan === undefined) return;
  if (!isPlainObject(plan)) throw invalidResource(api.logicalId, "'UsagePlan' must be a dictionary");
  const kind = plan.CreateUsagePlan;
  if (kind !== 'PER_API' && kind !== 'SHARED' && kind !== 'NONE') {
    throw invalidResource(api.logicalId, "'CreateUsagePlan' accepts one of ['SHARED', 'PER_API', 'NONE'].");
  }
  if (kind === 'NONE') return;
  const apiStage = { ApiId: ref(api.logicalId), Stage: ref(stageId) };
  const stageKey = { RestApiId: ref(api.logicalId), StageName: ref(stageId) };
  const settings: Record<string, unknown> = {};
  copyDefined(settings, plan, ['Description', 'Quota', 'Tags', 'Throttle', 'UsagePlanName']);
  if (kind === 'PER_API') {
    const planId = `${api.logicalId}UsagePlan`;
    const keyId = `${api.logicalId}ApiKey`;
    x.add(planId, { Type: 'AWS::ApiGateway::UsagePlan', ...api.attributes, DependsOn: [api.logicalId], Properties: { ...settings, ApiStages: [apiStage] } });
    x.add(keyId, { Type: 'AWS::ApiGateway::ApiKey', ...api.attributes, DependsOn: [planId], Properties: { Enabled: true, StageKeys: [stageKey] } });
    x.add(`${api.logicalId}UsagePlanKey`, {
      Type: 'AWS::ApiGateway::UsagePlanKey',
      ...api.attributes,
      DependsOn: [keyId],
      Properties: { KeyId: ref(keyId), UsagePlanId: ref(planId), KeyType: 'API_KEY' },
    });
    return;
  }
  // SHARED: the first API creates the plan; later ones join its stages and dependencies.
  const shared = x.resources.ServerlessUsagePlan;
  if (shared) {
    shared.DependsOn.push(api.logicalId);
    shared.Properties.ApiStages.push(apiStage);
    x.resources.ServerlessApiKey.Properties.StageKeys.push(stageKey);
    return;
  }
  x.add('ServerlessUsagePlan', { Type: 'AWS::ApiGateway::UsagePlan', DependsOn: [api.logicalId], Properties: { ...settings, ApiStages: [apiStage] } });
  x.add('ServerlessApiKey', { Type: 'AWS::ApiGateway::ApiKey', DependsOn: ['ServerlessUsagePlan'], Properties: { Enabled: true, StageKeys: [stageKey] } });
  x.add('ServerlessUsagePlanKey', {
    Type: 'AWS::ApiGateway::UsagePlanKey',
    DependsOn: ['ServerlessApiKey'],
    Properties: { KeyId: ref('ServerlessApiKey'), UsagePlanId: ref('ServerlessUsagePlan'), KeyType: 'API_KEY' },
  });
}
