// Per-function settings end to end with @aws-sdk/client-lambda: asynchronous invocation
// configuration, recursion, runtime management and code signing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DeleteFunctionEventInvokeConfigCommand,
  GetFunctionCodeSigningConfigCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionRecursionConfigCommand,
  GetRuntimeManagementConfigCommand,
  LambdaClient,
  ListFunctionEventInvokeConfigsCommand,
  PublishVersionCommand,
  PutFunctionEventInvokeConfigCommand,
  PutFunctionRecursionConfigCommand,
  PutRuntimeManagementConfigCommand,
  UpdateFunctionEventInvokeConfigCommand,
} from '@aws-sdk/client-lambda';
import { startTestServer, clientConfig } from './helpers.ts';
import type { Localgate } from '../src/app.ts';
import { createFunction } from './fixtures/lambda/zips.ts';

const FN = 'arn:aws:lambda:us-east-1:000000000000:function:settings';
const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:failures';

describe('lambda function settings', () => {
  let app: Localgate;
  let client: LambdaClient;
  before(async () => {
    app = await startTestServer();
    client = new LambdaClient(clientConfig(app));
    await createFunction(client, 'settings', { 'index.js': 'exports.handler = async () => 1;' });
    await client.send(new PublishVersionCommand({ FunctionName: 'settings' }));
  });
  after(async () => {
    client.destroy();
    await app.close();
  });

  it('puts, updates, lists and deletes event invoke configs per qualifier', async () => {
    await assert.rejects(client.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'settings' })), {
      name: 'ResourceNotFoundException',
      message: `The function ${FN}:$LATEST doesn't have an EventInvokeConfig`,
    });
    const put = await client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'settings', MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 3600 }));
    assert.equal(put.FunctionArn, `${FN}:$LATEST`);
    assert.equal(put.MaximumRetryAttempts, 0);
    assert.equal(put.MaximumEventAgeInSeconds, 3600);
    assert.deepEqual(put.DestinationConfig, { OnSuccess: {}, OnFailure: {} });
    assert.ok(put.LastModified instanceof Date);

    const updated = await client.send(
      new UpdateFunctionEventInvokeConfigCommand({ FunctionName: 'settings', DestinationConfig: { OnFailure: { Destination: QUEUE } } }),
    );
    assert.equal(updated.MaximumRetryAttempts, 0);
    assert.deepEqual(updated.DestinationConfig, { OnSuccess: {}, OnFailure: { Destination: QUEUE } });

    // Put replaces: settings left out are removed.
    const replaced = await client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'settings', MaximumRetryAttempts: 1 }));
    assert.equal(replaced.MaximumEventAgeInSeconds, undefined);
    assert.deepEqual(replaced.DestinationConfig, { OnSuccess: {}, OnFailure: {} });

    await client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'settings', Qualifier: '1', MaximumRetryAttempts: 2 }));
    const list = await client.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: 'settings' }));
    assert.deepEqual(list.FunctionEventInvokeConfigs!.map((c) => [c.FunctionArn, c.MaximumRetryAttempts]), [[`${FN}:$LATEST`, 1], [`${FN}:1`, 2]]);

    await client.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: 'settings', Qualifier: '1' }));
    await assert.rejects(client.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'settings', Qualifier: '1' })), { name: 'ResourceNotFoundException' });
    await assert.rejects(client.send(new UpdateFunctionEventInvokeConfigCommand({ FunctionName: 'settings', Qualifier: '1', MaximumRetryAttempts: 1 })), {
      name: 'ResourceNotFoundException',
    });
  });

  it('validates event invoke configs and leaves the stored one intact', async () => {
    await assert.rejects(client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'settings', MaximumRetryAttempts: 3 })), {
      name: 'ValidationException',
    });
    await assert.rejects(client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'settings', MaximumEventAgeInSeconds: 59 })), {
      name: 'ValidationException',
    });
    await assert.rejects(
      client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'settings', DestinationConfig: { OnSuccess: { Destination: 'arn:aws:s3:::bucket' } } })),
      { name: 'InvalidParameterValueException' },
    );
    await assert.rejects(client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'settings', Qualifier: '7' })), { name: 'ResourceNotFoundException' });
    await assert.rejects(client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'missing' })), { name: 'ResourceNotFoundException' });
    const kept = await client.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'settings' }));
    assert.equal(kept.MaximumRetryAttempts, 1);
  });

  it('answers code signing, recursion and runtime management settings', async () => {
    // localstack test_lambda_api.snapshot.json, TestCodeSigningConfig::test_code_signing_not_found_excs:
    // get_function_csc_fnwithoutcsc is a 200 with nothing in it.
    assert.deepEqual({ ...(await client.send(new GetFunctionCodeSigningConfigCommand({ FunctionName: FN }))), $metadata: undefined }, { $metadata: undefined });

    assert.equal((await client.send(new GetFunctionRecursionConfigCommand({ FunctionName: 'settings' }))).RecursiveLoop, 'Terminate');
    assert.equal((await client.send(new PutFunctionRecursionConfigCommand({ FunctionName: 'settings', RecursiveLoop: 'Allow' }))).RecursiveLoop, 'Allow');
    assert.equal((await client.send(new GetFunctionRecursionConfigCommand({ FunctionName: 'settings' }))).RecursiveLoop, 'Allow');

    const runtime = await client.send(new GetRuntimeManagementConfigCommand({ FunctionName: 'settings' }));
    assert.equal(runtime.UpdateRuntimeOn, 'Auto');
    assert.equal(runtime.FunctionArn, FN);
    const versionArn = 'arn:aws:lambda:us-east-1::runtime:0123456789abcdef';
    const put = await client.send(new PutRuntimeManagementConfigCommand({ FunctionName: 'settings', Qualifier: '1', UpdateRuntimeOn: 'Manual', RuntimeVersionArn: versionArn }));
    assert.deepEqual([put.UpdateRuntimeOn, put.FunctionArn, put.RuntimeVersionArn], ['Manual', `${FN}:1`, versionArn]);
    const got = await client.send(new GetRuntimeManagementConfigCommand({ FunctionName: 'settings', Qualifier: '1' }));
    assert.equal(got.RuntimeVersionArn, versionArn);
    await assert.rejects(client.send(new PutRuntimeManagementConfigCommand({ FunctionName: 'settings', UpdateRuntimeOn: 'Manual' })), {
      name: 'InvalidParameterValueException',
    });
    assert.equal((await client.send(new GetRuntimeManagementConfigCommand({ FunctionName: 'settings' }))).UpdateRuntimeOn, 'Auto');
  });
});
