// Runtime ids real templates name: deprecated ones still run locally (with a warning),
// unless --strict-runtimes asks for AWS's refusal.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { clientConfig, startTestServer, useClient } from './helpers.ts';
import { createFunction, invokeJson } from './fixtures/lambda/zips.ts';

const NODE = 'exports.handler = async () => ({ node: process.version })';
const PY = 'import sys\ndef handler(event, context):\n    return {"python": sys.version_info[0]}\n';

describe('runtime ids', () => {
  let client: LambdaClient;
  useClient((server) => new LambdaClient(clientConfig(server)), (_server, sdk) => {
    client = sdk;
  });

  it('runs nodejs16.x and nodejs12.x on the local node', async () => {
    for (const runtime of ['nodejs16.x', 'nodejs12.x']) {
      const name = `old-${runtime.replace('.', '')}`;
      await createFunction(client, name, { 'index.js': NODE }, { Runtime: runtime as 'nodejs16.x' });
      const { json } = await invokeJson(client, name);
      assert.equal(json.node, process.version);
    }
  });

  it('runs python3.14 on the local python3', async () => {
    await createFunction(client, 'py314', { 'app.py': PY }, { Runtime: 'python3.14', Handler: 'app.handler' });
    const { json } = await invokeJson(client, 'py314');
    assert.equal(json.python, 3);
  });

  it('refuses java with a clear error', async () => {
    await assert.rejects(createFunction(client, 'j', { 'index.js': NODE }, { Runtime: 'java21' }), /not supported by localgate/);
  });
});

describe('--strict-runtimes', () => {
  it("refuses runtimes past AWS's block date with AWS's error, and accepts current ones", async () => {
    const app = await startTestServer({ strictRuntimes: true });
    const client = new LambdaClient(clientConfig(app));
    try {
      await assert.rejects(createFunction(client, 'old', { 'index.js': NODE }, { Runtime: 'nodejs14.x' }), (err: any) => {
        assert.equal(err.name, 'InvalidParameterValueException');
        assert.equal(err.message, 'The runtime parameter of nodejs14.x is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (nodejs24.x) while creating or updating functions.');
        return true;
      });
      await createFunction(client, 'current', { 'index.js': NODE }, { Runtime: 'nodejs16.x' });
    } finally {
      client.destroy();
      await app.close();
    }
  });
});
