// Lambda numbers: warm synchronous Invoke throughput and latency of a Node.js function,
// and cold starts of a new Node.js and Python environment, each next to the same handler
// run without localgate (called in-process, or by a bare python3 process), same run.
// Where a warm invoke's time goes, one at a time: the Invoke API through localgate's HTTP
// server, and the Runtime API round trip alone (an environment pool driven in-process).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { startLocalgate } from '../../src/app.ts';
import { EnvironmentPool } from '../../src/runtime/pool.ts';
import { createFunction, invokeJson } from '../../test/fixtures/lambda/zips.ts';
import { load } from '../load.ts';
import type { BenchRow } from '../types.ts';

const NODE_HANDLER = 'exports.handler = async (event) => ({ ok: true, echo: event });';
const PY_HANDLER = 'def handler(event, context):\n    return {"ok": True, "echo": event}\n';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The Node.js handler served by a bare node:http server in this process. */
async function inProcessServer(dir: string) {
  const handler = createRequire(join(dir, 'x.js'))('./index.js').handler as (e: unknown) => Promise<unknown>;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = JSON.stringify(await handler(JSON.parse(Buffer.concat(chunks).toString() || '{}')));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/** Median milliseconds of `n` sequential calls of `once`, after `n / 10` warm-up calls. */
async function sequential(n: number, once: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < n / 10; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await once();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** One POST with a keep-alive agent, resolved when the whole answer is in. */
function post(agent: Agent, url: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The Runtime API exchange alone: an environment pool invoked in-process (no HTTP front),
 * with the memory of its one environment after init and after the run. */
async function runtimeRoundTrip(dir: string, payload: Buffer) {
  const pool = new EnvironmentPool({ maxPerFunction: 1, idleMs: 600_000, quiet: true });
  const spec = {
    functionName: 'bench-rt', functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:bench-rt', version: '$LATEST', runtime: 'nodejs20.x',
    handler: 'index.handler', codeDir: dir, memoryMb: 128, timeoutSec: 3, variables: {}, account: '000000000000', region: 'us-east-1',
    endpointUrl: 'http://localhost:1', logGroup: '/aws/lambda/bench-rt',
  };
  let i = 0;
  const once = () => pool.invoke('rt', spec, { requestId: `req-${i++}`, payload, invokedArn: spec.functionArn });
  try {
    await once();
    const initiated = environmentMemory(pool.pids()[0]);
    const medianMs = await sequential(2000, once);
    return { medianMs, initiated, used: environmentMemory(pool.pids()[0]) };
  } finally {
    pool.shutdown();
  }
}

/** A process's resident memory, and the part of it no other process shares (MB; Linux). */
function environmentMemory(pid: number | undefined): { rssMb: number; privateMb: number } | undefined {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'latin1');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    return { rssMb: kb('Rss') / 1024, privateMb: (kb('Private_Clean') + kb('Private_Dirty')) / 1024 };
  } catch {
    return undefined;
  }
}

export default async function lambdaScenario(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'localgate-bench-'));
  writeFileSync(join(dir, 'index.js'), NODE_HANDLER);
  writeFileSync(join(dir, 'app.py'), PY_HANDLER);
  const app = await startLocalgate({ port: 0, quiet: true, lambdaMaxEnvironments: 10 });
  const client = new LambdaClient({ region: 'us-east-1', endpoint: app.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const rows: BenchRow[] = [];
  try {
    await createFunction(client, 'bench-node', { 'index.js': NODE_HANDLER });
    await invokeJson(client, 'bench-node', {});
    const body = '{"hello":"world"}';
    const invokeUrl = `${app.url}/2015-03-31/functions/bench-node/invocations`;
    const warm = await load({ url: invokeUrl, method: 'POST', body, connections: 10, seconds: 5 });
    const raw = await inProcessServer(dir);
    const base = await load({ url: raw.url, method: 'POST', body, connections: 10, seconds: 5 });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const invokeOne = await sequential(2000, () => post(agent, invokeUrl, body));
    const rawOne = await sequential(2000, () => post(agent, raw.url, body));
    agent.destroy();
    raw.server.close();
    const roundTrip = await runtimeRoundTrip(dir, Buffer.from(body));
    rows.push(
      { scenario: 'lambda warm invoke', metric: 'throughput', unit: 'req/s', localgate: warm.rps, baseline: base.rps, baselineLabel: 'handler in-process' },
      { scenario: 'lambda warm invoke', metric: 'p50', unit: 'ms', localgate: warm.p50, baseline: base.p50, baselineLabel: 'handler in-process' },
      { scenario: 'lambda warm invoke', metric: 'p99', unit: 'ms', localgate: warm.p99, baseline: base.p99, baselineLabel: 'handler in-process' },
      { scenario: 'lambda warm invoke', metric: 'one at a time: Invoke API, median', unit: 'ms', localgate: invokeOne, baseline: rawOne, baselineLabel: 'handler in-process' },
      { scenario: 'lambda warm invoke', metric: 'one at a time: Runtime API round trip alone, median', unit: 'ms', localgate: roundTrip.medianMs },
    );
    // What one node environment holds: resident, and private (not node's shared code pages).
    for (const [when, memory] of [['after init', roundTrip.initiated], ['after 2,200 invocations', roundTrip.used]] as const) {
      if (!memory) continue;
      rows.push(
        { scenario: 'lambda node environment memory', metric: `RSS ${when}`, unit: 'MB', localgate: Math.round(memory.rssMb * 10) / 10 },
        { scenario: 'lambda node environment memory', metric: `private memory ${when}`, unit: 'MB', localgate: Math.round(memory.privateMb * 10) / 10 },
      );
    }

    // Cold starts: each configuration change retires the environment, so the next invoke
    // starts a new one.
    const cold = async (name: string, runs: number) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        await client.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Description: `run ${i}` }));
        const t = performance.now();
        await invokeJson(client, name, {});
        times.push(performance.now() - t);
      }
      return median(times);
    };
    const nodeCold = await cold('bench-node', 7);
    const nodeInProcess = median(
      Array.from({ length: 7 }, (_, i) => {
        const t = performance.now();
        const file = join(dir, `copy${i}.js`);
        writeFileSync(file, NODE_HANDLER);
        void createRequire(file)(file).handler({});
        return performance.now() - t;
      }),
    );
    rows.push({ scenario: 'lambda cold start (node)', metric: 'first invoke', unit: 'ms', localgate: nodeCold, baseline: nodeInProcess, baselineLabel: 'require + call in-process', goal: '< 100 ms', met: nodeCold < 100 });

    await createFunction(client, 'bench-py', { 'app.py': PY_HANDLER }, { Runtime: 'python3.12', Handler: 'app.handler' });
    const pyCold = await cold('bench-py', 5);
    const pyBare = median(
      Array.from({ length: 5 }, () => {
        const t = performance.now();
        spawnSync('python3', ['-c', 'import sys; sys.path.insert(0, sys.argv[1]); import app; print(app.handler({}, None))', dir]);
        return performance.now() - t;
      }),
    );
    rows.push({ scenario: 'lambda cold start (python)', metric: 'first invoke', unit: 'ms', localgate: pyCold, baseline: pyBare, baselineLabel: 'bare python3 process' });
  } finally {
    client.destroy();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
