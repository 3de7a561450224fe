// Managed policies: customer managed ones (create, read, versions, delete) and the AWS
// managed ones every account sees (attaching them is the holders' own: roles.ts, users.ts,
// groups.ts).
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/iam.types.ts';
import { AwsError } from '../../protocol/errors.ts';
import { AWS_MANAGED_POLICIES } from './aws-managed.ts';
import { checkDocument, checkPath, deleteConflict, encodeDocument, entityExists, listPage, mergeTags, noSuchEntity } from './common.ts';
import { attachmentCount, findPolicy } from './holder-policies.ts';
import { uniqueId, type IamAccount, type IamStore, type ManagedPolicyRecord } from './store.ts';

/** IAM keeps at most five versions of a managed policy. */
const MAX_VERSIONS = 5;

function policyView(scope: IamAccount, p: ManagedPolicyRecord, withTags: boolean): T.Policy {
  const out: T.Policy = {
    PolicyName: p.PolicyName,
    PolicyId: p.PolicyId,
    Arn: p.Arn,
    Path: p.Path,
    DefaultVersionId: p.DefaultVersionId,
    AttachmentCount: attachmentCount(scope, p.Arn),
    PermissionsBoundaryUsageCount: [...scope.roles.values(), ...scope.users.values()].filter((r) => r.PermissionsBoundary === p.Arn).length,
    IsAttachable: true,
    CreateDate: p.CreateDate,
    UpdateDate: p.UpdateDate,
  };
  if (p.Description !== undefined) out.Description = p.Description;
  if (withTags && p.Tags.length) out.Tags = p.Tags;
  return out;
}

/** Whether a policy is in use (as a permissions policy, a boundary, or either). */
function usedAs(v: T.Policy, filter: T.PolicyUsageType | undefined): boolean {
  if (filter === 'PermissionsPolicy') return v.AttachmentCount! > 0;
  if (filter === 'PermissionsBoundary') return v.PermissionsBoundaryUsageCount! > 0;
  return v.AttachmentCount! > 0 || v.PermissionsBoundaryUsageCount! > 0;
}

export class PoliciesProvider {
  constructor(private readonly store: IamStore) {}

  private policy(scope: IamAccount, arn: string): ManagedPolicyRecord {
    const p = findPolicy(scope, arn);
    if (!p) throw noSuchEntity(`Policy ${arn} was not found.`);
    return p;
  }

  private owned(scope: IamAccount, arn: string): ManagedPolicyRecord {
    const p = scope.policies.get(arn);
    if (p) return p;
    if (AWS_MANAGED_POLICIES.has(arn)) throw new AwsError('AccessDenied', `Cannot modify the AWS managed policy ${arn}.`, 403);
    throw noSuchEntity(`Policy ${arn} was not found.`);
  }

  createPolicy(input: T.CreatePolicyRequest, ctx: RequestContext): T.CreatePolicyResponse {
    const scope = this.store.account(ctx.account);
    const path = checkPath(input.Path);
    const arn = `arn:aws:iam::${ctx.account}:policy${path}${input.PolicyName}`;
    const taken = [...scope.policies.values()].some((p) => p.PolicyName.toLowerCase() === input.PolicyName.toLowerCase());
    if (taken) throw entityExists(`A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`);
    const now = new Date();
    const record: ManagedPolicyRecord = {
      PolicyName: input.PolicyName,
      PolicyId: uniqueId('ANPA'),
      Arn: arn,
      Path: path,
      Description: input.Description,
      CreateDate: now,
      UpdateDate: now,
      DefaultVersionId: 'v1',
      versions: [{ VersionId: 'v1', Document: checkDocument(input.PolicyDocument), CreateDate: now }],
      nextVersion: 2,
      Tags: mergeTags([], input.Tags),
    };
    scope.policies.set(arn, record);
    return { Policy: policyView(scope, record, true) };
  }

  getPolicy(input: T.GetPolicyRequest, ctx: RequestContext): T.GetPolicyResponse {
    const scope = this.store.account(ctx.account);
    return { Policy: policyView(scope, this.policy(scope, input.PolicyArn), true) };
  }

