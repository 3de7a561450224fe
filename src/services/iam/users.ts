// IAM users: create, read, list, rename, tag, delete; their access keys (which carry the
// account, so calls signed with them land in it) and their policies.
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/iam.types.ts';
import { AwsError } from '../../protocol/errors.ts';
import { accessKeyFor } from '../../state/access-keys.ts';
import { checkPath, deleteConflict, entityExists, listPage, mergeTags, named, noSuchEntity, tagEntity, untagEntity } from './common.ts';
import { attach, checkNoPolicies, deleteInline, detach, getInline, listAttached, listInline, putInline } from './holder-policies.ts';
import { uniqueId, type AccessKeyRecord, type IamAccount, type IamStore, type UserRecord } from './store.ts';

/** IAM's quota of access keys per user. */
const MAX_ACCESS_KEYS = 2;

export const getUser = (scope: IamAccount, name: string): UserRecord => named(scope.users, name, `The user with name ${name} cannot be found.`);

function userView(user: UserRecord, full = true): T.User {
  const out: T.User = { Path: user.Path, UserName: user.UserName, UserId: user.UserId, Arn: user.Arn, CreateDate: user.CreateDate };
  if (full) {
    if (user.PermissionsBoundary) out.PermissionsBoundary = { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: user.PermissionsBoundary };
    if (user.Tags.length) out.Tags = user.Tags;
  }
  return out;
}

const keyView = (key: AccessKeyRecord, userName: string): T.AccessKeyMetadata => ({ UserName: userName, AccessKeyId: key.AccessKeyId, Status: key.Status, CreateDate: key.CreateDate });

export class UsersProvider {
  constructor(private readonly store: IamStore) {}

  /** The user a call is about, with its account's IAM: the named one, else the one whose
   * access key signed the call (calls signed with other keys, the root user's or a role's,
   * must name the user). */
  private target(userName: string | undefined, ctx: RequestContext): { scope: IamAccount; user: UserRecord } {
    if (userName !== undefined) {
      const scope = this.store.account(ctx.account);
      return { scope, user: getUser(scope, userName) };
    }
    const found = ctx.caller.accessKeyId ? this.store.findAccessKeyUser(ctx.caller.accessKeyId) : undefined;
    if (!found) throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials', 400);
    return found;
  }

  createUser(input: T.CreateUserRequest, ctx: RequestContext): T.CreateUserResponse {
    const scope = this.store.account(ctx.account);
    const key = input.UserName.toLowerCase();
    if (scope.users.has(key)) throw entityExists(`User with name ${input.UserName} already exists.`);
    const path = checkPath(input.Path);
    const user: UserRecord = {
      UserName: input.UserName,
      UserId: uniqueId('AIDA'),
      Arn: `arn:aws:iam::${ctx.account}:user${path}${input.UserName}`,
      Path: path,
      PermissionsBoundary: input.PermissionsBoundary,
      CreateDate: new Date(),
      Tags: mergeTags([], input.Tags),
      inline: new Map(),
      attached: [],
    };
    scope.users.set(key, user);
    return { User: userView(user) };
  }

  getUser(input: T.GetUserRequest, ctx: RequestContext): T.GetUserResponse {
    return { User: userView(this.target(input.UserName, ctx).user) };
  }

  listUsers(input: T.ListUsersRequest, ctx: RequestContext): T.ListUsersResponse {
    const prefix = input.PathPrefix ?? '/';
    const users = [...this.store.account(ctx.account).users.values()].filter((u) => u.Path.startsWith(prefix)).sort((a, b) => a.UserName.localeCompare(b.UserName));
    return listPage('Users', users, input, (u) => userView(u, false));
  }

  updateUser(input: T.UpdateUserRequest, ctx: RequestContext): void {
    const scope = this.store.account(ctx.account);
    const user = getUser(scope, input.UserName);
    const oldKey = user.UserName.toLowerCase();
    const name = input.NewUserName ?? user.UserName;
    const newKey = name.toLowerCase();
    if (newKey !== oldKey && scope.users.has(newKey)) throw entityExists(`User with name ${name} already exists.`);
    const path = input.NewPath !== undefined ? checkPath(input.NewPath) : user.Path;
    user.UserName = name;
    user.Path = path;
    user.Arn = `arn:aws:iam::${ctx.account}:user${path}${name}`;
    if (newKey === oldKey) return;
    // Memberships and keys name the user by its lower-cased name.
    scope.users.delete(oldKey);
    scope.users.set(newKey, user);
    for (const group of scope.groups.values()) group.users = group.users.map((u) => (u === oldKey ? newKey : u));
    for (const key of scope.accessKeys.values()) if (key.user === oldKey) key.user = newKey;
  }

  deleteUser(input: T.DeleteUserRequest, ctx: RequestContext): void {
    const scope = this.store.account(ctx.account);
    const user = getUser(scope, input.UserName);
    const key = user.UserName.toLowerCase();
    if ([...scope.accessKeys.values()].some((k) => k.user === key)) throw deleteConflict('Cannot delete entity, must delete access keys first.');
    if ([...scope.groups.values()].some((g) => g.users.includes(key))) throw deleteConflict('Cannot delete entity, must remove users from group first.');
    checkNoPolicies(user);
    scope.users.delete(key);
  }

