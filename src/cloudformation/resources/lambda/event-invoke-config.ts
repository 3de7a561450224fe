// AWS::Lambda::EventInvokeConfig -> PutFunctionEventInvokeConfig (create and update) and
// DeleteFunctionEventInvokeConfig, on a version or alias of a function.
import type { ResourceProperties, ResourceType } from '../../resource.ts';
import { call, ignoreNotFound } from '../service-call.ts';

const configInput = (props: ResourceProperties) => ({
  FunctionName: props.FunctionName,
  Qualifier: props.Qualifier,
  MaximumRetryAttempts: props.MaximumRetryAttempts,
  MaximumEventAgeInSeconds: props.MaximumEventAgeInSeconds,
  DestinationConfig: props.DestinationConfig,
});

export const lambdaEventInvokeConfig: ResourceType = {
  type: 'AWS::Lambda::EventInvokeConfig',
  replaceOn: ['FunctionName', 'Qualifier'],

  async create(props, ctx) {
    await call(ctx, 'lambda', 'putFunctionEventInvokeConfig', configInput(props));
    return { physicalId: ctx.generateName(), attributes: {} };
  },

  async update(physicalId, _oldProps, newProps, ctx) {
    await call(ctx, 'lambda', 'putFunctionEventInvokeConfig', configInput(newProps));
    return { physicalId, attributes: {} };
  },

  async delete(_physicalId, props, ctx) {
    await ignoreNotFound(() => call(ctx, 'lambda', 'deleteFunctionEventInvokeConfig', { FunctionName: props.FunctionName, Qualifier: props.Qualifier }));
  },
};
