// IAM users, access keys and groups with the real SDK v3 clients: what Terraform and CDK
// setups and test suites create, and the keys those users then sign with.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachGroupPolicyCommand,
  DetachUserPolicyCommand,
  GetGroupCommand,
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  UpdateAccessKeyCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Localgate } from '../src/app.ts';
import { clientConfig, startTestServer } from './helpers.ts';

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

/** The SDK's error name (the wire code, with Exception appended where IAM's model names it so) and message a call fails with. */
async function failure(promise: Promise<unknown>): Promise<[string, string]> {
  try {
    await promise;
  } catch (err) {
    const e = err as { name: string; message: string };
    return [e.name, e.message];
  }
  return assert.fail('the call succeeded');
}

describe('IAM users, access keys and groups', () => {
  let app: Localgate;
  let iam: IAMClient;
  before(async () => {
    app = await startTestServer();
    iam = new IAMClient(clientConfig(app, { accessKeyId: '222222222222' }));
  });
  after(async () => {
    iam.destroy();
    await app.close();
  });

  it('creates, reads, lists, renames and deletes users; a user signs in with its access key', async () => {
    const { User } = await iam.send(new CreateUserCommand({ UserName: 'deployer', Path: '/ci/', Tags: [{ Key: 'team', Value: 'web' }] }));
    assert.match(User!.UserId!, /^AIDA[A-Z2-7]{17}$/);
    assert.equal(User!.Arn, 'arn:aws:iam::222222222222:user/ci/deployer');
    assert.deepEqual(User!.Tags, [{ Key: 'team', Value: 'web' }]);
    assert.deepEqual(await failure(iam.send(new CreateUserCommand({ UserName: 'DEPLOYER' }))), ['EntityAlreadyExistsException', 'User with name DEPLOYER already exists.']);
    assert.deepEqual(await failure(iam.send(new GetUserCommand({ UserName: 'nobody' }))), ['NoSuchEntityException', 'The user with name nobody cannot be found.']);
    assert.equal((await iam.send(new GetUserCommand({ UserName: 'deployer' }))).User!.UserId, User!.UserId);

    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'deployer' }));
    assert.match(AccessKey!.AccessKeyId!, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(AccessKey!.Status, 'Active');
    assert.ok(AccessKey!.SecretAccessKey!.length >= 40);
    await iam.send(new CreateAccessKeyCommand({ UserName: 'deployer' }));
    assert.deepEqual(await failure(iam.send(new CreateAccessKeyCommand({ UserName: 'deployer' }))), ['LimitExceededException', 'Cannot exceed quota for AccessKeysPerUser: 2']);

    // Calls signed with the user's key land in its account and are the user.
    const asUser = { credentials: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! } };
    const sts = new STSClient({ ...clientConfig(app), ...asUser });
    const userIam = new IAMClient({ ...clientConfig(app), ...asUser });
    assert.deepEqual(
      { ...(await sts.send(new GetCallerIdentityCommand({}))), $metadata: undefined },
      { UserId: User!.UserId, Account: '222222222222', Arn: 'arn:aws:iam::222222222222:user/ci/deployer', $metadata: undefined },
    );
    assert.equal((await userIam.send(new GetUserCommand({}))).User!.UserName, 'deployer');
    const own = await userIam.send(new ListAccessKeysCommand({}));
    assert.equal(own.AccessKeyMetadata!.length, 2);
    // Long-term keys IAM did not issue are the root user, who must name the user.
    assert.deepEqual(await failure(iam.send(new GetUserCommand({}))), ['ValidationError', 'Must specify userName when calling with non-User credentials']);

    await iam.send(new UpdateAccessKeyCommand({ UserName: 'deployer', AccessKeyId: AccessKey!.AccessKeyId, Status: 'Inactive' }));
    const keys = (await iam.send(new ListAccessKeysCommand({ UserName: 'deployer' }))).AccessKeyMetadata!;
    assert.equal(keys.find((k) => k.AccessKeyId === AccessKey!.AccessKeyId)!.Status, 'Inactive');

    await iam.send(new UpdateUserCommand({ UserName: 'deployer', NewUserName: 'releaser' }));
    assert.equal((await iam.send(new GetUserCommand({ UserName: 'releaser' }))).User!.Arn, 'arn:aws:iam::222222222222:user/ci/releaser');
    assert.deepEqual((await iam.send(new ListUsersCommand({ PathPrefix: '/ci/' }))).Users!.map((u) => u.UserName), ['releaser']);
    assert.deepEqual((await iam.send(new ListUsersCommand({ PathPrefix: '/other/' }))).Users, []);

    // A user with keys or policies cannot be deleted.
    assert.deepEqual(await failure(iam.send(new DeleteUserCommand({ UserName: 'releaser' }))), ['DeleteConflictException', 'Cannot delete entity, must delete access keys first.']);
    for (const key of keys) await iam.send(new DeleteAccessKeyCommand({ UserName: 'releaser', AccessKeyId: key.AccessKeyId }));
    assert.deepEqual(await failure(iam.send(new DeleteAccessKeyCommand({ UserName: 'releaser', AccessKeyId: keys[0].AccessKeyId }))), ['NoSuchEntityException', `The Access Key with id ${keys[0].AccessKeyId} cannot be found.`]);
    await iam.send(new PutUserPolicyCommand({ UserName: 'releaser', PolicyName: 'read', PolicyDocument: doc }));
    assert.equal(decodeURIComponent((await iam.send(new GetUserPolicyCommand({ UserName: 'releaser', PolicyName: 'read' }))).PolicyDocument!), doc);
    assert.deepEqual((await iam.send(new ListUserPoliciesCommand({ UserName: 'releaser' }))).PolicyNames, ['read']);
    await iam.send(new AttachUserPolicyCommand({ UserName: 'releaser', PolicyArn: READ_ONLY }));
    assert.deepEqual((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'releaser' }))).AttachedPolicies, [{ PolicyName: 'ReadOnlyAccess', PolicyArn: READ_ONLY }]);
    assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: READ_ONLY }))).Policy!.AttachmentCount, 1);
    assert.deepEqual(await failure(iam.send(new DeleteUserCommand({ UserName: 'releaser' }))), ['DeleteConflictException', 'Cannot delete entity, must detach all policies first.']);
    await iam.send(new DetachUserPolicyCommand({ UserName: 'releaser', PolicyArn: READ_ONLY }));
    assert.deepEqual(await failure(iam.send(new DeleteUserCommand({ UserName: 'releaser' }))), ['DeleteConflictException', 'Cannot delete entity, must delete policies first.']);
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'releaser', PolicyName: 'read' }));
    assert.deepEqual(await failure(iam.send(new GetUserPolicyCommand({ UserName: 'releaser', PolicyName: 'read' }))), ['NoSuchEntityException', 'The user policy with name read cannot be found.']);
    await iam.send(new DeleteUserCommand({ UserName: 'releaser' }));
    assert.deepEqual((await iam.send(new ListUsersCommand({}))).Users, []);
    sts.destroy();
    userIam.destroy();
  });

  it('groups hold users and policies; a group with either cannot be deleted', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const { Group } = await iam.send(new CreateGroupCommand({ GroupName: 'admins' }));
    assert.match(Group!.GroupId!, /^AGPA[A-Z2-7]{17}$/);
    assert.equal(Group!.Arn, 'arn:aws:iam::222222222222:group/admins');
    assert.deepEqual(await failure(iam.send(new CreateGroupCommand({ GroupName: 'Admins' }))), ['EntityAlreadyExistsException', 'Group with name Admins already exists.']);
    assert.deepEqual(await failure(iam.send(new AddUserToGroupCommand({ GroupName: 'nope', UserName: 'alice' }))), ['NoSuchEntityException', 'The group with name nope cannot be found.']);

    await iam.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'alice' }));
    const got = await iam.send(new GetGroupCommand({ GroupName: 'admins' }));
    assert.deepEqual(got.Users!.map((u) => u.UserName), ['alice']);
    assert.deepEqual((await iam.send(new ListGroupsForUserCommand({ UserName: 'alice' }))).Groups!.map((g) => g.GroupName), ['admins']);
    assert.deepEqual(await failure(iam.send(new DeleteUserCommand({ UserName: 'alice' }))), ['DeleteConflictException', 'Cannot delete entity, must remove users from group first.']);

    await iam.send(new PutGroupPolicyCommand({ GroupName: 'admins', PolicyName: 'inline', PolicyDocument: doc }));
    assert.equal(decodeURIComponent((await iam.send(new GetGroupPolicyCommand({ GroupName: 'admins', PolicyName: 'inline' }))).PolicyDocument!), doc);
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'admins', PolicyArn: READ_ONLY }));
    assert.deepEqual((await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'admins' }))).AttachedPolicies!.map((p) => p.PolicyName), ['ReadOnlyAccess']);

    assert.deepEqual(await failure(iam.send(new DeleteGroupCommand({ GroupName: 'admins' }))), ['DeleteConflictException', 'Cannot delete entity, must remove users from group first.']);
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'admins', UserName: 'alice' }));
    assert.deepEqual(await failure(iam.send(new DeleteGroupCommand({ GroupName: 'admins' }))), ['DeleteConflictException', 'Cannot delete entity, must detach all policies first.']);
    await iam.send(new DetachGroupPolicyCommand({ GroupName: 'admins', PolicyArn: READ_ONLY }));
    assert.deepEqual(await failure(iam.send(new DeleteGroupCommand({ GroupName: 'admins' }))), ['DeleteConflictException', 'Cannot delete entity, must delete policies first.']);
    await iam.send(new DeleteGroupPolicyCommand({ GroupName: 'admins', PolicyName: 'inline' }));
    await iam.send(new DeleteGroupCommand({ GroupName: 'admins' }));
    assert.deepEqual(await failure(iam.send(new GetGroupCommand({ GroupName: 'admins' }))), ['NoSuchEntityException', 'The group with name admins cannot be found.']);
    await iam.send(new DeleteUserCommand({ UserName: 'alice' }));
  });
});
