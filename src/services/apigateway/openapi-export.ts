// GetExport: a deployment's frozen API as an OpenAPI 3.0 or Swagger 2.0 document, with the
// x-amazon-apigateway-* extensions when asked for (extensions=integrations | apigateway |
// authorizers). The inverse of openapi-import.ts, so an export imports back the same API.
import type * as T from '../../models/apigateway.types.ts';
import type { Json } from './openapi-doc.ts';
import type { DeploymentRecord } from './store.ts';

export interface ExportOptions {
  oas3: boolean;
  /** x-amazon-apigateway-integration on each method. */
  integrations: boolean;
  /** API-level extensions: validators, gateway responses, binary media types, key source, policy. */
  apigateway: boolean;
  /** x-amazon-apigateway-authorizer on security schemes. */
  authorizers: boolean;
}

const VERB_KEY: Record<string, string> = { ANY: 'x-amazon-apigateway-any-method' };
const LOCATION_IN: Record<string, string> = { path: 'path', querystring: 'query', header: 'header' };

export function exportDefinition(deployment: DeploymentRecord, stageName: string, region: string, opts: ExportOptions): Json {
  const { api, resources, models, authorizers, requestValidators, gatewayResponses } = deployment.snapshot;
  const ref = (name: string) => (opts.oas3 ? `#/components/schemas/${name}` : `#/definitions/${name}`);
  const authorizerById = new Map(Object.values(authorizers).map((a) => [a.id, a]));
  const validatorById = new Map(Object.values(requestValidators).map((v) => [v.id, v]));
  const securitySchemes: Json = {};
  const paths: Json = {};

  for (const resource of [...resources].sort((a, b) => a.path.localeCompare(b.path))) {
    const verbs = Object.entries(resource.resourceMethods);
    if (!verbs.length) continue;
    const item: Json = (paths[resource.path] = {});
    for (const [verb, method] of verbs) {
      const op: Json = {};
      if (method.operationName) op.operationId = method.operationName;
      const parameters = Object.entries(method.requestParameters ?? {}).flatMap(([key, required]) => {
        const m = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(key);
        if (!m) return [];
        const p: Json = { name: m[2], in: LOCATION_IN[m[1]], required: m[1] === 'path' || required };
        if (opts.oas3) p.schema = { type: 'string' };
        else p.type = 'string';
        return [p];
      });
      const bodyModels = Object.entries(method.requestModels ?? {});
      if (bodyModels.length && opts.oas3) {
        op.requestBody = { content: Object.fromEntries(bodyModels.map(([type, name]) => [type, { schema: { $ref: ref(name) } }])), required: true };
      } else if (bodyModels.length) {
        op.consumes = bodyModels.map(([type]) => type);
        parameters.push({ in: 'body', name: bodyModels[0][1], required: true, schema: { $ref: ref(bodyModels[0][1]) } });
      }
      if (parameters.length) op.parameters = parameters;
      op.responses = exportResponses(method, opts.oas3, ref, op);
      const security = securityOf(method, authorizerById, securitySchemes, opts);
      if (security.length) op.security = security;
      const validator = method.requestValidatorId && validatorById.get(method.requestValidatorId);
      if (validator && opts.apigateway) op['x-amazon-apigateway-request-validator'] = validator.name;
      if (method.methodIntegration && opts.integrations) op['x-amazon-apigateway-integration'] = exportIntegration(method.methodIntegration);
      item[VERB_KEY[verb] ?? verb.toLowerCase()] = op;
    }
  }

  const schemas = Object.fromEntries(Object.values(models).map((m) => [m.name, exportSchema(m.schema, ref)]));
  const version = api.version ?? deployment.createdDate.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const info = Object.assign({}, api.description ? { description: api.description } : {}, { version, title: api.name });
  const host = `${api.id}.execute-api.${region}.amazonaws.com`;
  const doc: Json = opts.oas3
    ? { openapi: '3.0.1', info, servers: [{ url: `https://${host}/{basePath}`, variables: { basePath: { default: stageName } } }], paths }
    : { swagger: '2.0', info, host, basePath: `/${stageName}`, schemes: ['https'], paths };
  if (opts.oas3) doc.components = Object.assign({}, Object.keys(schemas).length ? { schemas } : {}, Object.keys(securitySchemes).length ? { securitySchemes } : {});
  else {
    if (Object.keys(securitySchemes).length) doc.securityDefinitions = securitySchemes;
    if (Object.keys(schemas).length) doc.definitions = schemas;
  }
  if (opts.apigateway) {
    const validators = Object.values(requestValidators);
    if (validators.length) {
      doc['x-amazon-apigateway-request-validators'] = Object.fromEntries(
        validators.map((v) => [v.name, { validateRequestBody: v.validateRequestBody ?? false, validateRequestParameters: v.validateRequestParameters ?? false }]),
      );
    }
    const responses = Object.values(gatewayResponses);
    if (responses.length) {
      doc['x-amazon-apigateway-gateway-responses'] = Object.fromEntries(
        responses.map((r) => [r!.responseType, defined({ statusCode: r!.statusCode, responseParameters: r!.responseParameters, responseTemplates: r!.responseTemplates })]),
      );
    }
    if (api.binaryMediaTypes?.length) doc['x-amazon-apigateway-binary-media-types'] = api.binaryMediaTypes;
    // The default source (HEADER) is left out, as AWS exports it (test_apigateway_extended.snapshot.json).
    if (api.apiKeySource && api.apiKeySource !== 'HEADER') doc['x-amazon-apigateway-api-key-source'] = api.apiKeySource;
    if (api.policy) doc['x-amazon-apigateway-policy'] = parseOr(api.policy);
  }
  return doc;
}

