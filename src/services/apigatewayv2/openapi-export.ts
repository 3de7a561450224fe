// The OpenAPI 3.0 document API Gateway exports for an HTTP API (ExportApi): one path item
// per route path, one operation per route ("x-amazon-apigateway-any-method" for ANY, the
// path "$default" for the $default route), its integration as x-amazon-apigateway-integration,
// authorizers as security schemes, CORS as x-amazon-apigateway-cors and integrations no route
// uses under components as "unusedIntegration_{id}". Member names and order follow the
// documents API Gateway exports.
import type { Authorizer, Integration, Route } from '../../models/apigatewayv2.types.ts';
import type { ApiSnapshot } from './store.ts';
import { corsExtension } from './openapi-cors.ts';

type Json = Record<string, unknown>;

export interface ExportOptions {
  /** ApiEndpoint of the API (the servers entry's URL is it plus "/{basePath}"). */
  endpoint: string;
  region: string;
  /** The stage exported, or undefined for the draft configuration. */
  stageName?: string;
  includeExtensions: boolean;
}

const EXTENSION = 'x-amazon-apigateway-';
const ANY_METHOD = `${EXTENSION}any-method`;

export function exportOpenApi(snapshot: ApiSnapshot, opts: ExportOptions): Json {
  const { api } = snapshot;
  const info: Json = { title: api.Name };
  if (api.Description) info.description = api.Description;
  info.version = api.Version ?? exportTimestamp(api.CreatedDate);
  const basePath = opts.stageName === undefined || opts.stageName === '$default' ? '' : opts.stageName;
  const doc: Json = {
    openapi: '3.0.1',
    info,
    servers: [{ url: `${opts.endpoint}/{basePath}`, variables: { basePath: { default: basePath } } }],
    paths: paths(snapshot, opts.region),
  };
  const components: Json = {};
  const schemes = securitySchemes(snapshot);
  if (Object.keys(schemes).length) components.securitySchemes = schemes;
  const used = new Set(snapshot.routes.map((r) => integrationId(r)).filter((id) => id !== undefined));
  const unused: Json = {};
  for (const [id, integration] of snapshot.integrations) {
    if (!used.has(id)) unused[`unusedIntegration_${id}`] = integrationExtension(integration, opts.region);
  }
  if (Object.keys(unused).length) components[`${EXTENSION}integrations`] = unused;
  if (Object.keys(components).length) doc.components = components;
  if (api.CorsConfiguration) doc[`${EXTENSION}cors`] = corsExtension(api.CorsConfiguration);
  doc[`${EXTENSION}importexport-version`] = '1.0';
  return opts.includeExtensions ? doc : (withoutExtensions(doc) as Json);
}

/** "2024-06-03 15:47:17UTC", the form of info.version in API Gateway's exports. */
function exportTimestamp(date: Date | undefined): string {
  return `${(date ?? new Date()).toISOString().slice(0, 19).replace('T', ' ')}UTC`;
}

function integrationId(route: Route): string | undefined {
  return route.Target?.startsWith('integrations/') ? route.Target.slice('integrations/'.length) : undefined;
}

function paths(snapshot: ApiSnapshot, region: string): Json {
  const out: Record<string, Json> = {};
  for (const route of snapshot.routes) {
    const space = route.RouteKey.indexOf(' ');
    const path = space === -1 ? route.RouteKey : route.RouteKey.slice(space + 1);
    const method = space === -1 ? 'ANY' : route.RouteKey.slice(0, space);
    const item = (out[path] ??= {});
    item[method === 'ANY' ? ANY_METHOD : method.toLowerCase()] = operation(route, snapshot, region);
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    if (names.length) {
      item.parameters = names.map((name) => ({
        name,
        in: 'path',
        description: `Generated path parameter for ${name}`,
        required: true,
        schema: { type: 'string' },
      }));
    }
  }
  return out;
}

