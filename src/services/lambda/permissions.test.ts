import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addPermission, allowsPublicUrlInvoke, getPolicy, removePermission } from './permissions.ts';
import { testFunction } from './testing.ts';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:fn';

describe('resource policies', () => {
  it('writes statements as Lambda does: service, account and wildcard principals, conditions', () => {
    const fn = testFunction();
    const s3 = addPermission(fn, { FunctionName: 'fn', StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::b' });
    assert.equal(s3, JSON.stringify({ Sid: 's3', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: ARN, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::b' } } }));
    const account = JSON.parse(addPermission(fn, { FunctionName: 'fn', StatementId: 'acct', Action: 'lambda:InvokeFunction', Principal: '111122223333' }));
    assert.deepEqual(account.Principal, { AWS: 'arn:aws:iam::111122223333:root' });
    const url = JSON.parse(addPermission(fn, { FunctionName: 'fn', StatementId: 'url', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }));
    assert.deepEqual(url, { Sid: 'url', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: ARN, Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } });
    assert.deepEqual(JSON.parse(getPolicy(fn, undefined).Policy).Statement.map((s: { Sid: string }) => s.Sid), ['s3', 'acct', 'url']);
  });

  it('refuses $LATEST, an invalid principal and a statement id used twice', () => {
    const fn = testFunction();
    const base = { FunctionName: 'fn', StatementId: 'a', Action: 'lambda:InvokeFunction', Principal: '*' };
    assert.throws(() => addPermission(fn, { ...base, Qualifier: '$LATEST' }), { code: 'InvalidParameterValueException', message: 'We currently do not support adding policies for $LATEST.' });
    assert.throws(() => addPermission(fn, { ...base, Principal: 'not a principal' }), {
      code: 'InvalidParameterValueException',
      message: 'The provided principal was invalid. Please check the principal and try again.',
    });
    addPermission(fn, base);
    assert.throws(() => addPermission(fn, base), {
      code: 'ResourceConflictException',
      message: 'The statement id (a) provided already exists. Please provide a new statement id, or remove the existing statement.',
    });
  });

  it('removes statements, and says so when there is no policy or no such statement', () => {
    const fn = testFunction();
    assert.throws(() => removePermission(fn, { FunctionName: 'fn', StatementId: 'a' }), { code: 'ResourceNotFoundException', message: 'No policy is associated with the given resource.' });
    addPermission(fn, { FunctionName: 'fn', StatementId: 'a', Action: 'lambda:InvokeFunction', Principal: '*' });
    assert.throws(() => removePermission(fn, { FunctionName: 'fn', StatementId: 'b' }), { code: 'ResourceNotFoundException', message: 'Statement b is not found in resource policy.' });
    removePermission(fn, { FunctionName: 'fn', StatementId: 'a' });
    assert.throws(() => getPolicy(fn, undefined), { code: 'ResourceNotFoundException', message: 'The resource you requested does not exist.' });
  });

  it('opens a NONE function URL only to a public InvokeFunctionUrl statement of the same qualifier', () => {
    const fn = testFunction();
    fn.aliases.set('live', { Name: 'live', FunctionVersion: '$LATEST' });
    assert.equal(allowsPublicUrlInvoke(fn, undefined), false);
    addPermission(fn, { FunctionName: 'fn', StatementId: 'invoke', Action: 'lambda:InvokeFunction', Principal: '*' });
    assert.equal(allowsPublicUrlInvoke(fn, undefined), false);
    addPermission(fn, { FunctionName: 'fn', StatementId: 'url', Action: 'lambda:InvokeFunctionUrl', Principal: '*' });
    assert.equal(allowsPublicUrlInvoke(fn, undefined), true);
    assert.equal(allowsPublicUrlInvoke(fn, 'live'), false);
  });
});
