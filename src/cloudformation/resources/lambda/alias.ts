// AWS::Lambda::Alias -> CreateAlias / UpdateAlias / DeleteAlias. Ref and AliasArn are the
// alias ARN. CloudFormation writes the routing weights as a list, Lambda as a map.
import type { ResourceProperties, ResourceType } from '../../resource.ts';
import { call, ignoreNotFound } from '../service-call.ts';

function aliasInput(props: ResourceProperties) {
  const weights = props.RoutingConfig?.AdditionalVersionWeights;
  return {
    FunctionName: props.FunctionName,
    Name: props.Name,
    FunctionVersion: props.FunctionVersion,
    Description: props.Description ?? '',
    RoutingConfig: Array.isArray(weights)
      ? { AdditionalVersionWeights: Object.fromEntries(weights.map((w: { FunctionVersion: string; FunctionWeight: unknown }) => [w.FunctionVersion, w.FunctionWeight])) }
      : { AdditionalVersionWeights: {} },
  };
}

const result = (aliasArn: string) => ({ physicalId: aliasArn, attributes: { AliasArn: aliasArn } });

export const lambdaAlias: ResourceType = {
  type: 'AWS::Lambda::Alias',
  replaceOn: ['FunctionName', 'Name'],

  async create(props, ctx) {
    const alias = await call(ctx, 'lambda', 'createAlias', aliasInput(props));
    return result(alias.AliasArn!);
  },

  async update(_physicalId, _oldProps, newProps, ctx) {
    const alias = await call(ctx, 'lambda', 'updateAlias', aliasInput(newProps));
    return result(alias.AliasArn!);
  },

  async delete(_physicalId, props, ctx) {
    await ignoreNotFound(() => call(ctx, 'lambda', 'deleteAlias', { FunctionName: props.FunctionName, Name: props.Name }));
  },
};
