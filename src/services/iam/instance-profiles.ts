// Instance profiles: a name, a path and (at most) one role.
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/iam.types.ts';
import { AwsError } from '../../protocol/errors.ts';
import { checkPath, deleteConflict, entityExists, getRole, listPage, mergeTags, named, noSuchEntity } from './common.ts';
import { roleView } from './roles.ts';
import { uniqueId, type IamAccount, type IamStore, type InstanceProfileRecord } from './store.ts';

function profileView(scope: IamAccount, p: InstanceProfileRecord): T.InstanceProfile {
  const out: T.InstanceProfile = {
    Path: p.Path,
    InstanceProfileName: p.InstanceProfileName,
    InstanceProfileId: p.InstanceProfileId,
    Arn: p.Arn,
    CreateDate: p.CreateDate,
    Roles: p.roles.map((key) => scope.roles.get(key)).filter((r) => r !== undefined).map((r) => roleView(r, false)),
  };
  if (p.Tags.length) out.Tags = p.Tags;
  return out;
}

const getProfile = (scope: IamAccount, name: string): InstanceProfileRecord => named(scope.instanceProfiles, name, `Instance Profile ${name} cannot be found.`);

export class InstanceProfilesProvider {
  constructor(private readonly store: IamStore) {}

  createInstanceProfile(input: T.CreateInstanceProfileRequest, ctx: RequestContext): T.CreateInstanceProfileResponse {
    const scope = this.store.account(ctx.account);
    const key = input.InstanceProfileName.toLowerCase();
    if (scope.instanceProfiles.has(key)) throw entityExists(`Instance Profile ${input.InstanceProfileName} already exists.`);
    const path = checkPath(input.Path);
    const record: InstanceProfileRecord = {
      InstanceProfileName: input.InstanceProfileName,
      InstanceProfileId: uniqueId('AIPA'),
      Arn: `arn:aws:iam::${ctx.account}:instance-profile${path}${input.InstanceProfileName}`,
      Path: path,
      CreateDate: new Date(),
      Tags: mergeTags([], input.Tags),
      roles: [],
    };
    scope.instanceProfiles.set(key, record);
    return { InstanceProfile: profileView(scope, record) };
  }

  getInstanceProfile(input: T.GetInstanceProfileRequest, ctx: RequestContext): T.GetInstanceProfileResponse {
    const scope = this.store.account(ctx.account);
    return { InstanceProfile: profileView(scope, getProfile(scope, input.InstanceProfileName)) };
  }

  listInstanceProfiles(input: T.ListInstanceProfilesRequest, ctx: RequestContext): T.ListInstanceProfilesResponse {
    const scope = this.store.account(ctx.account);
    const prefix = input.PathPrefix ?? '/';
    const all = [...scope.instanceProfiles.values()].filter((p) => p.Path.startsWith(prefix)).sort((a, b) => a.InstanceProfileName.localeCompare(b.InstanceProfileName));
    return listPage('InstanceProfiles', all, input, (p) => profileView(scope, p));
  }

  listInstanceProfilesForRole(input: T.ListInstanceProfilesForRoleRequest, ctx: RequestContext): T.ListInstanceProfilesForRoleResponse {
    const scope = this.store.account(ctx.account);
    const key = getRole(scope, input.RoleName).RoleName.toLowerCase();
    const all = [...scope.instanceProfiles.values()].filter((p) => p.roles.includes(key));
    return listPage('InstanceProfiles', all, input, (p) => profileView(scope, p));
  }

  deleteInstanceProfile(input: T.DeleteInstanceProfileRequest, ctx: RequestContext): void {
    const scope = this.store.account(ctx.account);
    const p = getProfile(scope, input.InstanceProfileName);
    if (p.roles.length) throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
    scope.instanceProfiles.delete(p.InstanceProfileName.toLowerCase());
  }

  addRoleToInstanceProfile(input: T.AddRoleToInstanceProfileRequest, ctx: RequestContext): void {
    const scope = this.store.account(ctx.account);
    const p = getProfile(scope, input.InstanceProfileName);
    const key = getRole(scope, input.RoleName).RoleName.toLowerCase();
    if (p.roles.length >= 1) throw new AwsError('LimitExceeded', 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1', 409);
    p.roles.push(key);
  }

  removeRoleFromInstanceProfile(input: T.RemoveRoleFromInstanceProfileRequest, ctx: RequestContext): void {
    const scope = this.store.account(ctx.account);
    const p = getProfile(scope, input.InstanceProfileName);
    const key = input.RoleName.toLowerCase();
    const at = p.roles.indexOf(key);
    if (at < 0) throw noSuchEntity(`The role with name ${input.RoleName} cannot be found.`);
    p.roles.splice(at, 1);
  }
}
