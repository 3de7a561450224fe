// WebSocket APIs: round-trip messages per second and latency through a two-way `$default`
// Lambda proxy route with 100 connections (next to a raw `ws` echo server measured in the
// same run), and how many idle connections localgate holds per 100 MB of RSS (localgate
// started as its own process from the built bundle, so the clients' memory is not counted).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { ApiGatewayV2Client, CreateApiCommand, CreateIntegrationCommand, CreateIntegrationResponseCommand, CreateRouteCommand, CreateRouteResponseCommand, CreateStageCommand, type CreateIntegrationRequest } from '@aws-sdk/client-apigatewayv2';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { startLocalgate } from '../../src/app.ts';
import type { BenchRow } from '../types.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const creds = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Each connection sends, waits for the answer, sends again, for `seconds`. */
async function roundTrips(url: string, connections: number, seconds: number) {
  const sockets = await Promise.all(Array.from({ length: connections }, () => open(url)));
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((done) => {
          let sentAt = 0;
          const send = () => {
            if (performance.now() >= until) return done();
            sentAt = performance.now();
            ws.send('{"action":"ping","n":1}');
          };
          ws.on('message', () => {
            latencies.push(performance.now() - sentAt);
            send();
          });
          send();
        }),
    ),
  );
  for (const ws of sockets) ws.terminate();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { rate: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}

async function websocketApi(endpoint: string, integration: Omit<CreateIntegrationRequest, 'ApiId'>, responses: boolean) {
  const v2 = new ApiGatewayV2Client({ ...creds, endpoint });
  const { ApiId } = await v2.send(new CreateApiCommand({ Name: 'bench-ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }));
  const { IntegrationId } = await v2.send(new CreateIntegrationCommand({ ApiId, ...integration }));
  if (responses) await v2.send(new CreateIntegrationResponseCommand({ ApiId, IntegrationId, IntegrationResponseKey: '$default' }));
  const { RouteId } = await v2.send(new CreateRouteCommand({ ApiId, RouteKey: '$default', Target: `integrations/${IntegrationId}`, RouteResponseSelectionExpression: '$default' }));
  await v2.send(new CreateRouteResponseCommand({ ApiId, RouteId, RouteResponseKey: '$default' }));
  await v2.send(new CreateStageCommand({ ApiId, StageName: 'bench', AutoDeploy: true }));
  v2.destroy();
  return `${endpoint.replace(/^http/, 'ws')}/execute-api/${ApiId}/bench`;
}

async function lambdaThroughput() {
  const app = await startLocalgate({ port: 0, quiet: true });
  const lambda = new LambdaClient({ ...creds, endpoint: app.url });
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'bench-ws-echo',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: 'arn:aws:iam::000000000000:role/r',
      Code: { ZipFile: zipSync({ 'index.js': strToU8('exports.handler = async (e) => ({ statusCode: 200, body: e.body });') }) },
    }),
  );
  lambda.destroy();
  const url = await websocketApi(app.url, { IntegrationType: 'AWS_PROXY', IntegrationUri: 'arn:aws:lambda:us-east-1:000000000000:function:bench-ws-echo' }, false);
  await roundTrips(url, 100, 2); // warm the environments
  const measured = await roundTrips(url, 100, 5);
  await app.close();

  const raw = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  raw.on('connection', (ws) => ws.on('message', (data) => ws.send(data)));
  await new Promise((r) => raw.once('listening', r));
  const baseline = await roundTrips(`ws://127.0.0.1:${(raw.address() as AddressInfo).port}`, 100, 5);
  raw.close();
  return { measured, baseline };
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function connectionsPer100Mb(count: number) {
  const port = 45670;
  const child = spawn(process.execPath, ['dist/localgate.mjs', 'start', '--port', String(port), '--quiet'], { cwd: root, stdio: 'ignore' });
  try {
    const endpoint = `http://127.0.0.1:${port}`;
    for (;;) {
      const ok = await fetch(`${endpoint}/_localgate/health`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const url = await websocketApi(`http://localhost:${port}`, { IntegrationType: 'MOCK', RequestTemplates: { $default: '{"statusCode":200}' }, TemplateSelectionExpression: '\\$default' }, true);
    await new Promise((r) => setTimeout(r, 500));
    const before = rssMb(child.pid!);
    const sockets: WebSocket[] = [];
    for (let i = 0; i < count; i += 200) sockets.push(...(await Promise.all(Array.from({ length: Math.min(200, count - i) }, () => open(url)))));
    await new Promise((r) => setTimeout(r, 500));
    const grown = rssMb(child.pid!) - before;
    for (const ws of sockets) ws.terminate();
    return grown > 0 ? (count / grown) * 100 : count;
  } finally {
    child.kill('SIGKILL');
  }
}

export default async function websocket(): Promise<BenchRow[]> {
  const { measured, baseline } = await lambdaThroughput();
  const perHundredMb = await connectionsPer100Mb(5000);
  const label = 'raw ws echo server';
  return [
    { scenario: 'websocket', metric: 'round trips via $default Lambda proxy, 100 connections', unit: 'msg/s', localgate: measured.rate, baseline: baseline.rate, baselineLabel: label },
    { scenario: 'websocket', metric: 'round-trip p50', unit: 'ms', localgate: measured.p50, baseline: baseline.p50, baselineLabel: label },
    { scenario: 'websocket', metric: 'round-trip p99', unit: 'ms', localgate: measured.p99, baseline: baseline.p99, baselineLabel: label },
    { scenario: 'websocket', metric: 'idle connections held per 100 MB RSS (5,000 open)', unit: 'connections', localgate: perHundredMb },
  ];
}
