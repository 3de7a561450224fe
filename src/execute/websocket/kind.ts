// The WebSocket API kind of the execute-api registry: claims the v2 APIs with ProtocolType
// WEBSOCKET, takes their upgrade requests (every invoke URL form: /execute-api/..., 
// /_aws/execute-api/..., {apiId}.execute-api.localhost) and serves the @connections API at
// `{invoke URL}/@connections/{connectionId}` through the model-driven engine.
import type { IncomingMessage } from 'node:http';
import { WebSocketServer } from 'ws';
import { invokeOperation, ServiceRouter } from '../../protocol/engine.ts';
import { renderError } from '../../protocol/engine.ts';
import { AwsError } from '../../protocol/errors.ts';
import { callerFromHeaders } from '../../protocol/sigv4.ts';
import type { UpgradeHandler } from '../../server/server.ts';
import { BodyTooLargeError } from '../../server/http-context.ts';
import type { ApiGatewayV2Store, ApiLocation } from '../../services/apigatewayv2/store.ts';
import { managementApiDefinition } from '../../services/apigatewaymanagementapi/definition.ts';
import { ManagementApiProvider } from '../../services/apigatewaymanagementapi/provider.ts';
import type { LambdaInvoker } from '../../services/lambda/invoker.ts';
import { AuthorizerCache } from '../authorizers/lambda-request.ts';
import type { ApiHandle, ApiKind, ExecuteRegistry, ExecuteRequest } from '../entry.ts';
import { sendGatewayError } from '../shared/gateway-error.ts';
import { ConnectionRegistry, type ConnectionLimits } from './connections.ts';
import { connect, rejectUpgrade, type UpgradeDeps } from './upgrade.ts';

/** API Gateway's message payload quota: 128 KB (larger messages close with 1009). */
const MAX_MESSAGE_BYTES = 128 * 1024;

interface WebSocketKindOptions {
  store: ApiGatewayV2Store;
  invoker: LambdaInvoker;
  limits?: ConnectionLimits;
  /** The data plane its events are observed as coming to (the execute-api registry). */
  origin: object;
}

export class WebSocketApiKind implements ApiKind {
  readonly name = 'websocket';
  readonly connections: ConnectionRegistry;
  /** The @connections provider, also served at localgate's root by the control plane. */
  readonly managementProvider: ManagementApiProvider;
  private readonly management: ServiceRouter;
  private readonly deps: UpgradeDeps;
  private readonly locations = new WeakMap<ApiHandle, ApiLocation>();

  constructor(private readonly opts: WebSocketKindOptions) {
    this.connections = new ConnectionRegistry(opts.limits);
    this.managementProvider = new ManagementApiProvider(this.connections);
    this.management = new ServiceRouter([managementApiDefinition(this.managementProvider)]);
    const handshakeHeaders = new WeakMap<IncomingMessage, Record<string, string>>();
    const wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_MESSAGE_BYTES,
      // A subprotocol is agreed only when $connect answers with Sec-WebSocket-Protocol.
      handleProtocols: (protocols, req) => {
        const answered = Object.entries(handshakeHeaders.get(req) ?? {}).find(([k]) => k.toLowerCase() === 'sec-websocket-protocol')?.[1];
        return answered !== undefined && protocols.has(answered) ? answered : false;
      },
    });
    wss.on('headers', (headers, req) => {
      for (const [name, value] of Object.entries(handshakeHeaders.get(req) ?? {})) {
        if (name.toLowerCase() !== 'sec-websocket-protocol') headers.push(`${name}: ${value.replace(/[\r\n]/g, ' ')}`);
      }
    });
    this.deps = { wss, invoker: opts.invoker, connections: this.connections, authorizerCache: new AuthorizerCache(), handshakeHeaders, origin: opts.origin };
  }

  claim(apiId: string): ApiHandle | undefined {
    const location = this.opts.store.findApi(apiId);
    if (!location || location.record.api.ProtocolType !== 'WEBSOCKET') return undefined;
    const { record } = location;
    const handle: ApiHandle = {
      hasStage: (name) => record.stages.has(name),
      executeApiDisabled: record.api.DisableExecuteApiEndpoint === true,
      serve: (req) => this.serveHttp(req),
    };
    this.locations.set(handle, location);
    return handle;
  }

  /** The server's upgrade handler for WebSocket invoke URLs. */
  upgradeHandler(execute: ExecuteRegistry): UpgradeHandler {
    return (req, socket, head) => {
      const target = execute.resolveUpgrade(req);
      const location = target && this.locations.get(target.handle);
      if (!target || !location) return false;
      if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
        rejectUpgrade(socket, 400, 'Bad Request');
        return true;
      }
      connect(this.deps, location, target, req, socket, head).catch((err) => {
        console.error('[localgate] WebSocket upgrade failed:', err);
        rejectUpgrade(socket, 500, 'Internal server error');
      });
      return true;
    };
  }

  /** Plain HTTP to a WebSocket API: the @connections API, else 403 as the gateway answers. */
  private async serveHttp(exec: ExecuteRequest) {
    const http = exec.http;
    const match = exec.path.startsWith('/@connections/') ? this.management.match(http.method, exec.path, http.query) : undefined;
    if (!match || match === 'wrong-method') {
      http.req.resume();
      sendGatewayError(http.res, exec.requestId, 403, 'Forbidden');
      return;
    }
    const caller = callerFromHeaders(http.req.headers.authorization, http.query.get('X-Amz-Credential'), http.awsDefaults);
    const ctx = { caller, account: caller.account, region: caller.region, requestId: http.requestId, baseUrl: http.baseUrl, routeLabels: { apiId: exec.apiId, stage: exec.stage } };
    let answer;
    try {
      const body = await http.readBody(match.service.maxBodyBytes);
      answer = await invokeOperation(match, { method: http.method, headers: http.req.headers, query: http.query, body }, ctx);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err;
      answer = renderError(match.service.model, new AwsError('PayloadTooLargeException', 'Request entity too large'));
      http.res.setHeader('Connection', 'close');
    }
    const length = answer.body === undefined ? 0 : Buffer.byteLength(answer.body);
    http.res.writeHead(answer.status, { ...answer.headers, 'Content-Length': length });
    http.res.end(answer.body);
  }

  /** Closes every connection and forgets cached authorizer answers (POST /_localgate/reset). */
  reset() {
    this.connections.closeAll();
    this.deps.authorizerCache.clear();
  }

  shutdown() {
    this.connections.closeAll();
    for (const client of this.deps.wss.clients) client.terminate();
    this.deps.wss.close();
  }
}
