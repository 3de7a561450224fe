// The WebSocket handshake: an upgrade request to a WEBSOCKET API's invoke URL runs the
// `$connect` route — its REQUEST authorizer (identity from route.request.header.* or
// route.request.querystring.*) and its integration — before the 101 is sent. A missing
// identity is 401, a denial 403, a failing authorizer or integration 500, and an
// integration answering a non-2xx status fails the handshake with that status; no
// connection is kept. Without a `$connect` route every client is accepted.
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { ApiLocation } from '../../services/apigatewayv2/store.ts';
import { authorizeLambda, type AuthorizerCache } from '../authorizers/lambda-request.ts';
import type { ExecuteTarget } from '../entry.ts';
import { isSigned, lambdaAuthorizerV1 } from '../http-api/authorize.ts';
import { GatewayError, gatewayErrors } from '../shared/gateway-error.ts';
import { lastValues, queryMap, sourceIp } from '../shared/gateway-request.ts';
import { publishStep } from '../shared/observe.ts';
import type { CompiledRoute } from './compiled.ts';
import type { Connection } from './connections.ts';
import { authorizerEvent, connectEvent, type EventBase, type Handshake } from './events.ts';
import { websocketId } from './ids.ts';
import { integrate } from './integrate.ts';
import { currentApi, eventBase, failureText, limitFrameSize, observeEvent, runSession, type SessionDeps } from './session.ts';
import { templateContext } from './template-context.ts';

export interface UpgradeDeps extends SessionDeps {
  wss: WebSocketServer;
  authorizerCache: AuthorizerCache;
  /** Headers the $connect integration adds to the 101 answer, by request. */
  handshakeHeaders: WeakMap<IncomingMessage, Record<string, string>>;
}

/** Answers a refused handshake; returns the body sent (for the console). */
export function rejectUpgrade(socket: Duplex, status: number, message: string, requestId = websocketId()): string {
  const body = JSON.stringify({ message });
  if (!socket.writable) return body;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `apigw-requestid: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
  );
  return body;
}

function identityValue(expr: string, handshake: Handshake, lowerHeaders: Map<string, string>, stageVariables?: Record<string, string>): string | undefined {
  if (expr.startsWith('route.request.header.')) return lowerHeaders.get(expr.slice('route.request.header.'.length).toLowerCase());
  if (expr.startsWith('route.request.querystring.')) return handshake.query.get(expr.slice('route.request.querystring.'.length))?.at(-1);
  if (expr.startsWith('stageVariables.')) return stageVariables?.[expr.slice('stageVariables.'.length)];
  return undefined;
}

async function authorize(deps: UpgradeDeps, route: CompiledRoute, location: ApiLocation, base: EventBase, handshake: Handshake, lowerHeaders: Map<string, string>, rawQuery: string) {
  const type = route.route.AuthorizationType ?? 'NONE';
  if (type === 'NONE') return undefined;
  if (type === 'AWS_IAM') {
    const signed = isSigned(lowerHeaders.get('authorization'), rawQuery);
    publishStep('authorizer', signed ? 'allowed (AWS_IAM)' : 'denied (AWS_IAM)');
    if (!signed) throw gatewayErrors.forbidden();
    return undefined;
  }
  const current = currentApi(location, base.stage);
  const authorizer = route.route.AuthorizerId ? current?.api.snapshot.authorizers.get(route.route.AuthorizerId) : undefined;
  if (type !== 'CUSTOM' || !authorizer?.AuthorizerUri) throw gatewayErrors.internal();
  const methodArn = `arn:aws:execute-api:${location.region}:${location.account}:${base.apiId}/${base.stage}/$connect`;
  publishStep('authorizer', 'denied (Lambda REQUEST)'); // until it allows
  const result = await authorizeLambda({
    invoker: deps.invoker,
    cache: deps.authorizerCache,
    config: {
      id: authorizer.AuthorizerId ?? authorizer.Name,
      uri: authorizer.AuthorizerUri,
      payloadFormatVersion: '1.0',
      simpleResponses: false,
      ttlSeconds: authorizer.AuthorizerResultTtlInSeconds ?? 0,
    },
    identity: (authorizer.IdentitySource ?? []).map((expr) => identityValue(expr, handshake, lowerHeaders, base.stageVariables)),
    resourceArn: methodArn,
    buildPayload: () => authorizerEvent(base, handshake, methodArn),
  });
  publishStep('authorizer', 'allowed (Lambda REQUEST)');
  return lambdaAuthorizerV1(result);
}

/** Runs $connect and, when it allows, completes the upgrade and starts the session. */
export async function connect(deps: UpgradeDeps, location: ApiLocation, target: ExecuteTarget, req: IncomingMessage, socket: Duplex, head: Buffer) {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawQuery = q === -1 ? '' : url.slice(q + 1);
  const path = q === -1 ? url : url.slice(0, q);
  const requestId = websocketId();
  const current = currentApi(location, target.stage);
  const handshake: Handshake = { rawHeaders: req.rawHeaders, query: queryMap(rawQuery) };
  const lowerHeaders = new Map<string, string>();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) lowerHeaders.set(req.rawHeaders[i].toLowerCase(), req.rawHeaders[i + 1]);
  const now = Date.now();
  const conn: Omit<Connection, 'socket'> = {
    id: websocketId(),
    apiId: target.apiId,
    stage: target.stage,
    domainName: target.domainName,
    path,
    connectedAt: now,
    lastActiveAt: now,
    sourceIp: sourceIp(req),
    userAgent: lowerHeaders.get('user-agent') ?? '',
  };
  const observed = observeEvent(deps, conn, 'CONNECT', requestId, { query: rawQuery, headers: req.rawHeaders });
  const refuse = (status: number, message: string) => {
    const body = rejectUpgrade(socket, status, message, requestId);
    observed.finish({ status, outcome: 'refused', reply: body });
  };
  if (!current) {
    observed.step('error', 'The stage has no deployment');
    return refuse(403, 'Forbidden');
  }
  const route = current.api.routes.get('$connect');
  if (route) observed.step('route', '$connect');
  let added: Record<string, string> | undefined;
  if (route) {
    const base = eventBase(conn as Connection, '$connect', requestId, current.stageVariables);
    try {
      const result = await observed.within(async () => {
        conn.authorizer = await authorize(deps, route, location, base, handshake, lowerHeaders, rawQuery);
        base.authorizer = conn.authorizer;
        return integrate({
          invoker: deps.invoker,
          route,
          proxyEvent: () => connectEvent(base, handshake),
          body: '',
          params: { path: {}, querystring: lastValues(handshake.query), header: Object.fromEntries(lowerHeaders) },
          context: templateContext(base, 'CONNECT'),
          stageVariables: current.stageVariables,
        });
      });
      if (result.status < 200 || result.status > 299) return refuse(result.status, STATUS_CODES[result.status] ?? 'Error');
      deps.handshakeHeaders.set(req, result.headers);
      added = result.headers;
    } catch (err) {
      if (!(err instanceof GatewayError)) console.error('[localgate] WebSocket $connect failed:', err);
      const e = err instanceof GatewayError ? err : gatewayErrors.internal();
      observed.step('error', failureText(err));
      return refuse(e.status, e.message);
    }
  }
  if (!socket.writable) return observed.finish({ outcome: 'the client left during $connect' });
  deps.wss.handleUpgrade(req, socket, head, (ws) => {
    limitFrameSize(ws);
    observed.finish({ status: 101, outcome: 'connected', headers: added });
    const established: Connection = { ...conn, socket: ws };
    deps.connections.add(established);
    runSession(deps, location, established);
  });
}
