// IAM groups: create, read (with their users), list, rename, delete; membership; and their
// policies.
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/iam.types.ts';
import { checkPath, deleteConflict, entityExists, listPage, named, noSuchEntity } from './common.ts';
import { attach, checkNoPolicies, deleteInline, detach, getInline, listAttached, listInline, putInline } from './holder-policies.ts';
import { uniqueId, type GroupRecord, type IamAccount, type IamStore } from './store.ts';
import { getUser } from './users.ts';

const getGroup = (scope: IamAccount, name: string): GroupRecord => named(scope.groups, name, `The group with name ${name} cannot be found.`);

const groupView = (g: GroupRecord): T.Group => ({ Path: g.Path, GroupName: g.GroupName, GroupId: g.GroupId, Arn: g.Arn, CreateDate: g.CreateDate });

export class GroupsProvider {
  constructor(private readonly store: IamStore) {}

  createGroup(input: T.CreateGroupRequest, ctx: RequestContext): T.CreateGroupResponse {
    const scope = this.store.account(ctx.account);
    const key = input.GroupName.toLowerCase();
    if (scope.groups.has(key)) throw entityExists(`Group with name ${input.GroupName} already exists.`);
    const path = checkPath(input.Path);
    const group: GroupRecord = {
      GroupName: input.GroupName,
      GroupId: uniqueId('AGPA'),
      Arn: `arn:aws:iam::${ctx.account}:group${path}${input.GroupName}`,
      Path: path,
      CreateDate: new Date(),
      users: [],
      inline: new Map(),
      attached: [],
    };
    scope.groups.set(key, group);
    return { Group: groupView(group) };
  }

  getGroup(input: T.GetGroupRequest, ctx: RequestContext): T.GetGroupResponse {
    const scope = this.store.account(ctx.account);
    const group = getGroup(scope, input.GroupName);
    const users = group.users.map((name) => scope.users.get(name)!).map((u) => ({ Path: u.Path, UserName: u.UserName, UserId: u.UserId, Arn: u.Arn, CreateDate: u.CreateDate }));
    return { Group: groupView(group), ...listPage('Users', users, input) };
  }

  listGroups(input: T.ListGroupsRequest, ctx: RequestContext): T.ListGroupsResponse {
    const prefix = input.PathPrefix ?? '/';
    const groups = [...this.store.account(ctx.account).groups.values()].filter((g) => g.Path.startsWith(prefix)).sort((a, b) => a.GroupName.localeCompare(b.GroupName));
    return listPage('Groups', groups, input, groupView);
  }

  listGroupsForUser(input: T.ListGroupsForUserRequest, ctx: RequestContext): T.ListGroupsForUserResponse {
    const scope = this.store.account(ctx.account);
    const key = getUser(scope, input.UserName).UserName.toLowerCase();
    return listPage('Groups', [...scope.groups.values()].filter((g) => g.users.includes(key)), input, groupView);
  }

  updateGroup(input: T.UpdateGroupRequest, ctx: RequestContext): void {
    const scope = this.store.account(ctx.account);
    const group = getGroup(scope, input.GroupName);
    const oldKey = group.GroupName.toLowerCase();
    const name = input.NewGroupName ?? group.GroupName;
    const newKey = name.toLowerCase();
    if (newKey !== oldKey && scope.groups.has(newKey)) throw entityExists(`Group with name ${name} already exists.`);
    group.GroupName = name;
    group.Path = input.NewPath !== undefined ? checkPath(input.NewPath) : group.Path;
    group.Arn = `arn:aws:iam::${ctx.account}:group${group.Path}${name}`;
    scope.groups.delete(oldKey);
    scope.groups.set(newKey, group);
  }

  deleteGroup(input: T.DeleteGroupRequest, ctx: RequestContext): void {
    const scope = this.store.account(ctx.account);
    const group = getGroup(scope, input.GroupName);
    if (group.users.length) throw deleteConflict('Cannot delete entity, must remove users from group first.');
    checkNoPolicies(group);
    scope.groups.delete(group.GroupName.toLowerCase());
  }

  addUserToGroup(input: T.AddUserToGroupRequest, ctx: RequestContext): void {
    const scope = this.store.account(ctx.account);
    const group = getGroup(scope, input.GroupName);
    const key = getUser(scope, input.UserName).UserName.toLowerCase();
    if (!group.users.includes(key)) group.users.push(key);
  }

  removeUserFromGroup(input: T.RemoveUserFromGroupRequest, ctx: RequestContext): void {
    const scope = this.store.account(ctx.account);
    const group = getGroup(scope, input.GroupName);
    const user = getUser(scope, input.UserName);
    const at = group.users.indexOf(user.UserName.toLowerCase());
    if (at < 0) throw noSuchEntity(`The user with name ${input.UserName} cannot be found.`);
    group.users.splice(at, 1);
  }

  putGroupPolicy(input: T.PutGroupPolicyRequest, ctx: RequestContext): void {
    putInline(getGroup(this.store.account(ctx.account), input.GroupName), input.PolicyName, input.PolicyDocument);
  }

  getGroupPolicy(input: T.GetGroupPolicyRequest, ctx: RequestContext): T.GetGroupPolicyResponse {
    const group = getGroup(this.store.account(ctx.account), input.GroupName);
    return { GroupName: group.GroupName, PolicyName: input.PolicyName, PolicyDocument: getInline(group, 'group', input.PolicyName) };
  }

  listGroupPolicies(input: T.ListGroupPoliciesRequest, ctx: RequestContext): T.ListGroupPoliciesResponse {
    return listInline(getGroup(this.store.account(ctx.account), input.GroupName), input);
  }

  deleteGroupPolicy(input: T.DeleteGroupPolicyRequest, ctx: RequestContext): void {
    deleteInline(getGroup(this.store.account(ctx.account), input.GroupName), 'group', input.PolicyName);
  }

  attachGroupPolicy(input: T.AttachGroupPolicyRequest, ctx: RequestContext): void {
    const scope = this.store.account(ctx.account);
    attach(scope, getGroup(scope, input.GroupName), input.PolicyArn);
  }

  detachGroupPolicy(input: T.DetachGroupPolicyRequest, ctx: RequestContext): void {
    detach(getGroup(this.store.account(ctx.account), input.GroupName), input.PolicyArn);
  }

  listAttachedGroupPolicies(input: T.ListAttachedGroupPoliciesRequest, ctx: RequestContext): T.ListAttachedGroupPoliciesResponse {
    const scope = this.store.account(ctx.account);
    return listAttached(scope, getGroup(scope, input.GroupName), input);
  }
}
