import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { functionArn, notFound, parseFunctionRef } from './arn.ts';

describe('function names and ARNs', () => {
  it('reads a name, a name with a qualifier, a partial ARN and a full ARN', () => {
    assert.deepEqual(parseFunctionRef('my-fn'), { name: 'my-fn', qualifier: undefined });
    assert.deepEqual(parseFunctionRef('my-fn:live'), { name: 'my-fn', qualifier: 'live' });
    assert.deepEqual(parseFunctionRef('123456789012:function:my-fn:$LATEST'), { account: '123456789012', name: 'my-fn', qualifier: '$LATEST' });
    assert.deepEqual(parseFunctionRef('arn:aws:lambda:eu-west-1:123456789012:function:my-fn:7'), {
      region: 'eu-west-1', account: '123456789012', name: 'my-fn', qualifier: '7',
    });
  });

  it('takes the separate qualifier when the name has none, and refuses two that differ', () => {
    assert.equal(parseFunctionRef('my-fn', '3').qualifier, '3');
    assert.equal(parseFunctionRef('my-fn:3', '3').qualifier, '3');
    assert.throws(() => parseFunctionRef('my-fn:3', '4'), {
      code: 'InvalidParameterValueException',
      message: 'The derived qualifier from the function name does not match the specified qualifier.',
    });
  });

  it('refuses a name Lambda would not accept', () => {
    assert.throws(() => parseFunctionRef('bad name'), { code: 'InvalidParameterValueException', message: 'Invalid function name: bad name' });
  });

  it('builds ARNs and the not-found error that names them', () => {
    assert.equal(functionArn('us-east-1', '000000000000', 'f'), 'arn:aws:lambda:us-east-1:000000000000:function:f');
    assert.equal(functionArn('us-east-1', '000000000000', 'f', 'live'), 'arn:aws:lambda:us-east-1:000000000000:function:f:live');
    const err = notFound('arn:aws:lambda:us-east-1:000000000000:function:f');
    assert.equal(err.code, 'ResourceNotFoundException');
    assert.equal(err.status, 404);
    assert.equal(err.message, 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:f');
  });
});
