// AWS::IAM::ManagedPolicy -> CreatePolicy and attachments to its Roles, Users and Groups; a
// new document becomes a new default version. Ref is the policy ARN.
import type { ResourceContext, ResourceResult, ResourceType } from '../../resource.ts';
import { documentText, gone, iam, listDiff } from './common.ts';
import { holder, holdersOf } from './holders.ts';

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
    const { Policy } = await iam(ctx).createPolicy(
      { PolicyName: props.ManagedPolicyName ?? ctx.generateName(128), Path: props.Path, Description: props.Description, PolicyDocument: documentText(props.PolicyDocument) },
      ctx.request,
    );
    for (const [kind, names] of holdersOf(props)) for (const name of names) await holder(ctx, kind).attach(name, Policy!.Arn!);
    return result(ctx, Policy!.Arn!);
  },
  async update(arn, oldProps, props, ctx) {
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
    const before = new Map(holdersOf(oldProps));
    for (const [kind, names] of holdersOf(props)) {
      const diff = listDiff(before.get(kind), names);
      for (const name of diff.removed) await gone(() => holder(ctx, kind).detach(name, arn));
      for (const name of diff.added) await holder(ctx, kind).attach(name, arn);
    }
    return result(ctx, arn);
  },
  async delete(arn, props, ctx) {
    const api = iam(ctx);
    for (const [kind, names] of holdersOf(props)) for (const name of names) await gone(() => holder(ctx, kind).detach(name, arn));
    await gone(async () => {
      for (const v of (await api.listPolicyVersions({ PolicyArn: arn }, ctx.request)).Versions ?? []) {
        if (!v.IsDefaultVersion) await api.deletePolicyVersion({ PolicyArn: arn, VersionId: v.VersionId! }, ctx.request);
      }
      await api.deletePolicy({ PolicyArn: arn }, ctx.request);
    });
  },
};
