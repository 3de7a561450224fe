// The IAM, Logs, SSM, ECR and KMS resource types against the real providers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as Iam from '../../models/iam.types.ts';
import type * as Logs from '../../models/logs.types.ts';
import type * as Ssm from '../../models/ssm.types.ts';
import { requestContext } from '../../services/provider-testing.ts';
import { createIamService } from '../../services/iam/index.ts';
import { createLogsService } from '../../services/logs/index.ts';
import { createSsmService } from '../../services/ssm/index.ts';
import { EcrProvider, EcrStore } from '../../services/ecr/provider.ts';
import { resourceType } from '../registry.ts';
import type { ResourceContext } from '../resource.ts';

function setup() {
  const request = requestContext();
  const services = { iam: createIamService().provider, ssm: createSsmService().provider, logs: createLogsService(1000).provider, ecr: new EcrProvider(new EcrStore()), apigateway: {}, apigatewayv2: {}, lambda: {}, s3: {} };
  let n = 0;
  const ctx = (logicalId: string): ResourceContext => ({ request, services, stackName: 'st', stackId: 'id', logicalId, generateName: (max = 64) => `st-${logicalId}-GEN${++n}`.slice(0, max) });
  return { ctx, iam: services.iam as Iam.Operations, ssm: services.ssm as Ssm.Operations, logs: services.logs as Logs.Operations, ecr: services.ecr, request };
}

const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const doc = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
const BASIC = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

test('AWS::IAM::Role with inline and managed policies: create, update, delete', async () => {
  const { ctx, iam, request } = setup();
  const type = resourceType('AWS::IAM::Role')!;
  const props = { AssumeRolePolicyDocument: trust, ManagedPolicyArns: [BASIC], Policies: [{ PolicyName: 'p1', PolicyDocument: doc('s3:GetObject') }], Tags: [{ Key: 'a', Value: '1' }] };
  const created = await type.create(props, ctx('FnRole'));
  assert.equal(created.physicalId, 'st-FnRole-GEN1');
  assert.equal(created.attributes.Arn, 'arn:aws:iam::111111111111:role/st-FnRole-GEN1');
  assert.match(String(created.attributes.RoleId), /^AROA/);
  assert.deepEqual(JSON.parse(decodeURIComponent((await iam.getRolePolicy({ RoleName: created.physicalId, PolicyName: 'p1' }, request)).PolicyDocument)), doc('s3:GetObject'));
  const next = { ...props, ManagedPolicyArns: [], Policies: [{ PolicyName: 'p2', PolicyDocument: doc('sqs:*') }], Description: 'd' };
  await type.update!(created.physicalId, props, next, ctx('FnRole'), created);
  assert.deepEqual((await iam.listAttachedRolePolicies({ RoleName: created.physicalId }, request)).AttachedPolicies, []);
  assert.deepEqual((await iam.listRolePolicies({ RoleName: created.physicalId }, request)).PolicyNames, ['p2']);
  assert.equal((await iam.getRole({ RoleName: created.physicalId }, request)).Role.Description, 'd');
  await type.delete(created.physicalId, next, ctx('FnRole'), created);
  await assert.rejects(async () => iam.getRole({ RoleName: created.physicalId }, request));
  // Deleting again is not an error.
  await type.delete(created.physicalId, next, ctx('FnRole'), created);
});

test('an AWS::IAM::Role whose policy cannot be attached fails and leaves no role behind', async () => {
  const { ctx, iam, request } = setup();
  const missing = 'arn:aws:iam::aws:policy/NoSuchPolicy';
  await assert.rejects(
    async () => resourceType('AWS::IAM::Role')!.create({ RoleName: 'half', AssumeRolePolicyDocument: trust, Policies: [{ PolicyName: 'p', PolicyDocument: doc('s3:*') }], ManagedPolicyArns: [BASIC, missing] }, ctx('Half')),
    { code: 'NoSuchEntity', message: `Policy ${missing} does not exist or is not attachable.` },
  );
  await assert.rejects(async () => iam.getRole({ RoleName: 'half' }, request), { code: 'NoSuchEntity' });
  assert.equal((await iam.getPolicy({ PolicyArn: BASIC }, request)).Policy!.AttachmentCount, 0);
});

