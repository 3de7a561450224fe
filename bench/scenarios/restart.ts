// --state-dir restart: a state of 1,000 routes (10 HTTP APIs of 100 routes, each API with a
// Lambda integration and an AutoDeploy stage) and 100 functions is saved, then the bundle
// is started on it; spawn to first healthy answer next to the same start without state.
// Also: the state file's size, and how long after a mutating call the state holding it is
// on disk.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, strToU8 } from 'fflate';
import { ApiGatewayV2Client, CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { startLocalgate } from '../../src/app.ts';
import { STATE_FILE } from '../../src/state/persist-file.ts';
import type { BenchRow } from '../types.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const FUNCTIONS = 100;
const APIS = 10;
const ROUTES_PER_API = 100;

export async function populate(stateDir: string) {
  const app = await startLocalgate({ port: 0, quiet: true, stateDir });
  const config = { endpoint: app.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const lambda = new LambdaClient(config);
  const v2 = new ApiGatewayV2Client(config);
  const zip = zipSync({ 'index.js': strToU8('exports.handler = async () => ({ statusCode: 200, body: "ok" });') });
  for (let i = 0; i < FUNCTIONS; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, (_, j) =>
        lambda.send(new CreateFunctionCommand({ FunctionName: `fn${i + j}`, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: zip } })),
      ),
    );
  }
  for (let a = 0; a < APIS; a++) {
    const { ApiId } = await v2.send(new CreateApiCommand({ Name: `api${a}`, ProtocolType: 'HTTP' }));
    const { IntegrationId } = await v2.send(
      new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: `arn:aws:lambda:us-east-1:000000000000:function:fn${a}`, PayloadFormatVersion: '2.0' }),
    );
    for (let r = 0; r < ROUTES_PER_API; r += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, k) => v2.send(new CreateRouteCommand({ ApiId, RouteKey: `GET /r${r + k}/{id}`, Target: `integrations/${IntegrationId}` }))));
    }
    await v2.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));
  }
  lambda.destroy();
  v2.destroy();
  return app;
}

/** Spawn to first healthy answer, and the restore time the CLI reports. */
async function timeToHealthy(args: string[], port: number): Promise<{ ms: number; restoreMs: number }> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['dist/localgate.mjs', 'start', '--port', String(port), '--quiet', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
  try {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/_localgate/health`)).ok) break;
      } catch {
        await new Promise((r) => setTimeout(r, 2));
      }
    }
    const ms = performance.now() - started;
    while (!/restored in \d+ ms/.test(out)) await new Promise((r) => setTimeout(r, 2));
    return { ms, restoreMs: Number(/restored in (\d+) ms/.exec(out)![1]) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function median(times: number, fn: () => Promise<number>) {
  const runs: number[] = [];
  for (let i = 0; i < times; i++) runs.push(await fn());
  return runs.sort((a, b) => a - b)[Math.floor(times / 2)];
}

const medianOf = <K extends string>(runs: Array<Record<K, number>>, key: K) => runs.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];

async function repeat<T>(times: number, fn: () => Promise<T>): Promise<T[]> {
  const runs: T[] = [];
  for (let i = 0; i < times; i++) runs.push(await fn());
  return runs;
}

export default async function restart(): Promise<BenchRow[]> {
  const stateDir = mkdtempSync(join(tmpdir(), 'localgate-bench-state-'));
  const emptyDir = mkdtempSync(join(tmpdir(), 'localgate-bench-empty-'));
  try {
    const app = await populate(stateDir);
    // A mutating call until the state holding it is on disk (the coalescing pause, then
    // encoding and the fsynced write of the whole state).
    const v2 = new ApiGatewayV2Client({ endpoint: app.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const { ApiId } = await v2.send(new CreateApiCommand({ Name: 'probe', ProtocolType: 'HTTP' }));
    let probe = 0;
    const saveMs = await median(5, async () => {
      await new Promise((r) => setTimeout(r, 200)); // the previous save is done
      const before = statSync(join(stateDir, STATE_FILE)).ino;
      const started = performance.now();
      await v2.send(new CreateRouteCommand({ ApiId, RouteKey: `GET /probe${probe++}` }));
      while (statSync(join(stateDir, STATE_FILE)).ino === before) await new Promise((r) => setTimeout(r, 1));
      return performance.now() - started;
    });
    v2.destroy();
    await app.close();
    const fileMb = statSync(join(stateDir, STATE_FILE)).size / 1e6;

    const port = 45760;
    const withState = await repeat(5, () => timeToHealthy(['--state-dir', stateDir], port));
    const without = await repeat(5, () => timeToHealthy(['--state-dir', emptyDir], port + 1));
    const restoreMs = medianOf(withState, 'restoreMs');
    const state = `${APIS * ROUTES_PER_API} routes + ${FUNCTIONS} functions`;
    return [
      {
        scenario: 'restart', metric: `restore ${state} (read, check, rebuild)`, unit: 'ms',
        localgate: restoreMs, baseline: medianOf(without, 'restoreMs'), baselineLabel: 'empty --state-dir', goal: '< 300 ms', met: restoreMs < 300,
      },
      { scenario: 'restart', metric: `spawn to healthy with ${state}`, unit: 'ms', localgate: medianOf(withState, 'ms'), baseline: medianOf(without, 'ms'), baselineLabel: 'empty --state-dir' },
      { scenario: 'restart', metric: 'state file size', unit: 'MB', localgate: fileMb },
      { scenario: 'restart', metric: 'mutating call to its state on disk (incl. 25 ms coalescing)', unit: 'ms', localgate: saveMs },
    ];
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  }
}
