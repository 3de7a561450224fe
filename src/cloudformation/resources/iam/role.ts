// AWS::IAM::Role -> CreateRole, its inline Policies, ManagedPolicyArns and tags.
// Ref is the role name; GetAtt Arn and RoleId.
import type { ResourceContext, ResourceResult, ResourceType } from '../../resource.ts';
import { documentText, gone, iam, tagList, updateTags } from './common.ts';
import { addPolicies, removeAllPolicies, updatePolicies } from './holders.ts';

async function result(ctx: ResourceContext, name: string): Promise<ResourceResult> {
  const { Role } = await iam(ctx).getRole({ RoleName: name }, ctx.request);
  return { physicalId: Role.RoleName, attributes: { Arn: Role.Arn, RoleId: Role.RoleId } };
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
      await addPolicies(ctx, 'Role', name, props);
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
    await updatePolicies(ctx, 'Role', name, oldProps, props);
    await updateTags(oldProps.Tags, props.Tags, (TagKeys) => api.untagRole({ RoleName: name, TagKeys }, ctx.request), (Tags) => api.tagRole({ RoleName: name, Tags }, ctx.request));
    return result(ctx, name);
  },
  async delete(name, _props, ctx) {
    // A role that is already gone is deleted; anything attached goes first.
    await gone(async () => {
      await removeAllPolicies(ctx, 'Role', name);
      await iam(ctx).deleteRole({ RoleName: name }, ctx.request);
    });
  },
};