  tagUser(input: T.TagUserRequest, ctx: RequestContext): void {
    tagEntity(getUser(this.store.account(ctx.account), input.UserName), input.Tags);
  }

  untagUser(input: T.UntagUserRequest, ctx: RequestContext): void {
    untagEntity(getUser(this.store.account(ctx.account), input.UserName), input.TagKeys);
  }

  listUserTags(input: T.ListUserTagsRequest, ctx: RequestContext): T.ListUserTagsResponse {
    return listPage('Tags', getUser(this.store.account(ctx.account), input.UserName).Tags, input);
  }

  createAccessKey(input: T.CreateAccessKeyRequest, ctx: RequestContext): T.CreateAccessKeyResponse {
    const { scope, user } = this.target(input.UserName, ctx);
    const owner = user.UserName.toLowerCase();
    if ([...scope.accessKeys.values()].filter((k) => k.user === owner).length >= MAX_ACCESS_KEYS) {
      throw new AwsError('LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${MAX_ACCESS_KEYS}`, 409);
    }
    const key: AccessKeyRecord = {
      AccessKeyId: accessKeyFor(ctx.account, 'AKIA'),
      SecretAccessKey: randomBytes(30).toString('base64'),
      user: owner,
      Status: 'Active',
      CreateDate: new Date(),
    };
    scope.accessKeys.set(key.AccessKeyId, key);
    return { AccessKey: { UserName: user.UserName, AccessKeyId: key.AccessKeyId, Status: key.Status, SecretAccessKey: key.SecretAccessKey, CreateDate: key.CreateDate } };
  }

  /** A key of the user (the caller when no UserName is given). */
  private accessKey(userName: string | undefined, id: string, ctx: RequestContext): { scope: IamAccount; key: AccessKeyRecord } {
    const { scope, user } = this.target(userName, ctx);
    const key = scope.accessKeys.get(id);
    if (!key || key.user !== user.UserName.toLowerCase()) throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
    return { scope, key };
  }

  listAccessKeys(input: T.ListAccessKeysRequest, ctx: RequestContext): T.ListAccessKeysResponse {
    const { scope, user } = this.target(input.UserName, ctx);
    const keys = [...scope.accessKeys.values()].filter((k) => k.user === user.UserName.toLowerCase());
    return listPage('AccessKeyMetadata', keys, input, (k) => keyView(k, user.UserName));
  }

  updateAccessKey(input: T.UpdateAccessKeyRequest, ctx: RequestContext): void {
    this.accessKey(input.UserName, input.AccessKeyId, ctx).key.Status = input.Status;
  }

  deleteAccessKey(input: T.DeleteAccessKeyRequest, ctx: RequestContext): void {
    const { scope, key } = this.accessKey(input.UserName, input.AccessKeyId, ctx);
    scope.accessKeys.delete(key.AccessKeyId);
  }

  getAccessKeyLastUsed(input: T.GetAccessKeyLastUsedRequest, ctx: RequestContext): T.GetAccessKeyLastUsedResponse {
    const user = this.store.findAccessKeyUser(input.AccessKeyId)?.user;
    if (!user) throw new AwsError('AccessDenied', `User: arn:aws:iam::${ctx.account}:root is not authorized to perform: iam:GetAccessKeyLastUsed on resource: access key ${input.AccessKeyId}`, 403);
    // localgate does not record key use: IAM's answer for a key never used.
    return { UserName: user.UserName, AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } };
  }

  putUserPolicy(input: T.PutUserPolicyRequest, ctx: RequestContext): void {
    putInline(getUser(this.store.account(ctx.account), input.UserName), input.PolicyName, input.PolicyDocument);
  }

  getUserPolicy(input: T.GetUserPolicyRequest, ctx: RequestContext): T.GetUserPolicyResponse {
    const user = getUser(this.store.account(ctx.account), input.UserName);
    return { UserName: user.UserName, PolicyName: input.PolicyName, PolicyDocument: getInline(user, 'user', input.PolicyName) };
  }

  listUserPolicies(input: T.ListUserPoliciesRequest, ctx: RequestContext): T.ListUserPoliciesResponse {
    return listInline(getUser(this.store.account(ctx.account), input.UserName), input);
  }

  deleteUserPolicy(input: T.DeleteUserPolicyRequest, ctx: RequestContext): void {
    deleteInline(getUser(this.store.account(ctx.account), input.UserName), 'user', input.PolicyName);
  }

  attachUserPolicy(input: T.AttachUserPolicyRequest, ctx: RequestContext): void {
    const scope = this.store.account(ctx.account);
    attach(scope, getUser(scope, input.UserName), input.PolicyArn);
  }

  detachUserPolicy(input: T.DetachUserPolicyRequest, ctx: RequestContext): void {
    detach(getUser(this.store.account(ctx.account), input.UserName), input.PolicyArn);
  }

  listAttachedUserPolicies(input: T.ListAttachedUserPoliciesRequest, ctx: RequestContext): T.ListAttachedUserPoliciesResponse {
    const scope = this.store.account(ctx.account);
    return listAttached(scope, getUser(scope, input.UserName), input);
  }
}
