// AWS::ApiGateway::RequestValidator: CreateRequestValidator; the two flags are patched on
// update, a new Name or API replaces it. Ref is the validator id.
import type { ResourceType } from '../../resource.ts';
import { scalarOps } from './patch-ops.ts';
import { read, readRequired } from './props.ts';
import { call, ignoreNotFound } from '../service-call.ts';

export const requestValidator: ResourceType = {
  type: 'AWS::ApiGateway::RequestValidator',
  replaceOn: ['Name', 'RestApiId'],

  async create(props, ctx) {
    const p = readRequired(props, ctx, 'RestApiId');
    const created = await call(ctx, 'apigateway', 'createRequestValidator', {
      restApiId: p.string('RestApiId')!,
      name: p.string('Name'),
      validateRequestBody: p.boolean('ValidateRequestBody'),
      validateRequestParameters: p.boolean('ValidateRequestParameters'),
    });
    return { physicalId: created.id!, attributes: { RequestValidatorId: created.id } };
  },

  async update(physicalId, oldProps, newProps, ctx) {
    const [before, after] = [read(oldProps, ctx), read(newProps, ctx)];
    const patchOperations = [
      ...scalarOps('/validateRequestBody', before.boolean('ValidateRequestBody') ?? false, after.boolean('ValidateRequestBody') ?? false),
      ...scalarOps('/validateRequestParameters', before.boolean('ValidateRequestParameters') ?? false, after.boolean('ValidateRequestParameters') ?? false),
    ];
    const restApiId = after.string('RestApiId')!;
    if (patchOperations.length) await call(ctx, 'apigateway', 'updateRequestValidator', { restApiId, requestValidatorId: physicalId, patchOperations });
    return { physicalId, attributes: { RequestValidatorId: physicalId } };
  },

  async delete(physicalId, props, ctx) {
    const restApiId = read(props, ctx).string('RestApiId')!;
    await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteRequestValidator', { restApiId, requestValidatorId: physicalId }));
  },
};
