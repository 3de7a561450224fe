// Shared set-up for the HTTP API data-plane end-to-end tests: node functions built as zips,
// and an HTTP API with one route per integration, deployed to a stage.
import { request, type IncomingHttpHeaders } from 'node:http';
import { zipSync, strToU8 } from 'fflate';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ApiGatewayV2Client, CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand, type CreateIntegrationRequest, type CreateRouteRequest } from '@aws-sdk/client-apigatewayv2';
import { clientConfig } from './helpers.ts';
import type { Localgate } from '../src/app.ts';

export const ACCOUNT = '000000000000';
export const fnArn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;

/** Returns the event it received as a JSON body (status 200). */
export const ECHO = `exports.handler = async (event) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });`;
/** Returns, as its result, whatever JSON the request body holds; "throw" throws; {"sleep":ms} waits. */
export const REPLY = `exports.handler = async (event) => {
  const wanted = JSON.parse(event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString() : event.body);
  if (wanted === 'throw') throw new Error('boom');
  if (wanted && wanted.sleep) { await new Promise((r) => setTimeout(r, wanted.sleep)); return { statusCode: 200, body: 'late' }; }
  return wanted;
};`;

export async function createFunction(app: Localgate, name: string, code: string, timeout = 5) {
  const lambda = new LambdaClient(clientConfig(app));
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: `arn:aws:iam::${ACCOUNT}:role/lambda-role`,
      Timeout: timeout,
      Code: { ZipFile: zipSync({ 'index.js': strToU8(code) }) },
    }),
  );
  lambda.destroy();
}

export interface RouteSpec {
  routeKey: string;
  integration: Omit<CreateIntegrationRequest, 'ApiId'>;
  route?: Omit<CreateRouteRequest, 'ApiId' | 'RouteKey' | 'Target'>;
}

/** Creates an HTTP API with the given routes and an AutoDeploy stage; returns its id. */
export async function createHttpApi(app: Localgate, routes: RouteSpec[], opts: { stage?: string; api?: Record<string, unknown>; stageVariables?: Record<string, string> } = {}) {
  const v2 = new ApiGatewayV2Client(clientConfig(app));
  const { ApiId } = await v2.send(new CreateApiCommand({ Name: 'test-api', ProtocolType: 'HTTP', ...opts.api }));
  for (const spec of routes) {
    const { IntegrationId } = await v2.send(new CreateIntegrationCommand({ ApiId, ...spec.integration }));
    await v2.send(new CreateRouteCommand({ ApiId, RouteKey: spec.routeKey, Target: `integrations/${IntegrationId}`, ...spec.route }));
  }
  await v2.send(new CreateStageCommand({ ApiId, StageName: opts.stage ?? '$default', AutoDeploy: true, StageVariables: opts.stageVariables }));
  v2.destroy();
  return ApiId!;
}

export const lambdaProxy = (name: string, version = '2.0', extra: Record<string, unknown> = {}) => ({
  IntegrationType: 'AWS_PROXY' as const,
  IntegrationUri: fnArn(name),
  PayloadFormatVersion: version,
  ...extra,
});

/** A plain node:http request: unlike fetch it can repeat a header and set Host. */
export function rawRequest(url: string, opts: { method?: string; headers?: Record<string, string | string[]>; body?: string | Buffer } = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