test('AWS::IAM::Policy, ManagedPolicy and InstanceProfile attach to roles and come off on delete', async () => {
  const { ctx, iam, request } = setup();
  const role = await resourceType('AWS::IAM::Role')!.create({ RoleName: 'r', AssumeRolePolicyDocument: trust }, ctx('R'));
  const policy = await resourceType('AWS::IAM::Policy')!.create({ PolicyName: 'inline', PolicyDocument: doc('logs:*'), Roles: ['r'] }, ctx('P'));
  assert.deepEqual((await iam.listRolePolicies({ RoleName: 'r' }, request)).PolicyNames, ['inline']);
  const mp = resourceType('AWS::IAM::ManagedPolicy')!;
  const managed = await mp.create({ ManagedPolicyName: 'mp', PolicyDocument: doc('s3:*'), Roles: ['r'] }, ctx('M'));
  assert.equal(managed.physicalId, 'arn:aws:iam::111111111111:policy/mp');
  assert.equal(managed.attributes.AttachmentCount, 1);
  const updated = await mp.update!(managed.physicalId, { PolicyDocument: doc('s3:*'), Roles: ['r'] }, { PolicyDocument: doc('s3:GetObject'), Roles: ['r'] }, ctx('M'), managed);
  assert.equal(updated.attributes.DefaultVersionId, 'v2');
  const ip = await resourceType('AWS::IAM::InstanceProfile')!.create({ Roles: ['r'] }, ctx('IP'));
  assert.equal(ip.attributes.Arn, `arn:aws:iam::111111111111:instance-profile/${ip.physicalId}`);
  await resourceType('AWS::IAM::InstanceProfile')!.delete(ip.physicalId, { Roles: ['r'] }, ctx('IP'), ip);
  await mp.delete(managed.physicalId, { Roles: ['r'] }, ctx('M'), updated);
  await resourceType('AWS::IAM::Policy')!.delete(policy.physicalId, { PolicyName: 'inline', Roles: ['r'] }, ctx('P'), policy);
  await resourceType('AWS::IAM::Role')!.delete('r', {}, ctx('R'), role);
  assert.deepEqual((await iam.listRoles({}, request)).Roles, []);
  assert.deepEqual((await iam.listPolicies({ Scope: 'Local' }, request)).Policies, []);
});

