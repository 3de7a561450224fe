// AWS::ApiGateway::Resource: CreateResource under ParentId. Every property is fixed at
// creation, so any change replaces it. Ref is the resource id.
import type { ResourceType } from '../../resource.ts';
import { read, readRequired } from './props.ts';
import { call, ignoreNotFound } from '../service-call.ts';

export const resource: ResourceType = {
  type: 'AWS::ApiGateway::Resource',
  replaceOn: ['ParentId', 'PathPart', 'RestApiId'],

  async create(props, ctx) {
    const p = readRequired(props, ctx, 'ParentId', 'PathPart', 'RestApiId');
    const created = await call(ctx, 'apigateway', 'createResource', { restApiId: p.string('RestApiId')!, parentId: p.string('ParentId')!, pathPart: p.string('PathPart')! });
    return { physicalId: created.id!, attributes: { ResourceId: created.id } };
  },

  async delete(physicalId, props, ctx) {
    const restApiId = read(props, ctx).string('RestApiId')!;
    await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteResource', { restApiId, resourceId: physicalId }));
  },
};
