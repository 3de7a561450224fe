// One HTTP API request through its steps: deployed snapshot -> body (10 MB) -> CORS
// preflight -> route -> throttle -> authorize -> integration (Lambda proxy or HTTP proxy)
// -> response parameter mapping and CORS headers -> respond. Every answer, the gateway's
// own errors included, carries the apigw-requestid header.
import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError, endWithBody } from '../../server/http-context.ts';
import type { ApiLocation } from '../../services/apigatewayv2/store.ts';
import type { ExecuteRequest } from '../entry.ts';
import { forwardHeaders, integrationUrl, proxyRequest, responseHeaders } from '../shared/http-upstream.ts';
import { invokeLambda, parseLambdaUri, substituteStageVariables } from '../shared/invoke-function.ts';
import { authorizeRoute, authorizerForEvent, type AuthorizeDeps, type AuthResult } from './authorize.ts';
import { compiledApi, type CompiledApi, type CompiledIntegration } from './compiled.ts';
import { applyCors, isPreflight, preflightHeaders } from './cors.ts';
import { eventV1, eventV2, type EventContext } from './events.ts';
import { GatewayError, gatewayErrors, sendGatewayError } from '../shared/gateway-error.ts';
import { jsonOnce, mappingSources } from './mapping-sources.ts';
import { applyMappings, type MappingSources } from './parameter-mapping.ts';
import { gatewayRequest, requestSource, type GatewayRequest } from '../shared/gateway-request.ts';
import { mapResponseV1, mapResponseV2 } from '../shared/proxy-response.ts';
import { pathSegments } from './routes.ts';
import { limitsFor, type Throttler } from '../shared/throttle.ts';

export interface PipelineDeps extends AuthorizeDeps {
  throttler: Throttler;
}