test('AWS::IAM::User, Group, AccessKey and UserToGroupAddition, with policies put on and attached to users and groups', async () => {
  const { ctx, iam, request } = setup();
  const groupType = resourceType('AWS::IAM::Group')!;
  const group = await groupType.create({ Path: '/team/', Policies: [{ PolicyName: 'read', PolicyDocument: doc('s3:Get*') }] }, ctx('Team'));
  assert.deepEqual(group, { physicalId: 'st-Team-GEN1', attributes: { Arn: 'arn:aws:iam::111111111111:group/team/st-Team-GEN1' } });
  const userType = resourceType('AWS::IAM::User')!;
  const userProps = { UserName: 'ci', Groups: [group.physicalId], ManagedPolicyArns: [BASIC], Policies: [{ PolicyName: 'own', PolicyDocument: doc('sqs:*') }], Tags: [{ Key: 'team', Value: 'a' }] };
  const user = await userType.create(userProps, ctx('Ci'));
  assert.deepEqual(user, { physicalId: 'ci', attributes: { Arn: 'arn:aws:iam::111111111111:user/ci' } });
  assert.deepEqual((await iam.listGroupsForUser({ UserName: 'ci' }, request)).Groups.map((g) => g.GroupName), [group.physicalId]);
  assert.deepEqual((await iam.listUserPolicies({ UserName: 'ci' }, request)).PolicyNames, ['own']);

  const keyType = resourceType('AWS::IAM::AccessKey')!;
  const key = await keyType.create({ UserName: 'ci', Status: 'Inactive' }, ctx('Key'));
  assert.match(key.physicalId, /^AKIA[A-Z0-9]{16}$/);
  assert.equal(typeof key.attributes.SecretAccessKey, 'string');
  assert.deepEqual((await iam.listAccessKeys({ UserName: 'ci' }, request)).AccessKeyMetadata.map((k) => [k.AccessKeyId, k.Status]), [[key.physicalId, 'Inactive']]);
  const active = await keyType.update!(key.physicalId, { UserName: 'ci', Status: 'Inactive' }, { UserName: 'ci' }, ctx('Key'), key);
  assert.deepEqual(active, key);
  assert.equal((await iam.listAccessKeys({ UserName: 'ci' }, request)).AccessKeyMetadata[0].Status, 'Active');

  const policy = await resourceType('AWS::IAM::Policy')!.create({ PolicyName: 'shared', PolicyDocument: doc('logs:*'), Users: ['ci'], Groups: [group.physicalId] }, ctx('Shared'));
  assert.deepEqual((await iam.listUserPolicies({ UserName: 'ci' }, request)).PolicyNames, ['own', 'shared']);
  assert.deepEqual((await iam.listGroupPolicies({ GroupName: group.physicalId }, request)).PolicyNames, ['read', 'shared']);
  const managed = await resourceType('AWS::IAM::ManagedPolicy')!.create({ ManagedPolicyName: 'mp', PolicyDocument: doc('s3:*'), Users: ['ci'], Groups: [group.physicalId] }, ctx('M'));
  assert.equal(managed.attributes.AttachmentCount, 2);

  const other = await groupType.create({ GroupName: 'other' }, ctx('Other'));
  const addition = await resourceType('AWS::IAM::UserToGroupAddition')!.create({ GroupName: 'other', Users: ['ci'] }, ctx('Add'));
  assert.deepEqual((await iam.listGroupsForUser({ UserName: 'ci' }, request)).Groups.map((g) => g.GroupName).sort(), [group.physicalId, 'other'].sort());

  // An update moves the user out of the group and drops its own inline policy.
  const next = { ...userProps, Groups: [], Policies: [], Path: '/ci/' };
  assert.deepEqual(await userType.update!('ci', userProps, next, ctx('Ci'), user), { physicalId: 'ci', attributes: { Arn: 'arn:aws:iam::111111111111:user/ci/ci' } });
  assert.deepEqual((await iam.listGroupsForUser({ UserName: 'ci' }, request)).Groups.map((g) => g.GroupName), ['other']);
  assert.deepEqual((await iam.listUserPolicies({ UserName: 'ci' }, request)).PolicyNames, ['shared']);
  await assert.rejects(userType.update!('ci', next, { ...next, LoginProfile: { Password: 'x' } }, ctx('Ci'), user), /LoginProfile/);

  // Deleted in the order CloudFormation deletes dependents first.
  await resourceType('AWS::IAM::UserToGroupAddition')!.delete(addition.physicalId, { GroupName: 'other', Users: ['ci'] }, ctx('Add'), addition);
  await resourceType('AWS::IAM::ManagedPolicy')!.delete(managed.physicalId, { Users: ['ci'], Groups: [group.physicalId] }, ctx('M'), managed);
  await resourceType('AWS::IAM::Policy')!.delete(policy.physicalId, { PolicyName: 'shared', Users: ['ci'], Groups: [group.physicalId] }, ctx('Shared'), policy);
  await keyType.delete(key.physicalId, { UserName: 'ci' }, ctx('Key'), key);
  await userType.delete('ci', next, ctx('Ci'), user);
  await groupType.delete(group.physicalId, {}, ctx('Team'), group);
  await groupType.delete('other', {}, ctx('Other'), other);
  assert.deepEqual((await iam.listUsers({}, request)).Users, []);
  assert.deepEqual((await iam.listGroups({}, request)).Groups, []);
  // Deleting again is not an error.
  await userType.delete('ci', next, ctx('Ci'), user);
});

