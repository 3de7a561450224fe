// A WebSocket route's integration: AWS_PROXY (Lambda with the proxy event), HTTP_PROXY (the
// message as the request body), and the mapped kinds MOCK, HTTP and AWS (Lambda's invoke
// ARN) whose request goes through a request template and whose answer goes through an
// integration response and its template. The result is a status (it decides a $connect)
// and the body a two-way route sends back. Failures are GatewayErrors.
import type { IncomingMessage } from 'node:http';
import type { RequestTrace } from '../../console/trace.ts';
import type { Integration } from '../../models/apigatewayv2.types.ts';
import type { LambdaInvoker } from '../../services/lambda/invoker.ts';
import { GatewayError, gatewayErrors } from '../shared/gateway-error.ts';
import { forwardHeaders, proxyRequest } from '../shared/http-upstream.ts';
import { invokeLambda, parseLambdaUri, substituteStageVariables } from '../shared/invoke-function.ts';
import { renderTemplate, TemplateError, type RequestParams } from '../vtl/index.ts';
import { invokeMapped } from './aws-lambda.ts';
import type { CompiledRoute } from './compiled.ts';
import { evaluateSelection, parseJson, selectKey } from './selection.ts';

interface IntegrationInput {
  invoker: LambdaInvoker;
  route: CompiledRoute;
  /** The Lambda proxy event (built only when needed). */
  proxyEvent(): unknown;
  /** The message ('' for $connect and $disconnect). */
  body: string;
  /** Handshake headers (lower-cased names) and query, for HTTP requests and $input.params(). */
  params: RequestParams;
  /** $context for templates. */
  context: Record<string, unknown>;
  stageVariables?: Record<string, string>;
  /** The console's record of this event, when one is kept. */
  trace?: RequestTrace;
}

interface IntegrationResult {
  status: number;
  /** Headers a $connect answer adds to the handshake response (e.g. Sec-WebSocket-Protocol). */
  headers: Record<string, string>;
  /** What a two-way route sends back; undefined sends nothing. */
  body?: string;
}

/** WebSocket integrations may take 50 ms to 29 s (the default). */
const MAX_TIMEOUT_MS = 29_000;

const timeoutOf = (i: Integration) => (i.TimeoutInMillis && i.TimeoutInMillis > 0 ? Math.min(i.TimeoutInMillis, MAX_TIMEOUT_MS) : MAX_TIMEOUT_MS);

export async function integrate(input: IntegrationInput): Promise<IntegrationResult> {
  const integration = input.route.integration;
  if (!integration) throw gatewayErrors.internal();
  if (input.trace) input.trace.integration = integration.IntegrationType;
  switch (integration.IntegrationType) {
    case 'AWS_PROXY':
      return lambdaProxy(input, integration);
    case 'HTTP_PROXY': {
      const answer = await httpCall(input, integration, input.body);
      return { status: answer.status, headers: {}, body: answer.body };
    }
    case 'MOCK':
    case 'HTTP':
    case 'AWS':
      return mapped(input, integration);
    default:
      throw gatewayErrors.internal();
  }
}

function lambdaTarget(input: IntegrationInput, integration: Integration) {
  const target = parseLambdaUri(substituteStageVariables(integration.IntegrationUri ?? '', input.stageVariables));
  if (!target) throw gatewayErrors.internal();
  return { target, invoker: input.invoker };
}

async function lambdaProxy(input: IntegrationInput, integration: Integration): Promise<IntegrationResult> {
  const { target, invoker } = lambdaTarget(input, integration);
  const event = input.proxyEvent();
  if (input.trace) input.trace.event = event;
  const payload = await invokeLambda({ invoker, target, payload: event, timeoutMs: timeoutOf(integration), trace: input.trace });
  if (input.trace) input.trace.functionResponse = payload;
  const text = payload.toString('utf8');
  const result = parseJson(text);
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    return { status: 200, headers: {}, body: text === '' || text === 'null' ? undefined : text };
  }
  const r = result as Record<string, unknown>;
  const headers: Record<string, string> = {};
  if (r.headers && typeof r.headers === 'object') {
    for (const [name, value] of Object.entries(r.headers)) if (value !== null && value !== undefined) headers[name] = String(value);
  }
  let body: string | undefined = text;
  if ('body' in r) {
    if (r.body === undefined || r.body === null) body = undefined;
    else if (typeof r.body === 'string') body = r.isBase64Encoded === true ? Buffer.from(r.body, 'base64').toString('utf8') : r.body;
    else body = JSON.stringify(r.body);
  }
  const status = typeof r.statusCode === 'number' ? r.statusCode : typeof r.statusCode === 'string' && /^\d{3}$/.test(r.statusCode) ? Number(r.statusCode) : 200;
  return { status, headers, body };
}

