// One HTTP API request through its steps: deployed snapshot -> body (10 MB) -> CORS
// preflight -> route -> throttle -> authorize -> integration (Lambda proxy or HTTP proxy)
// -> response parameter mapping and CORS headers -> respond. Every answer, the gateway's
// own errors included, carries the apigw-requestid header.
import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError, declaresNoBody, endWithBody } from '../../server/http-context.ts';
import type { ApiLocation } from '../../services/apigatewayv2/store.ts';
import type { ExecuteRequest } from '../entry.ts';
import { GatewayError, gatewayErrors, gatewayFailure, sendGatewayError } from '../shared/gateway-error.ts';
import { gatewayRequest, requestSource, type GatewayRequest } from '../shared/gateway-request.ts';
import { failed, integrationFor, isFailure } from '../shared/integration.ts';
import { publishStep } from '../shared/observe.ts';
import { limitsFor, type Throttler } from '../shared/throttle.ts';
import { authorizeRoute, type AuthorizeDeps, type AuthResult } from './authorize.ts';
import { compiledApi, type CompiledApi, type CompiledIntegration } from './compiled.ts';
import { applyCors, isPreflight, preflightHeaders } from './cors.ts';
import { eventV1, eventV2, type EventContext } from './events.ts';
import type { HttpIntegrationOutput } from './integrations/contract.ts';
import { httpIntegrations } from './integrations/index.ts';
import { jsonOnce, mappingSources } from './mapping-sources.ts';
import { applyMappings, type MappingSources } from './parameter-mapping.ts';
import { pathSegments } from './routes.ts';

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
    const e = err instanceof GatewayError ? err : gatewayErrors.internal();
    publishStep('error', err instanceof GatewayError ? (e.reason ?? e.message) : `${e.message}: ${String(err)}`);
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

const NO_BODY = Buffer.alloc(0);

/** The request's body; read only when it declares one (reading an empty stream to its end
 * costs a request several microseconds). */
async function readBody(exec: ExecuteRequest): Promise<Buffer> {
  if (declaresNoBody(exec.http.req)) return NO_BODY;
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
  publishStep('route', routeKey);

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
  if (authType !== 'NONE') {
    publishStep('authorizer', `${authType}: denied`);
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
    publishStep('authorizer', `${authType}: allowed`);
  }

  const integration = api.routeIntegrations.get(match.route);
  if (!integration) throw gatewayErrors.internal();
  const type = integration.integration.IntegrationType;
  publishStep('integration', type);
  const integrate = integrationFor(httpIntegrations, type);
  const out = integrate
    ? await integrate.invoke({ invoker: deps.invoker, compiled: integration, req, event, sources: prepared.sources, auth: prepared.auth, domainName: exec.domainName })
    : failed('misconfigured', `HTTP APIs have no ${type} integrations`);
  if (isFailure(out)) {
    // The API's own settings cannot work: say so where the developer looks.
    if (out.failure === 'misconfigured') console.error(`[localgate] HTTP API ${exec.apiId}: ${out.reason}`);
    throw gatewayFailure(out);
  }
  respond(exec, prepared, integration, out);
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

/** Response parameter mapping and CORS, then the answer: a whole body or a stream. */
function respond(exec: ExecuteRequest, p: Prepared, compiled: CompiledIntegration, out: HttpIntegrationOutput) {
  const body = out.body;
  if (Buffer.isBuffer(body)) {
    const status = mapResponse(p, compiled, out.status, out.headers, () => body.toString('utf8'));
    send(exec, status, out.headers, body);
  } else {
    stream(exec, mapResponse(p, compiled, out.status, out.headers), out.headers, body);
  }
}

/** Response parameter mapping and CORS headers; returns the status to send. */
function mapResponse(p: Prepared, compiled: CompiledIntegration, status: number, headers: Record<string, string | string[]>, bodyText?: () => string): number {
  const mappings = compiled.responseMappings.get(status);
  if (mappings?.length) {
    const body = bodyText && jsonOnce(bodyText);
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