test('AWS::Logs::LogGroup and AWS::SSM::Parameter', async () => {
  const { ctx, logs, ssm, request } = setup();
  const lg = resourceType('AWS::Logs::LogGroup')!;
  const group = await lg.create({ LogGroupName: '/aws/lambda/fn', RetentionInDays: 7 }, ctx('LG'));
  assert.equal(group.attributes.Arn, 'arn:aws:logs:eu-west-1:111111111111:log-group:/aws/lambda/fn:*');
  assert.equal((await logs.describeLogGroups({}, request)).logGroups![0].retentionInDays, 7);
  await lg.update!('/aws/lambda/fn', { RetentionInDays: 7 }, {}, ctx('LG'), group);
  assert.equal((await logs.describeLogGroups({}, request)).logGroups![0].retentionInDays, undefined);
  await lg.delete('/aws/lambda/fn', {}, ctx('LG'), group);
  assert.deepEqual((await logs.describeLogGroups({}, request)).logGroups, []);

  const p = resourceType('AWS::SSM::Parameter')!;
  const param = await p.create({ Name: '/app/mode', Type: 'String', Value: 'blue' }, ctx('Mode'));
  assert.deepEqual(param, { physicalId: '/app/mode', attributes: { Type: 'String', Value: 'blue' } });
  await p.update!('/app/mode', { Type: 'String', Value: 'blue' }, { Type: 'String', Value: 'green' }, ctx('Mode'), param);
  const got = (await ssm.getParameter({ Name: '/app/mode' }, request)).Parameter!;
  assert.deepEqual([got.Value, got.Version], ['green', 2]);
  await assert.rejects(async () => p.create({ Name: '/s', Type: 'SecureString', Value: 'x' }, ctx('S')), /SecureString/);
  await p.delete('/app/mode', {}, ctx('Mode'), param);
  await assert.rejects(async () => ssm.getParameter({ Name: '/app/mode' }, request));
});

test('ECR repositories are created in ECR with their ARNs; KMS keys are recorded', async () => {
  const { ctx, ecr, request } = setup();
  const name = 'cdk-hnb659fds-container-assets-111111111111-eu-west-1';
  const repo = await resourceType('AWS::ECR::Repository')!.create({ RepositoryName: name, ImageScanningConfiguration: { ScanOnPush: 'true' } }, ctx('Repo'));
  assert.equal(repo.attributes.RepositoryUri, `111111111111.dkr.ecr.eu-west-1.amazonaws.com/${name}`);
  assert.equal(repo.attributes.Arn, `arn:aws:ecr:eu-west-1:111111111111:repository/${name}`);
  const [described] = ecr.describeRepositories({ repositoryNames: [name] }, request).repositories!;
  assert.deepEqual(described.imageScanningConfiguration, { scanOnPush: true });
  assert.equal(described.imageTagMutability, 'MUTABLE');
  await resourceType('AWS::ECR::Repository')!.update!(name, {}, { RepositoryName: name, ImageTagMutability: 'IMMUTABLE' }, ctx('Repo'), repo);
  const [updated] = ecr.describeRepositories({ repositoryNames: [name] }, request).repositories!;
  assert.deepEqual([updated.imageTagMutability, updated.imageScanningConfiguration], ['IMMUTABLE', { scanOnPush: false }]);
  await resourceType('AWS::ECR::Repository')!.delete(name, {}, ctx('Repo'), repo);
  assert.throws(() => ecr.describeRepositories({ repositoryNames: [name] }, request), { code: 'RepositoryNotFoundException', message: `The repository with name '${name}' does not exist in the registry with id '111111111111'` });
  const generated = await resourceType('AWS::ECR::Repository')!.create({}, ctx('Repo'));
  assert.equal(generated.physicalId, generated.physicalId.toLowerCase());
  const key = await resourceType('AWS::KMS::Key')!.create({}, ctx('Key'));
  assert.match(key.physicalId, /^[0-9a-f-]{36}$/);
  assert.equal(key.attributes.Arn, `arn:aws:kms:eu-west-1:111111111111:key/${key.physicalId}`);
  assert.equal((await resourceType('AWS::KMS::Alias')!.create({ AliasName: 'alias/x', TargetKeyId: key.physicalId }, ctx('A'))).physicalId, 'alias/x');
});
