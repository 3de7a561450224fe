// Shared set-up for the WebSocket end-to-end tests: a WEBSOCKET API built with the real
// SDK, and a small `ws` client that queues frames and reports refused handshakes.
import WebSocket from 'ws';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateIntegrationResponseCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  CreateStageCommand,
  type CreateIntegrationRequest,
} from '@aws-sdk/client-apigatewayv2';
import { clientConfig } from './helpers.ts';
import type { Localgate } from '../src/app.ts';

export interface WsRouteSpec {
  routeKey: string;
  integration: Omit<CreateIntegrationRequest, 'ApiId'>;
  /** Two-way: a `$default` route response. */
  twoWay?: boolean;
  /** Integration responses (key -> templates) for mapped integrations. */
  responses?: Record<string, Record<string, string> | undefined>;
  authorizer?: { uri: string; identitySource: string[] };
}

export async function createWebSocketApi(app: Localgate, routes: WsRouteSpec[], opts: { stage?: string; selection?: string } = {}) {
  const v2 = new ApiGatewayV2Client(clientConfig(app));
  const { ApiId } = await v2.send(
    new CreateApiCommand({ Name: 'ws-test', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: opts.selection ?? '$request.body.action' }),
  );
  for (const spec of routes) {
    const { IntegrationId } = await v2.send(new CreateIntegrationCommand({ ApiId, ...spec.integration }));
    for (const [key, templates] of Object.entries(spec.responses ?? {})) {
      await v2.send(new CreateIntegrationResponseCommand({ ApiId, IntegrationId, IntegrationResponseKey: key, ResponseTemplates: templates, TemplateSelectionExpression: templates ? '\\$default' : undefined }));
    }
    let AuthorizerId: string | undefined;
    if (spec.authorizer) {
      ({ AuthorizerId } = await v2.send(
        new CreateAuthorizerCommand({ ApiId, Name: 'auth', AuthorizerType: 'REQUEST', AuthorizerUri: spec.authorizer.uri, IdentitySource: spec.authorizer.identitySource }),
      ));
    }
    const { RouteId } = await v2.send(
      new CreateRouteCommand({
        ApiId,
        RouteKey: spec.routeKey,
        Target: `integrations/${IntegrationId}`,
        RouteResponseSelectionExpression: spec.twoWay ? '$default' : undefined,
        AuthorizationType: spec.authorizer ? 'CUSTOM' : undefined,
        AuthorizerId,
      }),
    );
    if (spec.twoWay) await v2.send(new CreateRouteResponseCommand({ ApiId, RouteId, RouteResponseKey: '$default' }));
  }
  await v2.send(new CreateStageCommand({ ApiId, StageName: opts.stage ?? 'dev', AutoDeploy: true }));
  v2.destroy();
  return ApiId!;
}

export const wsUrl = (app: Localgate, apiId: string, stage = 'dev', query = '') => `${app.url.replace(/^http/, 'ws')}/execute-api/${apiId}/${stage}${query}`;

export const lambdaInvokeUri = (arn: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arn}/invocations`;

export interface Client {
  ws: WebSocket;
  /** The next text (or binary) frame. */
  next(): Promise<string>;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
}

export class Refused extends Error {
  constructor(readonly status: number, readonly headers: Record<string, unknown>) {
    super(`handshake refused with ${status}`);
  }
}

export function connectClient(url: string, opts: WebSocket.ClientOptions = {}, protocols?: string[]): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, opts);
    const frames: string[] = [];
    const waiting: Array<(s: string) => void> = [];
    ws.on('message', (data: Buffer, isBinary) => {
      const text = isBinary ? `binary:${data.toString('hex')}` : data.toString('utf8');
      const w = waiting.shift();
      if (w) w(text);
      else frames.push(text);
    });
    const closed = new Promise<{ code: number; reason: string }>((r) => ws.on('close', (code, reason) => r({ code, reason: reason.toString() })));
    ws.on('unexpected-response', (_req, res) => {
      reject(new Refused(res.statusCode ?? 0, res.headers));
      res.resume();
      ws.terminate();
    });
    ws.on('error', reject);
    ws.on('open', () =>
      resolve({
        ws,
        closed,
        next: () => (frames.length ? Promise.resolve(frames.shift()!) : new Promise((r) => waiting.push(r))),
      }),
    );
  });
}

/** Sends a message and waits for the next frame. */
export async function ask(client: Client, message: unknown): Promise<string> {
  client.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  return client.next();
}
