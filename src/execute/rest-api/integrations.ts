// Calling the integration. Proxy integrations (AWS_PROXY, HTTP_PROXY) answer the client
// directly; the others (MOCK, AWS to Lambda, HTTP) give an integration response for the
// method's integration responses to map: a status, the text selection patterns are matched
// against (the status code, or a Lambda function's errorMessage), headers and body.
import type { IncomingMessage } from 'node:http';
import type { Integration } from '../../models/apigateway.types.ts';
import type { LambdaInvoker } from '../../services/lambda/invoker.ts';
import { GatewayError } from '../shared/gateway-error.ts';
import { mapResponseV1 } from '../shared/proxy-response.ts';
import { forwardHeaders, integrationUrl, proxyRequest } from '../shared/http-upstream.ts';
import { parseLambdaUri, substituteStageVariables } from '../shared/invoke-function.ts';
import { RestGatewayError, restErrors } from './errors.ts';
import type { IntegrationRequest } from './integration-request.ts';
import { proxyEvent, type Invocation } from './invocation.ts';
import { isBinaryType, mediaType } from './request.ts';
import type { RestResponse } from './respond.ts';

export interface EndpointResponse {
  status: number;
  /** What selectionPattern is matched against. */
  selector: string;
  /** Lower-cased name -> values. */
  headers: Map<string, string[]>;
  body: Buffer;
}

const DEFAULT_TIMEOUT_MS = 29_000;
const timeoutOf = (i: Integration) => i.timeoutInMillis ?? DEFAULT_TIMEOUT_MS;

/** MOCK: the request template's statusCode picks the integration response (200 without one). */
export function mock(request: IntegrationRequest): EndpointResponse {
  let status = 200;
  try {
    const parsed = JSON.parse(request.body.toString('utf8')) as { statusCode?: unknown };
    const code = Number(parsed?.statusCode);
    if (Number.isInteger(code) && code >= 100 && code <= 599) status = code;
  } catch {
    // Not JSON: no statusCode, 200.
  }
  return { status, selector: String(status), headers: new Map(), body: Buffer.alloc(0) };
}

async function invoke(invoker: LambdaInvoker, integration: Integration, inv: Invocation, payload: Buffer) {
  const target = parseLambdaUri(substituteStageVariables(integration.uri ?? '', inv.stageVariables));
  if (!target) throw restErrors.configuration();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutOf(integration))));
  const call = invoker.invoke({ account: target.account, region: target.region, functionName: target.functionArn, qualifier: target.qualifier, payload, trace: inv.exec.trace });
  call.catch(() => undefined);
  try {
    const result = await Promise.race([call, timeout]);
    if (result === 'timeout') throw restErrors.timeout();
    if (inv.exec.trace) inv.exec.trace.functionResponse = result.payload;
    return result;
  } catch (e) {
    if (e instanceof RestGatewayError) throw e;
    throw restErrors.internal();
  } finally {
    clearTimeout(timer);
  }
}

/** AWS integration to Lambda: the mapped body is the payload; a function error's errorMessage selects the response. */
export async function lambdaCustom(invoker: LambdaInvoker, integration: Integration, inv: Invocation, request: IntegrationRequest): Promise<EndpointResponse> {
  if (!/^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:/.test(integration.uri ?? '')) throw restErrors.configuration();
  const result = await invoke(invoker, integration, inv, request.body.length ? request.body : Buffer.from('{}'));
  let selector = '';
  if (result.functionError) {
    try {
      const message = (JSON.parse(result.payload.toString('utf8')) as { errorMessage?: unknown }).errorMessage;
      selector = typeof message === 'string' ? message : '';
    } catch {
      selector = '';
    }
  }
  return { status: 200, selector, headers: new Map([['content-type', ['application/json']]]), body: result.payload };
}

/** AWS_PROXY: the v1 proxy event in, { statusCode, headers, multiValueHeaders, body, isBase64Encoded } out. */
export async function lambdaProxy(invoker: LambdaInvoker, integration: Integration, inv: Invocation): Promise<RestResponse> {
  // Lambda's Invoke is a POST: AWS fails any other integration method as a configuration
  // error (test_apigateway_lambda.snapshot.json#test_lambda_aws_proxy_integration_non_post_method).
  if (integration.httpMethod !== 'POST') throw restErrors.configuration();
  const event = proxyEvent(inv);
  if (inv.exec.trace) inv.exec.trace.event = event;
  const result = await invoke(invoker, integration, inv, Buffer.from(JSON.stringify(event)));
  if (result.functionError) throw restErrors.badGateway();
  let mapped;
  try {
    mapped = mapResponseV1(result.payload, { rest: true });
  } catch (e) {
    if (e instanceof GatewayError) throw restErrors.badGateway();
    throw e;
  }
  let body = mapped.body;
  const parsed = JSON.parse(result.payload.toString('utf8')) as { isBase64Encoded?: unknown; body?: unknown };
  if (parsed.isBase64Encoded === true) {
    // A base64 body goes out as binary only when the client accepts a binary media type.
    const accept = mediaType(inv.req.headers.get('accept')?.at(-1)?.split(',')[0]);
    if (!isBinaryType(accept, inv.snapshot.api.binaryMediaTypes)) body = Buffer.from(String(parsed.body ?? ''), 'utf8');
  }
  const headers = mapped.headers;
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  return { status: mapped.status, headers, body };
}

