// AWS::ApiGateway::Model: CreateModel (a Schema given as an object is sent as its JSON
// text); Schema and Description are patched on update. Ref is the model name, generated
// (alphanumeric, as model names must be) when the template gives none.
import type { ResourceType } from '../../resource.ts';
import { scalarOps } from './patch-ops.ts';
import { read, readRequired } from './props.ts';
import { call, ignoreNotFound } from '../service-call.ts';

export const model: ResourceType = {
  type: 'AWS::ApiGateway::Model',
  replaceOn: ['ContentType', 'Name', 'RestApiId'],

  async create(props, ctx) {
    const p = readRequired(props, ctx, 'RestApiId');
    const created = await call(ctx, 'apigateway', 'createModel', {
      restApiId: p.string('RestApiId')!,
      name: p.string('Name') ?? ctx.generateName().replace(/[^a-zA-Z0-9]/g, ''),
      contentType: p.string('ContentType') ?? 'application/json',
      description: p.string('Description'),
      schema: p.json('Schema'),
    });
    return { physicalId: created.name!, attributes: {} };
  },

  async update(physicalId, oldProps, newProps, ctx) {
    const [before, after] = [read(oldProps, ctx), read(newProps, ctx)];
    const patchOperations = [
      ...scalarOps('/schema', before.json('Schema'), after.json('Schema') ?? before.json('Schema')),
      ...scalarOps('/description', before.string('Description'), after.string('Description')),
    ];
    const restApiId = after.string('RestApiId')!;
    if (patchOperations.length) await call(ctx, 'apigateway', 'updateModel', { restApiId, modelName: physicalId, patchOperations });
    return { physicalId, attributes: {} };
  },

  async delete(physicalId, props, ctx) {
    const restApiId = read(props, ctx).string('RestApiId')!;
    await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteModel', { restApiId, modelName: physicalId }));
  },
};
