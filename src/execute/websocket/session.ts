// One established WebSocket connection: each text message is routed by the API's
// RouteSelectionExpression (else `$default`), integrated, and a two-way route's answer sent
// back; a message no route takes gets API Gateway's "Forbidden" error frame. Binary frames
// are refused with close code 1003, as AWS documents. When the connection closes for any
// reason, `$disconnect` runs (best effort) with the close code and reason. A frame over
// 32 KB closes the connection with 1009, as API Gateway does (its WebSocket frame quota).
// Each event is observed (execute/shared/observe.ts): the console records it when it listens.
import type { WebSocket } from 'ws';
import type { ApiLocation } from '../../services/apigatewayv2/store.ts';
import type { LambdaInvoker } from '../../services/lambda/invoker.ts';
import { GatewayError } from '../shared/gateway-error.ts';
import { observeWebSocketEvent, type WebSocketStart } from '../shared/observe.ts';
import { compiledWebSocketApi, type CompiledRoute, type CompiledWebSocketApi } from './compiled.ts';
import type { Connection, ConnectionRegistry } from './connections.ts';
import { disconnectEvent, messageEvent, type EventBase } from './events.ts';
import { websocketId } from './ids.ts';
import { integrate } from './integrate.ts';
import { parseJson } from './selection.ts';
import { templateContext } from './template-context.ts';

export interface SessionDeps {
  invoker: LambdaInvoker;
  connections: ConnectionRegistry;
  /** The data plane the events are observed as coming to (one per localgate instance). */
  origin: object;
}

/** API Gateway's WebSocket frame size quota. */
const MAX_FRAME_BYTES = 32 * 1024;

/** What went wrong, for the console: API Gateway's words, or the unexpected error. */
export function failureText(err: unknown): string {
  if (err instanceof GatewayError) return err.reason ?? err.message;
  return err instanceof Error ? err.message : String(err);
}

export function observeEvent(deps: SessionDeps, conn: Pick<Connection, 'id' | 'apiId' | 'stage' | 'domainName' | 'path'>, eventType: WebSocketStart['eventType'], requestId: string, extra: Partial<WebSocketStart> = {}) {
  return observeWebSocketEvent(deps.origin, () => ({ eventType, connectionId: conn.id, requestId, apiId: conn.apiId, stage: conn.stage, domainName: conn.domainName, path: conn.path, ...extra }));
}

/** API Gateway's error frame, spaced exactly as AWS sends it. */
function errorFrame(message: string, connectionId: string, requestId: string): string {
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
  const key = api.routeSelection({
    requestBody: () => {
      if (!parsedOnce) [parsed, parsedOnce] = [parseJson(body), true];
      return parsed;
    },
  });
  const route = key === undefined || key === '$connect' || key === '$disconnect' ? undefined : api.routes.get(key);
  return route ?? api.routes.get('$default');
}

async function onMessage(deps: SessionDeps, location: ApiLocation, conn: Connection, data: Buffer) {
  const body = data.toString('utf8');
  const requestId = websocketId();
  const observed = observeEvent(deps, conn, 'MESSAGE', requestId, { body: data });
  const current = currentApi(location, conn.stage);
  const route = current && selectRoute(current.api, body);
  if (!current || !route) {
    const frame = errorFrame('Forbidden', conn.id, requestId);
    send(conn.socket, frame);
    observed.step('error', 'No route matches the message and there is no $default route');
    observed.finish({ status: 403, outcome: 'Forbidden error frame', reply: frame });
    return;
  }
  observed.step('route', route.route.RouteKey);
  const messageId = websocketId();
  const base = eventBase(conn, route.route.RouteKey, requestId, current.stageVariables);
  try {
    const result = await observed.within(() =>
      integrate({
        invoker: deps.invoker,
        route,
        proxyEvent: () => messageEvent(base, messageId, body),
        body,
        params: { path: {}, querystring: {}, header: {} },
        context: templateContext(base, 'MESSAGE', messageId),
        stageVariables: current.stageVariables,
      }),
    );
    const reply = route.twoWay ? result.body : undefined;
    if (reply !== undefined) send(conn.socket, reply);
    observed.finish({ status: result.status, outcome: reply !== undefined ? 'replied' : route.twoWay ? 'no reply (empty result)' : 'no reply (one-way route)', reply });
  } catch (err) {
    if (!(err instanceof GatewayError)) console.error('[localgate] WebSocket message failed:', err);
    const frame = errorFrame('Internal server error', conn.id, requestId);
    send(conn.socket, frame);
    observed.step('error', failureText(err));
    observed.finish({ status: err instanceof GatewayError ? err.status : 500, outcome: 'Internal server error frame', reply: frame });
  }
}

