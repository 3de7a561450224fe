// AWS::Lambda::Permission -> AddPermission with a statement id CloudFormation generates
// ({stack}-{logicalId}-{random}); Ref and Id are that statement id. Every property change
// replaces the permission.
import type { ResourceType } from '../../resource.ts';
import { call, ignoreNotFound } from '../service-call.ts';

export const lambdaPermission: ResourceType = {
  type: 'AWS::Lambda::Permission',
  replaceOn: ['Action', 'EventSourceToken', 'FunctionName', 'FunctionUrlAuthType', 'InvokedViaFunctionUrl', 'Principal', 'PrincipalOrgID', 'SourceAccount', 'SourceArn'],

  async create(props, ctx) {
    const statementId = ctx.generateName(100);
    await call(ctx, 'lambda', 'addPermission', { ...props, StatementId: statementId });
    return { physicalId: statementId, attributes: { Id: statementId } };
  },

  async delete(physicalId, props, ctx) {
    await ignoreNotFound(() => call(ctx, 'lambda', 'removePermission', { FunctionName: props.FunctionName, StatementId: physicalId }));
  },
};
