// Method request authorization: NONE, AWS_IAM (a SigV4-signed request; signatures are not
// verified locally, an unsigned request is refused), CUSTOM (Lambda TOKEN and REQUEST
// authorizers with an IAM policy and a result cache), COGNITO_USER_POOLS (token structure,
// expiry and issuer; see cognito.ts).
import type { Authorizer } from '../../models/apigateway.types.ts';
import type { LambdaInvoker } from '../../services/lambda/invoker.ts';
import type { IdentifyCaller } from '../../services/sts/provider.ts';
import { type AuthorizerCache, wildcardMatch } from '../authorizers/lambda-request.ts';
import { isFailure } from '../shared/integration.ts';
import { invokeFunction, parseLambdaUri, substituteStageVariables } from '../shared/invoke-function.ts';
import { authorizeCognito } from './cognito.ts';
import { restErrors } from './errors.ts';
import { methodArn, proxyEvent, templateContext, valueSources, type AuthResult, type Invocation } from './invocation.ts';
import { fullMatch } from '../languages/java-regex/java-regex.ts';
import { mappingValue } from './values.ts';

export interface AuthorizeDeps {
  invoker: LambdaInvoker;
  authorizerCache: AuthorizerCache;
  /** The principal behind an AWS_IAM caller's access key. */
  identify?: IdentifyCaller;
}

const SIGV4 = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\//;

export async function authorize(deps: AuthorizeDeps, inv: Invocation): Promise<AuthResult | undefined> {
  const method = inv.match!.method;
  switch (method.authorizationType ?? 'NONE') {
    case 'NONE':
      return undefined;
    case 'AWS_IAM':
      return iam(deps, inv);
    case 'CUSTOM':
    case 'COGNITO_USER_POOLS': {
      const authorizer = method.authorizerId ? inv.snapshot.authorizers[method.authorizerId] : undefined;
      if (!authorizer) throw restErrors.authorizerConfiguration();
      if (authorizer.type === 'COGNITO_USER_POOLS') return authorizeCognito(authorizer, inv, method.authorizationScopes);
      return lambdaAuthorizer(deps, authorizer, inv);
    }
    default:
      throw restErrors.configuration();
  }
}

function iam(deps: AuthorizeDeps, inv: Invocation): AuthResult {
  const header = inv.req.headers.get('authorization')?.at(-1);
  const credential = header ? SIGV4.exec(header)?.[1] : inv.req.query.get('X-Amz-Credential')?.[0]?.split('/')[0];
  const signed = header ? SIGV4.test(header) : inv.req.query.has('X-Amz-Signature');
  if (!signed || !credential) throw restErrors.missingToken();
  const accountId = /^\d{12}$/.test(credential) ? credential : inv.location.account;
  return { accessKey: credential, accountId, caller: deps.identify?.(credential, accountId) };
}

interface Statement {
  effect: string;
  actions: string[];
  resources: string[];
}

export interface Answer {
  principalId?: string;
  context: Record<string, unknown>;
  policy: Statement[];
  /** The policyDocument as the function returned it. */
  policyDocument: Record<string, unknown>;
  usageIdentifierKey?: string;
}

/** Told what a Lambda authorizer run sees (TestInvokeAuthorizer's execution log). */
interface AuthorizerObserver {
  identity?(values: Record<string, string | undefined>): void;
  request?(uri: string, event: unknown): void;
  result?(payload: Buffer): void;
}

