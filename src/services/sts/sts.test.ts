import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RequestContext } from '../../protocol/engine.ts';
import { AwsError } from '../../protocol/errors.ts';
import { callerFromHeaders } from '../../protocol/sigv4.ts';
import type * as Iam from '../../models/iam.types.ts';
import { createIamService } from '../iam/index.ts';
import { StsProvider } from './provider.ts';

function ctxFor(accessKeyId: string): RequestContext {
  const caller = callerFromHeaders(`AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=x`, undefined, { account: '000000000000', region: 'us-east-1' });
  return { caller, account: caller.account, region: caller.region, requestId: 'r', baseUrl: 'http://x' };
}

function setup() {
  const iam = createIamService();
  const sts = new StsProvider(iam.store);
  return { iam: iam.provider as Iam.Operations, sts };
}

const trust = '{"Version":"2012-10-17","Statement":[]}';

test('long-term credentials are the account root', () => {
  const { sts } = setup();
  assert.deepEqual(sts.getCallerIdentity({}, ctxFor('123456789012')), { UserId: '123456789012', Account: '123456789012', Arn: 'arn:aws:iam::123456789012:root' });
  assert.deepEqual(sts.getCallerIdentity({}, ctxFor('test')), { UserId: '000000000000', Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' });
});

test('AssumeRole hands out keys that sign into the role account and name the session', async () => {
  const { iam, sts } = setup();
  const { Role } = await iam.createRole({ RoleName: 'deployer', AssumeRolePolicyDocument: trust }, ctxFor('222222222222'));
  const out = sts.assumeRole({ RoleArn: Role.Arn, RoleSessionName: 'ci', DurationSeconds: 900 }, ctxFor('111111111111'));
  assert.match(out.Credentials!.AccessKeyId, /^ASIA[A-Z2-7]{16}$/);
  assert.equal(out.AssumedRoleUser!.Arn, 'arn:aws:sts::222222222222:assumed-role/deployer/ci');
  assert.equal(out.AssumedRoleUser!.AssumedRoleId, `${Role.RoleId}:ci`);
  const expiresIn = out.Credentials!.Expiration.getTime() - Date.now();
  assert.ok(expiresIn > 800_000 && expiresIn <= 900_000);
  // A call signed with the new key lands in the role's account and is the assumed role.
  const next = ctxFor(out.Credentials!.AccessKeyId);
  assert.equal(next.account, '222222222222');
  assert.deepEqual(sts.getCallerIdentity({}, next), { UserId: `${Role.RoleId}:ci`, Account: '222222222222', Arn: 'arn:aws:sts::222222222222:assumed-role/deployer/ci' });
  assert.deepEqual(sts.getAccessKeyInfo({ AccessKeyId: out.Credentials!.AccessKeyId }, next), { Account: '222222222222' });
});

test('AssumeRole of a role IAM does not hold is denied; durations past the role maximum are refused', async () => {
  const { iam, sts } = setup();
  const arn = 'arn:aws:iam::111111111111:role/nope';
  assert.throws(() => sts.assumeRole({ RoleArn: arn, RoleSessionName: 's' }, ctxFor('111111111111')), (err: AwsError) => {
    assert.equal(err.code, 'AccessDenied');
    assert.equal(err.message, `User: arn:aws:iam::111111111111:root is not authorized to perform: sts:AssumeRole on resource: ${arn}`);
    return true;
  });
  const { Role } = await iam.createRole({ RoleName: 'r', AssumeRolePolicyDocument: trust }, ctxFor('111111111111'));
  assert.throws(() => sts.assumeRole({ RoleArn: Role.Arn, RoleSessionName: 's', DurationSeconds: 7200 }, ctxFor('111111111111')), (err: AwsError) => err.code === 'ValidationError');
});

test('AssumeRoleWithWebIdentity reads the token claims; a token that is not a JWT is refused', async () => {
  const { iam, sts } = setup();
  const { Role } = await iam.createRole({ RoleName: 'gh', AssumeRolePolicyDocument: trust }, ctxFor('333333333333'));
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const token = `${part({ alg: 'RS256' })}.${part({ sub: 'repo:o/r:ref:refs/heads/main', aud: 'sts.amazonaws.com', iss: 'https://token.actions.githubusercontent.com', exp: Math.floor(Date.now() / 1000) + 600 })}.sig`;
  const out = sts.assumeRoleWithWebIdentity({ RoleArn: Role.Arn, RoleSessionName: 'gha', WebIdentityToken: token }, ctxFor('anonymous'));
  assert.equal(out.SubjectFromWebIdentityToken, 'repo:o/r:ref:refs/heads/main');
  assert.equal(out.Audience, 'sts.amazonaws.com');
  assert.equal(out.Provider, 'https://token.actions.githubusercontent.com');
  assert.equal(ctxFor(out.Credentials!.AccessKeyId).account, '333333333333');
  assert.throws(() => sts.assumeRoleWithWebIdentity({ RoleArn: Role.Arn, RoleSessionName: 'x', WebIdentityToken: 'opaque' }, ctxFor('a')), (err: AwsError) => err.code === 'InvalidIdentityToken');
});

test('GetSessionToken keeps the caller identity and account', () => {
  const { sts } = setup();
  const out = sts.getSessionToken({ DurationSeconds: 900 }, ctxFor('444444444444'));
  const next = ctxFor(out.Credentials!.AccessKeyId);
  assert.equal(next.account, '444444444444');
  assert.equal(sts.getCallerIdentity({}, next).Arn, 'arn:aws:iam::444444444444:root');
});
