// JWT authorizers, as HTTP APIs run them: the token comes from the identity source (a
// "Bearer " prefix is dropped), its signature is checked against the issuer's JWKS (found
// through {issuer}/.well-known/openid-configuration), then iss, aud (or client_id when the
// token has no aud), exp and nbf. A route's AuthorizationScopes need one of the token's
// `scope` / `scp` values. Missing or invalid token: 401; missing scope: 403. Claims reach the
// integration as strings, the way API Gateway flattens them.
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { gatewayErrors } from '../shared/gateway-error.ts';

interface JwtAuthorizerConfig {
  issuer: string;
  audience: string[];
}

export interface JwtResult {
  claims: Record<string, string>;
  scopes: string[] | null;
}

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/** Finds and caches each issuer's key set (jose caches and refreshes the keys themselves). */
export class JwksCache {
  private sets = new Map<string, Promise<KeySet>>();

  keySet(issuer: string): Promise<KeySet> {
    let found = this.sets.get(issuer);
    if (!found) {
      found = discover(issuer);
      this.sets.set(issuer, found);
      found.catch(() => this.sets.delete(issuer)); // a failed discovery is tried again later
    }
    return found;
  }

  clear() {
    this.sets.clear();
  }
}

async function discover(issuer: string): Promise<KeySet> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`OpenID configuration of ${issuer}: HTTP ${res.status}`);
  const doc = (await res.json()) as { jwks_uri?: unknown };
  if (typeof doc.jwks_uri !== 'string') throw new Error(`OpenID configuration of ${issuer} has no jwks_uri`);
  return createRemoteJWKSet(new URL(doc.jwks_uri));
}

function bearerToken(value: string): string {
  return /^bearer /i.test(value) ? value.slice(7).trim() : value.trim();
}

/** Claim values as API Gateway passes them on: strings, lists as "[a b]". */
export function flattenClaims(payload: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (typeof value === 'string') out[name] = value;
    else if (Array.isArray(value)) out[name] = `[${value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ')}]`;
    else if (value !== undefined && value !== null) out[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}

function tokenScopes(payload: JWTPayload): string[] | null {
  const raw = payload.scope ?? payload.scp;
  if (typeof raw === 'string') return raw.split(' ').filter(Boolean);
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string');
  return null;
}

function audienceMatches(payload: JWTPayload, audience: string[]): boolean {
  const aud = payload.aud ?? payload.client_id;
  const values = Array.isArray(aud) ? aud : typeof aud === 'string' ? [aud] : [];
  return values.some((v) => audience.includes(v));
}

/** Verifies a token for a route; throws the gateway's 401 or 403. */
export async function authorizeJwt(
  cache: JwksCache,
  config: JwtAuthorizerConfig,
  token: string | undefined,
  requiredScopes: string[] | undefined,
): Promise<JwtResult> {
  if (!token) throw gatewayErrors.unauthorized();
  let payload: JWTPayload;
  try {
    const keys = await cache.keySet(config.issuer);
    ({ payload } = await jwtVerify(bearerToken(token), keys, { issuer: config.issuer }));
  } catch {
    throw gatewayErrors.unauthorized();
  }
  if (!audienceMatches(payload, config.audience)) throw gatewayErrors.unauthorized();
  const scopes = tokenScopes(payload);
  if (requiredScopes?.length && !requiredScopes.some((s) => scopes?.includes(s))) throw gatewayErrors.forbidden();
  return { claims: flattenClaims(payload), scopes };
}
