// The authorization step of an HTTP API route: NONE, JWT, CUSTOM (a Lambda REQUEST
// authorizer) or AWS_IAM. It yields what the integration's event reports in
// requestContext.authorizer, or throws the gateway's 401 / 403 / 500.
import type { Authorizer, Route } from '../../models/apigatewayv2.types.ts';
import { type AwsDefaults, callerFromHeaders } from '../../protocol/sigv4.ts';
import type { LambdaInvoker } from '../../services/lambda/invoker.ts';
import type { IdentifyCaller } from '../../services/sts/provider.ts';
import { authorizeJwt, type JwksCache, type JwtResult } from '../authorizers/jwt.ts';
import { authorizeLambda, type AuthorizerCache, type LambdaAuthorization } from '../authorizers/lambda-request.ts';
import { gatewayErrors } from '../shared/gateway-error.ts';
import { iamAuthorizerContext } from '../shared/iam-caller.ts';
import { compileValue, evaluate, type MappingSources } from './parameter-mapping.ts';
import type { GatewayRequest } from '../shared/gateway-request.ts';

export type AuthResult =
  | { kind: 'jwt'; jwt: JwtResult }
  | { kind: 'lambda'; lambda: LambdaAuthorization }
  | { kind: 'iam'; iam: Record<string, string | null> };

export interface AuthorizeDeps {
  invoker: LambdaInvoker;
  jwks: JwksCache;
  lambdaCache: AuthorizerCache;
  /** The principal behind an AWS_IAM caller's access key. */
  identify?: IdentifyCaller;
}

interface AuthorizeInput {
  route: Route;
  authorizers: Map<string, Authorizer>;
  req: GatewayRequest;
  sources: MappingSources;
  apiId: string;
  stage: string;
  /** arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{method}{path} */
  routeArn: string;
  /** This localgate's default account, for an access key that names none. */
  awsDefaults: AwsDefaults;
  /** The authorizer's request payload in the given format (the event without authorizer). */
  payload(version: '1.0' | '2.0', identity: string[]): Record<string, unknown>;
}

function identityValues(sources: string[] | undefined, from: MappingSources): Array<string | undefined> {
  return (sources ?? []).map((expr) => {
    const value = evaluate(compileValue(expr), from);
    return value === '' ? undefined : value;
  });
}

/** Whether an AWS_IAM route's request is SigV4-signed: by its Authorization header or presigned query. */
export function isSigned(authorization: string | undefined, rawQuery: string): boolean {
  return (authorization !== undefined && authorization.startsWith('AWS4-HMAC-SHA256 ')) || /(^|&)X-Amz-Signature=/.test(rawQuery);
}

/** Cached Lambda authorizer answers are per stage (ResetAuthorizersCache names one). */
export function authorizerCacheScope(apiId: string, stage: string): string {
  return `${apiId}/${stage}/`;
}

export async function authorizeRoute(deps: AuthorizeDeps, input: AuthorizeInput): Promise<AuthResult | undefined> {
  const type = input.route.AuthorizationType ?? 'NONE';
  if (type === 'NONE') return undefined;
  if (type === 'AWS_IAM') {
    const authorization = input.req.headers.get('authorization')?.[0];
    if (!isSigned(authorization, input.req.rawQuery)) throw gatewayErrors.forbidden();
    const credential = new URLSearchParams(input.req.rawQuery).get('X-Amz-Credential');
    const caller = callerFromHeaders(authorization, credential, input.awsDefaults);
    return { kind: 'iam', iam: iamAuthorizerContext(deps.identify, caller.accessKeyId, caller.account) };
  }
  const authorizer = input.route.AuthorizerId ? input.authorizers.get(input.route.AuthorizerId) : undefined;
  if (!authorizer) throw gatewayErrors.internal();
  if (type === 'JWT') {
    const [token] = identityValues(authorizer.IdentitySource ?? ['$request.header.Authorization'], input.sources);
    const config = { issuer: authorizer.JwtConfiguration?.Issuer ?? '', audience: authorizer.JwtConfiguration?.Audience ?? [] };
    return { kind: 'jwt', jwt: await authorizeJwt(deps.jwks, config, token, input.route.AuthorizationScopes) };
  }
  if (!authorizer.AuthorizerUri) throw gatewayErrors.internal();
  const identity = identityValues(authorizer.IdentitySource, input.sources);
  const version = authorizer.AuthorizerPayloadFormatVersion === '1.0' ? '1.0' : '2.0';
  const lambda = await authorizeLambda({
    invoker: deps.invoker,
    cache: deps.lambdaCache,
    config: {
      id: `${authorizerCacheScope(input.apiId, input.stage)}${authorizer.AuthorizerId ?? authorizer.Name}`,
      uri: authorizer.AuthorizerUri,
      payloadFormatVersion: version,
      simpleResponses: authorizer.EnableSimpleResponses === true,
      ttlSeconds: authorizer.AuthorizerResultTtlInSeconds ?? 0,
    },
    identity,
    resourceArn: input.routeArn,
    buildPayload: () => input.payload(version, identity as string[]),
  });
  return { kind: 'lambda', lambda };
}

/** requestContext.authorizer as each payload format shows it. */
export function authorizerForEvent(result: AuthResult | undefined, version: '1.0' | '2.0'): Record<string, unknown> | undefined {
  if (!result) return undefined;
  if (result.kind === 'jwt') {
    const jwt = { claims: result.jwt.claims, scopes: result.jwt.scopes };
    return version === '2.0' ? { jwt } : jwt;
  }
  if (result.kind === 'iam') return { iam: result.iam };
  return version === '2.0' ? { lambda: result.lambda.context } : lambdaAuthorizerV1(result.lambda);
}

/** A Lambda authorizer's answer as payload 1.0 (and WebSocket events) show requestContext.authorizer. */
export function lambdaAuthorizerV1(lambda: LambdaAuthorization): Record<string, unknown> {
  const out: Record<string, unknown> = { ...lambda.context };
  if (lambda.principalId !== undefined) out.principalId = lambda.principalId;
  out.integrationLatency = 0;
  return out;
}
