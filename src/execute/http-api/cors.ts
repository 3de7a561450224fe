// CORS for HTTP APIs with a CorsConfiguration: API Gateway answers preflight OPTIONS
// requests itself (even without an OPTIONS route) and adds the configured Access-Control-*
// headers to integration responses, replacing any the integration returned.
import type { Cors } from '../../models/apigatewayv2.types.ts';

export interface CompiledCors {
  anyOrigin: boolean;
  origins: Set<string>;
  anyMethod: boolean;
  methods: Set<string>;
  allowMethods?: string;
  allowHeaders?: string;
  exposeHeaders?: string;
  maxAge?: string;
  credentials: boolean;
}

export function compileCors(cors: Cors | undefined): CompiledCors | undefined {
  if (!cors) return undefined;
  const origins = (cors.AllowOrigins ?? []).map((o) => o.toLowerCase());
  const methods = (cors.AllowMethods ?? []).map((m) => m.toUpperCase());
  const list = (v?: string[]) => (v && v.length ? v.join(',') : undefined);
  return {
    anyOrigin: origins.includes('*'),
    origins: new Set(origins),
    anyMethod: methods.includes('*'),
    methods: new Set(methods),
    allowMethods: list(cors.AllowMethods),
    allowHeaders: list(cors.AllowHeaders),
    exposeHeaders: list(cors.ExposeHeaders),
    maxAge: cors.MaxAge === undefined ? undefined : String(cors.MaxAge),
    credentials: cors.AllowCredentials === true,
  };
}

export function isPreflight(method: string, headers: Map<string, string[]>): boolean {
  return method === 'OPTIONS' && headers.has('origin') && headers.has('access-control-request-method');
}

function allowedOrigin(cors: CompiledCors, origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  if (cors.anyOrigin) return '*';
  return cors.origins.has(origin.toLowerCase()) ? origin : undefined;
}

/** The headers of the gateway's own 204 answer to a preflight request. */
export function preflightHeaders(cors: CompiledCors, headers: Map<string, string[]>): Record<string, string> {
  const origin = allowedOrigin(cors, headers.get('origin')?.[0]);
  const requested = headers.get('access-control-request-method')?.[0]?.toUpperCase() ?? '';
  if (!origin || !(cors.anyMethod || cors.methods.has(requested))) return {};
  const out: Record<string, string> = { 'access-control-allow-origin': origin };
  if (cors.allowMethods) out['access-control-allow-methods'] = cors.allowMethods;
  if (cors.allowHeaders) out['access-control-allow-headers'] = cors.allowHeaders;
  if (cors.credentials) out['access-control-allow-credentials'] = 'true';
  if (cors.maxAge !== undefined) out['access-control-max-age'] = cors.maxAge;
  return out;
}

/** Puts the configured CORS headers on an integration response (dropping its own). */
export function applyCors(cors: CompiledCors, requestHeaders: Map<string, string[]>, responseHeaders: Record<string, string | string[]>) {
  for (const name of Object.keys(responseHeaders)) {
    if (name.startsWith('access-control-')) delete responseHeaders[name];
  }
  const origin = allowedOrigin(cors, requestHeaders.get('origin')?.[0]);
  if (!origin) return;
  responseHeaders['access-control-allow-origin'] = origin;
  if (cors.credentials) responseHeaders['access-control-allow-credentials'] = 'true';
  if (cors.exposeHeaders) responseHeaders['access-control-expose-headers'] = cors.exposeHeaders;
}
