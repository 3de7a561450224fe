// The console's cost on the data plane: Lambda-proxy (HTTP API) and MOCK (REST API)
// throughput with the console's SSE stream connected, next to the same without it.
// Goal: within 5% (the request log always records; the stream formats and sends).
import { get, type IncomingMessage } from 'node:http';
import { zipSync, strToU8 } from 'fflate';
import { ApiGatewayV2Client, CreateApiCommand } from '@aws-sdk/client-apigatewayv2';
import { APIGatewayClient, CreateDeploymentCommand, CreateRestApiCommand, PutIntegrationCommand, PutMethodCommand } from '@aws-sdk/client-api-gateway';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { startLocalgate } from '../../src/app.ts';
import { load } from '../load.ts';
import type { BenchRow } from '../types.ts';

/** Opens the console's event stream and reads (discards) everything it sends. A plain
 * node:http reader: the browser's reading costs the server nothing, so keep ours cheap. */
async function connectConsole(base: string): Promise<{ events: () => number; close: () => void }> {
  let bytes = 0;
  const req = get(`${base}/_localgate/api/events`);
  const res = await new Promise<IncomingMessage>((resolve, reject) => req.on('response', resolve).on('error', reject));
  res.on('data', (chunk: Buffer) => (bytes += chunk.length));
  res.on('error', () => {});
  return { events: () => bytes, close: () => req.destroy() };
}

export default async function consoleScenario(): Promise<BenchRow[]> {
  const app = await startLocalgate({ port: 0, quiet: true });
  const config = { region: 'us-east-1', endpoint: app.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  try {
    const lambda = new LambdaClient(config);
    const code = `exports.handler = async () => ({ statusCode: 200, body: '{"ok":true}' });`;
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'console-bench', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: zipSync({ 'index.js': strToU8(code) }) } }));
    lambda.destroy();
    const v2 = new ApiGatewayV2Client(config);
    const { ApiId } = await v2.send(new CreateApiCommand({ Name: 'console-bench', ProtocolType: 'HTTP', Target: 'arn:aws:lambda:us-east-1:000000000000:function:console-bench' }));
    v2.destroy();
    const v1 = new APIGatewayClient(config);
    const rest = await v1.send(new CreateRestApiCommand({ name: 'console-bench' }));
    await v1.send(new PutMethodCommand({ restApiId: rest.id, resourceId: rest.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
    await v1.send(new PutIntegrationCommand({ restApiId: rest.id, resourceId: rest.rootResourceId, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
    await v1.send(new CreateDeploymentCommand({ restApiId: rest.id, stageName: 'prod' }));
    v1.destroy();

    const rows: BenchRow[] = [];
    const cases = [
      ['Lambda proxy (HTTP API)', `${app.url}/execute-api/${ApiId}/`],
      ['MOCK (REST API)', `${app.url}/restapis/${rest.id}/prod/_user_request_/`],
    ] as const;
    for (const [name, url] of cases) {
      await load({ url, seconds: 2 }); // warm-up (starts the function's environments)
      const without = await load({ url });
      const stream = await connectConsole(app.url);
      const withConsole = await load({ url });
      stream.close();
      const ratio = withConsole.rps / without.rps;
      const failed = without.errors + without.non2xx + withConsole.errors + withConsole.non2xx;
      rows.push({
        scenario: 'console',
        metric: `${name} with the console's SSE stream open (${Math.round(stream.events() / 1024)} KB of events)${failed ? `, ${failed} failures` : ''}`,
        unit: 'req/s',
        localgate: withConsole.rps,
        baseline: without.rps,
        baselineLabel: 'no console',
        goal: '>= 95% of baseline',
        met: ratio >= 0.95 && !failed,
      });
    }
    return rows;
  } finally {
    await app.close();
  }
}
