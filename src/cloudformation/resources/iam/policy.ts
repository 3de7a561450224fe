// AWS::IAM::Policy: an inline policy put on each of its Roles. Ref is a generated id.
import type { ResourceProperties, ResourceType } from '../../resource.ts';
import { documentText, gone, iam, listDiff, noUsersOrGroups } from './common.ts';

const roles = (props: ResourceProperties): string[] => (Array.isArray(props.Roles) ? props.Roles : []);

export const policy: ResourceType = {
  type: 'AWS::IAM::Policy',
  replaceOn: ['PolicyName'],
  async create(props, ctx) {
    noUsersOrGroups(props, 'AWS::IAM::Policy');
    for (const r of roles(props)) await iam(ctx).putRolePolicy({ RoleName: r, PolicyName: props.PolicyName, PolicyDocument: documentText(props.PolicyDocument) }, ctx.request);
    const id = ctx.generateName(128);
    return { physicalId: id, attributes: { Id: id } };
  },
  async update(id, oldProps, props, ctx) {
    noUsersOrGroups(props, 'AWS::IAM::Policy');
    for (const r of listDiff(roles(oldProps), roles(props)).removed) await gone(() => iam(ctx).deleteRolePolicy({ RoleName: r, PolicyName: oldProps.PolicyName }, ctx.request));
    for (const r of roles(props)) await iam(ctx).putRolePolicy({ RoleName: r, PolicyName: props.PolicyName, PolicyDocument: documentText(props.PolicyDocument) }, ctx.request);
    return { physicalId: id, attributes: { Id: id } };
  },
  async delete(_id, props, ctx) {
    for (const r of roles(props)) await gone(() => iam(ctx).deleteRolePolicy({ RoleName: r, PolicyName: props.PolicyName }, ctx.request));
  },
};
