// One REST API request as it moves through the pipeline, and the views of it that
// templates, mappings and Lambda functions see: $context, the method request parameters
// and the Lambda proxy event (as AWS documents "Input format of a Lambda function for
// proxy integration", field by field).
import type { ApiKeyRecord, RestApiLocation, RestApiSnapshot, StageRecord } from '../../services/apigateway/store.ts';
import type { CallerIdentity } from '../../services/sts/provider.ts';
import type { ExecuteRequest } from '../entry.ts';
import { lastValues, multiValues, requestTime, v1Identity, withForwardedHeaders } from '../shared/gateway-request.ts';
import type { RequestParams, TemplateVariables } from '../vtl/index.ts';
import { isBinaryType, mediaType, multiHeaders, singleHeaders, type RestRequest } from './request.ts';
import type { ResourceMatch } from './resources.ts';
import type { ResponseIds } from './respond.ts';
import type { ValueSources } from './values.ts';

export interface AuthResult {
  principalId?: string;
  /** Lambda authorizer context values. */
  context?: Record<string, unknown>;
  /** Cognito token claims, flattened to strings. */
  claims?: Record<string, string>;
  /** How long the Lambda authorizer took, in ms (the proxy event's authorizer.integrationLatency). */
  latency?: number;
  /** The Lambda authorizer's usageIdentifierKey (API key source AUTHORIZER). */
  usageIdentifierKey?: string;
  /** SigV4 caller (AWS_IAM): its access key and account, and who is behind the key. */
  accessKey?: string;
  accountId?: string;
  caller?: CallerIdentity;
}

/** What the pipeline needs to know of where a request came in (TestInvokeMethod makes one up). */
type InvocationTarget = Pick<ExecuteRequest, 'apiId' | 'stage' | 'domainName' | 'domainPrefix'>;

export interface Invocation {
  exec: InvocationTarget;
  location: RestApiLocation;
  snapshot: RestApiSnapshot;
  /** Absent for a test invocation (no stage: no stage throttling). */
  stage?: StageRecord;
  stageVariables: Record<string, string>;
  req: RestRequest;
  ids: ResponseIds;
  /** The deployment served ($context.deploymentId); absent for a test invocation. */
  deploymentId?: string;
  match?: ResourceMatch;
  auth?: AuthResult;
  apiKey?: ApiKeyRecord;
}

export function methodArn(inv: Invocation): string {
  const { location, exec, req } = inv;
  return `arn:aws:execute-api:${location.region}:${location.account}:${exec.apiId}/${exec.stage}/${req.method}${req.stagePath}`;
}

function identity(inv: Invocation): Record<string, unknown> {
  const out = v1Identity({
    accessKey: inv.auth?.accessKey ?? null,
    accountId: inv.auth?.caller?.Account ?? inv.auth?.accountId ?? null,
    principal: inv.auth?.caller ? { id: inv.auth.caller.UserId, arn: inv.auth.caller.Arn } : undefined,
    sourceIp: inv.req.sourceIp,
    userAgent: inv.req.headers.get('user-agent')?.at(-1) ?? null,
  });
  if (inv.apiKey) {
    out.apiKey = inv.apiKey.value;
    out.apiKeyId = inv.apiKey.id;
  }
  return out;
}

/** The names REST APIs give the headers they add to the proxy event (a client's own casing wins). */
const FORWARDED_NAMES = ['X-Forwarded-For', 'X-Forwarded-Port', 'X-Forwarded-Proto', 'X-Amzn-Trace-Id'].map((name) => [name.toLowerCase(), name] as const);

/** requestContext.authorizer as the proxy event carries it. */
function authorizerView(inv: Invocation, stringify: boolean): Record<string, unknown> | undefined {
  const auth = inv.auth;
  if (!auth || (auth.principalId === undefined && !auth.context && !auth.claims)) return undefined;
  if (auth.claims) return { claims: { ...auth.claims } };
  const out: Record<string, unknown> = { principalId: auth.principalId ?? '' };
  for (const [k, v] of Object.entries(auth.context ?? {})) out[k] = stringify && typeof v !== 'string' ? JSON.stringify(v) : v;
  return out;
}

/** `$context` fields, in the order a template iterating `$context` sees them. */
const CONTEXT_FIELDS = new Map<string, (inv: Invocation) => unknown>([
  ['accountId', (inv) => inv.location.account],
  ['apiId', (inv) => inv.exec.apiId],
  ['deploymentId', (inv) => inv.deploymentId],
  ['domainName', (inv) => inv.exec.domainName],
  ['domainPrefix', (inv) => inv.exec.domainPrefix],
  ['extendedRequestId', (inv) => inv.ids.extendedRequestId],
  ['httpMethod', (inv) => inv.req.method],
  ['identity', identity],
  ['path', (inv) => `/${inv.exec.stage}${inv.req.stagePath}`],
  ['protocol', (inv) => inv.req.protocol],
  ['requestId', (inv) => inv.ids.requestId],
  ['requestTime', (inv) => requestTime(inv.req.timeEpoch)],
  ['requestTimeEpoch', (inv) => inv.req.timeEpoch],
  ['resourceId', (inv) => inv.match?.resource.id],
  ['resourcePath', (inv) => inv.match?.resource.path],
  ['stage', (inv) => inv.exec.stage],
]);

