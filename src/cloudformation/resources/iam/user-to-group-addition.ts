// AWS::IAM::UserToGroupAddition -> AddUserToGroup for each of its Users. Ref is a generated id.
import type { ResourceProperties, ResourceType } from '../../resource.ts';
import { gone, iam, listDiff } from './common.ts';

const users = (props: ResourceProperties): string[] => (Array.isArray(props.Users) ? props.Users.map(String) : []);

export const userToGroupAddition: ResourceType = {
  type: 'AWS::IAM::UserToGroupAddition',
  replaceOn: ['GroupName'],
  required: ['GroupName', 'Users'],
  async create(props, ctx) {
    for (const name of users(props)) await iam(ctx).addUserToGroup({ GroupName: props.GroupName, UserName: name }, ctx.request);
    return { physicalId: ctx.generateName(128), attributes: {} };
  },
  async update(id, oldProps, props, ctx) {
    const diff = listDiff(users(oldProps), users(props));
    for (const name of diff.removed) await gone(() => iam(ctx).removeUserFromGroup({ GroupName: props.GroupName, UserName: name }, ctx.request));
    for (const name of diff.added) await iam(ctx).addUserToGroup({ GroupName: props.GroupName, UserName: name }, ctx.request);
    return { physicalId: id, attributes: {} };
  },
  async delete(_id, props, ctx) {
    for (const name of users(props)) await gone(() => iam(ctx).removeUserFromGroup({ GroupName: props.GroupName, UserName: name }, ctx.request));
  },
};
