// Applying a parsed OpenAPI definition to a REST API record: models, authorizers (security
// schemes with x-amazon-apigateway-authorizer), request validators, gateway responses, the
// resource tree and each method with its responses and x-amazon-apigateway-integration.
// Problems that do not stop the import are collected as warnings (failonwarnings=true
// turns them into a BadRequestException).
import { badRequest } from '../../protocol/errors.ts';
import type * as T from '../../models/apigateway.types.ts';
import { checkAuthorizer } from './authorizers.ts';
import { isResponseType } from './gateway-responses.ts';
import { checkIntegration } from './integrations.ts';
import { newShortId } from './ids.ts';
import { compact } from './lookup.ts';
import { modelSchema, refName, type Definition, type Json, type OperationEntry } from './openapi-doc.ts';
import type { ResourceRecord, RestApiRecord } from './store.ts';

const PLAIN_PART = /^[a-zA-Z0-9._-]+$/;
const VARIABLE_PART = /^\{[a-zA-Z0-9._-]+\+?\}$/;
const PARAM_LOCATION: Record<string, string> = { path: 'path', query: 'querystring', header: 'header' };

const upper = (v: unknown) => (typeof v === 'string' ? v.toUpperCase() : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
const strMap = (v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Json).map(([k, x]) => [k, String(x)])) : undefined;

/** The API-level settings a definition carries. */
export function apiSettings(def: Definition): Partial<T.RestApi> {
  const doc = def.doc;
  const policy = doc['x-amazon-apigateway-policy'];
  const endpoint = doc['x-amazon-apigateway-endpoint-configuration'];
  return compact({
    name: str(doc.info?.title),
    description: str(doc.info?.description),
    version: doc.info?.version !== undefined ? String(doc.info.version) : undefined,
    binaryMediaTypes: Array.isArray(doc['x-amazon-apigateway-binary-media-types']) ? doc['x-amazon-apigateway-binary-media-types'].map(String) : undefined,
    apiKeySource: upper(doc['x-amazon-apigateway-api-key-source']) as T.ApiKeySourceType | undefined,
    policy: policy === undefined ? undefined : typeof policy === 'string' ? policy : JSON.stringify(policy),
    minimumCompressionSize: num(doc['x-amazon-apigateway-minimum-compression-size']),
    disableExecuteApiEndpoint: typeof endpoint?.disableExecuteApiEndpoint === 'boolean' ? endpoint.disableExecuteApiEndpoint : undefined,
  });
}

/** Applies `def` to `record`. "overwrite" starts from an empty API (ids of stages and
 * deployments are kept); "merge" adds to it, replacing same-named parts and same path+verb
 * methods. Returns the warnings. */
export function applyDefinition(record: RestApiRecord, def: Definition, mode: 'overwrite' | 'merge'): string[] {
  const warnings: string[] = [];
  const restApiId = record.api.id;
  if (mode === 'overwrite') {
    const root = record.resources.get(record.api.rootResourceId)!;
    root.resourceMethods = {};
    record.resources = new Map([[root.id, root]]);
    record.authorizers = new Map();
    record.requestValidators = new Map();
    record.gatewayResponses = new Map();
    record.models = new Map([...record.models].filter(([name]) => name === 'Empty' || name === 'Error'));
  }
  for (const [name, schema] of Object.entries(def.schemas)) {
    if (!/^[a-zA-Z0-9]+$/.test(name)) {
      warnings.push(`Unable to create model '${name}': model names must be alphanumeric`);
      continue;
    }
    const existing = record.models.get(name);
    record.models.set(name, compact({ id: existing?.id ?? newShortId(), name, description: str(schema.description), schema: modelSchema(schema, restApiId), contentType: 'application/json' }));
  }
  const authorizerIds = importAuthorizers(record, def);
  const validatorIds = importValidators(record, def.doc['x-amazon-apigateway-request-validators']);
  importGatewayResponses(record, def.doc['x-amazon-apigateway-gateway-responses'], warnings);
  const defaultValidator = str(def.doc['x-amazon-apigateway-request-validator']);
  for (const entry of def.operations) {
    const resource = ensureResource(record, entry.path);
    const method = buildMethod(def, entry, authorizerIds, validatorIds, defaultValidator, record, warnings);
    if (method.methodIntegration) method.methodIntegration.cacheNamespace ??= resource.id;
    resource.resourceMethods[entry.verb] = method;
  }
  return warnings;
}

