// The upstream call HTTP and HTTP_PROXY integrations share: the integration URI with
// {name} taken from integration.request.path.name (else the method's own path parameter),
// the mapped query string, the mapped headers; the whole answer read.
import type { IncomingMessage } from 'node:http';
import { forwardHeaders, integrationUrl, proxyRequest } from '../../shared/http-upstream.ts';
import { failed, isFailure, type IntegrationFailure } from '../../shared/integration.ts';
import { substituteStageVariables } from '../../shared/invoke-function.ts';
import type { IntegrationRequest } from '../integration-request.ts';
import { mediaType } from '../request.ts';
import { timeoutOf, type RestIntegrationInput } from './contract.ts';

export interface UpstreamAnswer {
  status: number;
  /** Lower-cased name -> values. */
  headers: Map<string, string[]>;
  body: Buffer;
}

function httpUrl({ integration, inv }: RestIntegrationInput, request: IntegrationRequest): URL {
  const uri = substituteStageVariables(integration.uri ?? '', inv.stageVariables);
  const params = { ...inv.match!.pathParameters, ...request.path };
  const url = integrationUrl(uri, params, '');
  const search = new URLSearchParams(url.search);
  for (const [name, values] of request.query) for (const v of values) search.append(name, v);
  url.search = search.toString();
  return url;
}

function readAll(res: IncomingMessage): Promise<Buffer | IntegrationFailure> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', (err) => resolve(failed('upstream-error', `The upstream's answer broke off: ${err.message}`)));
  });
}

function headerMapOf(res: IncomingMessage): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) out.set(name, Array.isArray(value) ? value : [value]);
  return out;
}

/**
 * The headers API Gateway itself sends upstream (test_apigateway_http.snapshot.json#
 * test_http_integration_with_lambda): every HTTP integration names the API in
 * X-Amzn-Apigateway-Api-Id; a non-proxy one also sends its own User-Agent, Accept and the
 * mapped Content-Type unless the integration request mapped those headers itself.
 */
function gatewayHeaders({ inv }: RestIntegrationInput, request: IntegrationRequest, proxy: boolean): Record<string, string> {
  const apiId = inv.exec.apiId;
  if (proxy) return { 'x-amzn-apigateway-api-id': apiId };
  const own: Record<string, string> = {
    'user-agent': `AmazonAPIGateway_${apiId}`,
    accept: 'application/json',
    'content-type': mediaType(inv.req.headers.get('content-type')?.at(-1)) ?? 'application/json',
  };
  for (const name of Object.keys(own)) if (request.headers.has(name)) delete own[name];
  own['x-amzn-apigateway-api-id'] = apiId;
  return own;
}

export async function callUpstream(input: RestIntegrationInput, request: IntegrationRequest, proxy: boolean): Promise<UpstreamAnswer | IntegrationFailure> {
  let url: URL;
  try {
    url = httpUrl(input, request);
  } catch {
    return failed('misconfigured', `${input.integration.uri ?? 'The integration URI'} is not a URL`);
  }
  const method = input.integration.httpMethod && input.integration.httpMethod !== 'ANY' ? input.integration.httpMethod : input.inv.req.method;
  const upstream = await proxyRequest({ url, method, headers: request.headers, body: request.body, timeoutMs: timeoutOf(input.integration) }, forwardHeaders(request.headers, gatewayHeaders(input, request, proxy)));
  if (isFailure(upstream)) return upstream;
  const body = await readAll(upstream);
  if (isFailure(body)) return body;
  return { status: upstream.statusCode ?? 502, headers: headerMapOf(upstream), body };
}
