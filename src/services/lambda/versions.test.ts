import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createAlias, listVersions, publishVersion, resolveQualifier, updateAlias } from './versions.ts';
import { testFunction } from './testing.ts';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:fn';

describe('versions', () => {
  it('publishes a new version only when $LATEST changed since the last one', () => {
    const fn = testFunction();
    const first = publishVersion(fn, {});
    assert.equal(first.Version, '1');
    assert.equal(first.FunctionArn, `${ARN}:1`);
    assert.equal(publishVersion(fn, {}), first);
    fn.latest.config = { ...fn.latest.config, Description: 'changed', RevisionId: randomUUID() };
    const second = publishVersion(fn, { Description: 'second' });
    assert.equal(second.Version, '2');
    assert.equal(second.Description, 'second');
  });

  it('publishes again after the last version was deleted, with the next number', () => {
    const fn = testFunction();
    publishVersion(fn, {});
    fn.versions.delete('1');
    assert.equal(publishVersion(fn, {}).Version, '2');
  });

  it('refuses a CodeSha256 that is not $LATEST', () => {
    const fn = testFunction();
    assert.throws(() => publishVersion(fn, { CodeSha256: 'other' }), {
      code: 'InvalidParameterValueException',
      message: 'CodeSHA256 (other) is different from current CodeSHA256 in $LATEST (c2hh). Please try again with the CodeSHA256 in $LATEST.',
    });
  });

  it('lists $LATEST under its qualified ARN, without the state fields', () => {
    const fn = testFunction();
    publishVersion(fn, {});
    const [latest, one] = listVersions(fn);
    assert.equal(latest.FunctionArn, `${ARN}:$LATEST`);
    assert.equal(one.FunctionArn, `${ARN}:1`);
    for (const entry of [latest, one]) {
      assert.equal(entry.State, undefined);
      assert.equal(entry.LastUpdateStatus, undefined);
      assert.equal(entry.RuntimeVersionConfig, undefined);
    }
  });
});

describe('aliases', () => {
  it('checks routing configuration as Lambda does', () => {
    const fn = testFunction();
    publishVersion(fn, {});
    fn.latest.config = { ...fn.latest.config, RevisionId: randomUUID() };
    publishVersion(fn, {});
    const alias = (Name: string, FunctionVersion: string, weights: Record<string, number>) =>
      createAlias(fn, { FunctionName: 'fn', Name, FunctionVersion, RoutingConfig: { AdditionalVersionWeights: weights } });
    assert.throws(() => alias('a', '1', { '2': 0.5, '3': 0.1 }), { code: 'InvalidParameterValueException', message: 'Number of items in AdditionalVersionWeights cannot be greater than 1' });
    assert.throws(() => alias('a', '1', { '1': 0.5 }), {
      code: 'InvalidParameterValueException',
      message: 'Invalid function version 1. Function version 1 is already included in routing configuration.',
    });
    assert.throws(() => alias('a', '$LATEST', { '2': 0.5 }), { code: 'InvalidParameterValueException', message: '$LATEST is not supported for an alias pointing to more than 1 version' });
    assert.throws(() => alias('a', '1', { $LATEST: 0.5 }), {
      code: 'ValidationException',
      message: "1 validation error detected: Value '{$LATEST=0.5}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+, Member must not be null]",
    });
    assert.throws(() => alias('a', '1', { '9': 0.5 }), { code: 'ResourceNotFoundException', message: `Function not found: ${ARN}:9` });
    const made = alias('a', '1', { '2': 0.25 });
    assert.deepEqual(made, { AliasArn: `${ARN}:a`, Name: 'a', FunctionVersion: '1', Description: '', RevisionId: made.RevisionId, RoutingConfig: { AdditionalVersionWeights: { '2': 0.25 } } });
    assert.throws(() => alias('a', '1', {}), { code: 'ResourceConflictException', message: `Alias already exists: ${ARN}:a` });
    const cleared = updateAlias(fn, { FunctionName: 'fn', Name: 'a', RoutingConfig: { AdditionalVersionWeights: {} } });
    assert.equal(cleared.RoutingConfig, undefined);
  });

  it('resolves a qualifier to the version that runs and the ARN the function sees', () => {
    const fn = testFunction();
    publishVersion(fn, {});
    createAlias(fn, { FunctionName: 'fn', Name: 'live', FunctionVersion: '1' });
    assert.deepEqual({ ...resolveQualifier(fn, undefined), record: undefined }, { record: undefined, version: '$LATEST', invokedArn: ARN });
    assert.deepEqual({ ...resolveQualifier(fn, 'live'), record: undefined }, { record: undefined, version: '1', invokedArn: `${ARN}:live` });
    assert.throws(() => resolveQualifier(fn, 'nope'), { code: 'ResourceNotFoundException', message: `Function not found: ${ARN}:nope` });
  });
});
