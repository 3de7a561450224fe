import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeProvider } from './compose.ts';
import type { Operations } from '../models/sts.types.ts';

class Base {
  protected account = '111111111111';
  getCallerIdentity() {
    return { Account: 'base' };
  }
}
class Identity extends Base {
  override getCallerIdentity() {
    return { Account: this.account };
  }
  helper() {
    return 'not an operation';
  }
}
class Sessions {
  getSessionToken() {
    return { Credentials: undefined };
  }
}

test('operation methods of every part are bound into one provider; helpers stay out', () => {
  const provider = composeProvider<Operations>('sts', [new Identity(), new Sessions()]) as Record<string, () => unknown>;
  assert.deepEqual(Object.keys(provider).sort(), ['getCallerIdentity', 'getSessionToken']);
  assert.deepEqual(provider.getCallerIdentity(), { Account: '111111111111' });
});

test('an operation defined by two parts is refused', () => {
  assert.throws(() => composeProvider<Operations>('sts', [new Identity(), new Base()]), /sts operation getCallerIdentity is defined twice/);
});