  listPolicies(input: T.ListPoliciesRequest, ctx: RequestContext): T.ListPoliciesResponse {
    const scope = this.store.account(ctx.account);
    const kind = input.Scope ?? 'All';
    const candidates = [
      ...(kind === 'Local' ? [] : AWS_MANAGED_POLICIES.values()),
      ...(kind === 'AWS' ? [] : scope.policies.values()),
    ];
    const prefix = input.PathPrefix ?? '/';
    const views = candidates
      .filter((p) => p.Path.startsWith(prefix))
      .map((p) => policyView(scope, p, false))
      .filter((v) => (!input.OnlyAttached && !input.PolicyUsageFilter) || usedAs(v, input.PolicyUsageFilter));
    return listPage('Policies', views, input);
  }

  deletePolicy(input: T.DeletePolicyRequest, ctx: RequestContext): void {
    const scope = this.store.account(ctx.account);
    const p = this.owned(scope, input.PolicyArn);
    if (attachmentCount(scope, p.Arn) > 0) throw deleteConflict('Cannot delete a policy attached to entities.');
    if (p.versions.length > 1) throw deleteConflict('This policy has more than one version. Before you delete a policy, you must delete the policy\'s versions. The default version is deleted with the policy.');
    scope.policies.delete(p.Arn);
  }

  getPolicyVersion(input: T.GetPolicyVersionRequest, ctx: RequestContext): T.GetPolicyVersionResponse {
    const p = this.policy(this.store.account(ctx.account), input.PolicyArn);
    const v = p.versions.find((x) => x.VersionId === input.VersionId);
    if (!v) throw noSuchEntity(`Policy ${p.Arn} version ${input.VersionId} does not exist or is not attachable.`);
    return { PolicyVersion: { Document: encodeDocument(v.Document), VersionId: v.VersionId, IsDefaultVersion: v.VersionId === p.DefaultVersionId, CreateDate: v.CreateDate } };
  }

  listPolicyVersions(input: T.ListPolicyVersionsRequest, ctx: RequestContext): T.ListPolicyVersionsResponse {
    const p = this.policy(this.store.account(ctx.account), input.PolicyArn);
    const versions = [...p.versions].reverse().map((v) => ({ VersionId: v.VersionId, IsDefaultVersion: v.VersionId === p.DefaultVersionId, CreateDate: v.CreateDate }));
    return listPage('Versions', versions, input);
  }

  createPolicyVersion(input: T.CreatePolicyVersionRequest, ctx: RequestContext): T.CreatePolicyVersionResponse {
    const p = this.owned(this.store.account(ctx.account), input.PolicyArn);
    if (p.versions.length >= MAX_VERSIONS) {
      throw new AwsError('LimitExceeded', `A managed policy can have up to ${MAX_VERSIONS} versions. Before you create a new version, you must delete an existing version.`, 409);
    }
    const v = { VersionId: `v${p.nextVersion++}`, Document: checkDocument(input.PolicyDocument), CreateDate: new Date() };
    p.versions.push(v);
    if (input.SetAsDefault) {
      p.DefaultVersionId = v.VersionId;
      p.UpdateDate = v.CreateDate;
    }
    return { PolicyVersion: { VersionId: v.VersionId, IsDefaultVersion: v.VersionId === p.DefaultVersionId, CreateDate: v.CreateDate } };
  }

  setDefaultPolicyVersion(input: T.SetDefaultPolicyVersionRequest, ctx: RequestContext): void {
    const p = this.owned(this.store.account(ctx.account), input.PolicyArn);
    if (!p.versions.some((v) => v.VersionId === input.VersionId)) throw noSuchEntity(`Policy ${p.Arn} version ${input.VersionId} does not exist or is not attachable.`);
    p.DefaultVersionId = input.VersionId;
    p.UpdateDate = new Date();
  }

  deletePolicyVersion(input: T.DeletePolicyVersionRequest, ctx: RequestContext): void {
    const p = this.owned(this.store.account(ctx.account), input.PolicyArn);
    const at = p.versions.findIndex((v) => v.VersionId === input.VersionId);
    if (at < 0) throw noSuchEntity(`Policy ${p.Arn} version ${input.VersionId} does not exist or is not attachable.`);
    if (input.VersionId === p.DefaultVersionId) throw deleteConflict('Cannot delete the default version of a policy.');
    p.versions.splice(at, 1);
  }
}