function importAuthorizers(record: RestApiRecord, def: Definition): Map<string, T.Authorizer & { id: string }> {
  const byScheme = new Map<string, T.Authorizer & { id: string }>();
  for (const [name, scheme] of Object.entries(def.securitySchemes)) {
    const ext = scheme['x-amazon-apigateway-authorizer'];
    if (!ext || typeof ext !== 'object') continue;
    const type = (upper(ext.type) ?? 'TOKEN') as T.AuthorizerType;
    const existing = [...record.authorizers.values()].find((a) => a.name === name);
    const headerSource = scheme.in === 'header' && typeof scheme.name === 'string' ? `method.request.header.${scheme.name}` : undefined;
    const authorizer = compact({
      id: existing?.id ?? newShortId(),
      name,
      type,
      authType: str(scheme['x-amazon-apigateway-authtype']),
      authorizerUri: str(ext.authorizerUri),
      authorizerCredentials: str(ext.authorizerCredentials),
      identitySource: str(ext.identitySource) ?? (type === 'REQUEST' ? undefined : headerSource),
      identityValidationExpression: str(ext.identityValidationExpression),
      // Left out when the definition gives none, as AWS leaves it (the data plane caches 300 s).
      authorizerResultTtlInSeconds: num(ext.authorizerResultTtlInSeconds),
      providerARNs: Array.isArray(ext.providerARNs) ? ext.providerARNs.map(String) : undefined,
    });
    checkAuthorizer(authorizer);
    record.authorizers.set(authorizer.id, authorizer);
    byScheme.set(name, authorizer);
  }
  return byScheme;
}

function importValidators(record: RestApiRecord, ext: unknown): Map<string, string> {
  const ids = new Map<string, string>();
  for (const v of record.requestValidators.values()) if (v.name) ids.set(v.name, v.id);
  if (!ext || typeof ext !== 'object') return ids;
  for (const [name, v] of Object.entries(ext as Json)) {
    const id = ids.get(name) ?? newShortId();
    record.requestValidators.set(id, { id, name, validateRequestBody: v?.validateRequestBody === true, validateRequestParameters: v?.validateRequestParameters === true });
    ids.set(name, id);
  }
  return ids;
}

function importGatewayResponses(record: RestApiRecord, ext: unknown, warnings: string[]) {
  if (!ext || typeof ext !== 'object') return;
  for (const [type, r] of Object.entries(ext as Json)) {
    if (!isResponseType(type)) {
      warnings.push(`Invalid gateway response type: ${type}`);
      continue;
    }
    record.gatewayResponses.set(
      type,
      compact({ responseType: type, statusCode: r?.statusCode !== undefined ? String(r.statusCode) : undefined, responseParameters: strMap(r?.responseParameters), responseTemplates: strMap(r?.responseTemplates), defaultResponse: false }),
    );
  }
}

/** Finds or creates the resources along `path`. */
function ensureResource(record: RestApiRecord, path: string): ResourceRecord {
  let current = record.resources.get(record.api.rootResourceId)!;
  for (const part of path.split('/').filter(Boolean)) {
    if (!PLAIN_PART.test(part) && !VARIABLE_PART.test(part)) throw badRequest(`Invalid resource path specified: ${path}`);
    let child = [...record.resources.values()].find((r) => r.parentId === current.id && r.pathPart === part);
    if (!child) {
      child = { id: newShortId(), parentId: current.id, pathPart: part, path: `${current.path === '/' ? '' : current.path}/${part}`, resourceMethods: {} };
      record.resources.set(child.id, child);
    }
    current = child;
  }
  return current;
}

function buildMethod(
  def: Definition,
  entry: OperationEntry,
  authorizers: Map<string, T.Authorizer & { id: string }>,
  validators: Map<string, string>,
  defaultValidator: string | undefined,
  record: RestApiRecord,
  warnings: string[],
): T.Method {
  const { op, verb } = entry;
  const requestParameters: Record<string, boolean> = {};
  const requestModels: Record<string, string> = {};
  const own = Array.isArray(op.parameters) ? op.parameters : [];
  for (const p of [...entry.pathParameters, ...own]) {
    if (!p || typeof p !== 'object') continue;
    const location = PARAM_LOCATION[p.in];
    if (location) requestParameters[`method.request.${location}.${p.name}`] = p.in === 'path' || p.required === true;
    else if (p.in === 'body') {
      const model = refName(p.schema?.$ref);
      const types: string[] = Array.isArray(op.consumes) ? op.consumes : Array.isArray(def.doc.consumes) ? def.doc.consumes : ['application/json'];
      if (model) for (const type of types) requestModels[type] = model;
    }
  }
  for (const [type, media] of Object.entries((op.requestBody?.content ?? {}) as Json)) {
    const model = refName(media?.schema?.$ref);
    if (model) requestModels[type] = model;
  }
  for (const model of Object.values(requestModels)) if (!record.models.has(model)) warnings.push(`Unable to find model '${model}' referenced by ${verb} ${entry.path}`);

  const method: T.Method = compact({
    httpMethod: verb,
    authorizationType: 'NONE',
    apiKeyRequired: false,
    operationName: str(op.operationId),
    requestParameters: Object.keys(requestParameters).length ? requestParameters : undefined,
    requestModels: Object.keys(requestModels).length ? requestModels : undefined,
    methodResponses: methodResponses(def, op),
  });
  applySecurity(def, op.security ?? def.doc.security, authorizers, method, warnings, `${verb} ${entry.path}`);
  const validator = str(op['x-amazon-apigateway-request-validator']) ?? defaultValidator;
  if (validator) {
    const id = validators.get(validator);
    if (id) method.requestValidatorId = id;
    else warnings.push(`Unable to find request validator '${validator}' for ${verb} ${entry.path}`);
  }
  const integration = op['x-amazon-apigateway-integration'];
  if (integration && typeof integration === 'object') method.methodIntegration = buildIntegration(integration);
  return method;
}