async function readAll(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function httpCall(input: IntegrationInput, integration: Integration, body: string, override?: Record<string, string>) {
  let url: URL;
  try {
    url = new URL(substituteStageVariables(integration.IntegrationUri ?? '', input.stageVariables));
  } catch {
    throw gatewayErrors.internal();
  }
  const headers = new Map<string, string[]>();
  for (const [name, value] of Object.entries(input.params.header)) headers.set(name.toLowerCase(), [value]);
  for (const [name, value] of Object.entries(override ?? {})) headers.set(name.toLowerCase(), [value]);
  const method = integration.IntegrationMethod && integration.IntegrationMethod !== 'ANY' ? integration.IntegrationMethod : 'POST';
  if (input.trace) input.trace.upstream = { method, url: url.href };
  const payload = Buffer.from(body);
  const res = await proxyRequest({ url, method, headers, body: payload, timeoutMs: timeoutOf(integration) }, forwardHeaders(headers, {}));
  return { status: res.statusCode ?? 502, body: await readAll(res) };
}

function render(template: string, body: string, input: IntegrationInput): string {
  try {
    return renderTemplate(template, { body, params: input.params, context: input.context, stageVariables: input.stageVariables ?? {} }).output;
  } catch (err) {
    if (err instanceof TemplateError) throw gatewayErrors.internal();
    throw err;
  }
}

/** The request template chosen by the integration's TemplateSelectionExpression, or the
 * message itself under the passthrough behaviour; undefined refuses the message. */
function requestPayload(input: IntegrationInput, integration: Integration): string | undefined {
  const templates = integration.RequestTemplates ?? {};
  const keys = Object.keys(templates);
  const selected = evaluateSelection(integration.TemplateSelectionExpression, { requestBody: () => parseJson(input.body) });
  const key = keys.length ? selectKey(keys, selected) : undefined;
  if (key !== undefined) return render(templates[key], input.body, input);
  const passthrough = integration.PassthroughBehavior ?? 'WHEN_NO_MATCH';
  if (passthrough === 'NEVER' || (passthrough === 'WHEN_NO_TEMPLATES' && keys.length)) return undefined;
  return input.body;
}

async function mapped(input: IntegrationInput, integration: Integration): Promise<IntegrationResult> {
  const payload = requestPayload(input, integration);
  if (payload === undefined) throw new GatewayError(415, 'Unsupported Media Type');
  let status = 200;
  let body = '';
  let errorMessage: string | undefined;
  if (integration.IntegrationType === 'MOCK') {
    const asked = parseJson(payload) as { statusCode?: unknown } | undefined;
    const code = Number(asked && typeof asked === 'object' ? asked.statusCode : undefined);
    if (Number.isInteger(code) && code >= 100 && code <= 599) status = code;
  } else if (integration.IntegrationType === 'HTTP') {
    ({ status, body } = await httpCall(input, integration, payload));
  } else {
    // AWS: only Lambda's invoke action is served (arn:aws:apigateway:{region}:lambda:path/...).
    const { target, invoker } = lambdaTarget(input, integration);
    const event = parseJson(payload) ?? payload;
    if (input.trace) input.trace.event = event;
    const result = await invokeMapped(invoker, target, event, timeoutOf(integration), input.trace);
    if (input.trace) input.trace.functionResponse = result.payload;
    body = result.payload.toString('utf8');
    errorMessage = result.errorMessage;
  }
  return { status, headers: {}, body: integrationResponse(input, integration, status, body, errorMessage) };
}

/** The integration response chosen by IntegrationResponseSelectionExpression (for a Lambda
 * function's error, by its errorMessage), rendered by its template; without integration
 * responses the integration's body goes back as it is. A function error no key takes fails
 * the route, as API Gateway's "No match for output mapping" does. */
function integrationResponse(input: IntegrationInput, integration: Integration, status: number, body: string, errorMessage?: string): string | undefined {
  const responses = input.route.integrationResponses;
  if (!responses.length && errorMessage === undefined) return body === '' ? undefined : body;
  const sources = { integrationStatus: status, integrationBody: () => parseJson(body) };
  const selected = errorMessage ?? evaluateSelection(integration.IntegrationResponseSelectionExpression ?? '${integration.response.statuscode}', sources);
  const key = selectKey(responses.map((r) => r.IntegrationResponseKey), selected);
  const response = responses.find((r) => r.IntegrationResponseKey === key);
  if (!response && errorMessage !== undefined) {
    if (input.trace) input.trace.error = `No integration response matches the function error "${errorMessage}"`;
    throw gatewayErrors.internal();
  }
  if (!response) return body === '' ? undefined : body;
  const templates = response.ResponseTemplates ?? {};
  const keys = Object.keys(templates);
  if (!keys.length) return body === '' ? undefined : body;
  const templateKey = selectKey(keys, evaluateSelection(response.TemplateSelectionExpression, sources));
  if (templateKey === undefined) return body === '' ? undefined : body;
  return render(templates[templateKey], body, input);
}
