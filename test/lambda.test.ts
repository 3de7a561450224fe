// Lambda end to end with @aws-sdk/client-lambda: the function lifecycle, Invoke in its
// three types, logs, errors and Node.js handlers (CommonJS, ES modules, callbacks).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { clientConfig, useClient } from './helpers.ts';
import type { Localgate } from '../src/app.ts';
import { createFunction, invokeJson, makeZip } from './fixtures/lambda/zips.ts';

const COUNTER = `
let count = 0;
exports.handler = async (event, context) => {
  count++;
  console.log('got', JSON.stringify(event));
  return { count, event, pid: process.pid, name: context.functionName, version: context.functionVersion,
    arn: context.invokedFunctionArn, mem: context.memoryLimitInMB, requestId: context.awsRequestId,
    remaining: context.getRemainingTimeInMillis() > 0, env: { GREETING: process.env.GREETING, TZ: process.env.TZ,
    AWS_REGION: process.env.AWS_REGION, AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL, AWS_EXECUTION_ENV: process.env.AWS_EXECUTION_ENV,
    AWS_LAMBDA_FUNCTION_NAME: process.env.AWS_LAMBDA_FUNCTION_NAME, AWS_LAMBDA_FUNCTION_MEMORY_SIZE: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    AWS_LAMBDA_LOG_GROUP_NAME: process.env.AWS_LAMBDA_LOG_GROUP_NAME, LAMBDA_TASK_ROOT_SET: !!process.env.LAMBDA_TASK_ROOT } };
};`;

