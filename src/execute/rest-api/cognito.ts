// COGNITO_USER_POOLS authorizers. localgate runs without network access to Cognito, so the
// token's signature cannot be checked against the pool's JWKS: what is checked is the JWT's
// structure, its expiry, and that its issuer is one of the authorizer's user pools
// (https://cognito-idp.{region}.amazonaws.com/{poolId}). With authorizationScopes on the
// method, an access token must carry one of them; without, an ID token is expected.
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import type { Authorizer } from '../../models/apigateway.types.ts';
import { flattenClaims } from '../authorizers/jwt.ts';
import { restErrors } from './errors.ts';
import { templateContext, valueSources, type AuthResult, type Invocation } from './invocation.ts';
import { mappingValue } from './values.ts';

const POOL_ARN = /^arn:aws[a-z-]*:cognito-idp:([a-z0-9-]+):\d{12}:userpool\/(.+)$/;

function poolIssuer(providerArn: string): string | undefined {
  const m = POOL_ARN.exec(providerArn);
  return m ? `https://cognito-idp.${m[1]}.amazonaws.com/${m[2]}` : undefined;
}

export function authorizeCognito(authorizer: Authorizer, inv: Invocation, scopes: string[] | undefined): AuthResult {
  const source = authorizer.identitySource || 'method.request.header.Authorization';
  const token = mappingValue(source, valueSources(inv, templateContext(inv)));
  if (!token) throw restErrors.unauthorized();
  let claims: JWTPayload;
  try {
    decodeProtectedHeader(token);
    claims = decodeJwt(token);
  } catch {
    throw restErrors.unauthorized();
  }
  const issuers = (authorizer.providerARNs ?? []).map(poolIssuer);
  if (typeof claims.iss !== 'string' || !issuers.includes(claims.iss)) throw restErrors.unauthorized();
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) throw restErrors.unauthorized();
  if (scopes?.length) {
    const granted = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
    if (claims.token_use !== 'access' || !scopes.some((s) => granted.includes(s))) throw restErrors.unauthorized();
  } else if (claims.token_use !== undefined && claims.token_use !== 'id') {
    throw restErrors.unauthorized();
  }
  return { claims: flattenClaims(claims) };
}
