// HTTP API data plane under load (50 connections): (a) an HTTP_PROXY route next to hitting
// its upstream directly, (b) a Lambda proxy route to a warm node function. localgate and the
// upstream each run in their own process so autocannon does not share their event loop.
// Where the Lambda route's time goes: the same route with one connection (no queueing), the
// Invoke API alone on the same function (no HTTP API layer), and the route again on a
// localgate allowed only 2 environments per function (fewer processes than 10 on few cores).
import { zipSync, strToU8 } from 'fflate';
import { ApiGatewayV2Client, CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { load, startProcess } from '../load.ts';
import type { BenchRow } from '../types.ts';

/** The least any node:http proxy costs: a bare pass-through, the floor for HTTP_PROXY on this machine. */
const BARE_PROXY = `const http=require('http');const agent=new http.Agent({keepAlive:true,maxSockets:256});http.createServer((q,s)=>{const o=http.request({host:'127.0.0.1',port:+process.argv[2],path:q.url,method:q.method,headers:q.headers,agent},(r)=>{s.writeHead(r.statusCode,r.headers);r.pipe(s)});q.pipe(o)}).listen(+process.argv[1],'127.0.0.1')`;
const UPSTREAM = `require('http').createServer((q,s)=>{q.resume();q.on('end',()=>{s.writeHead(200,{'content-type':'application/json','content-length':11});s.end('{"ok":true}')})}).listen(+process.argv[1],'127.0.0.1')`;

async function httpApi(endpoint: string, integration: { IntegrationType: 'HTTP_PROXY' | 'AWS_PROXY'; IntegrationUri: string; PayloadFormatVersion: string; IntegrationMethod?: string }) {
  const v2 = new ApiGatewayV2Client({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const { ApiId } = await v2.send(new CreateApiCommand({ Name: 'bench', ProtocolType: 'HTTP' }));
  const { IntegrationId } = await v2.send(new CreateIntegrationCommand({ ApiId, ...integration }));
  await v2.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /bench', Target: `integrations/${IntegrationId}` }));
  await v2.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));
  v2.destroy();
  return `${endpoint}/execute-api/${ApiId}/bench`;
}

/** A warm-able node function behind an AWS_PROXY route; returns the route's URL. */
async function lambdaRoute(endpoint: string): Promise<string> {
  const lambda = new LambdaClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const code = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ path: event.rawPath }) });`;
  await lambda.send(new CreateFunctionCommand({ FunctionName: 'bench-fn', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: zipSync({ 'index.js': strToU8(code) }) } }));
  lambda.destroy();
  return httpApi(endpoint, { IntegrationType: 'AWS_PROXY', IntegrationUri: 'arn:aws:lambda:us-east-1:000000000000:function:bench-fn', PayloadFormatVersion: '2.0' });
}

export default async function httpApiBench(): Promise<BenchRow[]> {
  const lgPort = 45670;
  const upPort = 45671;
  const endpoint = `http://127.0.0.1:${lgPort}`;
  const barePort = 45672;
  const upstream = await startProcess(['-e', UPSTREAM, String(upPort)], `http://127.0.0.1:${upPort}/`);
  const bareProxy = await startProcess(['-e', BARE_PROXY, String(barePort), String(upPort)], `http://127.0.0.1:${barePort}/`);
  // From the sources (through tsx), so the Lambda bootstraps are found beside them.
  const localgate = await startProcess(['dist/localgate.mjs', 'start', '--port', String(lgPort), '--quiet'], `${endpoint}/_localgate/health`);
  try {
    const proxyUrl = await httpApi(endpoint, { IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'GET', IntegrationUri: `http://127.0.0.1:${upPort}/`, PayloadFormatVersion: '1.0' });
    await load({ url: proxyUrl, seconds: 1 }); // warm-up
    const direct = await load({ url: `http://127.0.0.1:${upPort}/` });
    const proxied = await load({ url: proxyUrl });
    const bare = await load({ url: `http://127.0.0.1:${barePort}/` });

    const lambdaUrl = await lambdaRoute(endpoint);
    await load({ url: lambdaUrl, seconds: 2 }); // start the environments
    const viaLambda = await load({ url: lambdaUrl });
    const oneConnection = await load({ url: lambdaUrl, connections: 1 });
    const invokeApi = await load({ url: `${endpoint}/2015-03-31/functions/bench-fn/invocations`, method: 'POST', body: '{"rawPath":"/bench"}' });
    localgate.kill('SIGTERM');

    const endpointTwo = `http://127.0.0.1:${lgPort + 3}`;
    const lgTwo = await startProcess(['dist/localgate.mjs', 'start', '--port', String(lgPort + 3), '--quiet'], `${endpointTwo}/_localgate/health`, { LOCALGATE_LAMBDA_MAX_ENVIRONMENTS: '2' });
    let twoEnvs: typeof direct;
    try {
      const url = await lambdaRoute(endpointTwo);
      await load({ url, seconds: 2 });
      twoEnvs = await load({ url });
    } finally {
      lgTwo.kill('SIGTERM');
    }

    const ratio = proxied.rps / direct.rps;
    const failures = (r: typeof direct) => (r.errors || r.non2xx ? ` (${r.errors} errors, ${r.non2xx} non-2xx)` : '');
    return [
      { scenario: 'http-api', metric: `HTTP_PROXY route, 50 connections${failures(proxied)}`, unit: 'req/s', localgate: proxied.rps, baseline: direct.rps, baselineLabel: 'upstream direct', goal: '>= 60% of baseline', met: ratio >= 0.6 && !proxied.errors },
      { scenario: 'http-api', metric: 'HTTP_PROXY route vs a bare node:http proxy', unit: 'req/s', localgate: proxied.rps, baseline: bare.rps, baselineLabel: 'bare node:http proxy' },
      { scenario: 'http-api', metric: 'HTTP_PROXY route p50 / p99', unit: 'ms', localgate: proxied.p99, baseline: direct.p99, baselineLabel: `upstream direct (p50 ${proxied.p50} vs ${direct.p50})` },
      { scenario: 'http-api', metric: `Lambda proxy (warm node), 50 connections${failures(viaLambda)}`, unit: 'req/s', localgate: viaLambda.rps },
      { scenario: 'http-api', metric: `Lambda proxy p99 (p50 ${viaLambda.p50} ms)`, unit: 'ms', localgate: viaLambda.p99, goal: '< 20 ms', met: viaLambda.p99 < 20 && !viaLambda.errors && !viaLambda.non2xx },
      { scenario: 'http-api', metric: `Lambda proxy, 1 connection (mean ${(1000 / oneConnection.rps).toFixed(2)} ms)${failures(oneConnection)}`, unit: 'req/s', localgate: oneConnection.rps },
      { scenario: 'http-api', metric: `Invoke API alone, same function, 50 connections (p50 ${invokeApi.p50}, p99 ${invokeApi.p99} ms)${failures(invokeApi)}`, unit: 'req/s', localgate: invokeApi.rps },
      { scenario: 'http-api', metric: `Lambda proxy, 2 environments max, 50 connections (p50 ${twoEnvs.p50}, p99 ${twoEnvs.p99} ms)${failures(twoEnvs)}`, unit: 'req/s', localgate: twoEnvs.rps, baseline: viaLambda.rps, baselineLabel: '10 environments max' },
    ];
  } finally {
    localgate.kill('SIGTERM');
    upstream.kill('SIGKILL');
    bareProxy.kill('SIGKILL');
  }
}
