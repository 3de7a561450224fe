// How each runtime family is started: command, Lambda's environment variables, layer
// paths, and which runtimes get the framed channel.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTransport, launchFor, type FunctionSpec } from './launch.ts';
import { NODE, PYTHON } from './runtimes.ts';

const spec = (over: Partial<FunctionSpec> = {}): FunctionSpec => ({
  functionName: 'fn',
  functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:fn',
  version: '$LATEST',
  runtime: 'nodejs20.x',
  handler: 'index.handler',
  codeDir: '/code',
  memoryMb: 256,
  timeoutSec: 3,
  variables: { MINE: 'yes', AWS_REGION: 'overridden?' },
  account: '123456789012',
  region: 'eu-west-1',
  endpointUrl: 'http://localhost:4566',
  logGroup: '/aws/lambda/fn',
  ...over,
});

describe('launchFor', () => {
  it('starts node with the bootstrap, Lambda variables and the channel on descriptor 3', () => {
    const launch = launchFor(spec(), '127.0.0.1:9001');
    assert.equal(launch.command, NODE);
    assert.match(launch.args[0], /src\/runtime\/bootstraps\/node\/bootstrap\.cjs$/);
    assert.equal(launch.channel, true);
    const env = launch.env;
    assert.equal(env.LOCALGATE_RUNTIME_CHANNEL, '3');
    assert.equal(env.AWS_LAMBDA_RUNTIME_API, '127.0.0.1:9001');
    assert.equal(env._HANDLER, 'index.handler');
    assert.equal(env.LAMBDA_TASK_ROOT, '/code');
    assert.equal(env.AWS_EXECUTION_ENV, 'AWS_Lambda_nodejs20.x');
    assert.equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, '256');
    assert.equal(env.AWS_LAMBDA_FUNCTION_VERSION, '$LATEST');
    assert.equal(env.AWS_LAMBDA_LOG_GROUP_NAME, '/aws/lambda/fn');
    assert.match(env.AWS_LAMBDA_LOG_STREAM_NAME, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    // The function's variables never override the reserved ones.
    assert.equal(env.MINE, 'yes');
    assert.equal(env.AWS_REGION, 'eu-west-1');
    assert.equal(env.AWS_ACCESS_KEY_ID, '123456789012');
    assert.equal(env.AWS_ENDPOINT_URL, 'http://localhost:4566');
    assert.match(env.NODE_PATH, /node_modules$/);
  });

  it('leaves the channel out when HTTP is asked for', () => {
    const launch = launchFor(spec(), '127.0.0.1:9001', 'http');
    assert.equal(launch.channel, false);
    assert.equal(launch.env.LOCALGATE_RUNTIME_CHANNEL, undefined);
    assert.equal(launch.env.AWS_LAMBDA_RUNTIME_API, '127.0.0.1:9001');
  });

  it('starts python unbuffered, with the channel', () => {
    const launch = launchFor(spec({ runtime: 'python3.12', handler: 'app.handler' }), 'h:1');
    assert.equal(launch.command, PYTHON);
    assert.match(launch.args[0], /bootstraps\/python\/bootstrap\.py$/);
    assert.equal(launch.env.PYTHONUNBUFFERED, '1');
    assert.equal(launch.channel, true);
  });

  it("runs a provided function's own bootstrap over HTTP, and says when there is none", () => {
    const dir = mkdtempSync(join(tmpdir(), 'launch-test-'));
    try {
      const missing = launchFor(spec({ runtime: 'provided.al2023', codeDir: dir }), 'h:1');
      assert.equal(missing.channel, false);
      assert.equal(missing.env.LOCALGATE_RUNTIME_CHANNEL, undefined);
      assert.deepEqual(missing.entrypointError, { errorType: 'Runtime.InvalidEntrypoint', errorMessage: `Couldn't find valid bootstrap(s): [${join(dir, 'bootstrap')}]` });
      writeFileSync(join(dir, 'bootstrap'), '#!/bin/sh\n');
      const found = launchFor(spec({ runtime: 'provided.al2023', codeDir: dir }), 'h:1');
      assert.equal(found.command, join(dir, 'bootstrap'));
      assert.deepEqual(found.args, []);
      assert.equal(found.entrypointError, undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('adds the layer paths of /opt (here the opt directory) per runtime', () => {
    const node = launchFor(spec({ optDir: '/opt-x' }), 'h:1').env;
    assert.equal(node.LOCALGATE_OPT_DIR, '/opt-x');
    assert.ok(node.NODE_PATH.startsWith('/opt-x/nodejs/node20/node_modules:/opt-x/nodejs/node_modules:'));
    assert.ok(node.PATH.endsWith(':/opt-x/bin'));
    const py = launchFor(spec({ runtime: 'python3.12', optDir: '/opt-x' }), 'h:1').env;
    assert.ok(py.PYTHONPATH.startsWith('/opt-x/python/lib/python3.12/site-packages:/opt-x/python'));
  });

  it('takes the transport from LOCALGATE_LAMBDA_RUNTIME_TRANSPORT', () => {
    assert.equal(defaultTransport({}), 'channel');
    assert.equal(defaultTransport({ LOCALGATE_LAMBDA_RUNTIME_TRANSPORT: 'http' }), 'http');
    assert.equal(defaultTransport({ LOCALGATE_LAMBDA_RUNTIME_TRANSPORT: 'other' }), 'channel');
  });
});
