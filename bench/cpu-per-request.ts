// CPU per request, the measure that survives a shared machine (req/s swings 2x between runs).
// Starts localgate in this process (from `--app`, default ../src/app.ts, so an older checkout
// can be measured in the same run), sends N sequential requests per scenario from a child
// process over one keep-alive connection, and reports the CPU microseconds per request of
// localgate's process (process.cpuUsage) and of its function processes (/proc, Linux only).
// Each scenario is measured `--rounds` times, alternately without and with the console's
// event stream open, and the medians are printed: on a busy machine run two checkouts at the
// same time (they share the same contention) rather than one after the other.
//   node --import tsx bench/cpu-per-request.ts [--app path/to/app.ts] [--n 1000] [--rounds 5] [--only name]
import { spawn } from 'node:child_process';
import { get, type IncomingMessage } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { ApiGatewayV2Client, CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { APIGatewayClient, CreateDeploymentCommand, CreateRestApiCommand, PutIntegrationCommand, PutMethodCommand } from '@aws-sdk/client-api-gateway';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { startProcess } from './load.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const appPath = resolve(arg('app') ?? new URL('../src/app.ts', import.meta.url).pathname);
const N = Number(arg('n') ?? 1000);
const ROUNDS = Number(arg('rounds') ?? 5);
/** `--only text`: just the scenarios whose name contains it. */
const only = arg('only');

/** The client: N sequential requests on one keep-alive socket; prints the failures. */
const CLIENT = `const http=require('http');const [url,n,method,body]=process.argv.slice(1);const agent=new http.Agent({keepAlive:true,maxSockets:1});let bad=0;
const one=()=>new Promise((ok)=>{const q=http.request(url,{method,agent},(r)=>{r.resume();r.on('end',()=>{if(r.statusCode>=300)bad++;ok()})});q.on('error',()=>{bad++;ok()});q.end(body||undefined)});
(async()=>{for(let i=0;i<+n;i++)await one();process.stdout.write(String(bad));})()`;

function ticksOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime, in clock ticks (1/100 s)
}

/** CPU ticks of this process's descendants except `skip` (the function processes). */
function childTicks(skip: number): number {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  for (const pid of parent.keys()) {
    if (pid === skip) continue;
    for (let p = parent.get(pid); p !== undefined; p = parent.get(p)) {
      if (p === skip) break;
      if (p === process.pid) {
        try {
          total += ticksOf(pid);
        } catch {
          // gone meanwhile
        }
        break;
      }
    }
  }
  return total;
}

async function measure(url: string, method = 'GET', body = ''): Promise<{ localgateUs: number; functionsUs: number; failures: number }> {
  const child = spawn(process.execPath, ['-e', CLIENT, url, String(N), method, body], { stdio: ['ignore', 'pipe', 'inherit'] });
  const before = process.cpuUsage();
  const fnBefore = childTicks(child.pid!);
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c));
  await new Promise((r) => child.on('exit', r));
  const used = process.cpuUsage(before);
  const fnUsed = childTicks(child.pid!) - fnBefore;
  return { localgateUs: (used.user + used.system) / N, functionsUs: (fnUsed * 10_000) / N, failures: Number(out) };
}

const { startLocalgate } = (await import(pathToFileURL(appPath).href)) as typeof import('../src/app.ts');
const app = await startLocalgate({ port: 0, quiet: true, lambdaMaxEnvironments: 1 });
const config = { region: 'us-east-1', endpoint: app.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const UPSTREAM = `require('http').createServer((q,s)=>{q.resume();q.on('end',()=>{s.writeHead(200,{'content-type':'application/json','content-length':11});s.end('{"ok":true}')})}).listen(+process.argv[1],'127.0.0.1')`;
const upPort = 45690 + Math.floor(Math.random() * 200);
const upstream = await startProcess(['-e', UPSTREAM, String(upPort)], `http://127.0.0.1:${upPort}/`);
try {
  const lambda = new LambdaClient(config);
  const code = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ path: event.rawPath ?? event.path }) });`;
  await lambda.send(new CreateFunctionCommand({ FunctionName: 'cpu-fn', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: zipSync({ 'index.js': strToU8(code) }) } }));
  lambda.destroy();
  const fnArn = 'arn:aws:lambda:us-east-1:000000000000:function:cpu-fn';

  const v2 = new ApiGatewayV2Client(config);
  const { ApiId } = await v2.send(new CreateApiCommand({ Name: 'cpu', ProtocolType: 'HTTP' }));
  const route = async (key: string, integration: Record<string, string>) => {
    const { IntegrationId } = await v2.send(new CreateIntegrationCommand({ ApiId, ...integration } as never));
    await v2.send(new CreateRouteCommand({ ApiId, RouteKey: key, Target: `integrations/${IntegrationId}` }));
  };
  await route('GET /lambda', { IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn, PayloadFormatVersion: '2.0' });
  await route('GET /proxy', { IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'GET', IntegrationUri: `http://127.0.0.1:${upPort}/`, PayloadFormatVersion: '1.0' });
  await v2.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));
  v2.destroy();

  const v1 = new APIGatewayClient(config);
  const rest = await v1.send(new CreateRestApiCommand({ name: 'cpu' }));
  await v1.send(new PutMethodCommand({ restApiId: rest.id, resourceId: rest.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
  await v1.send(new PutIntegrationCommand({ restApiId: rest.id, resourceId: rest.rootResourceId, httpMethod: 'GET', type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fnArn}/invocations` }));
  await v1.send(new CreateDeploymentCommand({ restApiId: rest.id, stageName: 'prod' }));
  v1.destroy();

  const openConsole = async (): Promise<IncomingMessage> => {
    const req = get(`${app.url}/_localgate/api/events`);
    const sse = await new Promise<IncomingMessage>((ok, ko) => req.on('response', ok).on('error', ko));
    sse.resume();
    return sse;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  const scenarios: Array<[string, string, string?, string?]> = [
    ['HTTP API -> Lambda (2.0)', `${app.url}/execute-api/${ApiId}/lambda`],
    ['REST -> Lambda proxy', `${app.url}/restapis/${rest.id}/prod/_user_request_/`],
    ['HTTP API HTTP_PROXY', `${app.url}/execute-api/${ApiId}/proxy`],
    ['Invoke API', `${app.url}/2015-03-31/functions/cpu-fn/invocations`, 'POST', '{"rawPath":"/x"}'],
  ];
  for (const [name, url, method, body] of scenarios) {
    if (only && !name.includes(only)) continue;
    await measure(url, method, body); // warm-up: environment started, code paths optimised
    const runs: Record<'off' | 'on', Array<{ localgateUs: number; functionsUs: number; failures: number }>> = { off: [], on: [] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.off.push(await measure(url, method, body));
      const sse = await openConsole();
      runs.on.push(await measure(url, method, body));
      sse.destroy();
      await new Promise((r) => setTimeout(r, 50)); // the server sees the stream close
    }
    for (const mode of ['off', 'on'] as const) {
      const r = runs[mode];
      const failures = r.reduce((n, m) => n + m.failures, 0);
      console.log(`${name.padEnd(26)} console ${mode.padEnd(3)}  localgate ${median(r.map((m) => m.localgateUs)).toFixed(0).padStart(5)} us/req   children ${median(r.map((m) => m.functionsUs)).toFixed(0).padStart(5)} us/req${failures ? `   ${failures} FAILURES` : ''}`);
    }
  }
} finally {
  upstream.kill('SIGKILL');
  await app.close();
}
