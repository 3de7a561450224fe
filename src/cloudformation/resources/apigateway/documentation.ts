// AWS::ApiGateway::DocumentationPart (CreateDocumentationPart; Properties is patched, a new
// Location replaces it; Ref is the part id) and AWS::ApiGateway::DocumentationVersion
// (CreateDocumentationVersion, a snapshot of the parts; Ref is the version).
import type * as T from '../../../models/apigateway.types.ts';
import type { ResourceType } from '../../resource.ts';
import { scalarOps } from './patch-ops.ts';
import { defined, read, readRequired } from './props.ts';
import { call, ignoreNotFound } from '../service-call.ts';

export const documentationPart: ResourceType = {
  type: 'AWS::ApiGateway::DocumentationPart',
  replaceOn: ['Location', 'RestApiId'],

  async create(props, ctx) {
    const p = readRequired(props, ctx, 'Location', 'Properties', 'RestApiId');
    const l = p.object('Location')!;
    const created = await call(ctx, 'apigateway', 'createDocumentationPart', {
      restApiId: p.string('RestApiId')!,
      location: defined({ type: l.string('Type') as T.DocumentationPartType, path: l.string('Path'), method: l.string('Method'), statusCode: l.string('StatusCode'), name: l.string('Name') }),
      properties: p.json('Properties')!,
    });
    return { physicalId: created.id!, attributes: { DocumentationPartId: created.id } };
  },

  async update(physicalId, oldProps, newProps, ctx) {
    const [before, after] = [read(oldProps, ctx), read(newProps, ctx)];
    const patchOperations = scalarOps('/properties', before.json('Properties'), after.json('Properties') ?? before.json('Properties'));
    if (patchOperations.length) await call(ctx, 'apigateway', 'updateDocumentationPart', { restApiId: after.string('RestApiId')!, documentationPartId: physicalId, patchOperations });
    return { physicalId, attributes: { DocumentationPartId: physicalId } };
  },

  async delete(physicalId, props, ctx) {
    const restApiId = read(props, ctx).string('RestApiId')!;
    await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteDocumentationPart', { restApiId, documentationPartId: physicalId }));
  },
};

export const documentationVersion: ResourceType = {
  type: 'AWS::ApiGateway::DocumentationVersion',
  replaceOn: ['DocumentationVersion', 'RestApiId'],

  async create(props, ctx) {
    const p = readRequired(props, ctx, 'DocumentationVersion', 'RestApiId');
    const created = await call(ctx, 'apigateway', 'createDocumentationVersion', { restApiId: p.string('RestApiId')!, documentationVersion: p.string('DocumentationVersion')!, description: p.string('Description') });
    return { physicalId: created.version!, attributes: {} };
  },

  async update(physicalId, oldProps, newProps, ctx) {
    const [before, after] = [read(oldProps, ctx), read(newProps, ctx)];
    const patchOperations = scalarOps('/description', before.string('Description'), after.string('Description'));
    if (patchOperations.length) await call(ctx, 'apigateway', 'updateDocumentationVersion', { restApiId: after.string('RestApiId')!, documentationVersion: physicalId, patchOperations });
    return { physicalId, attributes: {} };
  },

  async delete(physicalId, props, ctx) {
    const restApiId = read(props, ctx).string('RestApiId')!;
    await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteDocumentationVersion', { restApiId, documentationVersion: physicalId }));
  },
};
