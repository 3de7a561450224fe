// Function URLs end to end: the configuration operations through @aws-sdk/client-lambda and
// the URL itself (host and path forms) carrying the payload 2.0 event to the function.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionUrlConfigCommand,
  DeleteFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  DeleteFunctionUrlConfigCommand,
  GetFunctionUrlConfigCommand,
  LambdaClient,
  ListFunctionUrlConfigsCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  UpdateFunctionUrlConfigCommand,
} from '@aws-sdk/client-lambda';
import { clientConfig, fakeAuth, startTestServer } from './helpers.ts';
import type { Localgate } from '../src/app.ts';
import { createFunction } from './fixtures/lambda/zips.ts';

const ECHO = `
exports.handler = async (event) => {
  if (event.rawPath === '/fail') throw new Error('boom');
  if (event.rawPath === '/plain') return { hello: 'world' };
  return { statusCode: 201, headers: { 'x-echo': 'yes' }, cookies: ['a=1'], body: JSON.stringify(event) };
};`;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(port: number, path: string, opts: { method?: string; host?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { ...opts.headers, ...(opts.host ? { host: opts.host } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('lambda function URLs', () => {
  let app: Localgate;
  let client: LambdaClient;
  let urlId: string;
  before(async () => {
    app = await startTestServer();
    client = new LambdaClient(clientConfig(app));
    await createFunction(client, 'web', { 'index.js': ECHO });
  });
  after(async () => {
    client.destroy();
    await app.close();
  });

  it('creates a URL configuration with a url-id and refuses a second one', async () => {
    const created = await client.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'web', AuthType: 'NONE' }));
    assert.equal(created.$metadata.httpStatusCode, 201);
    const m = /^http:\/\/([a-z0-9]{32})\.lambda-url\.us-east-1\.localhost:(\d+)\/$/.exec(created.FunctionUrl!);
    assert.ok(m, created.FunctionUrl);
    assert.equal(Number(m[2]), app.port);
    urlId = m[1];
    assert.equal(created.FunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:web');
    assert.equal(created.AuthType, 'NONE');
    // localstack test_lambda_api.snapshot.json, TestLambdaUrl::test_url_config_lifecycle:
    // url_creation carries no InvokeMode (not given) and no LastModifiedTime.
    assert.equal(created.InvokeMode, undefined);
    assert.equal((created as { LastModifiedTime?: string }).LastModifiedTime, undefined);
    assert.ok(created.CreationTime);
    await assert.rejects(client.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'web', AuthType: 'NONE' })), (err: Error) => {
      assert.equal(err.name, 'ResourceConflictException');
      assert.equal(
        err.message,
        'Failed to create function url config for [functionArn = arn:aws:lambda:us-east-1:000000000000:function:web]. Error message:  FunctionUrlConfig exists for this Lambda function',
      );
      return true;
    });
  });

  it('gets, updates and lists the configuration', async () => {
    const got = await client.send(new GetFunctionUrlConfigCommand({ FunctionName: 'web' }));
    assert.equal(got.FunctionUrl, `http://${urlId}.lambda-url.us-east-1.localhost:${app.port}/`);
    assert.ok(got.LastModifiedTime);
    assert.equal(got.InvokeMode, 'BUFFERED');
    const updated = await client.send(new UpdateFunctionUrlConfigCommand({ FunctionName: 'web', Cors: { AllowOrigins: ['https://example.com'], AllowMethods: ['GET'] } }));
    assert.deepEqual(updated.Cors, { AllowOrigins: ['https://example.com'], AllowMethods: ['GET'] });
    assert.equal(updated.AuthType, 'NONE');
    const list = await client.send(new ListFunctionUrlConfigsCommand({ FunctionName: 'web' }));
    assert.deepEqual(list.FunctionUrlConfigs?.map((c) => c.FunctionUrl), [got.FunctionUrl]);
  });

  it('answers 403 to an AuthType NONE URL until a public lambda:InvokeFunctionUrl permission exists', async () => {
    const denied = await call(app.port, `/lambda-url/${urlId}/plain`);
    assert.equal(denied.status, 403);
    assert.deepEqual(JSON.parse(denied.body), { Message: 'Forbidden' });
    // A statement for another action does not open the URL.
    await client.send(new AddPermissionCommand({ FunctionName: 'web', StatementId: 'invoke', Action: 'lambda:InvokeFunction', Principal: '*' }));
    assert.equal((await call(app.port, `/lambda-url/${urlId}/plain`)).status, 403);
    await client.send(
      new AddPermissionCommand({ FunctionName: 'web', StatementId: 'url', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }),
    );
    assert.equal((await call(app.port, `/lambda-url/${urlId}/plain`)).status, 200);
  });

  it('sends the payload 2.0 event and maps the result (host form)', async () => {
    const res = await call(app.port, '/items/1?a=1&a=2', { method: 'POST', host: `${urlId}.lambda-url.us-east-1.localhost:${app.port}`, headers: { 'content-type': 'text/plain', cookie: 'c=3' }, body: 'hi' });
    assert.equal(res.status, 201);
    assert.equal(res.headers['x-echo'], 'yes');
    assert.deepEqual(res.headers['set-cookie'], ['a=1']);
    const event = JSON.parse(res.body);
    assert.equal(event.version, '2.0');
    assert.equal(event.routeKey, '$default');
    assert.equal(event.rawPath, '/items/1');
    assert.equal(event.rawQueryString, 'a=1&a=2');
    assert.deepEqual(event.queryStringParameters, { a: '1,2' });
    assert.deepEqual(event.cookies, ['c=3']);
    assert.equal(event.body, 'hi');
    assert.equal(event.isBase64Encoded, false);
    assert.equal(event.requestContext.apiId, urlId);
    assert.equal(event.requestContext.domainPrefix, urlId);
    assert.equal(event.requestContext.accountId, '000000000000');
    assert.equal(event.requestContext.stage, '$default');
    assert.equal(event.requestContext.http.method, 'POST');
    assert.equal(event.requestContext.http.path, '/items/1');
    assert.equal(event.requestContext.authorizer, undefined);
  });

  it('serves the path form, infers 200 for a plain result and answers 502 for a failure', async () => {
    const plain = await call(app.port, `/lambda-url/${urlId}/plain`);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-type'], 'application/json');
    assert.equal(plain.body, '{"hello":"world"}');
    const failed = await call(app.port, `/lambda-url/${urlId}/fail`);
    assert.equal(failed.status, 502);
    assert.equal(failed.body, 'Internal Server Error');
  });

  it("answers Lambda's 429 while the function is throttled (reserved concurrency 0)", async () => {
    await client.send(new PutFunctionConcurrencyCommand({ FunctionName: 'web', ReservedConcurrentExecutions: 0 }));
    try {
      const throttled = await call(app.port, `/lambda-url/${urlId}/plain`);
      assert.equal(throttled.status, 429);
      assert.deepEqual(JSON.parse(throttled.body), { Message: 'Rate Exceeded.' });
    } finally {
      await client.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'web' }));
    }
    assert.equal((await call(app.port, `/lambda-url/${urlId}/plain`)).status, 200);
  });

  it('answers CORS preflight from the configuration', async () => {
    const res = await call(app.port, `/lambda-url/${urlId}/x`, { method: 'OPTIONS', headers: { origin: 'https://example.com', 'access-control-request-method': 'GET' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['access-control-allow-origin'], 'https://example.com');
    assert.equal(res.headers['access-control-allow-methods'], 'GET');
  });

  it('wants a signed request for AWS_IAM and tells the function who called', async () => {
    await client.send(new UpdateFunctionUrlConfigCommand({ FunctionName: 'web', AuthType: 'AWS_IAM' }));
    const unsigned = await call(app.port, `/lambda-url/${urlId}/`);
    assert.equal(unsigned.status, 403);
    assert.deepEqual(JSON.parse(unsigned.body), { Message: 'Forbidden' });
    const signed = await call(app.port, `/lambda-url/${urlId}/`, { headers: { authorization: fakeAuth('lambda', 'us-east-1', '123456789012') } });
    assert.equal(signed.status, 201);
    assert.deepEqual(JSON.parse(signed.body).requestContext.authorizer.iam, {
      accessKey: '123456789012', accountId: '123456789012', callerId: '123456789012', cognitoIdentity: null, principalOrgId: null, userArn: 'arn:aws:iam::123456789012:root', userId: '123456789012',
    });
  });

  it('keeps alias URLs apart and forgets URLs with their function', async () => {
    await client.send(new PublishVersionCommand({ FunctionName: 'web' }));
    await client.send(new CreateAliasCommand({ FunctionName: 'web', Name: 'live', FunctionVersion: '1' }));
    const alias = await client.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'web', Qualifier: 'live', AuthType: 'NONE' }));
    assert.equal(alias.FunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:web:live');
    const aliasId = /\/\/([a-z0-9]+)\./.exec(alias.FunctionUrl!)![1];
    // The alias has its own policy: the function's statement does not open the alias URL.
    assert.equal((await call(app.port, `/lambda-url/${aliasId}/plain`)).status, 403);
    await client.send(new AddPermissionCommand({ FunctionName: 'web', Qualifier: 'live', StatementId: 'url', Action: 'lambda:InvokeFunctionUrl', Principal: '*' }));
    const res = await call(app.port, `/lambda-url/${aliasId}/plain`);
    assert.equal(res.status, 200);
    await client.send(new DeleteFunctionUrlConfigCommand({ FunctionName: 'web', Qualifier: 'live' }));
    await assert.rejects(client.send(new GetFunctionUrlConfigCommand({ FunctionName: 'web', Qualifier: 'live' })), (err: Error) => {
      assert.equal(err.name, 'ResourceNotFoundException');
      assert.equal(err.message, 'The resource you requested does not exist.');
      return true;
    });
    assert.equal((await call(app.port, `/lambda-url/${aliasId}/plain`)).status, 403);
    await client.send(new DeleteFunctionCommand({ FunctionName: 'web' }));
    assert.equal((await call(app.port, `/lambda-url/${urlId}/plain`)).status, 403);
  });
});
