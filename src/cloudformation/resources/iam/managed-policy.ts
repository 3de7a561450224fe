// AWS::IAM::ManagedPolicy -> CreatePolicy and attachments to its Roles; a new document
// becomes a new default version. Ref is the policy ARN.
import type { ResourceContext, ResourceProperties, ResourceResult, ResourceType } from '../../resource.ts';
import { documentText, gone, iam, listDiff, noUsersOrGroups } from './common.ts';

const roles = (props: ResourceProperties): string[] => (Array.isArray(props.Roles) ? props.Roles : []);

async function result(ctx: ResourceContext, arn: string): Promise<ResourceResult> {
  const p = (await iam(ctx).getPolicy({ PolicyArn: arn }, ctx.request)).Policy!;
  return {
    physicalId: arn,
    attributes: {
      PolicyArn: p.Arn,
      PolicyId: p.PolicyId,
      AttachmentCount: p.AttachmentCount,
      CreateDate: p.CreateDate?.toISOString(),
      UpdateDate: p.UpdateDate?.toISOString(),
      DefaultVersionId: p.DefaultVersionId,
      IsAttachable: p.IsAttachable,
      PermissionsBoundaryUsageCount: p.PermissionsBoundaryUsageCount,
    },
  };
}

export const managedPolicy: ResourceType = {
  type: 'AWS::IAM::ManagedPolicy',
  replaceOn: ['ManagedPolicyName', 'Path', 'Description'],
  async create(props, ctx) {
    noUsersOrGroups(props, 'AWS::IAM::ManagedPolicy');
    const { Policy } = await iam(ctx).createPolicy(
      { PolicyName: props.ManagedPolicyName ?? ctx.generateName(128), Path: props.Path, Description: props.Description, PolicyDocument: documentText(props.PolicyDocument) },
      ctx.request,
    );
    for (const r of roles(props)) await iam(ctx).attachRolePolicy({ RoleName: r, PolicyArn: Policy!.Arn! }, ctx.request);
    return result(ctx, Policy!.Arn!);
  },
  async update(arn, oldProps, props, ctx) {
    noUsersOrGroups(props, 'AWS::IAM::ManagedPolicy');
    const api = iam(ctx);
    if (documentText(oldProps.PolicyDocument) !== documentText(props.PolicyDocument)) {
      // IAM keeps five versions: the oldest non-default one makes room.
      const versions = (await api.listPolicyVersions({ PolicyArn: arn }, ctx.request)).Versions ?? [];
      if (versions.length >= 5) {
        const oldest = versions.filter((v) => !v.IsDefaultVersion).pop();
        if (oldest) await api.deletePolicyVersion({ PolicyArn: arn, VersionId: oldest.VersionId! }, ctx.request);
      }
      await api.createPolicyVersion({ PolicyArn: arn, PolicyDocument: documentText(props.PolicyDocument), SetAsDefault: true }, ctx.request);
    }
    const diff = listDiff(roles(oldProps), roles(props));
    for (const r of diff.removed) await gone(() => api.detachRolePolicy({ RoleName: r, PolicyArn: arn }, ctx.request));
    for (const r of diff.added) await api.attachRolePolicy({ RoleName: r, PolicyArn: arn }, ctx.request);
    return result(ctx, arn);
  },
  async delete(arn, props, ctx) {
    const api = iam(ctx);
    for (const r of roles(props)) await gone(() => api.detachRolePolicy({ RoleName: r, PolicyArn: arn }, ctx.request));
    await gone(async () => {
      for (const v of (await api.listPolicyVersions({ PolicyArn: arn }, ctx.request)).Versions ?? []) {
        if (!v.IsDefaultVersion) await api.deletePolicyVersion({ PolicyArn: arn, VersionId: v.VersionId! }, ctx.request);
      }
      await api.deletePolicy({ PolicyArn: arn }, ctx.request);
    });
  },
};