interface LambdaAuthorizerOptions {
  /** Results are cached for the authorizer's TTL only when a cache is given. */
  cache?: AuthorizerCache;
  /** The methodArn the event carries (default: the request's own). */
  methodArn?: string;
  observer?: AuthorizerObserver;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function parseAnswer(payload: Buffer): Answer {
  let result: unknown;
  try {
    result = JSON.parse(payload.toString('utf8'));
  } catch {
    throw restErrors.authorizerConfiguration();
  }
  if (!isObject(result) || !isObject(result.policyDocument) || !Array.isArray(result.policyDocument.Statement)) throw restErrors.authorizerConfiguration();
  const policy: Statement[] = [];
  for (const s of result.policyDocument.Statement) {
    if (!isObject(s) || (s.Effect !== 'Allow' && s.Effect !== 'Deny')) throw restErrors.authorizerConfiguration();
    policy.push({ effect: s.Effect, actions: list(s.Action), resources: list(s.Resource) });
  }
  const context: Record<string, unknown> = {};
  if (isObject(result.context)) {
    // AWS allows only string, number and boolean context values.
    for (const [k, v] of Object.entries(result.context)) {
      if (!['string', 'number', 'boolean'].includes(typeof v)) throw restErrors.authorizerConfiguration();
      context[k] = v;
    }
  }
  return {
    principalId: result.principalId === undefined ? undefined : String(result.principalId),
    context,
    policy,
    policyDocument: result.policyDocument,
    usageIdentifierKey: typeof result.usageIdentifierKey === 'string' ? result.usageIdentifierKey : undefined,
  };
}

/** Explicit deny wins; otherwise an Allow must cover execute-api:Invoke on the method ARN. */
function evaluatePolicy(policy: Statement[], arn: string): 'allow' | 'deny' | 'implicit-deny' {
  const applies = (s: Statement) => s.actions.some((a) => wildcardMatch(a.toLowerCase(), 'execute-api:invoke')) && s.resources.some((r) => wildcardMatch(r, arn));
  if (policy.some((s) => s.effect === 'Deny' && applies(s))) return 'deny';
  return policy.some((s) => s.effect === 'Allow' && applies(s)) ? 'allow' : 'implicit-deny';
}

async function lambdaAuthorizer(deps: AuthorizeDeps, authorizer: Authorizer & { id: string }, inv: Invocation): Promise<AuthResult> {
  const arn = methodArn(inv);
  const started = Date.now();
  const answer = await runLambdaAuthorizer(deps.invoker, authorizer, inv, { cache: deps.authorizerCache, methodArn: arn });
  const latency = Date.now() - started;
  const verdict = evaluatePolicy(answer.policy, arn);
  if (verdict !== 'allow') throw restErrors.accessDenied(verdict === 'deny');
  return { principalId: answer.principalId, context: answer.context, usageIdentifierKey: answer.usageIdentifierKey, latency };
}

/** Runs a TOKEN or REQUEST authorizer's function on the request's identity sources and parses its answer; the policy is not evaluated. */
export async function runLambdaAuthorizer(invoker: LambdaInvoker, authorizer: Authorizer & { id: string }, inv: Invocation, opts: LambdaAuthorizerOptions = {}): Promise<Answer> {
  const arn = opts.methodArn ?? methodArn(inv);
  const context = templateContext(inv);
  const sources = valueSources(inv, context);
  const identitySources = (authorizer.identitySource ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const identity = identitySources.map((s) => mappingValue(s, sources));
  opts.observer?.identity?.(Object.fromEntries(identitySources.map((s, i) => [s, identity[i]])));
  let event: Record<string, unknown>;
  if (authorizer.type === 'TOKEN') {
    const token = identity[0];
    if (!token) throw restErrors.unauthorized();
    if (authorizer.identityValidationExpression && !fullMatch(authorizer.identityValidationExpression, token)) throw restErrors.unauthorized();
    event = { type: 'TOKEN', authorizationToken: token, methodArn: arn };
  } else {
    if (identity.some((v) => v === undefined || v === '')) throw restErrors.unauthorized();
    const { requestContext, resource, path, httpMethod, headers, multiValueHeaders, queryStringParameters, multiValueQueryStringParameters, pathParameters, stageVariables } = proxyEvent(inv);
    event = { type: 'REQUEST', methodArn: arn, resource, path, httpMethod, headers, multiValueHeaders, queryStringParameters, multiValueQueryStringParameters, pathParameters, stageVariables, requestContext };
  }
  const ttl = authorizer.authorizerResultTtlInSeconds ?? 300;
  const cache = opts.cache;
  const cacheKey = cache && ttl > 0 && identity.length ? `rest\u0000${authorizer.id}\u0000${identity.join('\u0000')}` : undefined;
  let answer = cacheKey ? (cache!.get(cacheKey) as unknown as Answer | undefined) : undefined;
  if (!answer) {
    answer = await invokeAuthorizer(invoker, authorizer, inv, event, opts.observer);
    if (cacheKey) cache!.set(cacheKey, answer as never, ttl);
  }
  return answer;
}

async function invokeAuthorizer(invoker: LambdaInvoker, authorizer: Authorizer, inv: Invocation, event: unknown, observer?: AuthorizerObserver): Promise<Answer> {
  const uri = substituteStageVariables(authorizer.authorizerUri ?? '', inv.stageVariables);
  const target = parseLambdaUri(uri);
  if (!target) throw restErrors.authorizerConfiguration();
  observer?.request?.(`https://lambda.${target.region}.amazonaws.com/2015-03-31/functions/${target.functionArn}/invocations`, event);
  // No timeout of the gateway's own: the function's Timeout ends a slow authorizer.
  const result = await invokeFunction({ invoker, uri, payload: Buffer.from(JSON.stringify(event)) });
  if (isFailure(result)) throw restErrors.authorizerConfiguration();
  observer?.result?.(result.payload);
  if (result.functionError) {
    // A function that fails with the message "Unauthorized" answers 401, as AWS documents.
    let message: unknown;
    try {
      message = (JSON.parse(result.payload.toString('utf8')) as { errorMessage?: unknown }).errorMessage;
    } catch {
      message = undefined;
    }
    if (message === 'Unauthorized') throw restErrors.unauthorized();
    throw restErrors.authorizerConfiguration();
  }
  return parseAnswer(result.payload);
}
