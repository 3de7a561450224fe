import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestContext } from '../../protocol/engine.ts';
import type { EnvironmentPool } from '../../runtime/pool.ts';
import { FunctionSettingsProvider } from './function-settings.ts';
import { LocalLambdaInvoker } from './invoke.ts';
import { LambdaStore } from './store.ts';
import { testFunction } from './testing.ts';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';
const ctx = { account: '000000000000', region: 'us-east-1' } as RequestContext;

describe('function settings: event invoke configuration', () => {
  let store: LambdaStore;
  let settings: FunctionSettingsProvider;
  before(() => {
    store = new LambdaStore();
    // Nothing here runs a function: the pool is never reached.
    const invoker = new LocalLambdaInvoker(store, {} as EnvironmentPool, { endpointUrl: () => 'http://127.0.0.1', quiet: true });
    settings = new FunctionSettingsProvider(invoker);
    for (const name of ['fn', 'other']) store.scope('000000000000', 'us-east-1').functions.set(name, testFunction(name));
  });
  after(() => store.shutdown());

  it('refuses a configuration without any setting, itself as a destination, and a missing function', () => {
    assert.throws(() => settings.putFunctionEventInvokeConfig({ FunctionName: 'fn' }, ctx), {
      code: 'InvalidParameterValueException',
      message: 'You must specify at least one of error handling or destination setting.',
    });
    assert.throws(() => settings.putFunctionEventInvokeConfig({ FunctionName: 'fn', DestinationConfig: { OnFailure: { Destination: `${ARN}:fn:1` } } }, ctx), {
      message: "You can't specify the function as a destination for itself.",
    });
    assert.throws(() => settings.putFunctionEventInvokeConfig({ FunctionName: 'fn', DestinationConfig: { OnFailure: { Destination: `${ARN}:gone` } } }, ctx), {
      message: `The destination ARN ${ARN}:gone is invalid.`,
    });
    assert.throws(() => settings.putFunctionEventInvokeConfig({ FunctionName: 'fn', DestinationConfig: { OnFailure: { Destination: 'arn:aws:dynamodb:us-east-1:000000000000:table/t' } } }, ctx), {
      message: 'The provided destination config DestinationConfig(onSuccess=null, onFailure=OnFailure(destination=arn:aws:dynamodb:us-east-1:000000000000:table/t)) is invalid.',
    });
    assert.throws(() => settings.putFunctionEventInvokeConfig({ FunctionName: 'gone', MaximumRetryAttempts: 1 }, ctx), { code: 'ResourceNotFoundException', message: "The function doesn't exist." });
  });

  it('stores, updates and answers a configuration with both destination members', () => {
    const put = settings.putFunctionEventInvokeConfig({ FunctionName: 'fn', MaximumRetryAttempts: 1, DestinationConfig: { OnSuccess: { Destination: `${ARN}:other` } } }, ctx);
    assert.deepEqual({ ...put, LastModified: undefined }, {
      FunctionArn: `${ARN}:fn:$LATEST`, DestinationConfig: { OnSuccess: { Destination: `${ARN}:other` }, OnFailure: {} }, MaximumRetryAttempts: 1, LastModified: undefined,
    });
    const updated = settings.updateFunctionEventInvokeConfig({ FunctionName: 'fn', MaximumEventAgeInSeconds: 60 }, ctx);
    assert.equal(updated.MaximumRetryAttempts, 1);
    assert.equal(updated.MaximumEventAgeInSeconds, 60);
    assert.deepEqual(settings.listFunctionEventInvokeConfigs({ FunctionName: 'fn' }, ctx).FunctionEventInvokeConfigs, [updated]);
  });

  it('words a missing configuration with the qualified ARN', () => {
    assert.throws(() => settings.getFunctionEventInvokeConfig({ FunctionName: 'other' }, ctx), { message: `The function ${ARN}:other:$LATEST doesn't have an EventInvokeConfig` });
    assert.throws(() => settings.deleteFunctionEventInvokeConfig({ FunctionName: 'gone' }, ctx), { message: `The function ${ARN}:gone:$LATEST doesn't have an EventInvokeConfig` });
    assert.throws(() => settings.getFunctionEventInvokeConfig({ FunctionName: 'fn', Qualifier: '7' }, ctx), { message: `The function ${ARN}:fn:7 doesn't have an EventInvokeConfig` });
  });

  it('refuses an ARN of another region', () => {
    assert.throws(() => settings.getFunctionRecursionConfig({ FunctionName: 'arn:aws:lambda:eu-west-1:000000000000:function:fn' }, ctx), {
      code: 'ResourceNotFoundException',
      message: "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')",
    });
  });
});
