// The worker executor (`--lambda-executor worker`: node environments in worker threads of
// localgate) next to the default process executor, in the same run, alternating: the HTTP API
// -> node Lambda route and the Invoke API alone, each at 50 connections and at 1, with the
// CPU each request costs localgate's whole process tree (localgate, its watcher and its
// environment processes: utime + stime from /proc, Linux only) and the tree's RSS after the
// 50-connection route run. CPU per request is the number to compare on a busy machine, where
// throughput swings from run to run. And the executors alone: an environment pool driven in
// this process, sequential invocations, CPU per invocation of this process plus the
// environment's process (the worker executor has none: its thread is counted in this one).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvironmentPool } from '../../src/runtime/pool.ts';
import { load, startProcess, treeRssMb, type LoadResult } from '../load.ts';
import type { BenchRow } from '../types.ts';
import { coldStart, localgateRoute } from './serverless-offline.ts';

const SECONDS = Number(process.env.LOCALGATE_BENCH_SECONDS ?? 5);
const ROUNDS = 2;
const TICK_MS = 10; // USER_HZ is 100 on Linux
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU ticks (user + system) used so far by a process and its live descendants. */
function treeTicks(root: number): number {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = readFileSync(`/proc/${name}/stat`, 'latin1');
      const rest = fields.slice(fields.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(rest[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
      ticks.set(Number(name), Number(rest[11]) + Number(rest[12]));
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  for (const todo = [root]; todo.length; ) {
    const pid = todo.pop()!;
    total += ticks.get(pid) ?? 0;
    todo.push(...(children.get(pid) ?? []));
  }
  return total;
}

interface Run {
  result: LoadResult;
  /** Microseconds of CPU (localgate's tree) per request. */
  cpuUs: number;
}

async function measured(pid: number, opts: Parameters<typeof load>[0]): Promise<Run> {
  const before = treeTicks(pid);
  const result = await load({ ...opts, seconds: SECONDS });
  const used = treeTicks(pid) - before;
  return { result, cpuUs: (used * TICK_MS * 1000) / Math.max(1, result.rps * SECONDS) };
}

/** CPU microseconds per sequential invocation through a pool in this process, and the median wall time. */
async function poolAlone(executor: 'process' | 'worker', dir: string, n: number): Promise<{ cpuUs: number; medianMs: number }> {
  const pool = new EnvironmentPool({ maxPerFunction: 1, idleMs: 600_000, quiet: true, executor });
  const spec = {
    functionName: 'bench-exec', functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:bench-exec', version: '$LATEST', runtime: 'nodejs20.x',
    handler: 'index.handler', codeDir: dir, memoryMb: 128, timeoutSec: 3, variables: {}, account: '000000000000', region: 'us-east-1',
    endpointUrl: 'http://localhost:1', logGroup: '/aws/lambda/bench-exec',
  };
  const payload = Buffer.from('{"rawPath":"/bench"}');
  let i = 0;
  const once = () => pool.invoke('exec', spec, { requestId: `req-${i++}`, payload, invokedArn: spec.functionArn });
  try {
    for (let w = 0; w < n / 10; w++) await once();
    const envPid = pool.pids()[0];
    const envTicks = () => (envPid === undefined ? 0 : treeTicks(envPid));
    const cpu = process.cpuUsage();
    const ticks = envTicks();
    const times: number[] = [];
    for (let k = 0; k < n; k++) {
      const t = performance.now();
      await once();
      times.push(performance.now() - t);
    }
    const own = process.cpuUsage(cpu);
    const usedUs = own.user + own.system + (envTicks() - ticks) * TICK_MS * 1000;
    return { cpuUs: usedUs / n, medianMs: median(times) };
  } finally {
    pool.shutdown();
  }
}

type Case = 'route c50' | 'route c1' | 'invoke c50' | 'invoke c1';

async function runExecutor(executor: 'process' | 'worker', port: number): Promise<Record<Case, Run> & { rssMb?: number; coldMs: number }> {
  const endpoint = `http://127.0.0.1:${port}`;
  const localgate = await startProcess(['dist/localgate.mjs', 'start', '--port', String(port), '--quiet', '--lambda-executor', executor], `${endpoint}/_localgate/health`);
  try {
    const route = await localgateRoute(endpoint);
    const invoke = { url: `${endpoint}/2015-03-31/functions/bench/invocations`, method: 'POST', body: '{"rawPath":"/bench"}' };
    await load({ url: route, seconds: 2 });
    const routeC50 = await measured(localgate.pid!, { url: route, connections: 50 });
    const rssMb = treeRssMb(localgate.pid!);
    return {
      'route c50': routeC50,
      'route c1': await measured(localgate.pid!, { url: route, connections: 1 }),
      'invoke c50': await measured(localgate.pid!, { ...invoke, connections: 50 }),
      'invoke c1': await measured(localgate.pid!, { ...invoke, connections: 1 }),
      rssMb,
      coldMs: await coldStart(endpoint),
    };
  } finally {
    localgate.kill('SIGTERM');
  }
}

export default async function lambdaExecutorBench(): Promise<BenchRow[]> {
  const runs: Record<'process' | 'worker', Array<Awaited<ReturnType<typeof runExecutor>>>> = { process: [], worker: [] };
  for (let round = 0; round < ROUNDS; round++) {
    runs.process.push(await runExecutor('process', 45710 + round * 2));
    runs.worker.push(await runExecutor('worker', 45711 + round * 2));
  }
  const label = 'process executor';
  const rows: BenchRow[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'localgate-bench-exec-'));
  writeFileSync(join(dir, 'index.js'), 'exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ path: event.rawPath }) });');
  try {
    const alone: Record<'process' | 'worker', Array<{ cpuUs: number; medianMs: number }>> = { process: [], worker: [] };
    for (let round = 0; round < 3; round++) {
      alone.process.push(await poolAlone('process', dir, 3000));
      alone.worker.push(await poolAlone('worker', dir, 3000));
    }
    const of = (e: 'process' | 'worker', pick: (r: { cpuUs: number; medianMs: number }) => number) => median(alone[e].map(pick));
    rows.push(
      { scenario: 'lambda worker executor', metric: 'pool alone, one at a time: CPU per invocation (this process + the environment)', unit: 'us', localgate: of('worker', (r) => r.cpuUs), baseline: of('process', (r) => r.cpuUs), baselineLabel: label },
      { scenario: 'lambda worker executor', metric: 'pool alone, one at a time: median', unit: 'ms', localgate: of('worker', (r) => r.medianMs), baseline: of('process', (r) => r.medianMs), baselineLabel: label },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const names: Record<Case, string> = { 'route c50': 'HTTP API -> node Lambda, 50 connections', 'route c1': 'HTTP API -> node Lambda, 1 connection', 'invoke c50': 'Invoke API, 50 connections', 'invoke c1': 'Invoke API, 1 connection' };
  for (const c of Object.keys(names) as Case[]) {
    const of = (e: 'process' | 'worker', pick: (r: Run) => number) => median(runs[e].map((r) => pick(r[c])));
    rows.push(
      { scenario: 'lambda worker executor', metric: names[c], unit: 'req/s', localgate: of('worker', (r) => r.result.rps), baseline: of('process', (r) => r.result.rps), baselineLabel: label },
      { scenario: 'lambda worker executor', metric: `${names[c]}, p99`, unit: 'ms', localgate: of('worker', (r) => r.result.p99), baseline: of('process', (r) => r.result.p99), baselineLabel: label },
      { scenario: 'lambda worker executor', metric: `${names[c]}, CPU per request (localgate's tree)`, unit: 'us', localgate: of('worker', (r) => r.cpuUs), baseline: of('process', (r) => r.cpuUs), baselineLabel: label },
    );
  }
  const cold = (e: 'process' | 'worker') => median(runs[e].map((r) => r.coldMs));
  rows.push({ scenario: 'lambda worker executor', metric: 'cold start of a node environment (Invoke, median of 7)', unit: 'ms', localgate: cold('worker'), baseline: cold('process'), baselineLabel: label });
  const rss = (e: 'process' | 'worker') => median(runs[e].map((r) => r.rssMb ?? NaN));
  rows.push({ scenario: 'lambda worker executor', metric: `process-tree RSS after ${SECONDS} s at 50 connections`, unit: 'MB', localgate: rss('worker'), baseline: rss('process'), baselineLabel: label });
  return rows;
}