function send(socket: WebSocket, text: string) {
  if (socket.readyState === socket.OPEN) socket.send(text);
}

async function onClose(deps: SessionDeps, location: ApiLocation, conn: Connection, code: number, reason: string) {
  deps.connections.remove(conn.id);
  const current = currentApi(location, conn.stage);
  const route = current?.api.routes.get('$disconnect');
  const requestId = websocketId();
  const statusCode = conn.closedBy?.code ?? code;
  const why = conn.closedBy?.reason ?? reason;
  const observed = observeEvent(deps, conn, 'DISCONNECT', requestId);
  const outcome = `disconnected (${statusCode}${why ? ` ${why}` : ''})`;
  if (!current || !route) return observed.finish({ outcome });
  observed.step('route', '$disconnect');
  const base = eventBase(conn, '$disconnect', requestId, current.stageVariables);
  await observed
    .within(() =>
      integrate({
        invoker: deps.invoker,
        route,
        proxyEvent: () => disconnectEvent(base, statusCode, why),
        body: '',
        params: { path: {}, querystring: {}, header: {} },
        context: { ...templateContext(base, 'DISCONNECT'), disconnectStatusCode: statusCode, disconnectReason: why },
        stageVariables: current.stageVariables,
      }),
    )
    .then(
      (result) => observed.finish({ status: result.status, outcome }),
      // best effort: nobody is left to tell
      (err) => {
        observed.step('error', failureText(err));
        observed.finish({ status: err instanceof GatewayError ? err.status : 500, outcome: `${outcome}; $disconnect failed` });
      },
    );
}

/** Refuses frames over MAX_FRAME_BYTES with close code 1009, as API Gateway does. ws only
 * limits whole messages (maxPayload), so this hooks its receiver at the point where a
 * frame's length is known and before any of its payload is buffered; the error takes ws's
 * own path for an oversized message (close 1009, then 'close'). */
export function limitFrameSize(socket: WebSocket, maxBytes = MAX_FRAME_BYTES) {
  type Receiver = { _opcode: number; _payloadLength: number; haveLength(cb: (err?: Error) => void): void; createError(ctor: ErrorConstructor, message: string, prefix: boolean, status: number, code: string): Error };
  const receiver = (socket as unknown as { _receiver?: Receiver })._receiver;
  if (!receiver || typeof receiver.haveLength !== 'function') return; // not the ws version this was written for
  const haveLength = receiver.haveLength;
  receiver.haveLength = function (this: Receiver, cb) {
    // Data frames (continuation, text, binary) only; control frames are limited to 125 bytes.
    if (this._opcode < 0x08 && this._payloadLength > maxBytes) {
      cb(this.createError(RangeError, 'Max frame size exceeded', false, 1009, 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'));
      return;
    }
    haveLength.call(this, cb);
  };
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
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    void onMessage(deps, location, conn, buf);
  });
  socket.on('ping', () => deps.connections.touch(conn.id));
  socket.on('close', (code, reason) => {
    void onClose(deps, location, conn, code, reason.toString('utf8'));
  });
}
