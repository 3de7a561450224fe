import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as T from '../../models/iam.types.ts';
import { fails, requestContext } from '../provider-testing.ts';
import { createIamService } from './index.ts';

const ctx = (account?: string) => requestContext(account);
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

function iam() {
  return createIamService().provider as T.Operations;
}

test('CreateRole answers ids, ARN and the trust policy URL-encoded; names are unique without case', async () => {
  const p = iam();
  const { Role } = await p.createRole({ RoleName: 'Fn-Role', AssumeRolePolicyDocument: trust, Path: '/app/' }, ctx());
  assert.match(Role.RoleId, /^AROA[A-Z0-9]{17}$/);
  assert.equal(Role.Arn, 'arn:aws:iam::111111111111:role/app/Fn-Role');
  assert.equal(Role.Path, '/app/');
  assert.equal(Role.MaxSessionDuration, 3600);
  assert.equal(decodeURIComponent(Role.AssumeRolePolicyDocument!), trust);
  assert.equal(Role.AssumeRolePolicyDocument, encodeURIComponent(trust));
  await fails(() => p.createRole({ RoleName: 'fn-role', AssumeRolePolicyDocument: trust }, ctx()), 'EntityAlreadyExists', 'Role with name fn-role already exists.');
  assert.equal((await p.getRole({ RoleName: 'FN-ROLE' }, ctx())).Role.RoleName, 'Fn-Role');
  // Another account is another IAM.
  await fails(() => p.getRole({ RoleName: 'Fn-Role' }, ctx('222222222222')), 'NoSuchEntity', 'The role with name Fn-Role cannot be found.');
  await fails(() => p.createRole({ RoleName: 'bad', AssumeRolePolicyDocument: '{not json' }, ctx()), 'MalformedPolicyDocument');
});

test('a role with policies cannot be deleted until they are gone', async () => {
  const p = iam();
  await p.createRole({ RoleName: 'r', AssumeRolePolicyDocument: trust }, ctx());
  const basic = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
  await p.attachRolePolicy({ RoleName: 'r', PolicyArn: basic }, ctx());
  await p.putRolePolicy({ RoleName: 'r', PolicyName: 'inline', PolicyDocument: '{"Version":"2012-10-17","Statement":[]}' }, ctx());
  assert.deepEqual((await p.listAttachedRolePolicies({ RoleName: 'r' }, ctx())).AttachedPolicies, [{ PolicyName: 'AWSLambdaBasicExecutionRole', PolicyArn: basic }]);
  assert.deepEqual((await p.listRolePolicies({ RoleName: 'r' }, ctx())).PolicyNames, ['inline']);
  assert.equal((await p.getPolicy({ PolicyArn: basic }, ctx())).Policy!.AttachmentCount, 1);
  await fails(() => p.deleteRole({ RoleName: 'r' }, ctx()), 'DeleteConflict', 'Cannot delete entity, must detach all policies first.');
  await p.detachRolePolicy({ RoleName: 'r', PolicyArn: basic }, ctx());
  await fails(() => p.deleteRole({ RoleName: 'r' }, ctx()), 'DeleteConflict', 'Cannot delete entity, must delete policies first.');
  await p.deleteRolePolicy({ RoleName: 'r', PolicyName: 'inline' }, ctx());
  await p.deleteRole({ RoleName: 'r' }, ctx());
  await fails(() => p.getRole({ RoleName: 'r' }, ctx()), 'NoSuchEntity');
});

