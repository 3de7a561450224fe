// One established WebSocket connection: each text message is routed by the API's
// RouteSelectionExpression (else `$default`), integrated, and a two-way route's answer sent
// back; a message no route takes gets API Gateway's "Forbidden" error frame. Binary frames
// are refused with close code 1003, as AWS documents. When the connection closes for any
// reason, `$disconnect` runs (best effort) with the close code and reason.
import type { WebSocket } from 'ws';
import type { ApiLocation } from '../../services/apigatewayv2/store.ts';
import type { LambdaInvoker } from '../../services/lambda/invoker.ts';
import { GatewayError } from '../http-api/gateway-response.ts';
import { compiledWebSocketApi, type CompiledRoute, type CompiledWebSocketApi } from './compiled.ts';
import type { Connection, ConnectionRegistry } from './connections.ts';
import { disconnectEvent, messageEvent, type EventBase } from './events.ts';
import { websocketId } from './ids.ts';
import { integrate } from './integrate.ts';
import { evaluateSelection, parseJson } from './selection.ts';
import { templateContext } from './template-context.ts';

export interface SessionDeps {
  invoker: LambdaInvoker;
  connections: ConnectionRegistry;
}

/** API Gateway's error frame, spaced exactly as AWS sends it. */
export function errorFrame(message: string, connectionId: string, requestId: string): string {
  return `{"message": ${JSON.stringify(message)}, "connectionId":${JSON.stringify(connectionId)}, "requestId":${JSON.stringify(requestId)}}`;
}

/** The deployed API the stage serves now (a redeployment applies to open connections too). */
export function currentApi(location: ApiLocation, stage: string): { api: CompiledWebSocketApi; stageVariables?: Record<string, string> } | undefined {
  const s = location.record.stages.get(stage);
  const deployment = s?.DeploymentId ? location.record.deployments.get(s.DeploymentId) : undefined;
  return deployment && { api: compiledWebSocketApi(deployment.snapshot), stageVariables: s?.StageVariables };
}

export function eventBase(conn: Connection, routeKey: string, requestId: string, stageVariables?: Record<string, string>): EventBase {
  return {
    apiId: conn.apiId,
    stage: conn.stage,
    domainName: conn.domainName,
    connectionId: conn.id,
    connectedAt: conn.connectedAt,
    sourceIp: conn.sourceIp,
    userAgent: conn.userAgent,
    requestId,
    requestTimeEpoch: Date.now(),
    routeKey,
    stageVariables,
    authorizer: conn.authorizer,
  };
}

function selectRoute(api: CompiledWebSocketApi, body: string): CompiledRoute | undefined {
  let parsed: unknown;
  let parsedOnce = false;
  const key = evaluateSelection(api.snapshot.api.RouteSelectionExpression, {
    requestBody: () => {
      if (!parsedOnce) [parsed, parsedOnce] = [parseJson(body), true];
      return parsed;
    },
  });
  const route = key === undefined || key === '$connect' || key === '$disconnect' ? undefined : api.routes.get(key);
  return route ?? api.routes.get('$default');
}

async function onMessage(deps: SessionDeps, location: ApiLocation, conn: Connection, body: string) {
  const requestId = websocketId();
  const current = currentApi(location, conn.stage);
  const route = current && selectRoute(current.api, body);
  if (!current || !route) {
    send(conn.socket, errorFrame('Forbidden', conn.id, requestId));
    return;
  }
  const messageId = websocketId();
  const base = eventBase(conn, route.route.RouteKey, requestId, current.stageVariables);
  try {
    const result = await integrate({
      invoker: deps.invoker,
      route,
      proxyEvent: () => messageEvent(base, messageId, body),
      body,
      params: { path: {}, querystring: {}, header: {} },
      context: templateContext(base, 'MESSAGE', messageId),
      stageVariables: current.stageVariables,
    });
    if (route.twoWay && result.body !== undefined) send(conn.socket, result.body);
  } catch (err) {
    if (!(err instanceof GatewayError)) console.error('[localgate] WebSocket message failed:', err);
    send(conn.socket, errorFrame('Internal server error', conn.id, requestId));
  }
}

function send(socket: WebSocket, text: string) {
  if (socket.readyState === socket.OPEN) socket.send(text);
}

async function onClose(deps: SessionDeps, location: ApiLocation, conn: Connection, code: number, reason: string) {
  deps.connections.remove(conn.id);
  const current = currentApi(location, conn.stage);
  const route = current?.api.routes.get('$disconnect');
  if (!current || !route) return;
  const requestId = websocketId();
  const base = eventBase(conn, '$disconnect', requestId, current.stageVariables);
  const statusCode = conn.closedBy?.code ?? code;
  const why = conn.closedBy?.reason ?? reason;
  await integrate({
    invoker: deps.invoker,
    route,
    proxyEvent: () => disconnectEvent(base, statusCode, why),
    body: '',
    params: { path: {}, querystring: {}, header: {} },
    context: { ...templateContext(base, 'DISCONNECT'), disconnectStatusCode: statusCode, disconnectReason: why },
    stageVariables: current.stageVariables,
  }).catch(() => undefined); // best effort: nobody is left to tell
}

/** Wires an accepted socket to its connection: messages, activity, close. */
export function runSession(deps: SessionDeps, location: ApiLocation, conn: Connection) {
  const socket = conn.socket;
  socket.on('error', () => undefined); // protocol errors close the socket; 'close' follows
  socket.on('message', (data, isBinary) => {
    deps.connections.touch(conn.id);
    if (isBinary) {
      deps.connections.close(conn.id, 1003, 'Binary frames are not supported');
      return;
    }
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    void onMessage(deps, location, conn, text);
  });
  socket.on('ping', () => deps.connections.touch(conn.id));
  socket.on('close', (code, reason) => {
    void onClose(deps, location, conn, code, reason.toString('utf8'));
  });
}