/** `$context` for templates and mappings; `keys` limits it to the top-level keys a plan
 * found its templates and mappings read (integration plans, plan.ts). */
export function templateContext(inv: Invocation, keys: ReadonlySet<string> | 'all' = 'all'): Record<string, unknown> {
  const ctx: Record<string, unknown> = {};
  if (keys !== 'all' && keys.size === 0) return ctx;
  for (const [key, field] of CONTEXT_FIELDS) if (keys === 'all' || keys.has(key)) ctx[key] = field(inv);
  if (keys === 'all' || keys.has('authorizer')) {
    const authorizer = authorizerView(inv, true);
    if (authorizer) ctx.authorizer = authorizer;
  }
  return ctx;
}

export function requestParams(inv: Invocation): RequestParams {
  return { path: { ...inv.match?.pathParameters }, querystring: lastValues(inv.req.query), header: singleHeaders(inv.req) };
}

/** What a mapping template sees; the body text and parameter maps are built only if the
 * template reads them (a class: getters on a prototype cost nothing to create per request). */
class InvocationTemplateVariables implements TemplateVariables {
  private text?: string;
  private requestParameters?: RequestParams;

  constructor(
    private readonly inv: Invocation,
    private readonly payload: Buffer,
    readonly context: Record<string, unknown>,
  ) {}

  get body(): string {
    return (this.text ??= this.payload.toString('utf8'));
  }

  get params(): RequestParams {
    return (this.requestParameters ??= requestParams(this.inv));
  }

  get stageVariables(): Record<string, string> {
    return this.inv.stageVariables;
  }
}

export function templateVariables(inv: Invocation, payload: Buffer, context: Record<string, unknown>): TemplateVariables {
  return new InvocationTemplateVariables(inv, payload, context);
}

export function valueSources(inv: Invocation, context: Record<string, unknown>): ValueSources {
  return {
    requestPath: (name) => inv.match?.pathParameters[name],
    requestQuery: (name) => inv.req.query.get(name),
    requestHeader: (name) => inv.req.headers.get(name.toLowerCase()),
    requestBody: () => inv.req.body.toString('utf8'),
    context,
    stageVariables: inv.stageVariables,
  };
}

const orNull = <T extends object>(o: T): T | null => (Object.keys(o).length ? o : null);

/** The event a Lambda proxy (AWS_PROXY) integration receives. */
export function proxyEvent(inv: Invocation): Record<string, unknown> {
  const { req, match } = inv;
  const contentType = mediaType(req.headers.get('content-type')?.at(-1));
  const binary = isBinaryType(contentType, inv.snapshot.api.binaryMediaTypes);
  const requestContext: Record<string, unknown> = { resourceId: match?.resource.id, resourcePath: match?.resource.path, httpMethod: req.method };
  const base = templateContext(inv);
  Object.assign(requestContext, {
    extendedRequestId: base.extendedRequestId,
    requestTime: base.requestTime,
    path: base.path,
    accountId: base.accountId,
    deploymentId: base.deploymentId,
    protocol: base.protocol,
    stage: base.stage,
    domainPrefix: base.domainPrefix,
    requestTimeEpoch: base.requestTimeEpoch,
    requestId: base.requestId,
    identity: base.identity,
    domainName: base.domainName,
    apiId: base.apiId,
  });
  const forwarded = { ...req, headers: withForwardedHeaders(req), headerNames: new Map([...FORWARDED_NAMES, ...req.headerNames]) };
  // The proxy event carries context values as strings ("123", "true"), as recorded on AWS.
  const authorizer = authorizerView(inv, true);
  if (authorizer && inv.auth?.latency !== undefined) authorizer.integrationLatency = inv.auth.latency;
  if (authorizer) requestContext.authorizer = authorizer;
  return {
    resource: match?.resource.path,
    path: req.path,
    httpMethod: req.method,
    headers: orNull(singleHeaders(forwarded)),
    multiValueHeaders: orNull(multiHeaders(forwarded)),
    queryStringParameters: orNull(lastValues(req.query)),
    multiValueQueryStringParameters: orNull(multiValues(req.query)),
    pathParameters: orNull({ ...(match?.rawPathParameters ?? match?.pathParameters) }),
    stageVariables: orNull({ ...inv.stageVariables }),
    requestContext,
    body: req.body.length ? req.body.toString(binary ? 'base64' : 'utf8') : null,
    isBase64Encoded: binary && req.body.length > 0,
  };
}
