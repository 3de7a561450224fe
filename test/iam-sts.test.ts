// IAM and STS over the query protocol, with the real SDK v3 clients and boto3.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Localgate } from '../src/app.ts';
import { clientConfig, startTestServer } from './helpers.ts';

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const BASIC = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

describe('IAM and STS end to end', () => {
  let app: Localgate;
  let iam: IAMClient;
  let sts: STSClient;
  before(async () => {
    app = await startTestServer();
    iam = new IAMClient(clientConfig(app, { accessKeyId: '111111111111' }));
    sts = new STSClient(clientConfig(app, { accessKeyId: '111111111111' }));
  });
  after(async () => {
    iam.destroy();
    sts.destroy();
    await app.close();
  });

  it('creates, reads, attaches and refuses to delete a role with policies', async () => {
    const created = await iam.send(new CreateRoleCommand({ RoleName: 'fn-role', AssumeRolePolicyDocument: trust, Tags: [{ Key: 'team', Value: 'a' }] }));
    assert.equal(created.Role!.Arn, 'arn:aws:iam::111111111111:role/fn-role');
    assert.match(created.Role!.RoleId!, /^AROA[A-Z0-9]{17}$/);
    assert.ok(created.Role!.CreateDate instanceof Date);
    const got = await iam.send(new GetRoleCommand({ RoleName: 'fn-role' }));
    assert.equal(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!), trust);
    assert.deepEqual(got.Role!.Tags, [{ Key: 'team', Value: 'a' }]);
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'fn-role', PolicyArn: BASIC }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'fn-role', PolicyName: 'inline', PolicyDocument: '{"Version":"2012-10-17","Statement":[]}' }));
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'fn-role' }));
    assert.deepEqual(attached.AttachedPolicies, [{ PolicyName: 'AWSLambdaBasicExecutionRole', PolicyArn: BASIC }]);
    const inline = await iam.send(new GetRolePolicyCommand({ RoleName: 'fn-role', PolicyName: 'inline' }));
    assert.equal(decodeURIComponent(inline.PolicyDocument!), '{"Version":"2012-10-17","Statement":[]}');
    const policy = await iam.send(new GetPolicyCommand({ PolicyArn: BASIC }));
    assert.equal(policy.Policy!.PolicyId, 'ANPAJNCQGXC42545SKXIK');
    assert.equal(policy.Policy!.AttachmentCount, 1);
    await assert.rejects(iam.send(new DeleteRoleCommand({ RoleName: 'fn-role' })), (err: any) => {
      assert.equal(err.name, 'DeleteConflictException');
      assert.equal(err.$metadata.httpStatusCode, 409);
      assert.equal(err.message, 'Cannot delete entity, must detach all policies first.');
      return true;
    });
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'fn-role', PolicyArn: BASIC }));
    await assert.rejects(iam.send(new GetRoleCommand({ RoleName: 'missing' })), (err: any) => {
      assert.equal(err.name, 'NoSuchEntityException');
      assert.equal(err.$metadata.httpStatusCode, 404);
      assert.equal(err.message, 'The role with name missing cannot be found.');
      return true;
    });
    const listed = await iam.send(new ListRolesCommand({}));
    assert.deepEqual(listed.Roles!.map((r) => r.RoleName), ['fn-role']);
  });

  it('GetCallerIdentity names the root user; AssumeRole credentials sign into the role account', async () => {
    assert.deepEqual(
      { ...(await sts.send(new GetCallerIdentityCommand({}))), $metadata: undefined },
      { UserId: '111111111111', Account: '111111111111', Arn: 'arn:aws:iam::111111111111:root', $metadata: undefined },
    );
    const other = new IAMClient(clientConfig(app, { accessKeyId: '222222222222' }));
    const role = await other.send(new CreateRoleCommand({ RoleName: 'deployer', AssumeRolePolicyDocument: trust }));
    other.destroy();
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn, RoleSessionName: 'ci' }));
    assert.match(assumed.Credentials!.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(assumed.AssumedRoleUser!.Arn, 'arn:aws:sts::222222222222:assumed-role/deployer/ci');
    const asRole = new STSClient({ ...clientConfig(app), credentials: { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken } });
    const who = await asRole.send(new GetCallerIdentityCommand({}));
    asRole.destroy();
    assert.equal(who.Account, '222222222222');
    assert.equal(who.Arn, 'arn:aws:sts::222222222222:assumed-role/deployer/ci');
    await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111111111111:role/none', RoleSessionName: 'session' })), (err: any) => {
      assert.equal(err.name, 'AccessDenied');
      assert.equal(err.$metadata.httpStatusCode, 403);
      return true;
    });
  });

  it('boto3 reads policy documents back as JSON, as from AWS', async () => {
    const script = `
import boto3, json, sys
iam = boto3.client('iam', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='333333333333', aws_secret_access_key='x')
iam.create_role(RoleName='py-role', AssumeRolePolicyDocument=sys.argv[2], Path='/svc/')
role = iam.get_role(RoleName='py-role')['Role']
v = iam.get_policy_version(PolicyArn='${BASIC}', VersionId='v1')['PolicyVersion']
print(json.dumps({'arn': role['Arn'], 'doc': role['AssumeRolePolicyDocument'], 'actions': v['Document']['Statement'][0]['Action']}))
`;
    const { stdout } = await promisify(execFile)('python3', ['-c', script, app.url, trust], { encoding: 'utf8' });
    const out = JSON.parse(stdout);
    assert.equal(out.arn, 'arn:aws:iam::333333333333:role/svc/py-role');
    assert.deepEqual(out.doc, JSON.parse(trust));
    assert.deepEqual(out.actions, ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']);
  });
});

describe('Lambda execution roles with --lambda-check-roles', () => {
  let app: Localgate;
  before(async () => {
    app = await startTestServer({ lambdaCheckRoles: true });
  });
  after(async () => app.close());

  it('CreateFunction refuses a role IAM does not hold and accepts one it does', async () => {
    const { LambdaClient } = await import('@aws-sdk/client-lambda');
    const { createFunction } = await import('./fixtures/lambda/zips.ts');
    const lambda = new LambdaClient(clientConfig(app));
    const iamClient = new IAMClient(clientConfig(app));
    const code = { 'index.js': 'exports.handler = async () => 1;' };
    await assert.rejects(createFunction(lambda, 'f', code, { Role: 'arn:aws:iam::000000000000:role/missing' }), (err: any) => {
      assert.equal(err.name, 'InvalidParameterValueException');
      assert.equal(err.message, 'The role defined for the function cannot be assumed by Lambda.');
      return true;
    });
    const { Role } = await iamClient.send(new CreateRoleCommand({ RoleName: 'exec', AssumeRolePolicyDocument: trust }));
    const created = await createFunction(lambda, 'f', code, { Role: Role!.Arn });
    assert.equal(created.Role, Role!.Arn);
    lambda.destroy();
    iamClient.destroy();
  });
});
