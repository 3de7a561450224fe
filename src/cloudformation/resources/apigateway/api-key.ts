// AWS::ApiGateway::ApiKey: CreateApiKey (named after the stack and logical id when the
// template gives no Name); updates are UpdateApiKey patches. Ref is the key id.
import type { ResourceType } from '../../resource.ts';
import { scalarOps, setValueOps } from './patch-ops.ts';
import { invalidProperty, read, retag, stackTags, type Props } from './props.ts';
import { call, ignoreNotFound } from '../service-call.ts';

/** StageKeys as the "restApiId/stageName" members UpdateApiKey's /stages path takes. */
function stageKeys(p: Props): { restApiId: string; stageName: string }[] {
  return p.objects('StageKeys').map((k, i) => {
    const restApiId = k.string('RestApiId');
    const stageName = k.string('StageName');
    if (!restApiId || !stageName) throw invalidProperty(p.ctx, `#/StageKeys/${i}: RestApiId and StageName are both required`);
    return { restApiId, stageName };
  });
}

const stagePaths = (p: Props) => stageKeys(p).map((k) => `${k.restApiId}/${k.stageName}`);

export const apiKey: ResourceType = {
  type: 'AWS::ApiGateway::ApiKey',
  replaceOn: ['GenerateDistinctId', 'Name', 'Value'],

  async create(props, ctx) {
    const p = read(props, ctx);
    const created = await call(ctx, 'apigateway', 'createApiKey', {
      name: p.string('Name') ?? ctx.generateName(1024),
      description: p.string('Description'),
      enabled: p.boolean('Enabled') ?? false,
      customerId: p.string('CustomerId'),
      value: p.string('Value'),
      generateDistinctId: p.boolean('GenerateDistinctId'),
      stageKeys: stageKeys(p),
      tags: { ...p.tags(), ...stackTags(ctx) },
    });
    return { physicalId: created.id!, attributes: { APIKeyId: created.id } };
  },

  async update(physicalId, oldProps, newProps, ctx) {
    const [before, after] = [read(oldProps, ctx), read(newProps, ctx)];
    const patchOperations = [
      ...scalarOps('/description', before.string('Description'), after.string('Description')),
      ...scalarOps('/enabled', before.boolean('Enabled') ?? false, after.boolean('Enabled') ?? false),
      ...scalarOps('/customerId', before.string('CustomerId'), after.string('CustomerId')),
      ...setValueOps('/stages', stagePaths(before), stagePaths(after)),
    ];
    if (patchOperations.length) await call(ctx, 'apigateway', 'updateApiKey', { apiKey: physicalId, patchOperations });
    await retag(ctx, `/apikeys/${physicalId}`, oldProps, newProps);
    return { physicalId, attributes: { APIKeyId: physicalId } };
  },

  async delete(physicalId, _props, ctx) {
    await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteApiKey', { apiKey: physicalId }));
  },
};
