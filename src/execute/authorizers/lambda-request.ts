// Lambda REQUEST authorizers. The function gets the request (payload 1.0 or 2.0, built by
// the caller) and answers either a simple response ({ isAuthorized, context }, payload 2.0
// with EnableSimpleResponses) or an IAM policy ({ principalId, policyDocument, context })
// that must allow execute-api:Invoke on the route's ARN. A missing identity source is 401, a
// denial 403, a failing or malformed authorizer 500. Answers are cached for the TTL, keyed
// by the identity source values; a cached policy is evaluated again for each route.
import type { LambdaInvoker } from '../../services/lambda/invoker.ts';
import { gatewayErrors } from '../shared/gateway-error.ts';
import { isFailure } from '../shared/integration.ts';
import { invokeFunction } from '../shared/invoke-function.ts';

interface LambdaAuthorizerConfig {
  /** The cache key's prefix: the authorizer and where it runs (e.g. apiId/stage/authorizerId). */
  id: string;
  uri: string;
  payloadFormatVersion: '1.0' | '2.0';
  simpleResponses: boolean;
  ttlSeconds: number;
}

export interface LambdaAuthorization {
  context: Record<string, unknown>;
  principalId?: string;
}

interface Answer extends LambdaAuthorization {
  isAuthorized?: boolean;
  policy?: PolicyStatement[];
}

interface PolicyStatement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
}

export class AuthorizerCache {
  private entries = new Map<string, { answer: Answer; expires: number }>();

  get(key: string, now = Date.now()): Answer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.answer;
  }

  set(key: string, answer: Answer, ttlSeconds: number, now = Date.now()) {
    this.entries.set(key, { answer, expires: now + ttlSeconds * 1000 });
  }

  clear() {
    this.entries.clear();
  }

  /** Forgets the answers cached under keys that start with `prefix` (one API stage's). */
  clearPrefix(prefix: string) {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const list = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function parseAnswer(payload: Buffer, simple: boolean): Answer {
  let result: unknown;
  try {
    result = JSON.parse(payload.toString('utf8'));
  } catch {
    throw gatewayErrors.internal();
  }
  if (!isObject(result)) throw gatewayErrors.internal();
  const context = isObject(result.context) ? result.context : {};
  if (simple) {
    if (typeof result.isAuthorized !== 'boolean') throw gatewayErrors.internal();
    return { isAuthorized: result.isAuthorized, context };
  }
  const doc = result.policyDocument;
  if (!isObject(doc) || !Array.isArray(doc.Statement)) throw gatewayErrors.internal();
  const policy: PolicyStatement[] = [];
  for (const s of doc.Statement) {
    if (!isObject(s) || (s.Effect !== 'Allow' && s.Effect !== 'Deny')) throw gatewayErrors.internal();
    policy.push({ effect: s.Effect, actions: list(s.Action), resources: list(s.Resource) });
  }
  return { policy, context, principalId: typeof result.principalId === 'string' ? result.principalId : undefined };
}

/** IAM-style wildcard match: `*` any run of characters, `?` any one. */
export function wildcardMatch(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(value);
}

export function policyAllows(policy: PolicyStatement[], resourceArn: string): boolean {
  const applies = (s: PolicyStatement) =>
    s.actions.some((a) => wildcardMatch(a.toLowerCase(), 'execute-api:invoke')) && s.resources.some((r) => wildcardMatch(r, resourceArn));
  if (policy.some((s) => s.effect === 'Deny' && applies(s))) return false;
  return policy.some((s) => s.effect === 'Allow' && applies(s));
}

interface LambdaAuthorizerCall {
  invoker: LambdaInvoker;
  cache: AuthorizerCache;
  config: LambdaAuthorizerConfig;
  /** Values of the authorizer's identity sources (undefined when one is missing). */
  identity: Array<string | undefined>;
  /** The route's ARN, arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{method}{path}. */
  resourceArn: string;
  buildPayload(): unknown;
}

/** Runs (or reuses) the authorizer; throws the gateway's 401, 403 or 500. */
export async function authorizeLambda(call: LambdaAuthorizerCall): Promise<LambdaAuthorization> {
  const { config } = call;
  if (call.identity.some((v) => v === undefined || v === '')) throw gatewayErrors.unauthorized();
  const cacheKey = call.identity.length && config.ttlSeconds > 0 ? `${config.id}\u0000${call.identity.join('\u0000')}` : undefined;
  let answer = cacheKey ? call.cache.get(cacheKey) : undefined;
  if (!answer) {
    const result = await invokeFunction({ invoker: call.invoker, uri: config.uri, payload: Buffer.from(JSON.stringify(call.buildPayload())), timeoutMs: 10_000 });
    if (isFailure(result) || result.functionError) throw gatewayErrors.internal();
    answer = parseAnswer(result.payload, config.simpleResponses && config.payloadFormatVersion === '2.0');
    if (cacheKey) call.cache.set(cacheKey, answer, config.ttlSeconds);
  }
  const allowed = answer.policy ? policyAllows(answer.policy, call.resourceArn) : answer.isAuthorized === true;
  if (!allowed) throw gatewayErrors.forbidden();
  return { context: answer.context, principalId: answer.principalId };
}
