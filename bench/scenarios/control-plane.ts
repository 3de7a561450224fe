// Foundation numbers: start-up to first healthy answer, idle memory, and control-plane
// throughput of a realistic SDK mix (CreateRoute, GetRoutes, UpdateRoute), each next to a
// raw node:http server measured in the same run.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApiGatewayV2Client, CreateApiCommand, CreateRouteCommand, GetRoutesCommand, UpdateRouteCommand } from '@aws-sdk/client-apigatewayv2';
import { startLocalgate } from '../../src/app.ts';
import { rawServer } from '../load.ts';
import type { BenchRow } from '../types.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const RAW_SERVER = `require('http').createServer((q,s)=>{s.end('{"status":"running"}')}).listen(+process.argv[1],'127.0.0.1')`;

async function timeToHealthy(cmd: string, args: string[], port: number): Promise<{ ms: number; rssMb: number; child: ChildProcess }> {
  const started = performance.now();
  const child = spawn(cmd, args, { cwd: root, stdio: 'ignore' });
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/_localgate/health`);
      if (res.ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 2));
    }
  }
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 500)); // let start-up garbage settle
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1];
  return { ms, rssMb: Number(rss) / 1024, child };
}

async function median(times: number, fn: () => Promise<{ ms: number; rssMb: number; child: ChildProcess }>) {
  const runs = [];
  for (let i = 0; i < times; i++) {
    const run = await fn();
    run.child.kill('SIGKILL');
    runs.push(run);
  }
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ms: mid(runs.map((r) => r.ms)), rssMb: mid(runs.map((r) => r.rssMb)) };
}

async function sdkMix(endpoint: string, seconds: number, workers: number): Promise<number> {
  const client = new ApiGatewayV2Client({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const { ApiId } = await client.send(new CreateApiCommand({ Name: 'bench', ProtocolType: 'HTTP' }));
  const apiId = ApiId ?? 'raw';
  let calls = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; performance.now() < until; i++) {
        const { RouteId } = await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: `GET /w${w}/r${i}` }));
        await client.send(new GetRoutesCommand({ ApiId: apiId, MaxResults: '25' }));
        await client.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: RouteId ?? 'raw', OperationName: `op${i}` }));
        calls += 3;
      }
    }),
  );
  client.destroy();
  return calls / seconds;
}

export default async function controlPlane(): Promise<BenchRow[]> {
  const port = 45660;
  const lg = await median(5, () => timeToHealthy(process.execPath, ['dist/localgate.mjs', 'start', '--port', String(port), '--quiet'], port));
  const raw = await median(5, () => timeToHealthy(process.execPath, ['-e', RAW_SERVER, String(port + 1)], port + 1));

  const app = await startLocalgate({ port: 0, quiet: true });
  const baseline = await rawServer('{"ApiId":"raw","RouteId":"raw","items":[]}');
  const lgRate = await sdkMix(app.url, 5, 8);
  const rawRate = await sdkMix(baseline.url, 5, 8);
  await app.close();
  baseline.server.close();

  return [
    { scenario: 'start-up', metric: 'spawn to first healthy answer', unit: 'ms', localgate: lg.ms, baseline: raw.ms, baselineLabel: 'raw node:http', goal: '< 300 ms', met: lg.ms < 300 },
    { scenario: 'start-up', metric: 'idle RSS', unit: 'MB', localgate: lg.rssMb, baseline: raw.rssMb, baselineLabel: 'raw node:http', goal: '< 80 MB', met: lg.rssMb < 80 },
    { scenario: 'control plane', metric: 'SDK CreateRoute/GetRoutes/UpdateRoute mix, 8 workers', unit: 'calls/s', localgate: lgRate, baseline: rawRate, baselineLabel: 'SDK vs raw node:http' },
  ];
}