/** HTTP APIs accept request bodies up to 10 MB. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function serveHttpApi(deps: PipelineDeps, location: ApiLocation, exec: ExecuteRequest): Promise<void> {
  try {
    await run(deps, location, exec);
  } catch (err) {
    if (!(err instanceof GatewayError)) console.error('[localgate] HTTP API request failed:', err);
    else if (err.reason) console.error(`[localgate] HTTP API ${exec.apiId}: ${err.reason}`);
    const e = err instanceof GatewayError ? err : gatewayErrors.internal();
    if (exec.trace) exec.trace.error = err instanceof GatewayError ? (e.reason ?? e.message) : `${e.message}: ${String(err)}`;
    if (e.status === 413) exec.http.res.setHeader('connection', 'close');
    sendGatewayError(exec.http.res, exec.requestId, e.status, e.message, e.headers);
  }
}

interface Prepared {
  api: CompiledApi;
  req: GatewayRequest;
  event: EventContext;
  sources: MappingSources;
  auth?: AuthResult;
}

async function readBody(exec: ExecuteRequest): Promise<Buffer> {
  try {
    return await exec.http.readBody(MAX_BODY_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw gatewayErrors.tooLarge();
    throw err;
  }
}

async function run(deps: PipelineDeps, location: ApiLocation, exec: ExecuteRequest) {
  const { record } = location;
  const stage = record.stages.get(exec.stage);
  const deployment = stage?.DeploymentId ? record.deployments.get(stage.DeploymentId) : undefined;
  if (!stage || !deployment) {
    exec.http.req.resume();
    throw gatewayErrors.notFound();
  }
  const api = compiledApi(deployment.snapshot);
  const body = await readBody(exec);
  const rawPath = exec.stage === '$default' ? exec.path : `/${encodeURIComponent(exec.stage)}${exec.path}`;
  const req = gatewayRequest(requestSource(exec.http), { rawPath, stagePath: exec.path }, body);
  const headers = req.headers;

  if (api.cors && isPreflight(req.method, headers)) {
    send(exec, 204, preflightHeaders(api.cors, headers), Buffer.alloc(0));
    return;
  }

  const match = api.routes.match(req.method, pathSegments(exec.path));
  if (!match) throw gatewayErrors.notFound();
  const routeKey = match.route.RouteKey;
  if (exec.trace) exec.trace.route = routeKey;

  const limits = limitsFor(stage.DefaultRouteSettings, stage.RouteSettings?.[routeKey]);
  if (limits && !deps.throttler.allow(`${exec.apiId}/${exec.stage}/${routeKey}`, limits, req.timeEpoch)) {
    throw gatewayErrors.tooManyRequests();
  }

  const event: EventContext = {
    accountId: location.account,
    apiId: exec.apiId,
    domainName: exec.domainName,
    domainPrefix: exec.domainPrefix,
    requestId: exec.requestId,
    routeKey,
    stage: exec.stage,
    pathParameters: match.pathParameters,
    stageVariables: stage.StageVariables,
  };
  const prepared: Prepared = { api, req, event, sources: mappingSources(req, event, () => prepared.auth) };

  const authType = match.route.AuthorizationType ?? 'NONE';
  if (exec.trace && authType !== 'NONE') exec.trace.authorizer = `${authType}: denied`;
  prepared.auth = await authorizeRoute(deps, {
    route: match.route,
    authorizers: api.snapshot.authorizers,
    req,
    sources: prepared.sources,
    apiId: exec.apiId,
    stage: exec.stage,
    awsDefaults: exec.http.awsDefaults,
    routeArn: `arn:aws:execute-api:${location.region}:${location.account}:${exec.apiId}/${exec.stage}/${req.method}${exec.path}`,
    payload: (version, identity) => authorizerPayload(version, identity, req, event, location),
  });

  if (exec.trace && authType !== 'NONE') exec.trace.authorizer = `${authType}: allowed`;
  const integrationId = match.route.Target?.startsWith('integrations/') ? match.route.Target.slice('integrations/'.length) : undefined;
  const integration = integrationId ? api.integrations.get(integrationId) : undefined;
  if (!integration) throw gatewayErrors.internal();
  const type = integration.integration.IntegrationType;
  if (exec.trace) exec.trace.integration = type;
  if (type === 'AWS_PROXY' && integration.integration.IntegrationSubtype) {
    // AWS service integrations (SQS-SendMessage, EventBridge-PutEvents, ...) would call
    // other AWS services, which localgate does not emulate: fail as a broken integration.
    throw new GatewayError(500, 'Internal Server Error', {}, `AWS service integration ${integration.integration.IntegrationSubtype} is not supported by localgate`);
  }
  if (type === 'AWS_PROXY') await lambdaProxy(deps, prepared, integration, exec);
  else if (type === 'HTTP_PROXY') await httpProxy(prepared, integration, exec);
  else throw gatewayErrors.internal();
}

function authorizerPayload(version: '1.0' | '2.0', identity: string[], req: GatewayRequest, event: EventContext, location: ApiLocation) {
  const arn = `arn:aws:execute-api:${location.region}:${location.account}:${event.apiId}/${event.stage}/${req.method}${req.stagePath}`;
  if (version === '2.0') {
    const { version: _v, body: _b, isBase64Encoded: _i, ...rest } = eventV2(req, event);
    return { version: '2.0', type: 'REQUEST', routeArn: arn, identitySource: identity, ...rest };
  }
  const e = eventV1(req, event);
  return {
    version: '1.0',
    type: 'REQUEST',
    methodArn: arn,
    identitySource: identity.join(','),
    authorizationToken: identity.join(','),
    resource: e.resource,
    path: e.path,
    httpMethod: e.httpMethod,
    headers: e.headers,
    queryStringParameters: e.queryStringParameters,
    pathParameters: e.pathParameters,
    stageVariables: e.stageVariables,
    requestContext: e.requestContext,
  };
}

async function lambdaProxy(deps: PipelineDeps, p: Prepared, compiled: CompiledIntegration, exec: ExecuteRequest) {
  const integration = compiled.integration;
  const version = integration.PayloadFormatVersion === '1.0' ? '1.0' : '2.0';
  const target = parseLambdaUri(substituteStageVariables(integration.IntegrationUri ?? '', p.event.stageVariables));
  if (!target) throw gatewayErrors.internal();
  const event = { ...p.event, authorizer: authorizerForEvent(p.auth, version) };
  const req = compiled.requestMappings.length ? mappedRequest(p, compiled) : p.req;
  const lambdaEvent = version === '2.0' ? eventV2(req, event) : eventV1(req, event);
  if (exec.trace) exec.trace.event = lambdaEvent;
  const payload = await invokeLambda({ invoker: deps.invoker, target, payload: lambdaEvent, timeoutMs: compiled.timeoutMs, trace: exec.trace });
  if (exec.trace) exec.trace.functionResponse = payload;
  const mapped = version === '2.0' ? mapResponseV2(payload) : mapResponseV1(payload);
  const status = mapResponse(p, compiled, mapped.status, mapped.headers, jsonOnce(() => mapped.body.toString('utf8')));
  send(exec, status, mapped.headers, mapped.body);
}

/** The headers, query string and path as the integration's request parameters change them. */
function applyRequestMappings(p: Prepared, compiled: CompiledIntegration) {
  const target = { headers: new Map(p.req.headers), query: new Map(p.req.query), path: undefined as string | undefined };
  applyMappings(compiled.requestMappings, target, p.sources);
  const search = new URLSearchParams();
  for (const [name, values] of target.query) for (const v of values) search.append(name, v);
  return { ...target, rawQuery: search.toString() };
}

