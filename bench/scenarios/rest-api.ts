// REST API data plane under load (50 connections): (a) a MOCK method with a response
// template next to a raw node:http server answering the same body, (b) a Lambda proxy
// method to a warm node function. localgate and the baseline run in their own processes
// so autocannon does not share their event loop; their CPU per MOCK request is read from /proc.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import { APIGatewayClient, CreateDeploymentCommand, CreateResourceCommand, CreateRestApiCommand, GetResourcesCommand, PutIntegrationCommand, PutIntegrationResponseCommand, PutMethodCommand, PutMethodResponseCommand } from '@aws-sdk/client-api-gateway';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { load, startProcess, type LoadResult } from '../load.ts';
import type { BenchRow } from '../types.ts';

const RAW = `require('http').createServer((q,s)=>{q.resume();q.on('end',()=>{s.writeHead(200,{'content-type':'application/json','content-length':11});s.end('{"ok":true}')})}).listen(+process.argv[1],'127.0.0.1')`;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

async function restApi(endpoint: string): Promise<string> {
  const gw = new APIGatewayClient({ endpoint, region: 'us-east-1', credentials });
  const restApiId = (await gw.send(new CreateRestApiCommand({ name: 'bench' }))).id!;
  const rootId = (await gw.send(new GetResourcesCommand({ restApiId }))).items![0].id!;
  const mock = (await gw.send(new CreateResourceCommand({ restApiId, parentId: rootId, pathPart: 'mock' }))).id!;
  await gw.send(new PutMethodCommand({ restApiId, resourceId: mock, httpMethod: 'GET', authorizationType: 'NONE' }));
  await gw.send(new PutIntegrationCommand({ restApiId, resourceId: mock, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
  await gw.send(new PutMethodResponseCommand({ restApiId, resourceId: mock, httpMethod: 'GET', statusCode: '200' }));
  await gw.send(new PutIntegrationResponseCommand({ restApiId, resourceId: mock, httpMethod: 'GET', statusCode: '200', responseTemplates: { 'application/json': '{"ok":true}' } }));
  const fn = (await gw.send(new CreateResourceCommand({ restApiId, parentId: rootId, pathPart: 'lambda' }))).id!;
  await gw.send(new PutMethodCommand({ restApiId, resourceId: fn, httpMethod: 'GET', authorizationType: 'NONE' }));
  await gw.send(new PutIntegrationCommand({ restApiId, resourceId: fn, httpMethod: 'GET', type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:bench-rest-fn/invocations' }));
  await gw.send(new CreateDeploymentCommand({ restApiId, stageName: 'bench' }));
  gw.destroy();
  return `${endpoint}/restapis/${restApiId}/bench/_user_request_`;
}

/** CPU seconds a process has used (utime + stime from /proc; Linux only, else undefined). */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks, 100 per second
  } catch {
    return undefined;
  }
}

/** A load run and the server's CPU microseconds per request during it: steadier than
 * req/s on a shared machine, where other processes take the cores. */
async function loadWithCpu(pid: number | undefined, url: string): Promise<LoadResult & { cpuUs?: number }> {
  const before = cpuSeconds(pid);
  const result = await load({ url, seconds: LOAD_SECONDS });
  const after = cpuSeconds(pid);
  const requests = result.rps * LOAD_SECONDS;
  return { ...result, cpuUs: before === undefined || after === undefined || !requests ? undefined : ((after - before) * 1e6) / requests };
}

const LOAD_SECONDS = 5;

const failures = (r: LoadResult) => (r.errors || r.non2xx ? ` (${r.errors} errors, ${r.non2xx} non-2xx)` : '');

export default async function restApiBench(): Promise<BenchRow[]> {
  const lgPort = 45680;
  const rawPort = 45681;
  const endpoint = `http://127.0.0.1:${lgPort}`;
  const raw = await startProcess(['-e', RAW, String(rawPort)], `http://127.0.0.1:${rawPort}/`);
  let localgate: ChildProcess | undefined;
  try {
    localgate = await startProcess(['dist/localgate.mjs', 'start', '--port', String(lgPort), '--quiet'], `${endpoint}/_localgate/health`);
    const lambda = new LambdaClient({ endpoint, region: 'us-east-1', credentials });
    const code = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ path: event.path }) });`;
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'bench-rest-fn', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: zipSync({ 'index.js': strToU8(code) }) } }));
    lambda.destroy();
    const base = await restApi(endpoint);
    await load({ url: `${base}/mock`, seconds: 1 }); // warm-up
    const baseline = await loadWithCpu(raw.pid, `http://127.0.0.1:${rawPort}/`);
    const mock = await loadWithCpu(localgate.pid, `${base}/mock`);
    await load({ url: `${base}/lambda`, seconds: 2 }); // start the environments
    const viaLambda = await load({ url: `${base}/lambda` });
    const ratio = mock.rps / baseline.rps;
    return [
      { scenario: 'rest-api', metric: `MOCK + response template, 50 connections${failures(mock)}`, unit: 'req/s', localgate: mock.rps, baseline: baseline.rps, baselineLabel: 'raw node:http', goal: '>= 0.4x baseline (issue 16)', met: ratio >= 0.4 && !mock.errors && !mock.non2xx },
      { scenario: 'rest-api', metric: `MOCK p99 (p50 ${mock.p50} vs ${baseline.p50} ms)`, unit: 'ms', localgate: mock.p99, baseline: baseline.p99, baselineLabel: 'raw node:http' },
      ...(mock.cpuUs !== undefined && baseline.cpuUs !== undefined
        ? [{ scenario: 'rest-api', metric: 'MOCK server CPU per request (utime + stime / requests)', unit: 'µs', localgate: Math.round(mock.cpuUs), baseline: Math.round(baseline.cpuUs), baselineLabel: 'raw node:http' }]
        : []),
      { scenario: 'rest-api', metric: `Lambda proxy (warm node), 50 connections${failures(viaLambda)}`, unit: 'req/s', localgate: viaLambda.rps },
      { scenario: 'rest-api', metric: `Lambda proxy p99 (p50 ${viaLambda.p50} ms)`, unit: 'ms', localgate: viaLambda.p99 },
    ];
  } finally {
    localgate?.kill('SIGTERM');
    raw.kill('SIGKILL');
  }
}