function exportResponses(method: T.Method, oas3: boolean, ref: (n: string) => string, op: Json): Json {
  const out: Json = {};
  for (const [code, r] of Object.entries(method.methodResponses ?? {})) {
    const response: Json = { description: `${code} response` };
    const headers = Object.keys(r.responseParameters ?? {})
      .map((k) => /^method\.response\.header\.(.+)$/.exec(k)?.[1])
      .filter((h): h is string => Boolean(h));
    if (headers.length) response.headers = Object.fromEntries(headers.map((h) => [h, oas3 ? { schema: { type: 'string' } } : { type: 'string' }]));
    const models = Object.entries(r.responseModels ?? {});
    // An OpenAPI 3 response without models has an empty content map, as AWS exports it.
    if (oas3) response.content = Object.fromEntries(models.map(([type, name]) => [type, { schema: { $ref: ref(name) } }]));
    else if (models.length) {
      op.produces = models.map(([type]) => type);
      response.schema = { $ref: ref(models[0][1]) };
    }
    out[code] = response;
  }
  return out;
}

function securityOf(method: T.Method, authorizers: Map<string, T.Authorizer & { id: string }>, schemes: Json, opts: ExportOptions): Json[] {
  const security: Json[] = [];
  if (method.apiKeyRequired) {
    schemes.api_key = { type: 'apiKey', name: 'x-api-key', in: 'header' };
    security.push({ api_key: [] });
  }
  if (method.authorizationType === 'AWS_IAM') {
    schemes.sigv4 = { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' };
    security.push({ sigv4: [] });
  }
  const authorizer = method.authorizerId ? authorizers.get(method.authorizerId) : undefined;
  if (authorizer?.name) {
    const header = /^method\.request\.header\.([^,\s]+)$/.exec(authorizer.identitySource ?? '')?.[1] ?? 'Unused';
    const scheme: Json = { type: 'apiKey', name: header, in: 'header', 'x-amazon-apigateway-authtype': authorizer.authType ?? (authorizer.type === 'COGNITO_USER_POOLS' ? 'cognito_user_pools' : 'custom') };
    if (opts.authorizers) {
      scheme['x-amazon-apigateway-authorizer'] = defined({
        type: authorizer.type?.toLowerCase(),
        authorizerUri: authorizer.authorizerUri,
        authorizerCredentials: authorizer.authorizerCredentials,
        identitySource: authorizer.identitySource,
        identityValidationExpression: authorizer.identityValidationExpression,
        authorizerResultTtlInSeconds: authorizer.authorizerResultTtlInSeconds,
        providerARNs: authorizer.providerARNs,
      });
    }
    schemes[authorizer.name] = scheme;
    security.push({ [authorizer.name]: method.authorizationScopes ?? [] });
  }
  return security;
}

function exportIntegration(integration: T.Integration): Json {
  const responses = Object.fromEntries(
    Object.values(integration.integrationResponses ?? {}).map((r) => [
      r.selectionPattern ?? 'default',
      defined({ statusCode: r.statusCode, responseParameters: r.responseParameters, responseTemplates: r.responseTemplates, contentHandling: r.contentHandling }),
    ]),
  );
  return defined({
    type: integration.type?.toLowerCase(),
    httpMethod: integration.httpMethod,
    uri: integration.uri,
    credentials: integration.credentials,
    // Defaults are left out, as AWS exports them (test_apigateway_extended.snapshot.json).
    connectionType: integration.connectionType === 'INTERNET' ? undefined : integration.connectionType,
    connectionId: integration.connectionId,
    requestParameters: integration.requestParameters,
    requestTemplates: integration.requestTemplates,
    responses: Object.keys(responses).length ? responses : undefined,
    passthroughBehavior: integration.passthroughBehavior?.toLowerCase(),
    contentHandling: integration.contentHandling,
    timeoutInMillis: integration.timeoutInMillis === 29000 ? undefined : integration.timeoutInMillis,
    cacheNamespace: integration.cacheKeyParameters?.length ? integration.cacheNamespace : undefined,
    cacheKeyParameters: integration.cacheKeyParameters?.length ? integration.cacheKeyParameters : undefined,
    tlsConfig: integration.tlsConfig,
  });
}

/** A stored model schema with API Gateway model URLs turned back into local refs. */
function exportSchema(schema: string | undefined, ref: (name: string) => string): Json {
  const parsed = parseOr(schema ?? '{}');
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (!v || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v as Json)
        .filter(([k]) => k !== '$schema')
        .map(([k, x]) => {
          const m = k === '$ref' && typeof x === 'string' ? /\/restapis\/[^/]+\/models\/([^/]+)$/.exec(x) : null;
          return [k, m ? ref(m[1]) : rewrite(x)];
        }),
    );
  };
  return rewrite(parsed) as Json;
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function defined(obj: Json): Json {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}
