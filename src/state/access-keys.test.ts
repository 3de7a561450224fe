import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accessKeyFor, accountOfAccessKey } from './access-keys.ts';

test('a temporary key carries its account and has the shape of an AWS key', () => {
  for (const account of ['000000000000', '123456789012', '999999999999', '000000000001']) {
    const key = accessKeyFor(account, 'ASIA');
    assert.match(key, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(accountOfAccessKey(key), account);
  }
});

test('keys that are not AWS-shaped carry no account', () => {
  assert.equal(accountOfAccessKey('test'), undefined);
  assert.equal(accountOfAccessKey('123456789012'), undefined);
  assert.equal(accountOfAccessKey('ASIA1234'), undefined);
});
