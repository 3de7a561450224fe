// AWS::ApiGateway::Account: the region's API Gateway account settings (the CloudWatch
// role), set with UpdateAccount. Deleting the resource leaves the setting as it is, as
// CloudFormation does. Its Ref and Id are a generated name.
import type { ResourceType } from '../../resource.ts';
import { scalarOps } from './patch-ops.ts';
import { read } from './props.ts';
import { call } from '../service-call.ts';

export const account: ResourceType = {
  type: 'AWS::ApiGateway::Account',
  replaceOn: [],

  async create(props, ctx) {
    const role = read(props, ctx).string('CloudWatchRoleArn');
    if (role !== undefined) await call(ctx, 'apigateway', 'updateAccount', { patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: role }] });
    const id = ctx.generateName();
    return { physicalId: id, attributes: { Id: id } };
  },

  async update(physicalId, oldProps, newProps, ctx) {
    const patchOperations = scalarOps('/cloudwatchRoleArn', read(oldProps, ctx).string('CloudWatchRoleArn'), read(newProps, ctx).string('CloudWatchRoleArn'));
    if (patchOperations.length) await call(ctx, 'apigateway', 'updateAccount', { patchOperations });
    return { physicalId, attributes: { Id: physicalId } };
  },

  async delete() {},
};