function httpUrl(integration: Integration, inv: Invocation, request: IntegrationRequest): URL {
  const uri = substituteStageVariables(integration.uri ?? '', inv.stageVariables);
  // {name} in the URI takes integration.request.path.name, else the method's own path parameter.
  const params = { ...inv.match!.pathParameters, ...request.path };
  const url = integrationUrl(uri, params, '');
  const search = new URLSearchParams(url.search);
  for (const [name, values] of request.query) for (const v of values) search.append(name, v);
  url.search = search.toString();
  return url;
}

/**
 * The headers API Gateway itself sends upstream (test_apigateway_http.snapshot.json#
 * test_http_integration_with_lambda): every HTTP integration names the API in
 * X-Amzn-Apigateway-Api-Id; a non-proxy one also sends its own User-Agent, Accept and the
 * mapped Content-Type unless the integration request mapped those headers itself.
 */
function gatewayHeaders(inv: Invocation, request: IntegrationRequest, proxy: boolean): Record<string, string> {
  const apiId = inv.exec.apiId;
  if (proxy) return { 'x-amzn-apigateway-api-id': apiId };
  const own: Record<string, string> = {
    'user-agent': `AmazonAPIGateway_${apiId}`,
    accept: 'application/json',
    'content-type': mediaType(inv.req.headers.get('content-type')?.at(-1)) ?? 'application/json',
  };
  for (const name of Object.keys(own)) if (request.headers.has(name)) delete own[name];
  return { ...own, 'x-amzn-apigateway-api-id': apiId };
}

async function callHttp(integration: Integration, inv: Invocation, request: IntegrationRequest, proxy: boolean): Promise<IncomingMessage> {
  let url: URL;
  try {
    url = httpUrl(integration, inv, request);
  } catch {
    throw restErrors.configuration();
  }
  const method = integration.httpMethod && integration.httpMethod !== 'ANY' ? integration.httpMethod : inv.req.method;
  const headers = forwardHeaders(request.headers, gatewayHeaders(inv, request, proxy));
  if (inv.exec.trace) inv.exec.trace.upstream = { method, url: url.toString() };
  try {
    return await proxyRequest({ url, method, headers: request.headers, body: request.body, timeoutMs: timeoutOf(integration) }, headers);
  } catch (e) {
    if (e instanceof GatewayError && e.status === 503) throw restErrors.timeout();
    throw restErrors.integrationFailure();
  }
}

function readAll(res: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', () => reject(restErrors.integrationFailure()));
  });
}

function headerMapOf(res: IncomingMessage): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) out.set(name, Array.isArray(value) ? value : [value]);
  return out;
}

/** HTTP (non-proxy): the mapped request goes out, the whole response comes back for mapping. */
export async function http(integration: Integration, inv: Invocation, request: IntegrationRequest): Promise<EndpointResponse> {
  const upstream = await callHttp(integration, inv, request, false);
  const body = await readAll(upstream);
  const status = upstream.statusCode ?? 502;
  return { status, selector: String(status), headers: headerMapOf(upstream), body };
}

const SKIP_BACK = new Set(['keep-alive', 'transfer-encoding']);
/** Upstream headers API Gateway's own would clash with: they come back as x-amzn-Remapped-{name}
 * (test_apigateway_http.snapshot.json#test_http_integration_with_lambda[HTTP_PROXY]). */
const REMAPPED = new Set(['connection', 'content-length', 'date', 'server', 'x-amzn-requestid']);

/** HTTP_PROXY: the client's request goes on; the upstream's status, headers and body come back. */
export async function httpProxy(integration: Integration, inv: Invocation, request: IntegrationRequest): Promise<RestResponse> {
  const upstream = await callHttp(integration, inv, request, true);
  const body = await readAll(upstream);
  const headers: Record<string, string | string[]> = {};
  for (const [name, values] of headerMapOf(upstream)) {
    if (SKIP_BACK.has(name)) continue;
    headers[REMAPPED.has(name) ? `x-amzn-Remapped-${name}` : name] = values.length === 1 ? values[0] : values;
  }
  return { status: upstream.statusCode ?? 502, headers, body };
}