test('AWS managed policies exist with their real ids and documents; unknown ones cannot be attached', async () => {
  const p = iam();
  const { Policy } = await p.getPolicy({ PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }, ctx());
  assert.equal(Policy!.PolicyId, 'ANPAJNCQGXC42545SKXIK');
  assert.equal(Policy!.DefaultVersionId, 'v1');
  const { PolicyVersion } = await p.getPolicyVersion({ PolicyArn: Policy!.Arn!, VersionId: 'v1' }, ctx());
  assert.deepEqual(JSON.parse(decodeURIComponent(PolicyVersion!.Document!)).Statement[0].Action, ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']);
  await p.createRole({ RoleName: 'r', AssumeRolePolicyDocument: trust }, ctx());
  const missing = 'arn:aws:iam::aws:policy/NoSuchPolicy';
  await fails(() => p.attachRolePolicy({ RoleName: 'r', PolicyArn: missing }, ctx()), 'NoSuchEntity', `Policy ${missing} does not exist or is not attachable.`);
  // ReadOnlyAccess (the CDK bootstrap's LookupRole attaches it) with its published document.
  const readOnly = await p.getPolicyVersion({ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', VersionId: 'v188' }, ctx());
  const readOnlyDoc = JSON.parse(decodeURIComponent(readOnly.PolicyVersion!.Document!));
  assert.deepEqual(readOnlyDoc.Statement.map((s: { Sid: string }) => s.Sid), ['ReadOnlyActionsGroup1', 'ReadOnlyActionsGroup2', 'S3ExpressReadOnlySessionObjectAccess']);
  assert.ok(readOnlyDoc.Statement[0].Action.includes('apigateway:GET'));
  assert.equal(readOnly.PolicyVersion!.IsDefaultVersion, true);
  const aws = await p.listPolicies({ Scope: 'AWS' }, ctx());
  // Every AWS managed policy listed has its default version's document.
  for (const listed of aws.Policies!) await p.getPolicyVersion({ PolicyArn: listed.Arn!, VersionId: listed.DefaultVersionId! }, ctx());
  assert.ok(aws.Policies!.some((x) => x.PolicyName === 'AWSLambdaVPCAccessExecutionRole'));
  assert.deepEqual((await p.listPolicies({ Scope: 'Local' }, ctx())).Policies, []);
});

test('customer managed policies: create, versions, attach counts, delete rules', async () => {
  const p = iam();
  const doc = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
  const { Policy } = await p.createPolicy({ PolicyName: 'read', PolicyDocument: doc, Path: '/team/' }, ctx());
  assert.equal(Policy!.Arn, 'arn:aws:iam::111111111111:policy/team/read');
  assert.match(Policy!.PolicyId!, /^ANPA[A-Z0-9]{17}$/);
  await fails(() => p.createPolicy({ PolicyName: 'read', PolicyDocument: doc }, ctx()), 'EntityAlreadyExists');
  const v2 = await p.createPolicyVersion({ PolicyArn: Policy!.Arn!, PolicyDocument: doc, SetAsDefault: true }, ctx());
  assert.equal(v2.PolicyVersion!.VersionId, 'v2');
  assert.equal((await p.getPolicy({ PolicyArn: Policy!.Arn! }, ctx())).Policy!.DefaultVersionId, 'v2');
  await p.createRole({ RoleName: 'r', AssumeRolePolicyDocument: trust }, ctx());
  await p.attachRolePolicy({ RoleName: 'r', PolicyArn: Policy!.Arn! }, ctx());
  assert.deepEqual((await p.listPolicies({ Scope: 'Local', OnlyAttached: true }, ctx())).Policies!.map((x) => x.PolicyName), ['read']);
  await fails(() => p.deletePolicy({ PolicyArn: Policy!.Arn! }, ctx()), 'DeleteConflict', 'Cannot delete a policy attached to entities.');
  await p.detachRolePolicy({ RoleName: 'r', PolicyArn: Policy!.Arn! }, ctx());
  await p.deletePolicyVersion({ PolicyArn: Policy!.Arn!, VersionId: 'v1' }, ctx());
  await p.deletePolicy({ PolicyArn: Policy!.Arn! }, ctx());
  await fails(() => p.getPolicy({ PolicyArn: Policy!.Arn! }, ctx()), 'NoSuchEntity', `Policy ${Policy!.Arn} was not found.`);
});

test('ListRoles pages with Marker and filters by path prefix', async () => {
  const p = iam();
  for (const name of ['c', 'a', 'b']) await p.createRole({ RoleName: name, AssumeRolePolicyDocument: trust, Path: name === 'b' ? '/svc/' : '/' }, ctx());
  const first = await p.listRoles({ MaxItems: 2 }, ctx());
  assert.deepEqual(first.Roles.map((r) => r.RoleName), ['a', 'b']);
  assert.equal(first.IsTruncated, true);
  const second = await p.listRoles({ MaxItems: 2, Marker: first.Marker }, ctx());
  assert.deepEqual(second.Roles.map((r) => r.RoleName), ['c']);
  assert.equal(second.IsTruncated, false);
  assert.deepEqual((await p.listRoles({ PathPrefix: '/svc/' }, ctx())).Roles.map((r) => r.RoleName), ['b']);
});

test('tags, updates and instance profiles', async () => {
  const p = iam();
  await p.createRole({ RoleName: 'r', AssumeRolePolicyDocument: trust, Tags: [{ Key: 'a', Value: '1' }] }, ctx());
  await p.tagRole({ RoleName: 'r', Tags: [{ Key: 'a', Value: '2' }, { Key: 'b', Value: '3' }] }, ctx());
  await p.untagRole({ RoleName: 'r', TagKeys: ['b'] }, ctx());
  await p.updateRole({ RoleName: 'r', Description: 'd', MaxSessionDuration: 7200 }, ctx());
  await p.updateAssumeRolePolicy({ RoleName: 'r', PolicyDocument: '{"Version":"2012-10-17","Statement":[]}' }, ctx());
  const { Role } = await p.getRole({ RoleName: 'r' }, ctx());
  assert.deepEqual(Role.Tags, [{ Key: 'a', Value: '2' }]);
  assert.equal(Role.Description, 'd');
  assert.equal(Role.MaxSessionDuration, 7200);
  assert.equal(decodeURIComponent(Role.AssumeRolePolicyDocument!), '{"Version":"2012-10-17","Statement":[]}');

  const { InstanceProfile } = await p.createInstanceProfile({ InstanceProfileName: 'ip' }, ctx());
  assert.match(InstanceProfile.InstanceProfileId, /^AIPA[A-Z0-9]{17}$/);
  assert.equal(InstanceProfile.Arn, 'arn:aws:iam::111111111111:instance-profile/ip');
  await p.addRoleToInstanceProfile({ InstanceProfileName: 'ip', RoleName: 'r' }, ctx());
  await fails(() => p.addRoleToInstanceProfile({ InstanceProfileName: 'ip', RoleName: 'r' }, ctx()), 'LimitExceeded');
  assert.deepEqual((await p.getInstanceProfile({ InstanceProfileName: 'ip' }, ctx())).InstanceProfile.Roles.map((r) => r.RoleName), ['r']);
  await fails(() => p.deleteRole({ RoleName: 'r' }, ctx()), 'DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.');
  await fails(() => p.deleteInstanceProfile({ InstanceProfileName: 'ip' }, ctx()), 'DeleteConflict');
  await p.removeRoleFromInstanceProfile({ InstanceProfileName: 'ip', RoleName: 'r' }, ctx());
  await p.deleteInstanceProfile({ InstanceProfileName: 'ip' }, ctx());
  await p.deleteRole({ RoleName: 'r' }, ctx());
});
