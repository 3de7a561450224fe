import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { blockedRuntimeMessage, blockedSince, runtimeFamily } from './runtimes.ts';

describe('runtimes', () => {
  it('runs every nodejs* and python3.* id on node / python, provided* on its bootstrap', () => {
    assert.equal(runtimeFamily('nodejs12.x'), 'node');
    assert.equal(runtimeFamily('python3.14'), 'python');
    assert.equal(runtimeFamily('provided.al2023'), 'provided');
    assert.equal(runtimeFamily('java21'), undefined);
    assert.equal(runtimeFamily('python2.7'), undefined);
  });

  it('knows when AWS stopped accepting new functions on a runtime', () => {
    assert.equal(blockedSince('nodejs14.x', new Date('2026-12-03')), '2024-01-09');
    assert.equal(blockedSince('nodejs14.x', new Date('2024-01-08')), undefined);
    assert.equal(blockedSince('nodejs16.x', new Date('2027-02-01')), '2027-02-01');
    assert.equal(blockedSince('nodejs24.x', new Date('2026-12-03')), undefined);
  });

  it("words the refusal as AWS does", () => {
    assert.equal(
      blockedRuntimeMessage('nodejs14.x'),
      'The runtime parameter of nodejs14.x is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (nodejs24.x) while creating or updating functions.',
    );
  });
});