function methodResponses(def: Definition, op: Json): Record<string, T.MethodResponse> | undefined {
  const out: Record<string, T.MethodResponse> = {};
  for (const [code, r] of Object.entries((op.responses ?? {}) as Json)) {
    if (!/^[1-5]\d\d$/.test(code) || !r || typeof r !== 'object') continue;
    const headers = Object.keys(r.headers ?? {});
    const models: Record<string, string> = {};
    if (def.oas3) {
      for (const [type, media] of Object.entries((r.content ?? {}) as Json)) {
        const model = refName(media?.schema?.$ref);
        if (model) models[type] = model;
      }
    } else {
      const model = refName(r.schema?.$ref);
      const types: string[] = Array.isArray(op.produces) ? op.produces : Array.isArray(def.doc.produces) ? def.doc.produces : ['application/json'];
      if (model) for (const type of types) models[type] = model;
    }
    out[code] = compact({
      statusCode: code,
      responseParameters: headers.length ? Object.fromEntries(headers.map((h) => [`method.response.header.${h}`, false])) : undefined,
      responseModels: Object.keys(models).length ? models : undefined,
    });
  }
  return Object.keys(out).length ? out : undefined;
}

/** Security requirements: a scheme with an authorizer makes the method CUSTOM (or
 * COGNITO_USER_POOLS, with the requirement's scopes); awsSigv4 makes it AWS_IAM; an apiKey
 * scheme named x-api-key makes the API key required. */
function applySecurity(def: Definition, security: unknown, authorizers: Map<string, T.Authorizer & { id: string }>, method: T.Method, warnings: string[], where: string) {
  if (!Array.isArray(security)) return;
  for (const requirement of security) {
    if (!requirement || typeof requirement !== 'object') continue;
    for (const [name, scopes] of Object.entries(requirement as Json)) {
      const scheme = def.securitySchemes[name];
      if (!scheme) {
        warnings.push(`Unable to find security scheme '${name}' for ${where}`);
        continue;
      }
      const authorizer = authorizers.get(name);
      if (authorizer) {
        method.authorizationType = authorizer.type === 'COGNITO_USER_POOLS' ? 'COGNITO_USER_POOLS' : 'CUSTOM';
        method.authorizerId = authorizer.id;
        if (authorizer.type === 'COGNITO_USER_POOLS' && Array.isArray(scopes) && scopes.length) method.authorizationScopes = scopes.map(String);
      } else if (String(scheme['x-amazon-apigateway-authtype']).toLowerCase() === 'awssigv4') {
        method.authorizationType = 'AWS_IAM';
      } else if (scheme.type === 'apiKey' && String(scheme.name).toLowerCase() === 'x-api-key') {
        method.apiKeyRequired = true;
      }
    }
  }
}

function buildIntegration(ext: Json): T.Integration {
  const responses: Record<string, T.IntegrationResponse> = {};
  for (const [pattern, r] of Object.entries((ext.responses ?? {}) as Json)) {
    if (!r || typeof r !== 'object' || r.statusCode === undefined) continue;
    const statusCode = String(r.statusCode);
    responses[statusCode] = compact({
      statusCode,
      selectionPattern: pattern === 'default' ? undefined : pattern,
      responseParameters: strMap(r.responseParameters),
      responseTemplates: strMap(r.responseTemplates),
      contentHandling: upper(r.contentHandling) as T.ContentHandlingStrategy | undefined,
    });
  }
  const type = upper(ext.type) as T.IntegrationType;
  const integration: T.Integration = compact({
    type,
    httpMethod: upper(ext.httpMethod),
    uri: str(ext.uri),
    connectionType: (upper(ext.connectionType) ?? (type === 'HTTP' || type === 'HTTP_PROXY' ? 'INTERNET' : undefined)) as T.ConnectionType | undefined,
    connectionId: str(ext.connectionId),
    credentials: str(ext.credentials),
    requestParameters: strMap(ext.requestParameters),
    requestTemplates: strMap(ext.requestTemplates),
    passthroughBehavior: upper(ext.passthroughBehavior) ?? 'WHEN_NO_MATCH',
    contentHandling: upper(ext.contentHandling) as T.ContentHandlingStrategy | undefined,
    timeoutInMillis: num(ext.timeoutInMillis) ?? 29000,
    cacheNamespace: str(ext.cacheNamespace),
    cacheKeyParameters: Array.isArray(ext.cacheKeyParameters) ? ext.cacheKeyParameters.map(String) : [],
    tlsConfig: ext.tlsConfig && typeof ext.tlsConfig === 'object' ? { insecureSkipVerification: ext.tlsConfig.insecureSkipVerification === true } : undefined,
    integrationResponses: Object.keys(responses).length ? responses : undefined,
  });
  checkIntegration(integration);
  return integration;
}