describe('lambda functions', () => {
  let app: Localgate;
  let client: LambdaClient;
  useClient((server) => new LambdaClient(clientConfig(server)), (server, sdk) => {
    app = server;
    client = sdk;
  });

  it('creates a function with a true CodeSha256 and CodeSize, Pending in the answer and Active at once', async () => {
    const zip = makeZip({ 'index.js': COUNTER });
    const created = await createFunction(client, 'counter', { 'index.js': COUNTER }, { Environment: { Variables: { GREETING: 'hi' } }, MemorySize: 256 });
    assert.equal(created.FunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:counter');
    // localstack test_lambda_api.snapshot.json, TestLambdaFunction::test_function_lifecycle:
    // create_response is Pending without LastUpdateStatus; get_function_response is Active.
    assert.equal(created.State, 'Pending');
    assert.equal(created.StateReasonCode, 'Creating');
    assert.equal(created.LastUpdateStatus, undefined);
    const got = await client.send(new GetFunctionCommand({ FunctionName: 'counter' }));
    assert.equal(got.Configuration?.State, 'Active');
    assert.equal(got.Configuration?.LastUpdateStatus, 'Successful');
    assert.equal(created.CodeSize, zip.length);
    assert.equal(created.CodeSha256, createHash('sha256').update(zip).digest('base64'));
    assert.equal(created.Timeout, 3);
    assert.equal(created.MemorySize, 256);
    assert.deepEqual(created.Environment?.Variables, { GREETING: 'hi' });
  });

  it('serves the zip at Code.Location', async () => {
    const got = await client.send(new GetFunctionCommand({ FunctionName: 'counter' }));
    assert.equal(got.Configuration?.FunctionName, 'counter');
    const res = await fetch(got.Code!.Location!);
    assert.equal(res.status, 200);
    const body = Buffer.from(await res.arrayBuffer());
    assert.equal(createHash('sha256').update(body).digest('base64'), got.Configuration?.CodeSha256);
  });

  it('invokes with the documented environment and context, reusing the warm environment', async () => {
    const first = await invokeJson(client, 'counter', { hello: 'world' });
    assert.equal(first.out.StatusCode, 200);
    assert.equal(first.out.ExecutedVersion, '$LATEST');
    assert.equal(first.out.FunctionError, undefined);
    assert.deepEqual(first.json.event, { hello: 'world' });
    assert.equal(first.json.name, 'counter');
    assert.equal(first.json.version, '$LATEST');
    assert.equal(first.json.arn, 'arn:aws:lambda:us-east-1:000000000000:function:counter');
    assert.equal(first.json.mem, '256');
    assert.equal(first.json.remaining, true);
    assert.deepEqual(first.json.env, {
      GREETING: 'hi',
      TZ: ':UTC',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: app.url,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
      AWS_LAMBDA_FUNCTION_NAME: 'counter',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/counter',
      LAMBDA_TASK_ROOT_SET: true,
    });
    const second = await invokeJson(client, 'counter', {});
    assert.equal(second.json.count, first.json.count + 1);
    assert.equal(second.json.pid, first.json.pid);
    assert.notEqual(second.json.requestId, first.json.requestId);
  });

  it('returns the log tail with START, END and REPORT', async () => {
    const { out, json } = await invokeJson(client, 'counter', { tail: 1 }, { LogType: 'Tail' });
    const log = Buffer.from(out.LogResult!, 'base64').toString('utf8');
    assert.match(log, new RegExp(`START RequestId: ${json.requestId} Version: \\$LATEST`));
    // As on Lambda, the Invoke call's x-amzn-RequestId is the invocation's request id.
    assert.equal(out.$metadata.requestId, json.requestId);
    assert.match(log, /\tINFO\tgot {"tail":1}/);
    assert.match(log, new RegExp(`END RequestId: ${json.requestId}`));
    assert.match(log, /REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB/);
  });

  it("logs init's output before the first START, and what a function printed after answering after the next START", async () => {
    // On Lambda, callbacks left running when a handler answers resume when the environment
    // is thawed for the next invocation, so their output is part of that invocation's log.
    // Here the callback prints once the test has the first answer (it creates `go`), and says
    // so by creating `done`.
    const code = `const fs = require('fs');\nconsole.log('init says hi');\nexports.handler = async (event) => {\n  const wait = setInterval(() => {\n    if (!fs.existsSync(event.go)) return;\n    clearInterval(wait);\n    console.log('late from', event.n);\n    fs.writeFileSync(event.done, '');\n  }, 5);\n  return event.n;\n};\n`;
    await createFunction(client, 'late-logger', { 'index.js': code });
    const dir = mkdtempSync(join(tmpdir(), 'late-logger-'));
    const tail = async (n: number) => {
      const event = { n, go: join(dir, `go-${n}`), done: join(dir, `done-${n}`) };
      const out = await client.send(new InvokeCommand({ FunctionName: 'late-logger', Payload: Buffer.from(JSON.stringify(event)), LogType: 'Tail' }));
      writeFileSync(event.go, '');
      while (!existsSync(event.done)) await new Promise((resolve) => setTimeout(resolve, 5));
      return Buffer.from(out.LogResult!, 'base64').toString('utf8');
    };
    const first = await tail(1);
    assert.ok(first.indexOf('init says hi') < first.indexOf('START RequestId'), first);
    assert.doesNotMatch(first, /late from/);
    const second = await tail(2);
    const start = second.indexOf('START RequestId');
    const late = second.indexOf('late from 1');
    assert.ok(start >= 0 && start < late && late < second.indexOf('END RequestId'), second);
    assert.doesNotMatch(second, /init says hi|late from 2/);
    rmSync(dir, { recursive: true });
  });

  it('answers Event with 202 and DryRun with 204', async () => {
    const event = await client.send(new InvokeCommand({ FunctionName: 'counter', InvocationType: 'Event', Payload: Buffer.from('{}') }));
    assert.equal(event.StatusCode, 202);
    const dry = await client.send(new InvokeCommand({ FunctionName: 'counter', InvocationType: 'DryRun' }));
    assert.equal(dry.StatusCode, 204);
  });

  it('reports a thrown error as Unhandled with errorType, errorMessage and trace', async () => {
    await createFunction(client, 'thrower', { 'index.js': 'class MyError extends Error {}\nexports.handler = async () => { throw new MyError("boom"); };' });
    const { out, json } = await invokeJson(client, 'thrower');
    assert.equal(out.StatusCode, 200);
    assert.equal(out.FunctionError, 'Unhandled');
    assert.equal(json.errorType, 'MyError');
    assert.equal(json.errorMessage, 'boom');
    assert.ok(Array.isArray(json.trace) && json.trace[0].includes('boom'));
  });

  it('runs ES module handlers (.mjs and "type": "module") and callback handlers', async () => {
    await createFunction(client, 'esm', { 'app.mjs': 'export const handler = async (e) => ({ esm: true, e });' }, { Handler: 'app.handler' });
    assert.deepEqual((await invokeJson(client, 'esm', { a: 1 })).json, { esm: true, e: { a: 1 } });
    await createFunction(client, 'esm-pkg', { 'package.json': '{"type":"module"}', 'lib/main.js': 'export async function go(e) { return e.n * 2; }' }, { Handler: 'lib/main.go' });
    assert.equal((await invokeJson(client, 'esm-pkg', { n: 21 })).json, 42);
    await createFunction(client, 'callback', { 'index.js': 'exports.handler = (e, ctx, cb) => { setTimeout(() => cb(null, { cb: e.v }), 5); };' });
    assert.deepEqual((await invokeJson(client, 'callback', { v: 'x' })).json, { cb: 'x' });
  });

  it('reports a missing handler and a missing module as AWS does', async () => {
    await createFunction(client, 'nohandler', { 'index.js': 'exports.other = async () => 1;' });
    const missing = await invokeJson(client, 'nohandler');
    assert.equal(missing.out.FunctionError, 'Unhandled');
    assert.equal(missing.json.errorType, 'Runtime.HandlerNotFound');
    assert.equal(missing.json.errorMessage, 'index.handler is undefined or not exported');
    await createFunction(client, 'nomodule', { 'other.js': '' });
    const nomodule = await invokeJson(client, 'nomodule');
    assert.equal(nomodule.json.errorType, 'Runtime.ImportModuleError');
    assert.match(nomodule.json.errorMessage, /^Error: Cannot find module 'index'/);
    // A module the handler's module requires is reported the same way.
    await createFunction(client, 'nestedmissing', { 'index.js': 'require("./missing-helper");\nexports.handler = async () => 1;' });
    const nested = await invokeJson(client, 'nestedmissing');
    assert.equal(nested.json.errorType, 'Runtime.ImportModuleError');
    assert.match(nested.json.errorMessage, /^Error: Cannot find module '\.\/missing-helper'\nRequire stack:/);
  });

  it('updates code and configuration; the next invoke runs the new ones', async () => {
    await createFunction(client, 'updatable', { 'index.js': 'exports.handler = async () => "v1";' });
    assert.equal((await invokeJson(client, 'updatable')).json, 'v1');
    const zip = makeZip({ 'main.js': 'exports.run = async () => "v2:" + process.env.MODE;' });
    const code = await client.send(new UpdateFunctionCodeCommand({ FunctionName: 'updatable', ZipFile: zip }));
    assert.equal(code.CodeSha256, createHash('sha256').update(zip).digest('base64'));
    const conf = await client.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'updatable', Handler: 'main.run', Timeout: 10, Environment: { Variables: { MODE: 'new' } } }),
    );
    assert.equal(conf.Handler, 'main.run');
    assert.equal(conf.Timeout, 10);
    assert.equal((await invokeJson(client, 'updatable')).json, 'v2:new');
    const got = await client.send(new GetFunctionConfigurationCommand({ FunctionName: 'updatable' }));
    assert.equal(got.Handler, 'main.run');
  });

  it('lists functions page by page', async () => {
    const names: string[] = [];
    let marker: string | undefined;
    do {
      const page = await client.send(new ListFunctionsCommand({ MaxItems: 2, Marker: marker }));
      assert.ok(page.Functions!.length <= 2);
      names.push(...page.Functions!.map((f) => f.FunctionName!));
      marker = page.NextMarker;
    } while (marker);
    assert.deepEqual(names, [...names].sort());
    assert.ok(names.includes('counter') && names.includes('updatable'));
  });

  it('deletes a function; it is then not found', async () => {
    await client.send(new DeleteFunctionCommand({ FunctionName: 'updatable' }));
    await assert.rejects(client.send(new GetFunctionCommand({ FunctionName: 'updatable' })), (err: any) => {
      assert.equal(err.name, 'ResourceNotFoundException');
      assert.equal(err.message, 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:updatable');
      assert.equal(err.$metadata.httpStatusCode, 404);
      return true;
    });
  });

  it('names faults as AWS does', async () => {
    await assert.rejects(createFunction(client, 'counter', { 'index.js': '' }), (err: any) => {
      assert.equal(err.name, 'ResourceConflictException');
      assert.equal(err.message, 'Function already exist: counter');
      return true;
    });
    await assert.rejects(invokeJson(client, 'nope'), (err: any) => {
      assert.equal(err.name, 'ResourceNotFoundException');
      assert.equal(err.message, 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope');
      return true;
    });
    await assert.rejects(
      client.send(new InvokeCommand({ FunctionName: 'counter', Payload: Buffer.alloc(6 * 1024 * 1024 + 1, 32) })),
      (err: any) => {
        assert.equal(err.name, 'RequestTooLargeException');
        assert.equal(err.$metadata.httpStatusCode, 413);
        return true;
      },
    );
    // Asynchronous invocations take at most 1 MB; a payload that fits synchronously is refused.
    await assert.rejects(
      client.send(new InvokeCommand({ FunctionName: 'counter', InvocationType: 'Event', Payload: Buffer.alloc(1024 * 1024 + 1, 32) })),
      (err: any) => {
        assert.equal(err.name, 'RequestTooLargeException');
        assert.equal(err.message, 'Request must be smaller than 1048576 bytes for the InvokeFunction operation');
        return true;
      },
    );
    await assert.rejects(createFunction(client, 'badzip', {}, { Code: { ZipFile: Buffer.from('this is not a zip') } }), (err: any) => {
      assert.equal(err.name, 'InvalidParameterValueException');
      assert.equal(err.message, 'Could not unzip uploaded file. Please check your file, then try to upload again.');
      return true;
    });
    await assert.rejects(createFunction(client, 'traversal', { '../evil.js': 'x' }), (err: any) => err.name === 'InvalidParameterValueException');
    await assert.rejects(createFunction(client, 'oldruntime', { 'index.js': '' }, { Runtime: 'java21' }), (err: any) => err.name === 'InvalidParameterValueException');
    await assert.rejects(
      createFunction(client, 'reserved', { 'index.js': '' }, { Environment: { Variables: { AWS_REGION: 'x' } } }),
      (err: any) => err.name === 'InvalidParameterValueException' && err.message.endsWith('Reserved keys used in this request: AWS_REGION'),
    );
    await assert.rejects(
      createFunction(client, 'norole', { 'index.js': '' }, { Role: 'not-a-role' }),
      (err: any) => err.name === 'ValidationException',
    );
    // Nothing above was stored.
    const list = await client.send(new ListFunctionsCommand({}));
    assert.ok(!list.Functions!.some((f) => ['badzip', 'traversal', 'oldruntime', 'reserved', 'norole'].includes(f.FunctionName!)));
  });
});
