// AWS::ApiGateway::Authorizer: CreateAuthorizer; updates are UpdateAuthorizer patches.
// Ref is the authorizer id.
import type * as T from '../../../models/apigateway.types.ts';
import type { ResourceType } from '../../resource.ts';
import { scalarOps, setValueOps } from './patch-ops.ts';
import { read, readRequired, required, type Props } from './props.ts';
import { call, ignoreNotFound } from '../service-call.ts';

function fields(p: Props) {
  return {
    name: p.string('Name')!,
    type: p.string('Type') as T.AuthorizerType,
    authType: p.string('AuthType'),
    authorizerUri: p.string('AuthorizerUri'),
    authorizerCredentials: p.string('AuthorizerCredentials'),
    identitySource: p.string('IdentitySource'),
    identityValidationExpression: p.string('IdentityValidationExpression'),
    authorizerResultTtlInSeconds: p.integer('AuthorizerResultTtlInSeconds'),
    providerARNs: p.stringList('ProviderARNs'),
  };
}

export const authorizer: ResourceType = {
  type: 'AWS::ApiGateway::Authorizer',
  replaceOn: ['RestApiId'],

  async create(props, ctx) {
    const p = readRequired(props, ctx, 'RestApiId', 'Type', 'Name');
    const created = await call(ctx, 'apigateway', 'createAuthorizer', { restApiId: p.string('RestApiId')!, ...fields(p) });
    return { physicalId: created.id!, attributes: { AuthorizerId: created.id } };
  },

  async update(physicalId, oldProps, newProps, ctx) {
    required(newProps, ctx, 'Type', 'Name');
    const [was, now] = [fields(read(oldProps, ctx)), fields(read(newProps, ctx))];
    const patchOperations = [
      ...scalarOps('/name', was.name, now.name),
      ...scalarOps('/type', was.type, now.type),
      ...scalarOps('/authType', was.authType, now.authType),
      ...scalarOps('/authorizerUri', was.authorizerUri, now.authorizerUri),
      ...scalarOps('/authorizerCredentials', was.authorizerCredentials, now.authorizerCredentials),
      ...scalarOps('/identitySource', was.identitySource, now.identitySource),
      ...scalarOps('/identityValidationExpression', was.identityValidationExpression, now.identityValidationExpression),
      // TOKEN and REQUEST authorizers cache for 300 seconds unless told otherwise.
      ...scalarOps('/authorizerResultTtlInSeconds', was.authorizerResultTtlInSeconds, now.authorizerResultTtlInSeconds, now.type === 'COGNITO_USER_POOLS' ? undefined : 300),
      ...setValueOps('/providerARNs', was.providerARNs, now.providerARNs),
    ];
    const restApiId = read(newProps, ctx).string('RestApiId')!;
    if (patchOperations.length) await call(ctx, 'apigateway', 'updateAuthorizer', { restApiId, authorizerId: physicalId, patchOperations });
    return { physicalId, attributes: { AuthorizerId: physicalId } };
  },

  async delete(physicalId, props, ctx) {
    const restApiId = read(props, ctx).string('RestApiId')!;
    await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteAuthorizer', { restApiId, authorizerId: physicalId }));
  },
};
