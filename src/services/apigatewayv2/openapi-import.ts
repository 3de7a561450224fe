// Reading an OpenAPI 3.0 definition (JSON or YAML) into an HTTP API's configuration, as ImportApi
// and ReimportApi do: info -> name, description and version; x-amazon-apigateway-cors ->
// CORS; security schemes with x-amazon-apigateway-authorizer -> JWT and REQUEST authorizers
// (x-amazon-apigateway-authtype awsSigv4 -> AWS_IAM routes); every path + verb -> a route
// ("$default" and x-amazon-apigateway-any-method included) with its
// x-amazon-apigateway-integration, and the integrations under components ->
// x-amazon-apigateway-integrations. Whatever is ignored becomes a warning.
import { isScalar, parseDocument, type Document } from 'yaml';
import { badRequest } from '../../protocol/errors.ts';
import type { Authorizer, Cors, Integration, Route } from '../../models/apigatewayv2.types.ts';
import { validateAuthorizer } from './authorizers.ts';
import { ids } from './common.ts';
import { corsFromExtension } from './openapi-cors.ts';
import { addIntegration } from './integrations.ts';
import { addRoute } from './routes.ts';
import type { ApiRecord } from './store.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const EXT = 'x-amazon-apigateway-';
const VERBS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

export interface ApiDefinition {
  name: string;
  description?: string;
  version?: string;
  cors?: Cors;
  /** Fills an API's (empty) routes, integrations and authorizers; returns the warnings. */
  build(record: ApiRecord): string[];
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseDefinition(body: string, basepath: string | undefined): ApiDefinition {
  let doc: unknown;
  let parsed: Document;
  try {
    // YAML 1.2 is a superset of JSON: one parser reads both forms of a definition.
    parsed = parseDocument(body);
    if (parsed.errors.length) throw parsed.errors[0];
    doc = parsed.toJS();
  } catch (err) {
    throw badRequest(`Invalid OpenAPI input: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!isObject(doc) || typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.0')) {
    throw badRequest('Invalid OpenAPI input: HTTP APIs import OpenAPI 3.0 definitions ("openapi": "3.0.x")');
  }
  const info = isObject(doc.info) ? doc.info : {};
  if (typeof info.title !== 'string' || !info.title) throw badRequest('Invalid OpenAPI input: info.title (the API name) is required');
  if (basepath !== undefined && !['ignore', 'prepend', 'split'].includes(basepath)) {
    throw badRequest(`Invalid basepath value: ${basepath}. Valid values are ignore, prepend and split`);
  }
  return {
    name: info.title,
    description: typeof info.description === 'string' ? info.description : undefined,
    version: versionText(parsed, info.version),
    cors: isObject(doc[`${EXT}cors`]) ? corsFromExtension(doc[`${EXT}cors`]) : undefined,
    build: (record) => build(doc as Json, record, pathPrefix(doc as Json, basepath ?? 'ignore')),
  };
}

/** info.version as written: a YAML number (`version: 2.0`) keeps its text, as AWS keeps it. */
function versionText(parsed: Document, version: unknown): string | undefined {
  if (typeof version === 'string') return version;
  const node = parsed.getIn(['info', 'version'], true);
  return isScalar(node) && typeof node.source === 'string' ? node.source : version === undefined || version === null ? undefined : String(version);
}

/** Response schemas that name a model the document does not define, worded as AWS words
 * the warning ("Parse issue: attribute paths.'/p'(get).responses.200.content.schema.#/components/schemas/X is missing"). */
function missingSchemas(op: Json, at: string, components: Json): string[] {
  const schemas: Json = isObject(components.schemas) ? components.schemas : {};
  const warnings: string[] = [];
  for (const [status, response] of Object.entries(isObject(op.responses) ? op.responses : {})) {
    if (!isObject(response) || !isObject(response.content)) continue;
    for (const media of Object.values(response.content)) {
      const ref = isObject(media) && isObject(media.schema) ? media.schema.$ref : undefined;
      if (typeof ref !== 'string') continue;
      const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
      if (!name || !isObject(schemas[name])) warnings.push(`Parse issue: attribute ${at}.responses.${status}.content.schema.${ref} is missing`);
    }
  }
  return warnings;
}

/** The base path of servers[0] (variables at their defaults), as the basepath mode wants it:
 * ignore -> nothing, prepend -> all of it, split -> all but its first segment. */
function pathPrefix(doc: Json, mode: string): string {
  if (mode === 'ignore') return '';
  const server = Array.isArray(doc.servers) && isObject(doc.servers[0]) ? doc.servers[0] : undefined;
  if (typeof server?.url !== 'string') return '';
  const variables: Json = isObject(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{([^}]+)\}/g, (_: string, name: string) => String(variables[name]?.default ?? ''));
  const path = url.replace(/^[a-z]+:\/\/[^/]*/i, '');
  const segments = path.split('/').filter(Boolean);
  return `/${(mode === 'split' ? segments.slice(1) : segments).join('/')}`.replace(/^\/$/, '');
}

function build(doc: Json, record: ApiRecord, prefix: string): string[] {
  const warnings: string[] = [];
  const components: Json = isObject(doc.components) ? doc.components : {};
  const schemes: Json = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const authorizerIds = new Map<string, string>();
  const iamSchemes = new Set<string>();
  for (const [name, scheme] of Object.entries(schemes)) {
    if (!isObject(scheme)) continue;
    if (scheme[`${EXT}authtype`] === 'awsSigv4') iamSchemes.add(name);
    else if (isObject(scheme[`${EXT}authorizer`])) authorizerIds.set(name, addAuthorizer(record, name, scheme[`${EXT}authorizer`]));
    else warnings.push(`Unsupported security scheme ${name}: it has no ${EXT}authorizer; ignored`);
  }

  const named: Json = isObject(components[`${EXT}integrations`]) ? components[`${EXT}integrations`] : {};
  const integrationIds = new Map<string, string>();
  const integrationOf = (value: unknown): string => {
    if (isObject(value) && typeof value.$ref === 'string') {
      const name = /^#\/components\/x-amazon-apigateway-integrations\/(.+)$/.exec(value.$ref)?.[1];
      if (!name || !isObject(named[name])) throw badRequest(`Invalid OpenAPI input: unresolved integration reference ${value.$ref}`);
      let id = integrationIds.get(name);
      if (!id) integrationIds.set(name, (id = addIntegration(record, integration(named[name])).IntegrationId));
      return id;
    }
    if (!isObject(value)) throw badRequest(`Invalid OpenAPI input: ${EXT}integration must be an object`);
    return addIntegration(record, integration(value)).IntegrationId;
  };

  const paths: Json = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [key, op] of Object.entries(item)) {
      const verb = key === `${EXT}any-method` ? 'ANY' : VERBS.includes(key) ? key.toUpperCase() : undefined;
      if (!verb) {
        if (key !== 'parameters' && key !== 'summary' && key !== 'description' && key !== 'servers') warnings.push(`Unsupported member ${key} of path ${path}; ignored`);
        continue;
      }
      if (!isObject(op)) continue;
      warnings.push(...missingSchemas(op, `paths.'${path}'(${key})`, components));
      const routeKey = path === '$default' ? '$default' : `${verb} ${prefix}${path}`;
      const route: Route = { RouteKey: routeKey };
      if (op[`${EXT}integration`] !== undefined) route.Target = `integrations/${integrationOf(op[`${EXT}integration`])}`;
      Object.assign(route, authorization(op.security ?? doc.security, authorizerIds, iamSchemes, record, routeKey, warnings));
      addRoute(record, route);
    }
  }
  // Integrations no route names are imported too (they are exported that way).
  for (const [name, value] of Object.entries(named)) {
    if (!integrationIds.has(name) && isObject(value)) integrationIds.set(name, addIntegration(record, integration(value)).IntegrationId);
  }
  return warnings;
}

function integration(x: Json): Integration {
  const out: Integration = { IntegrationType: typeof x.type === 'string' ? x.type.toUpperCase() : x.type };
  const copy: Array<[string, keyof Integration]> = [
    ['uri', 'IntegrationUri'],
    ['httpMethod', 'IntegrationMethod'],
    ['payloadFormatVersion', 'PayloadFormatVersion'],
    ['connectionType', 'ConnectionType'],
    ['connectionId', 'ConnectionId'],
    ['credentials', 'CredentialsArn'],
    ['integrationSubtype', 'IntegrationSubtype'],
    ['requestParameters', 'RequestParameters'],
    ['responseParameters', 'ResponseParameters'],
    ['timeoutInMillis', 'TimeoutInMillis'],
    ['description', 'Description'],
  ];
  for (const [from, to] of copy) if (x[from] !== undefined) (out as Json)[to] = x[from];
  if (isObject(x.tlsConfig) && typeof x.tlsConfig.serverNameToVerify === 'string') out.TlsConfig = { ServerNameToVerify: x.tlsConfig.serverNameToVerify };
  return out;
}

function addAuthorizer(record: ApiRecord, name: string, x: Json): string {
  const type = typeof x.type === 'string' ? x.type.toLowerCase() : '';
  if (type !== 'jwt' && type !== 'request') throw badRequest(`Invalid OpenAPI input: unsupported authorizer type ${x.type} for ${name}`);
  // A comma-separated string as the extension documents it, or a list as SAM writes it.
  const sources: unknown[] | undefined = typeof x.identitySource === 'string' ? x.identitySource.split(',') : Array.isArray(x.identitySource) ? x.identitySource : undefined;
  const identity = sources?.filter((s): s is string => typeof s === 'string').map((s) => s.trim()).filter(Boolean);
  const authorizer: Authorizer & { AuthorizerId: string } = { AuthorizerId: ids.short(), Name: name, AuthorizerType: type === 'jwt' ? 'JWT' : 'REQUEST' };
  if (type === 'jwt') {
    authorizer.IdentitySource = identity ?? ['$request.header.Authorization'];
    const jwt: Json = isObject(x.jwtConfiguration) ? x.jwtConfiguration : {};
    authorizer.JwtConfiguration = { Audience: jwt.audience, Issuer: jwt.issuer };
  } else {
    authorizer.IdentitySource = identity;
    authorizer.AuthorizerUri = x.authorizerUri;
    authorizer.AuthorizerPayloadFormatVersion = x.authorizerPayloadFormatVersion;
    authorizer.AuthorizerResultTtlInSeconds = x.authorizerResultTtlInSeconds ?? 0;
    if (x.enableSimpleResponses !== undefined) authorizer.EnableSimpleResponses = x.enableSimpleResponses;
    if (x.authorizerCredentials !== undefined) authorizer.AuthorizerCredentialsArn = x.authorizerCredentials;
  }
  validateAuthorizer('HTTP', authorizer);
  record.authorizers.set(authorizer.AuthorizerId, authorizer);
  return authorizer.AuthorizerId;
}

/** The route's authorization from its first security requirement. */
function authorization(security: unknown, authorizers: Map<string, string>, iam: Set<string>, record: ApiRecord, routeKey: string, warnings: string[]): Partial<Route> {
  if (!Array.isArray(security) || !isObject(security[0])) return {};
  const [name, scopes] = Object.entries(security[0])[0] ?? [];
  if (name === undefined) return {};
  if (security.length > 1) warnings.push(`Route ${routeKey}: only the first security requirement is used`);
  if (iam.has(name)) return { AuthorizationType: 'AWS_IAM' };
  const id = authorizers.get(name);
  // AWS imports such a route without authorization (SAM writes `security: [{NONE: []}]` for
  // a route that opts out of a default authorizer, and those templates deploy), with a warning.
  if (!id) {
    warnings.push(`Route ${routeKey}: security scheme ${name} is not defined; the route has no authorization`);
    return {};
  }
  if (record.authorizers.get(id)!.AuthorizerType === 'REQUEST') return { AuthorizationType: 'CUSTOM', AuthorizerId: id };
  return { AuthorizationType: 'JWT', AuthorizerId: id, ...(Array.isArray(scopes) && scopes.length ? { AuthorizationScopes: scopes } : {}) };
}
