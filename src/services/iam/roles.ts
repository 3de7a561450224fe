// IAM roles: create, read, list, update, tag, delete, and their inline and attached policies.
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/iam.types.ts';
import { AwsError } from '../../protocol/errors.ts';
import { checkDocument, checkPath, deleteConflict, encodeDocument, entityExists, getRole, listPage, mergeTags, tagEntity, untagEntity } from './common.ts';
import { attach, checkNoPolicies, deleteInline, detach, getInline, listAttached, listInline, putInline } from './holder-policies.ts';
import { uniqueId, type IamStore, type RoleRecord } from './store.ts';

/** A role as GetRole and CreateRole answer it. */
export function roleView(role: RoleRecord, full = true): T.Role {
  const out: T.Role = {
    Path: role.Path,
    RoleName: role.RoleName,
    RoleId: role.RoleId,
    Arn: role.Arn,
    CreateDate: role.CreateDate,
    AssumeRolePolicyDocument: encodeDocument(role.AssumeRolePolicyDocument),
    MaxSessionDuration: role.MaxSessionDuration,
  };
  if (role.Description !== undefined) out.Description = role.Description;
  if (full) {
    if (role.PermissionsBoundary) out.PermissionsBoundary = { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: role.PermissionsBoundary };
    if (role.Tags.length) out.Tags = role.Tags;
    out.RoleLastUsed = {};
  }
  return out;
}

function checkMaxSession(seconds: number | undefined): number {
  const value = seconds ?? 3600;
  if (value < 3600 || value > 43200) {
    throw new AwsError('ValidationError', `The requested MaxSessionDuration is invalid. MaxSessionDuration must be between 3600 and 43200 seconds.`, 400);
  }
  return value;
}

export class RolesProvider {
  constructor(private readonly store: IamStore) {}

  createRole(input: T.CreateRoleRequest, ctx: RequestContext): T.CreateRoleResponse {
    const scope = this.store.account(ctx.account);
    const key = input.RoleName.toLowerCase();
    if (scope.roles.has(key)) throw entityExists(`Role with name ${input.RoleName} already exists.`);
    const path = checkPath(input.Path);
    const role: RoleRecord = {
      RoleName: input.RoleName,
      RoleId: uniqueId('AROA'),
      Arn: `arn:aws:iam::${ctx.account}:role${path}${input.RoleName}`,
      Path: path,
      AssumeRolePolicyDocument: checkDocument(input.AssumeRolePolicyDocument),
      Description: input.Description,
      MaxSessionDuration: checkMaxSession(input.MaxSessionDuration),
      PermissionsBoundary: input.PermissionsBoundary,
      CreateDate: new Date(),
      Tags: mergeTags([], input.Tags),
      inline: new Map(),
      attached: [],
    };
    scope.roles.set(key, role);
    return { Role: roleView(role) };
  }

  getRole(input: T.GetRoleRequest, ctx: RequestContext): T.GetRoleResponse {
    return { Role: roleView(getRole(this.store.account(ctx.account), input.RoleName)) };
  }

  listRoles(input: T.ListRolesRequest, ctx: RequestContext): T.ListRolesResponse {
    const prefix = input.PathPrefix ?? '/';
    const roles = [...this.store.account(ctx.account).roles.values()]
      .filter((r) => r.Path.startsWith(prefix))
      .sort((a, b) => a.RoleName.localeCompare(b.RoleName));
    return listPage('Roles', roles, input, (r) => roleView(r, false));
  }

  updateRole(input: T.UpdateRoleRequest, ctx: RequestContext): T.UpdateRoleResponse {
    const role = getRole(this.store.account(ctx.account), input.RoleName);
    if (input.MaxSessionDuration !== undefined) role.MaxSessionDuration = checkMaxSession(input.MaxSessionDuration);
    if (input.Description !== undefined) role.Description = input.Description;
    return {};
  }

  updateRoleDescription(input: T.UpdateRoleDescriptionRequest, ctx: RequestContext): T.UpdateRoleDescriptionResponse {
    const role = getRole(this.store.account(ctx.account), input.RoleName);
    role.Description = input.Description;
    return { Role: roleView(role) };
  }

  updateAssumeRolePolicy(input: T.UpdateAssumeRolePolicyRequest, ctx: RequestContext): void {
    const role = getRole(this.store.account(ctx.account), input.RoleName);
    role.AssumeRolePolicyDocument = checkDocument(input.PolicyDocument);
  }

  deleteRole(input: T.DeleteRoleRequest, ctx: RequestContext): void {
    const scope = this.store.account(ctx.account);
    const role = getRole(scope, input.RoleName);
    const key = role.RoleName.toLowerCase();
    if ([...scope.instanceProfiles.values()].some((p) => p.roles.includes(key))) {
      throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
    }
    checkNoPolicies(role);
    scope.roles.delete(key);
  }

  tagRole(input: T.TagRoleRequest, ctx: RequestContext): void {
    tagEntity(getRole(this.store.account(ctx.account), input.RoleName), input.Tags);
  }

  untagRole(input: T.UntagRoleRequest, ctx: RequestContext): void {
    untagEntity(getRole(this.store.account(ctx.account), input.RoleName), input.TagKeys);
  }

  listRoleTags(input: T.ListRoleTagsRequest, ctx: RequestContext): T.ListRoleTagsResponse {
    return listPage('Tags', getRole(this.store.account(ctx.account), input.RoleName).Tags, input);
  }

  putRolePolicy(input: T.PutRolePolicyRequest, ctx: RequestContext): void {
    putInline(getRole(this.store.account(ctx.account), input.RoleName), input.PolicyName, input.PolicyDocument);
  }

  getRolePolicy(input: T.GetRolePolicyRequest, ctx: RequestContext): T.GetRolePolicyResponse {
    const role = getRole(this.store.account(ctx.account), input.RoleName);
    return { RoleName: role.RoleName, PolicyName: input.PolicyName, PolicyDocument: getInline(role, 'role', input.PolicyName) };
  }

  listRolePolicies(input: T.ListRolePoliciesRequest, ctx: RequestContext): T.ListRolePoliciesResponse {
    return listInline(getRole(this.store.account(ctx.account), input.RoleName), input);
  }

  deleteRolePolicy(input: T.DeleteRolePolicyRequest, ctx: RequestContext): void {
    deleteInline(getRole(this.store.account(ctx.account), input.RoleName), 'role', input.PolicyName);
  }

  attachRolePolicy(input: T.AttachRolePolicyRequest, ctx: RequestContext): void {
    const scope = this.store.account(ctx.account);
    attach(scope, getRole(scope, input.RoleName), input.PolicyArn);
  }

  detachRolePolicy(input: T.DetachRolePolicyRequest, ctx: RequestContext): void {
    detach(getRole(this.store.account(ctx.account), input.RoleName), input.PolicyArn);
  }

  listAttachedRolePolicies(input: T.ListAttachedRolePoliciesRequest, ctx: RequestContext): T.ListAttachedRolePoliciesResponse {
    const scope = this.store.account(ctx.account);
    return listAttached(scope, getRole(scope, input.RoleName), input);
  }
}
