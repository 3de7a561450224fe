// AWS::IAM::Group -> CreateGroup, its inline Policies and ManagedPolicyArns. Ref is the
// group name; GetAtt Arn.
import type { ResourceContext, ResourceResult, ResourceType } from '../../resource.ts';
import { gone, iam } from './common.ts';
import { addPolicies, removeAllPolicies, updatePolicies } from './holders.ts';

async function result(ctx: ResourceContext, name: string): Promise<ResourceResult> {
  const { Group } = await iam(ctx).getGroup({ GroupName: name }, ctx.request);
  return { physicalId: Group.GroupName, attributes: { Arn: Group.Arn } };
}

export const group: ResourceType = {
  type: 'AWS::IAM::Group',
  replaceOn: ['GroupName'],
  attributes: ['Arn'],
  async create(props, ctx) {
    const name: string = props.GroupName ?? ctx.generateName(128);
    await iam(ctx).createGroup({ GroupName: name, Path: props.Path }, ctx.request);
    try {
      await addPolicies(ctx, 'Group', name, props);
    } catch (err) {
      await group.delete(name, props, ctx, { physicalId: name, attributes: {} });
      throw err;
    }
    return result(ctx, name);
  },
  async update(name, oldProps, props, ctx) {
    if ((oldProps.Path ?? '/') !== (props.Path ?? '/')) await iam(ctx).updateGroup({ GroupName: name, NewPath: props.Path ?? '/' }, ctx.request);
    await updatePolicies(ctx, 'Group', name, oldProps, props);
    return result(ctx, name);
  },
  async delete(name, _props, ctx) {
    await gone(async () => {
      await removeAllPolicies(ctx, 'Group', name);
      await iam(ctx).deleteGroup({ GroupName: name }, ctx.request);
    });
  },
};
