// AWS::Lambda::Version -> PublishVersion. A version is immutable, so any property change
// publishes a new one (replacement). Ref and FunctionArn are the version's ARN.
import type { ResourceType } from '../../resource.ts';
import { call, ignoreNotFound } from '../service-call.ts';

export const lambdaVersion: ResourceType = {
  type: 'AWS::Lambda::Version',
  replaceOn: ['FunctionName', 'Description', 'CodeSha256', 'ProvisionedConcurrencyConfig', 'RuntimePolicy', 'FunctionScalingConfig'],

  async create(props, ctx) {
    const config = await call(ctx, 'lambda', 'publishVersion', { FunctionName: props.FunctionName, CodeSha256: props.CodeSha256, Description: props.Description });
    return { physicalId: config.FunctionArn!, attributes: { FunctionArn: config.FunctionArn, Version: config.Version } };
  },

  async delete(physicalId, _props, ctx) {
    const cut = physicalId.lastIndexOf(':');
    await ignoreNotFound(() => call(ctx, 'lambda', 'deleteFunction', { FunctionName: physicalId.slice(0, cut), Qualifier: physicalId.slice(cut + 1) }));
  },
};