function operation(route: Route, snapshot: ApiSnapshot, region: string): Json {
  const op: Json = { responses: { default: { description: `Default response for ${route.RouteKey}` } } };
  const type = route.AuthorizationType ?? 'NONE';
  const authorizer = route.AuthorizerId ? snapshot.authorizers.get(route.AuthorizerId) : undefined;
  if (type === 'AWS_IAM') op.security = [{ sigv4: [] }];
  else if ((type === 'JWT' || type === 'CUSTOM') && authorizer) op.security = [{ [authorizer.Name]: route.AuthorizationScopes ?? [] }];
  const id = integrationId(route);
  const integration = id ? snapshot.integrations.get(id) : undefined;
  if (integration) op[`${EXTENSION}integration`] = integrationExtension(integration, region);
  return op;
}

/** A plain Lambda function ARN in the apigateway form an export shows. */
function lambdaPathUri(uri: string, region: string): string {
  return /^arn:aws[\w-]*:lambda:/.test(uri) ? `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${uri}/invocations` : uri;
}

function integrationExtension(i: Integration, region: string): Json {
  const out: Json = {};
  if (i.ResponseParameters && Object.keys(i.ResponseParameters).length) out.responseParameters = i.ResponseParameters;
  if (i.RequestParameters && Object.keys(i.RequestParameters).length) out.requestParameters = i.RequestParameters;
  if (i.IntegrationSubtype) out.integrationSubtype = i.IntegrationSubtype;
  if (i.CredentialsArn) out.credentials = i.CredentialsArn;
  if (i.PayloadFormatVersion) out.payloadFormatVersion = i.PayloadFormatVersion;
  out.type = (i.IntegrationType ?? '').toLowerCase();
  if (i.IntegrationMethod) out.httpMethod = i.IntegrationMethod;
  if (i.IntegrationUri) out.uri = i.IntegrationType === 'AWS_PROXY' ? lambdaPathUri(i.IntegrationUri, region) : i.IntegrationUri;
  out.connectionType = i.ConnectionType ?? 'INTERNET';
  if (i.ConnectionId) out.connectionId = i.ConnectionId;
  if (i.TimeoutInMillis !== undefined && i.TimeoutInMillis !== 30000) out.timeoutInMillis = i.TimeoutInMillis;
  if (i.TlsConfig?.ServerNameToVerify) out.tlsConfig = { serverNameToVerify: i.TlsConfig.ServerNameToVerify };
  return out;
}

function securitySchemes(snapshot: ApiSnapshot): Json {
  const out: Json = {};
  const routes = snapshot.routes;
  if (routes.some((r) => r.AuthorizationType === 'AWS_IAM')) {
    out.sigv4 = { type: 'apiKey', name: 'Authorization', in: 'header', [`${EXTENSION}authtype`]: 'awsSigv4' };
  }
  for (const authorizer of snapshot.authorizers.values()) out[authorizer.Name] = securityScheme(authorizer);
  return out;
}

function securityScheme(a: Authorizer): Json {
  const identitySource = (a.IdentitySource ?? []).join(', ');
  if (a.AuthorizerType === 'JWT') {
    return {
      type: 'oauth2',
      flows: {},
      [`${EXTENSION}authorizer`]: {
        identitySource,
        jwtConfiguration: { audience: a.JwtConfiguration?.Audience ?? [], issuer: a.JwtConfiguration?.Issuer },
        type: 'jwt',
      },
    };
  }
  // The scheme names where the first identity source is read from (a header by default).
  const first = /^\$request\.(header|querystring)\.(.+)$/.exec(a.IdentitySource?.[0] ?? '');
  const authorizer: Json = { identitySource, authorizerUri: a.AuthorizerUri };
  if (a.AuthorizerCredentialsArn) authorizer.authorizerCredentials = a.AuthorizerCredentialsArn;
  authorizer.authorizerPayloadFormatVersion = a.AuthorizerPayloadFormatVersion;
  authorizer.authorizerResultTtlInSeconds = a.AuthorizerResultTtlInSeconds ?? 0;
  authorizer.type = 'request';
  authorizer.enableSimpleResponses = a.EnableSimpleResponses === true;
  return {
    type: 'apiKey',
    name: first?.[2] ?? 'Authorization',
    in: first?.[1] === 'querystring' ? 'query' : 'header',
    [`${EXTENSION}authorizer`]: authorizer,
  };
}

function withoutExtensions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutExtensions);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    // ANY has no OpenAPI verb: its operation stays, like the other operations.
    if (!key.startsWith(EXTENSION) || key === ANY_METHOD) out[key] = withoutExtensions(v);
  }
  return out;
}
