import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { creatingView, listedView, newConfiguration, updatedConfiguration, updatingView } from './configuration.ts';
import { TEST_ROLE, testFunction } from './testing.ts';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:fn';
const code = { sha256: 'c2hh', size: 10, dir: '/x', hotReload: false, token: 't' };
const policy = { strict: false, warn: () => {} };
const input = { FunctionName: 'fn', Runtime: 'nodejs20.x' as const, Handler: 'index.handler', Role: TEST_ROLE, Code: {} };

describe('function configuration', () => {
  it("fills in Lambda's defaults and the runtime version", () => {
    const config = newConfiguration(input, ARN, code, policy);
    assert.equal(config.Timeout, 3);
    assert.equal(config.MemorySize, 128);
    assert.equal(config.Description, '');
    assert.deepEqual(config.EphemeralStorage, { Size: 512 });
    assert.deepEqual(config.LoggingConfig, { LogFormat: 'Text', LogGroup: '/aws/lambda/fn' });
    assert.match(config.RuntimeVersionConfig!.RuntimeVersionArn!, /^arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/);
    assert.equal(config.State, 'Active');
    assert.equal(config.LastUpdateStatus, 'Successful');
  });

  it('keeps a dead-letter queue: an update without TargetArn leaves it, an empty TargetArn removes it', () => {
    const queue = 'arn:aws:sqs:us-east-1:000000000000:dlq';
    const config = newConfiguration({ ...input, DeadLetterConfig: { TargetArn: queue } }, ARN, code, policy);
    assert.deepEqual(config.DeadLetterConfig, { TargetArn: queue });
    assert.deepEqual(updatedConfiguration(config, { FunctionName: 'fn', DeadLetterConfig: {} }, policy).DeadLetterConfig, { TargetArn: queue });
    assert.equal(updatedConfiguration(config, { FunctionName: 'fn', DeadLetterConfig: { TargetArn: '' } }, policy).DeadLetterConfig, undefined);
    assert.equal(newConfiguration(input, ARN, code, policy).DeadLetterConfig, undefined);
  });

  it('answers a customer managed KMS key only while one is set', () => {
    const key = 'arn:aws:kms:us-east-1:000000000000:key/11111111-2222-3333-4444-555555555555';
    const config = newConfiguration({ ...input, KMSKeyArn: key }, ARN, code, policy);
    assert.equal(config.KMSKeyArn, key);
    assert.equal(updatedConfiguration(config, { FunctionName: 'fn', Timeout: 5 }, policy).KMSKeyArn, key);
    assert.equal(updatedConfiguration(config, { FunctionName: 'fn', KMSKeyArn: '' }, policy).KMSKeyArn, undefined);
    assert.equal(newConfiguration(input, ARN, code, policy).KMSKeyArn, undefined);
  });

  it('answers VpcConfig with both lists; without subnets its VpcId is empty', () => {
    const config = newConfiguration({ ...input, VpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'] } }, ARN, code, policy);
    assert.deepEqual(config.VpcConfig, { Ipv6AllowedForDualStack: false, SecurityGroupIds: ['sg-1'], SubnetIds: ['subnet-1'] });
    assert.deepEqual(updatedConfiguration(config, { FunctionName: 'fn', Timeout: 5 }, policy).VpcConfig, config.VpcConfig);
    const cleared = updatedConfiguration(config, { FunctionName: 'fn', VpcConfig: { SubnetIds: [], SecurityGroupIds: [] } }, policy);
    assert.deepEqual(cleared.VpcConfig, { Ipv6AllowedForDualStack: false, SecurityGroupIds: [], SubnetIds: [], VpcId: '' });
    assert.equal(newConfiguration(input, ARN, code, policy).VpcConfig, undefined);
  });

  it('refuses a runtime outside the model with the enum AWS lists', () => {
    assert.throws(() => newConfiguration({ ...input, Runtime: 'nodejs1.x' as never }, ARN, code, policy), (err: Error & { code: string }) => {
      assert.equal(err.code, 'InvalidParameterValueException');
      assert.match(err.message, /^Value nodejs1\.x at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: \[nodejs, .*python3\.12.*\] or be a valid ARN$/);
      return true;
    });
  });

  it('refuses reserved environment variables', () => {
    assert.throws(() => newConfiguration({ ...input, Environment: { Variables: { AWS_REGION: 'x' } } }, ARN, code, policy), {
      code: 'InvalidParameterValueException',
      message:
        'Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_REGION',
    });
  });

  it('applies an update and gives a new runtime its own runtime version', () => {
    const current = testFunction().latest.config;
    const next = updatedConfiguration(current, { FunctionName: 'fn', Runtime: 'python3.12', Handler: 'app.handler', Timeout: 30 }, policy);
    assert.equal(next.Runtime, 'python3.12');
    assert.equal(next.Timeout, 30);
    assert.notEqual(next.RuntimeVersionConfig!.RuntimeVersionArn, current.RuntimeVersionConfig!.RuntimeVersionArn);
    assert.notEqual(next.RevisionId, current.RevisionId);
  });

  it('shows the configuration as CreateFunction, updates and lists answer it', () => {
    const config = testFunction().latest.config;
    const creating = creatingView(config);
    assert.equal(creating.State, 'Pending');
    assert.equal(creating.StateReason, 'The function is being created.');
    assert.equal(creating.StateReasonCode, 'Creating');
    assert.equal('LastUpdateStatus' in creating, false);
    const updating = updatingView(config);
    assert.equal(updating.LastUpdateStatus, 'InProgress');
    assert.equal(updating.LastUpdateStatusReason, 'The function is being created.');
    assert.equal(updating.LastUpdateStatusReasonCode, 'Creating');
    const listed = listedView(config);
    assert.deepEqual(['State', 'LastUpdateStatus', 'RuntimeVersionConfig'].filter((key) => key in listed), []);
  });
});
