// AWS::IAM::Role -> CreateRole, its inline Policies, ManagedPolicyArns and tags.
// Ref is the role name; GetAtt Arn and RoleId.
import type { ResourceContext, ResourceProperties, ResourceResult, ResourceType } from '../../resource.ts';
import { documentText, gone, iam, listDiff, tagList } from './common.ts';

interface InlinePolicy {
  PolicyName: string;
  PolicyDocument: unknown;
}

const inline = (props: ResourceProperties): InlinePolicy[] => (Array.isArray(props.Policies) ? props.Policies : []);

async function result(ctx: ResourceContext, name: string): Promise<ResourceResult> {
  const { Role } = await iam(ctx).getRole({ RoleName: name }, ctx.request);
  return { physicalId: Role.RoleName, attributes: { Arn: Role.Arn, RoleId: Role.RoleId } };
}

async function putPolicies(ctx: ResourceContext, name: string, policies: InlinePolicy[]) {
  for (const p of policies) await iam(ctx).putRolePolicy({ RoleName: name, PolicyName: p.PolicyName, PolicyDocument: documentText(p.PolicyDocument) }, ctx.request);
}

export const role: ResourceType = {
  type: 'AWS::IAM::Role',
  replaceOn: ['Path', 'RoleName'],
  async create(props, ctx) {
    const name: string = props.RoleName ?? ctx.generateName(64);
    await iam(ctx).createRole(
      {
        RoleName: name,
        AssumeRolePolicyDocument: documentText(props.AssumeRolePolicyDocument),
        Path: props.Path,
        Description: props.Description,
        MaxSessionDuration: props.MaxSessionDuration === undefined ? undefined : Number(props.MaxSessionDuration),
        PermissionsBoundary: props.PermissionsBoundary,
        Tags: tagList(props.Tags),
      },
      ctx.request,
    );
    try {
      await putPolicies(ctx, name, inline(props));
      for (const arn of props.ManagedPolicyArns ?? []) await iam(ctx).attachRolePolicy({ RoleName: name, PolicyArn: arn }, ctx.request);
    } catch (err) {
      // The resource failed, so the stack never learns this role's name: remove it here, as
      // CloudFormation leaves nothing of a resource whose creation failed.
      await role.delete(name, props, ctx, { physicalId: name, attributes: {} });
      throw err;
    }
    return result(ctx, name);
  },
  async update(name, oldProps, props, ctx) {
    const api = iam(ctx);
    if (documentText(oldProps.AssumeRolePolicyDocument) !== documentText(props.AssumeRolePolicyDocument)) {
      await api.updateAssumeRolePolicy({ RoleName: name, PolicyDocument: documentText(props.AssumeRolePolicyDocument) }, ctx.request);
    }
    await api.updateRole({ RoleName: name, Description: props.Description ?? '', MaxSessionDuration: Number(props.MaxSessionDuration ?? 3600) }, ctx.request);
    const managed = listDiff(oldProps.ManagedPolicyArns, props.ManagedPolicyArns);
    for (const arn of managed.removed) await gone(() => api.detachRolePolicy({ RoleName: name, PolicyArn: arn }, ctx.request));
    for (const arn of managed.added) await api.attachRolePolicy({ RoleName: name, PolicyArn: arn }, ctx.request);
    const policies = listDiff(inline(oldProps).map((p) => p.PolicyName), inline(props).map((p) => p.PolicyName));
    for (const p of policies.removed) await gone(() => api.deleteRolePolicy({ RoleName: name, PolicyName: p }, ctx.request));
    await putPolicies(ctx, name, inline(props));
    const tags = tagList(props.Tags);
    const staleKeys = tagList(oldProps.Tags).map((t) => t.Key).filter((k) => !tags.some((t) => t.Key === k));
    if (staleKeys.length) await api.untagRole({ RoleName: name, TagKeys: staleKeys }, ctx.request);
    if (tags.length) await api.tagRole({ RoleName: name, Tags: tags }, ctx.request);
    return result(ctx, name);
  },
  async delete(name, _props, ctx) {
    const api = iam(ctx);
    // A role that is already gone is deleted; anything attached goes first.
    await gone(async () => {
      for (const p of (await api.listAttachedRolePolicies({ RoleName: name }, ctx.request)).AttachedPolicies ?? []) {
        await api.detachRolePolicy({ RoleName: name, PolicyArn: p.PolicyArn! }, ctx.request);
      }
      for (const p of (await api.listRolePolicies({ RoleName: name }, ctx.request)).PolicyNames) await api.deleteRolePolicy({ RoleName: name, PolicyName: p }, ctx.request);
      await api.deleteRole({ RoleName: name }, ctx.request);
    });
  },
};
