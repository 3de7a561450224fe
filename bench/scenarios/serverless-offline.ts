// localgate next to serverless-offline 13.9 run with --useInProcess (the handler called in
// serverless-offline's own process, no isolation at all), on the same handler behind an
// HTTP API route: throughput and p99 at 50 connections and at 1, process-tree memory after
// the load, the Invoke API alone, and a node environment's cold start; and localgate again
// with its node runtime on the HTTP Runtime API instead of the framed channel. serverless-offline
// (with the serverless@3 it plugs into) is installed from npm into a cache directory under
// the system's temporary directory on first use; without npm the scenario says so and skips.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiGatewayV2Client, CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { createFunction, invokeJson } from '../../test/fixtures/lambda/zips.ts';
import { cpuTicks, measureFloors } from '../isolation-floor.ts';
import { load, startProcess, treeRssMb, type LoadResult } from '../load.ts';
import type { BenchRow } from '../types.ts';

const HANDLER = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ path: event.rawPath }) });\n`;
const SERVERLESS_YML = `service: bench
frameworkVersion: '3'
provider:
  name: aws
  runtime: nodejs20.x
functions:
  bench:
    handler: index.handler
    events:
      - httpApi: 'GET /bench'
plugins:
  - serverless-offline
`;
const CACHE = join(tmpdir(), 'localgate-bench-cache', 'serverless-offline-13.9');
/** Seconds of each load run; LOCALGATE_BENCH_SECONDS=30 gives the "RSS after 30 s". */
const SECONDS = Number(process.env.LOCALGATE_BENCH_SECONDS ?? 10);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Installs serverless@3 and serverless-offline 13.9 once; false when npm cannot. */
function install(): boolean {
  const cli = join(CACHE, 'node_modules', 'serverless', 'bin', 'serverless.js');
  if (!existsSync(cli) || !existsSync(join(CACHE, 'node_modules', 'serverless-offline'))) {
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(join(CACHE, 'package.json'), '{"private":true}\n');
    process.stderr.write(`bench: installing serverless@3 and serverless-offline@13.9.0 into ${CACHE}...\n`);
    const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', 'serverless@3', 'serverless-offline@13.9.0'], { cwd: CACHE, stdio: 'inherit', timeout: 600_000 });
    if (npm.status !== 0 || !existsSync(cli)) return false;
  }
  writeFileSync(join(CACHE, 'index.js'), HANDLER);
  writeFileSync(join(CACHE, 'serverless.yml'), SERVERLESS_YML);
  return true;
}

export async function localgateRoute(endpoint: string): Promise<string> {
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  const lambda = new LambdaClient({ endpoint, region: 'us-east-1', credentials });
  await createFunction(lambda, 'bench', { 'index.js': HANDLER });
  lambda.destroy();
  const v2 = new ApiGatewayV2Client({ endpoint, region: 'us-east-1', credentials });
  const { ApiId } = await v2.send(new CreateApiCommand({ Name: 'bench', ProtocolType: 'HTTP' }));
  const { IntegrationId } = await v2.send(
    new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: 'arn:aws:lambda:us-east-1:000000000000:function:bench', PayloadFormatVersion: '2.0' }),
  );
  await v2.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /bench', Target: `integrations/${IntegrationId}` }));
  await v2.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));
  v2.destroy();
  return `${endpoint}/execute-api/${ApiId}/bench`;
}

/** Proportional memory (MB) of a process and all its descendants: each page shared by n
 * processes counts 1/n (Pss of /proc/PID/smaps_rollup, Linux only). RSS counts the node
 * binary's pages (~39 MB, one copy in memory) again for every process of the tree. */
function treePssMb(root: number): number | undefined {
  const children = new Map<number, number[]>();
  try {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    return undefined;
  }
  let totalKb = 0;
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    try {
      totalKb += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'latin1'))?.[1] ?? 0);
    } catch {
      // gone meanwhile, or no smaps_rollup (kernel < 4.14)
    }
    todo.push(...(children.get(pid) ?? []));
  }
  return totalKb / 1024;
}

function ownRss(pid: number): number | undefined {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1]) / 1024;
  } catch {
    return undefined;
  }
}

/** How many processes descend from `root`, itself included. */
function treeSize(root: number): number {
  const parents: number[] = [];
  try {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
        parents[Number(name)] = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    return 1;
  }
  const inTree = (pid: number): boolean => pid === root || (pid > 1 && parents[pid] !== undefined && inTree(parents[pid]));
  return parents.reduce((n, _ppid, pid) => n + (inTree(pid) ? 1 : 0), 0);
}

interface Measured {
  c50: LoadResult;
  c1: LoadResult;
  rssMb?: number;
  pssMb?: number;
  /** The server process alone (localgate without its environments). */
  ownRssMb?: number;
  /** Processes in the tree (localgate: itself, the watcher and its environments). */
  processes?: number;
  invoke: LoadResult;
}

/** The same sequence on both: one request (the function is warm, as after a developer's
 * first call), warm-up, c50, memory right after it, c1, Invoke API at c50. */
async function measure(pid: number, routeUrl: string, invokeUrl: string): Promise<Measured> {
  await fetch(routeUrl).then((r) => r.text());
  await load({ url: routeUrl, seconds: 2 });
  const c50 = await load({ url: routeUrl, seconds: SECONDS });
  const rssMb = treeRssMb(pid);
  const pssMb = treePssMb(pid);
  const ownRssMb = ownRss(pid);
  const processes = treeSize(pid);
  const c1 = await load({ url: routeUrl, connections: 1, seconds: Math.min(SECONDS, 5) });
  const invoke = await load({ url: invokeUrl, method: 'POST', body: '{"rawPath":"/bench"}', seconds: Math.min(SECONDS, 5) });
  return { c50, c1, rssMb, pssMb, ownRssMb, processes, invoke };
}

/** Median cold start of a node environment: each configuration change retires the warm
 * one, so the next Invoke starts a new one (measured from the client, Invoke included). */
export async function coldStart(endpoint: string): Promise<number> {
  const client = new LambdaClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const times: number[] = [];
  try {
    for (let i = 0; i < 7; i++) {
      await client.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'bench', Description: `run ${i}` }));
      const t = performance.now();
      await invokeJson(client, 'bench', {});
      times.push(performance.now() - t);
    }
  } finally {
    client.destroy();
  }
  return median(times);
}

export default async function serverlessOfflineBench(): Promise<BenchRow[]> {
  if (!install()) {
    console.log('bench: serverless-offline: skipped (npm could not install serverless@3 and serverless-offline@13.9.0)');
    return [];
  }
  const ticksBefore = cpuTicks();
  const slsPort = 45690;
  const env = { SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', SLS_DEPRECATION_DISABLE: '*' };
  const args = ['node_modules/serverless/bin/serverless.js', 'offline', 'start', '--useInProcess', '--host', '127.0.0.1', '--httpPort', String(slsPort), '--lambdaPort', String(slsPort + 1), '--noPrependStageInUrl'];
  const sls = await startProcess(args, `http://127.0.0.1:${slsPort}/bench`, env, CACHE);
  let them: Measured;
  try {
    them = await measure(sls.pid!, `http://127.0.0.1:${slsPort}/bench`, `http://127.0.0.1:${slsPort + 1}/2015-03-31/functions/bench-dev-bench/invocations`);
  } finally {
    sls.kill('SIGKILL');
  }

  const runLocalgate = async (port: number, env: Record<string, string>, withColdStart: boolean) => {
    const endpoint = `http://127.0.0.1:${port}`;
    const localgate = await startProcess(['dist/localgate.mjs', 'start', '--port', String(port), '--quiet'], `${endpoint}/_localgate/health`, env);
    try {
      const url = await localgateRoute(endpoint);
      const measured = await measure(localgate.pid!, url, `${endpoint}/2015-03-31/functions/bench/invocations`);
      return { measured, cold: withColdStart ? await coldStart(endpoint) : NaN };
    } finally {
      localgate.kill('SIGTERM');
    }
  };
  const { measured: us, cold } = await runLocalgate(45692, {}, true);
  const { measured: overHttp } = await runLocalgate(45694, { LOCALGATE_LAMBDA_RUNTIME_TRANSPORT: 'http' }, false);
  const { measured: inWorkers } = await runLocalgate(45696, { LOCALGATE_LAMBDA_EXECUTOR: 'worker' }, false);
  const floors = await measureFloors(Math.min(SECONDS, 5));
  const ticksAfter = cpuTicks();

  const failures = (r: LoadResult) => (r.errors || r.non2xx ? ` (${r.errors} errors, ${r.non2xx} non-2xx)` : '');
  const clean = (r: LoadResult) => !r.errors && !r.non2xx;
  const label = 'serverless-offline --useInProcess';
  const rows: BenchRow[] = [
    { scenario: 'vs serverless-offline', metric: `HTTP API -> node Lambda, 50 connections${failures(us.c50)}`, unit: 'req/s', localgate: us.c50.rps, baseline: them.c50.rps, baselineLabel: label, goal: '>= 1.2x', met: us.c50.rps >= 1.2 * them.c50.rps && clean(us.c50) },
    { scenario: 'vs serverless-offline', metric: 'HTTP API -> node Lambda, 50 connections, p99', unit: 'ms', localgate: us.c50.p99, baseline: them.c50.p99, baselineLabel: label, goal: '< 20 ms', met: us.c50.p99 < 20 },
    { scenario: 'vs serverless-offline', metric: `HTTP API -> node Lambda, 1 connection${failures(us.c1)}`, unit: 'req/s', localgate: us.c1.rps, baseline: them.c1.rps, baselineLabel: label, goal: '>= 0.8x', met: us.c1.rps >= 0.8 * them.c1.rps && clean(us.c1) },
    { scenario: 'vs serverless-offline', metric: 'HTTP API -> node Lambda, 1 connection, p99', unit: 'ms', localgate: us.c1.p99, baseline: them.c1.p99, baselineLabel: label },
    { scenario: 'vs serverless-offline', metric: `Invoke API alone, 50 connections${failures(us.invoke)}`, unit: 'req/s', localgate: us.invoke.rps, baseline: them.invoke.rps, baselineLabel: label, goal: '>= 10,000', met: us.invoke.rps >= 10_000 && clean(us.invoke) },
    // What this machine allows any design that keeps a process (or a thread) per environment.
    { scenario: 'vs serverless-offline', metric: 'Invoke API alone, 50 connections', unit: 'req/s', localgate: us.invoke.rps, baseline: floors.process.rps, baselineLabel: 'isolation floor: bare node:http + 10 processes' },
    { scenario: 'vs serverless-offline', metric: 'cold start of a node environment (Invoke, median of 7)', unit: 'ms', localgate: cold, goal: '< 100 ms', met: cold < 100 },
    { scenario: 'vs serverless-offline', metric: `HTTP API -> node Lambda, 50 connections (p99 ${us.c50.p99} vs ${overHttp.c50.p99} ms)`, unit: 'req/s', localgate: us.c50.rps, baseline: overHttp.c50.rps, baselineLabel: 'localgate, runtime over HTTP' },
    { scenario: 'vs serverless-offline', metric: 'HTTP API -> node Lambda, 1 connection', unit: 'req/s', localgate: us.c1.rps, baseline: overHttp.c1.rps, baselineLabel: 'localgate, runtime over HTTP' },
    // The opt-in worker executor (--lambda-executor worker) against the same anchor.
    { scenario: 'vs serverless-offline', metric: `worker executor: HTTP API -> node Lambda, 50 connections (p99 ${inWorkers.c50.p99} vs ${them.c50.p99} ms)${failures(inWorkers.c50)}`, unit: 'req/s', localgate: inWorkers.c50.rps, baseline: them.c50.rps, baselineLabel: label },
    { scenario: 'vs serverless-offline', metric: `worker executor: HTTP API -> node Lambda, 1 connection${failures(inWorkers.c1)}`, unit: 'req/s', localgate: inWorkers.c1.rps, baseline: them.c1.rps, baselineLabel: label },
    { scenario: 'vs serverless-offline', metric: `worker executor: Invoke API alone, 50 connections${failures(inWorkers.invoke)}`, unit: 'req/s', localgate: inWorkers.invoke.rps, baseline: them.invoke.rps, baselineLabel: label },
    { scenario: 'vs serverless-offline', metric: 'worker executor: Invoke API alone, 50 connections', unit: 'req/s', localgate: inWorkers.invoke.rps, baseline: floors.worker.rps, baselineLabel: 'isolation floor: bare node:http + 10 worker threads' },
  ];
  if (inWorkers.rssMb !== undefined && them.rssMb !== undefined) {
    rows.push({ scenario: 'vs serverless-offline', metric: `worker executor: process-tree RSS after ${SECONDS} s at 50 connections`, unit: 'MB', localgate: inWorkers.rssMb, baseline: them.rssMb, baselineLabel: label });
  }
  if (us.rssMb !== undefined && them.rssMb !== undefined) {
    rows.push({ scenario: 'vs serverless-offline', metric: `process-tree RSS after ${SECONDS} s at 50 connections`, unit: 'MB', localgate: us.rssMb, baseline: them.rssMb, baselineLabel: label, goal: '<= 1.5x', met: us.rssMb <= 1.5 * them.rssMb });
  }
  if (us.pssMb !== undefined && them.pssMb !== undefined) {
    rows.push({ scenario: 'vs serverless-offline', metric: `process-tree PSS (shared pages counted once) after ${SECONDS} s at 50 connections`, unit: 'MB', localgate: us.pssMb, baseline: them.pssMb, baselineLabel: label });
  }
  if (us.ownRssMb !== undefined) {
    rows.push({ scenario: 'vs serverless-offline', metric: `localgate's own RSS then (its tree: ${us.processes} processes)`, unit: 'MB', localgate: us.ownRssMb });
  }
  if (ticksBefore && ticksAfter) {
    // Time the hypervisor ran other guests on this machine's CPUs: when it is high, every
    // figure above is lower and p99 higher than the same build gets on a quiet machine.
    const steal = (100 * (ticksAfter.steal - ticksBefore.steal)) / Math.max(1, ticksAfter.total - ticksBefore.total);
    rows.push({ scenario: 'vs serverless-offline', metric: 'CPU steal during this scenario', unit: '%', localgate: steal });
  }
  return rows;
}
