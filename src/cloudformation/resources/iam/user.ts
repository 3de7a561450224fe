// AWS::IAM::User -> CreateUser, its inline Policies, ManagedPolicyArns, Groups and tags.
// Ref is the user name; GetAtt Arn. A LoginProfile (console password) is not implemented.
import { AwsError } from '../../../protocol/errors.ts';
import type { ResourceContext, ResourceProperties, ResourceResult, ResourceType } from '../../resource.ts';
import { gone, iam, listDiff, tagList, updateTags } from './common.ts';
import { addPolicies, removeAllPolicies, updatePolicies } from './holders.ts';

const groups = (props: ResourceProperties): string[] => (Array.isArray(props.Groups) ? props.Groups.map(String) : []);

function refuseUnimplemented(props: ResourceProperties) {
  if (props.LoginProfile !== undefined) throw new AwsError('ValidationError', "localgate's AWS::IAM::User does not implement LoginProfile: IAM console passwords are not implemented.", 400);
}

async function result(ctx: ResourceContext, name: string): Promise<ResourceResult> {
  const { User } = await iam(ctx).getUser({ UserName: name }, ctx.request);
  return { physicalId: User.UserName, attributes: { Arn: User.Arn } };
}

export const user: ResourceType = {
  type: 'AWS::IAM::User',
  replaceOn: ['UserName'],
  attributes: ['Arn'],
  async create(props, ctx) {
    refuseUnimplemented(props);
    const name: string = props.UserName ?? ctx.generateName(64);
    await iam(ctx).createUser({ UserName: name, Path: props.Path, PermissionsBoundary: props.PermissionsBoundary, Tags: tagList(props.Tags) }, ctx.request);
    try {
      await addPolicies(ctx, 'User', name, props);
      for (const group of groups(props)) await iam(ctx).addUserToGroup({ GroupName: group, UserName: name }, ctx.request);
    } catch (err) {
      // As CloudFormation leaves nothing of a resource whose creation failed.
      await user.delete(name, props, ctx, { physicalId: name, attributes: {} });
      throw err;
    }
    return result(ctx, name);
  },
  async update(name, oldProps, props, ctx) {
    refuseUnimplemented(props);
    if (oldProps.PermissionsBoundary !== props.PermissionsBoundary) {
      throw new AwsError('ValidationError', "localgate's AWS::IAM::User cannot change PermissionsBoundary: PutUserPermissionsBoundary is not implemented.", 400);
    }
    const api = iam(ctx);
    if ((oldProps.Path ?? '/') !== (props.Path ?? '/')) await api.updateUser({ UserName: name, NewPath: props.Path ?? '/' }, ctx.request);
    await updatePolicies(ctx, 'User', name, oldProps, props);
    const membership = listDiff(groups(oldProps), groups(props));
    for (const group of membership.removed) await gone(() => api.removeUserFromGroup({ GroupName: group, UserName: name }, ctx.request));
    for (const group of membership.added) await api.addUserToGroup({ GroupName: group, UserName: name }, ctx.request);
    await updateTags(oldProps.Tags, props.Tags, (TagKeys) => api.untagUser({ UserName: name, TagKeys }, ctx.request), (Tags) => api.tagUser({ UserName: name, Tags }, ctx.request));
    return result(ctx, name);
  },
  async delete(name, props, ctx) {
    const api = iam(ctx);
    await gone(async () => {
      for (const group of groups(props)) await gone(() => api.removeUserFromGroup({ GroupName: group, UserName: name }, ctx.request));
      await removeAllPolicies(ctx, 'User', name);
      await api.deleteUser({ UserName: name }, ctx.request);
    });
  },
};
