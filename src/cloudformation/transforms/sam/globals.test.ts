import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SamCause } from './errors.ts';
import { readGlobals, withGlobals } from './globals.ts';

describe('SAM Globals', () => {
  it('lets the resource win for scalars, merges maps, prepends global list items', () => {
    const globals = { Timeout: 3, Environment: { Variables: { A: '1', B: '2' } }, Layers: ['g1'], Runtime: 'nodejs20.x' };
    const merged = withGlobals(globals, { Timeout: 30, Environment: { Variables: { B: 'local', C: '3' } }, Layers: ['l1'] });
    assert.deepEqual(merged, { Timeout: 30, Environment: { Variables: { A: '1', B: 'local', C: '3' } }, Layers: ['g1', 'l1'], Runtime: 'nodejs20.x' });
  });

  it('replaces instead of merging when either side is an intrinsic function', () => {
    assert.deepEqual(withGlobals({ Environment: { Variables: { A: '1' } } }, { Environment: { 'Fn::If': ['c', { Variables: {} }, { Ref: 'AWS::NoValue' }] } }), {
      Environment: { 'Fn::If': ['c', { Variables: {} }, { Ref: 'AWS::NoValue' }] },
    });
    assert.deepEqual(withGlobals({ Layers: { Ref: 'Shared' } }, { Layers: ['mine'] }), { Layers: ['mine'] });
  });

  it('leaves the inputs untouched', () => {
    const globals = { Tags: { a: '1' } };
    const local = { Tags: { b: '2' } };
    withGlobals(globals, local);
    assert.deepEqual(globals, { Tags: { a: '1' } });
    assert.deepEqual(local, { Tags: { b: '2' } });
  });

  it("refuses what SAM's Globals may not set, in SAM's words", () => {
    assert.throws(() => readGlobals({ Function: { Events: {} } }), (e: Error) => e instanceof SamCause && e.message.startsWith("'Globals' section is invalid. 'Events' is not a supported property of 'Function'. Must be one of the following values - ['Handler', 'Runtime', "));
    assert.throws(() => readGlobals({ HttpApi: { StageName: 'x' } }), /'StageName' is not a supported property of 'HttpApi'/);
    assert.throws(() => readGlobals({ Functions: {} }), /'Functions' is not supported. Must be one of the following values - \['Api', 'CapacityProvider', 'Function', 'HttpApi', 'LayerVersion', 'SimpleTable', 'StateMachine', 'WebSocketApi'\]/);
    assert.deepEqual(readGlobals(undefined), {});
  });
});
