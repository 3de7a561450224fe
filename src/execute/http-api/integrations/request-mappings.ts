// An integration's request parameters (RequestParameters) applied to the request: the
// headers, query string and path the integration sees.
import type { GatewayRequest } from '../../shared/gateway-request.ts';
import { applyMappings } from '../parameter-mapping.ts';
import type { HttpIntegrationInput } from './contract.ts';

/** The headers, query string and path as the integration's request parameters change them. */
export function applyRequestMappings(input: HttpIntegrationInput) {
  const target = { headers: new Map(input.req.headers), query: new Map(input.req.query), path: undefined as string | undefined };
  applyMappings(input.compiled.requestMappings, target, input.sources);
  const search = new URLSearchParams();
  for (const [name, values] of target.query) for (const v of values) search.append(name, v);
  return { ...target, rawQuery: search.toString() };
}

/** The request as the integration's request parameters change it (the request itself without any). */
export function mappedRequest(input: HttpIntegrationInput): GatewayRequest {
  if (!input.compiled.requestMappings.length) return input.req;
  const target = applyRequestMappings(input);
  const path = target.path === undefined ? undefined : target.path.startsWith('/') ? target.path : `/${target.path}`;
  return {
    ...input.req,
    headers: target.headers,
    query: target.query,
    rawQuery: target.rawQuery,
    rawPath: path ?? input.req.rawPath,
    stagePath: path ?? input.req.stagePath,
  };
}
