// AWS::ApiGateway::GatewayResponse: PutGatewayResponse customises one response type;
// updates patch it; deleting it restores API Gateway's default for that type. The
// response has no id of its own: Ref (and Id) is a generated name.
import type * as T from '../../../models/apigateway.types.ts';
import type { ResourceType } from '../../resource.ts';
import { mapOps, scalarOps } from './patch-ops.ts';
import { read, readRequired } from './props.ts';
import { call, ignoreNotFound } from '../service-call.ts';

export const gatewayResponse: ResourceType = {
  type: 'AWS::ApiGateway::GatewayResponse',
  replaceOn: ['ResponseType', 'RestApiId'],

  async create(props, ctx) {
    const p = readRequired(props, ctx, 'ResponseType', 'RestApiId');
    await call(ctx, 'apigateway', 'putGatewayResponse', {
      restApiId: p.string('RestApiId')!,
      responseType: p.string('ResponseType') as T.GatewayResponseType,
      statusCode: p.string('StatusCode'),
      responseParameters: p.stringMap('ResponseParameters'),
      responseTemplates: p.stringMap('ResponseTemplates'),
    });
    const id = ctx.generateName();
    return { physicalId: id, attributes: { Id: id } };
  },

  async update(physicalId, oldProps, newProps, ctx) {
    const [before, after] = [read(oldProps, ctx), read(newProps, ctx)];
    const patchOperations = [
      ...scalarOps('/statusCode', before.string('StatusCode'), after.string('StatusCode')),
      ...mapOps('/responseParameters', before.stringMap('ResponseParameters'), after.stringMap('ResponseParameters')),
      ...mapOps('/responseTemplates', before.stringMap('ResponseTemplates'), after.stringMap('ResponseTemplates')),
    ];
    const key = { restApiId: after.string('RestApiId')!, responseType: after.string('ResponseType') as T.GatewayResponseType };
    if (patchOperations.length) await call(ctx, 'apigateway', 'updateGatewayResponse', { ...key, patchOperations });
    return { physicalId, attributes: { Id: physicalId } };
  },

  async delete(_physicalId, props, ctx) {
    const p = read(props, ctx);
    await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteGatewayResponse', { restApiId: p.string('RestApiId')!, responseType: p.string('ResponseType') as T.GatewayResponseType }));
  },
};