/** The request as a Lambda integration's request parameters change it, for the event. */
function mappedRequest(p: Prepared, compiled: CompiledIntegration): GatewayRequest {
  const target = applyRequestMappings(p, compiled);
  const path = target.path === undefined ? undefined : target.path.startsWith('/') ? target.path : `/${target.path}`;
  return {
    ...p.req,
    headers: target.headers,
    query: target.query,
    rawQuery: target.rawQuery,
    rawPath: path ?? p.req.rawPath,
    stagePath: path ?? p.req.stagePath,
  };
}

async function httpProxy(p: Prepared, compiled: CompiledIntegration, exec: ExecuteRequest) {
  const integration = compiled.integration;
  const uri = substituteStageVariables(integration.IntegrationUri ?? '', p.event.stageVariables);
  let headers = p.req.headers;
  let url: URL;
  try {
    if (compiled.requestMappings.length) {
      const target = applyRequestMappings(p, compiled);
      headers = target.headers;
      url = integrationUrl(uri, p.event.pathParameters, '');
      if (target.path !== undefined) url.pathname = target.path;
      url.search = target.rawQuery;
    } else {
      url = integrationUrl(uri, p.event.pathParameters, p.req.rawQuery);
    }
  } catch {
    throw gatewayErrors.internal();
  }
  const method = integration.IntegrationMethod && integration.IntegrationMethod !== 'ANY' ? integration.IntegrationMethod : p.req.method;
  const host = headers.get('host')?.[0] ?? exec.domainName;
  const forwarded = forwardHeaders(headers, { forwarded: `for=${p.req.sourceIp};host=${host};proto=http` });
  if (exec.trace) exec.trace.upstream = { method, url: url.toString() };
  const upstream = await proxyRequest({ url, method, headers, body: p.req.body, timeoutMs: compiled.timeoutMs }, forwarded);
  const outHeaders = responseHeaders(upstream);
  const status = mapResponse(p, compiled, upstream.statusCode ?? 502, outHeaders);
  stream(exec, status, outHeaders, upstream);
}

/** Response parameter mapping and CORS headers; returns the status to send. */
function mapResponse(p: Prepared, compiled: CompiledIntegration, status: number, headers: Record<string, string | string[]>, body?: () => unknown): number {
  const mappings = compiled.responseMappings.get(status);
  if (mappings?.length) {
    const map = new Map<string, string[]>();
    for (const [name, value] of Object.entries(headers)) map.set(name, Array.isArray(value) ? value : [value]);
    const target = { headers: map, status: undefined as number | undefined };
    applyMappings(mappings, target, { ...p.sources, responseHeader: (name) => map.get(name.toLowerCase())?.join(','), responseBody: body });
    for (const name of Object.keys(headers)) delete headers[name];
    for (const [name, values] of map) headers[name] = values.length === 1 ? values[0] : values;
    if (target.status !== undefined) status = target.status;
  }
  if (p.api.cors) applyCors(p.api.cors, p.req.headers, headers);
  return status;
}

function send(exec: ExecuteRequest, status: number, headers: Record<string, string | string[]>, body: Buffer) {
  const res = exec.http.res;
  headers['content-length'] = String(body.length);
  headers['apigw-requestid'] = exec.requestId;
  res.removeHeader('x-amzn-RequestId');
  res.writeHead(status, headers);
  endWithBody(res, body);
}

function stream(exec: ExecuteRequest, status: number, headers: Record<string, string | string[]>, upstream: IncomingMessage) {
  const res = exec.http.res;
  headers['apigw-requestid'] = exec.requestId;
  res.removeHeader('x-amzn-RequestId');
  res.writeHead(status, headers);
  upstream.on('error', () => res.destroy());
  res.on('close', () => upstream.destroy());
  upstream.pipe(res);
}
