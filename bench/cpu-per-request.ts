// CPU per request of localgate's process and of its function processes (from /proc, Linux
// only), for builds side by side in one run: on a shared machine req/s swings by 2x between
// runs, CPU per request much less. Each build (a directory holding dist/localgate.mjs) is
// started in turn, ROUNDS times interleaved, and driven with a fixed number of requests per
// case; the median of the rounds is printed per build and case.
//   npm run build && node --import tsx bench/cpu-per-request.ts [label=dir ...]
// (default: this checkout). Latency percentiles are printed too, but they swing with load.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { ApiGatewayV2Client, CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { createFunction } from '../test/fixtures/lambda/zips.ts';
import { startProcess } from './load.ts';

const HANDLER = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ path: event.rawPath }) });\n`;
const UPSTREAM = `require('http').createServer((q,s)=>{q.resume();q.on('end',()=>{s.writeHead(200,{'content-type':'application/json','content-length':11});s.end('{"ok":true}')})}).listen(+process.argv[1],'127.0.0.1')`;
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const REQUESTS = Number(process.env.REQUESTS ?? 4000);
const TICK_US = 1_000_000 / 100; // USER_HZ is 100 on Linux
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** utime + stime (clock ticks) of every process, and its parent. */
function processTable(): Map<number, { ppid: number; ticks: number }> {
  const table = new Map<number, { ppid: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = readFileSync(`/proc/${name}/stat`, 'latin1').split(') ')[1].split(' ');
      table.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

/** Ticks of `root` and of its descendants, per pid. */
function treeTicks(root: number): { own: number; children: Map<number, number> } {
  const table = processTable();
  const children = new Map<number, number>();
  const inTree = (pid: number): boolean => pid === root || (pid > 1 && table.has(pid) && inTree(table.get(pid)!.ppid));
  for (const [pid, p] of table) if (pid !== root && inTree(pid)) children.set(pid, p.ticks);
  return { own: table.get(root)?.ticks ?? 0, children };
}

interface Sample {
  serverUs: number;
  functionsUs: number;
  p50: number;
  p99: number;
  rps: number;
}

async function drive(pid: number, url: string, connections: number, method = 'GET', body?: string): Promise<Sample> {
  const before = treeTicks(pid);
  const result = await autocannon({ url, connections, amount: REQUESTS, method: method as 'GET', body });
  const after = treeTicks(pid);
  let functions = 0;
  for (const [child, ticks] of after.children) functions += ticks - (before.children.get(child) ?? 0);
  const n = result.requests.total;
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { serverUs: ((after.own - before.own) * TICK_US) / n, functionsUs: (functions * TICK_US) / n, p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average };
}

async function setUp(endpoint: string, upstreamPort: number) {
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  const lambda = new LambdaClient({ endpoint, region: 'us-east-1', credentials });
  await createFunction(lambda, 'bench', { 'index.js': HANDLER });
  lambda.destroy();
  const v2 = new ApiGatewayV2Client({ endpoint, region: 'us-east-1', credentials });
  const route = async (integration: { IntegrationType: 'HTTP_PROXY' | 'AWS_PROXY'; IntegrationUri: string; PayloadFormatVersion: string; IntegrationMethod?: string }) => {
    const { ApiId } = await v2.send(new CreateApiCommand({ Name: 'bench', ProtocolType: 'HTTP' }));
    const { IntegrationId } = await v2.send(new CreateIntegrationCommand({ ApiId, ...integration }));
    await v2.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /bench', Target: `integrations/${IntegrationId}` }));
    await v2.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));
    return `${endpoint}/execute-api/${ApiId}/bench`;
  };
  const lambdaUrl = await route({ IntegrationType: 'AWS_PROXY', IntegrationUri: 'arn:aws:lambda:us-east-1:000000000000:function:bench', PayloadFormatVersion: '2.0' });
  const proxyUrl = await route({ IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'GET', IntegrationUri: `http://127.0.0.1:${upstreamPort}/`, PayloadFormatVersion: '1.0' });
  v2.destroy();
  return { lambdaUrl, proxyUrl, invokeUrl: `${endpoint}/2015-03-31/functions/bench/invocations` };
}

const builds = process.argv.slice(2).map((arg) => arg.split('=') as [string, string]);
if (!builds.length) builds.push(['this', fileURLToPath(new URL('../', import.meta.url))]);
const cases = ['invoke c1', 'invoke c50', 'route c1', 'route c50', 'HTTP_PROXY c50'] as const;
const samples = new Map<string, Sample[]>();
const upstreamPort = 45681;
const upstream = await startProcess(['-e', UPSTREAM, String(upstreamPort)], `http://127.0.0.1:${upstreamPort}/`);
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, dir] of builds) {
      const port = 45682;
      const endpoint = `http://127.0.0.1:${port}`;
      const localgate = await startProcess([`${dir}/dist/localgate.mjs`, 'start', '--port', String(port), '--quiet'], `${endpoint}/_localgate/health`, {}, dir);
      try {
        const urls = await setUp(endpoint, upstreamPort);
        await autocannon({ url: urls.lambdaUrl, connections: 50, amount: REQUESTS }); // start the environments, warm up
        await autocannon({ url: urls.proxyUrl, connections: 50, amount: 1000 });
        const run: Record<(typeof cases)[number], () => Promise<Sample>> = {
          'invoke c1': () => drive(localgate.pid!, urls.invokeUrl, 1, 'POST', '{"rawPath":"/bench"}'),
          'invoke c50': () => drive(localgate.pid!, urls.invokeUrl, 50, 'POST', '{"rawPath":"/bench"}'),
          'route c1': () => drive(localgate.pid!, urls.lambdaUrl, 1),
          'route c50': () => drive(localgate.pid!, urls.lambdaUrl, 50),
          'HTTP_PROXY c50': () => drive(localgate.pid!, urls.proxyUrl, 50),
        };
        for (const name of cases) {
          const key = `${label}\t${name}`;
          samples.set(key, [...(samples.get(key) ?? []), await run[name]()]);
        }
      } finally {
        localgate.kill('SIGTERM');
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  }
} finally {
  upstream.kill('SIGKILL');
}
console.log(`median of ${ROUNDS} rounds of ${REQUESTS} requests; CPU in us per request`);
console.log(['build', 'case', 'server', 'functions', 'total', 'req/s', 'p50', 'p99'].join('\t'));
for (const name of cases) {
  for (const [label] of builds) {
    const s = samples.get(`${label}\t${name}`)!;
    const m = (f: (x: Sample) => number) => median(s.map(f));
    console.log([label, name, m((x) => x.serverUs).toFixed(0), m((x) => x.functionsUs).toFixed(0), m((x) => x.serverUs + x.functionsUs).toFixed(0), m((x) => x.rps).toFixed(0), m((x) => x.p50), m((x) => x.p99)].join('\t'));
  }
}
