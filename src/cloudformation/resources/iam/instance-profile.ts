// AWS::IAM::InstanceProfile -> CreateInstanceProfile with its (one) role. Ref is the name;
// GetAtt Arn.
import type { ResourceProperties, ResourceType } from '../../resource.ts';
import { gone, iam, listDiff } from './common.ts';

const roles = (props: ResourceProperties): string[] => (Array.isArray(props.Roles) ? props.Roles : []);

export const instanceProfile: ResourceType = {
  type: 'AWS::IAM::InstanceProfile',
  replaceOn: ['InstanceProfileName', 'Path'],
  async create(props, ctx) {
    const { InstanceProfile } = await iam(ctx).createInstanceProfile({ InstanceProfileName: props.InstanceProfileName ?? ctx.generateName(128), Path: props.Path }, ctx.request);
    for (const r of roles(props)) await iam(ctx).addRoleToInstanceProfile({ InstanceProfileName: InstanceProfile.InstanceProfileName, RoleName: r }, ctx.request);
    return { physicalId: InstanceProfile.InstanceProfileName, attributes: { Arn: InstanceProfile.Arn } };
  },
  async update(name, oldProps, props, ctx) {
    const diff = listDiff(roles(oldProps), roles(props));
    for (const r of diff.removed) await gone(() => iam(ctx).removeRoleFromInstanceProfile({ InstanceProfileName: name, RoleName: r }, ctx.request));
    for (const r of diff.added) await iam(ctx).addRoleToInstanceProfile({ InstanceProfileName: name, RoleName: r }, ctx.request);
    const { InstanceProfile } = await iam(ctx).getInstanceProfile({ InstanceProfileName: name }, ctx.request);
    return { physicalId: name, attributes: { Arn: InstanceProfile.Arn } };
  },
  async delete(name, props, ctx) {
    for (const r of roles(props)) await gone(() => iam(ctx).removeRoleFromInstanceProfile({ InstanceProfileName: name, RoleName: r }, ctx.request));
    await gone(() => iam(ctx).deleteInstanceProfile({ InstanceProfileName: name }, ctx.request));
  },
};
