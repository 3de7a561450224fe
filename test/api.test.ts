// The programmatic API (src/api.ts) as a test runner uses it: instances on free ports that
// stay independent, reset, stop ending every function process, deploy in-process.
// (test/package-install.test.ts runs the same API from the packed, installed package.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CreateFunctionCommand, GetFunctionCommand, InvokeCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { startLocalgate, type LocalgateInstance, type LocalgateOptions } from '../src/api.ts';
import type { LocalgateConfig } from '../src/config.ts';
import { packageRoot } from '../src/paths.ts';
import { alive, stillRunning } from './processes.ts';

// Every setting is an option and every option a setting (a compile-time check: `npx tsc`).
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const optionsAreSettings: SameKeys<Required<LocalgateOptions>, LocalgateConfig> = true;
assert.ok(optionsAreSettings);

function lambdaOf(instance: LocalgateInstance) {
  return new LambdaClient({ region: 'us-east-1', endpoint: instance.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
}

// Answers its own pid and that of a detached grandchild it starts (`sleep`).
const PIDS_HANDLER = `
const { spawn } = require('node:child_process');
exports.handler = async () => {
  const child = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
  child.unref();
  return { pid: process.pid, grandchild: child.pid };
};`;

async function createFunction(lambda: LambdaClient, name: string, code = 'exports.handler = async () => "ok";') {
  await lambda.send(new CreateFunctionCommand({
    FunctionName: name,
    Runtime: 'nodejs20.x',
    Handler: 'index.handler',
    Role: 'arn:aws:iam::000000000000:role/r',
    Code: { ZipFile: zipSync({ 'index.js': strToU8(code) }) },
  }));
}

describe('startLocalgate', () => {
  it('starts on a free port, quiet, and answers health at its endpoint', async () => {
    const instance = await startLocalgate();
    try {
      assert.ok(instance.port > 0);
      assert.equal(instance.endpoint, `http://localhost:${instance.port}`);
      const health = await (await fetch(`${instance.endpoint}/_localgate/health`)).json();
      assert.equal(health.status, 'running');
    } finally {
      await instance.stop();
    }
  });

  it('refuses settings the CLI would refuse', async () => {
    await assert.rejects(startLocalgate({ accountId: '42' }), { message: 'invalid account id 42 (12 digits expected)' });
    await assert.rejects(startLocalgate({ forwardUrl: 'localhost:8000' }), { message: 'the forward URL must be an http:// or https:// URL, not \'localhost:8000\'' });
  });

  it('takes the CLI\'s settings as options', async () => {
    const instance = await startLocalgate({ accountId: '123456789012', region: 'eu-west-1' });
    const lambda = new LambdaClient({ region: 'eu-west-1', endpoint: instance.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    try {
      await createFunction(lambda, 'in-account');
      const { Configuration } = await lambda.send(new GetFunctionCommand({ FunctionName: 'in-account' }));
      assert.equal(Configuration?.FunctionArn, 'arn:aws:lambda:eu-west-1:123456789012:function:in-account');
    } finally {
      lambda.destroy();
      await instance.stop();
    }
  });
});

describe('two instances in one process', () => {
  let a: LocalgateInstance;
  let b: LocalgateInstance;
  before(async () => {
    [a, b] = await Promise.all([startLocalgate(), startLocalgate()]);
  });
  after(async () => {
    await Promise.all([a.stop(), b.stop()]);
  });

  it('keep their own state; reset and stop touch only their own', async () => {
    assert.notEqual(a.port, b.port);
    const [lambdaA, lambdaB] = [lambdaOf(a), lambdaOf(b)];
    try {
      await createFunction(lambdaA, 'only-in-a');
      await createFunction(lambdaB, 'only-in-b');
      const names = async (client: LambdaClient) => ((await client.send(new ListFunctionsCommand({}))).Functions ?? []).map((f) => f.FunctionName);
      assert.deepEqual(await names(lambdaA), ['only-in-a']);
      assert.deepEqual(await names(lambdaB), ['only-in-b']);

      await a.reset();
      assert.deepEqual(await names(lambdaA), []);
      assert.deepEqual(await names(lambdaB), ['only-in-b']);

      await a.stop();
      await assert.rejects(fetch(`${a.endpoint}/_localgate/health`));
      await a.stop(); // a second stop does nothing
      assert.deepEqual(await names(lambdaB), ['only-in-b']);
    } finally {
      lambdaA.destroy();
      lambdaB.destroy();
    }
  });
});

describe('stop()', () => {
  it('ends every function process the instance started, and what they started', async () => {
    const instance = await startLocalgate();
    const lambda = lambdaOf(instance);
    try {
      await createFunction(lambda, 'pids', PIDS_HANDLER);
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'pids' }));
      const { pid, grandchild } = JSON.parse(Buffer.from(out.Payload!).toString());
      assert.ok(alive(pid) && alive(grandchild));
      await instance.stop();
      assert.deepEqual(await stillRunning([pid, grandchild], 5000), []);
    } finally {
      lambda.destroy();
      await instance.stop();
    }
  });
});

describe('deploy()', () => {
  let instance: LocalgateInstance;
  before(async () => {
    instance = await startLocalgate();
  });
  after(() => instance.stop());

  it('deploys a SAM template with local code, answering its stacks, outputs and invoke URLs', { timeout: 120_000 }, async () => {
    const lines: string[] = [];
    const stacks = await instance.deploy(join(packageRoot, 'test', 'fixtures', 'deploy', 'sam-app', 'template.yaml'), { stackName: 'api-sam', log: (line) => lines.push(line) });
    assert.equal(stacks.length, 1);
    const [stack] = stacks;
    assert.equal(stack.stackName, 'api-sam');
    assert.equal(stack.status, 'CREATE_COMPLETE');
    assert.match(stack.outputs.HelloFunctionArn, /^arn:aws:lambda:us-east-1:000000000000:function:api-sam-HelloFunction-[A-Za-z0-9]+$/);
    // SAM also makes a `Stage` stage for an Api without OpenApiVersion, as on AWS.
    assert.deepEqual(stack.apis.map((api) => [api.kind, api.logicalId, api.stage]).sort(), [['HTTP', 'ServerlessHttpApi', '$default'], ['REST', 'Api', 'Stage'], ['REST', 'Api', 'prod']]);
    const http = stack.apis.find((api) => api.kind === 'HTTP')!;
    assert.equal(http.url, `${instance.endpoint}/execute-api/${http.apiId}/`);
    assert.deepEqual(await (await fetch(`${http.url}hello`)).json(), { hello: '/hello' });
    assert.equal(lines[0], `Deploying api-sam to ${instance.endpoint} (us-east-1)`);
  });

  it('rejects with the reason when the path is not a template', async () => {
    await assert.rejects(
      instance.deploy(join(packageRoot, 'test', 'fixtures', 'deploy', 'sam-app', 'api', 'openapi.yaml'), { stackName: 'not-a-template' }),
      (err: Error) => err.message.length > 0 && !/CREATE_COMPLETE/.test(err.message),
    );
  });
});
