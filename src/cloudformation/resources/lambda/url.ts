// AWS::Lambda::Url -> CreateFunctionUrlConfig / UpdateFunctionUrlConfig / Delete. Ref and
// FunctionArn are the function's ARN (with the qualifier, when one is set); FunctionUrl is
// the URL localgate serves.
import type { ResourceProperties, ResourceType } from '../../resource.ts';
import { call, ignoreNotFound } from '../service-call.ts';

/** A new URL has no Cors unless the template gives one (test_lambda.snapshot.json,
 * test_cfn_function_url); an update sends {} to clear what the template dropped. */
const urlInput = (props: ResourceProperties, noCors: {} | undefined) => ({
  FunctionName: props.TargetFunctionArn,
  Qualifier: props.Qualifier,
  AuthType: props.AuthType,
  Cors: props.Cors ?? noCors,
  InvokeMode: props.InvokeMode,
});

const result = (url: { FunctionArn?: string; FunctionUrl?: string }) => ({
  physicalId: url.FunctionArn!,
  attributes: { FunctionArn: url.FunctionArn, FunctionUrl: url.FunctionUrl },
});

export const lambdaUrl: ResourceType = {
  type: 'AWS::Lambda::Url',
  replaceOn: ['TargetFunctionArn', 'Qualifier'],

  async create(props, ctx) {
    return result(await call(ctx, 'lambda', 'createFunctionUrlConfig', urlInput(props, undefined)));
  },

  async update(_physicalId, _oldProps, newProps, ctx) {
    return result(await call(ctx, 'lambda', 'updateFunctionUrlConfig', urlInput(newProps, {})));
  },

  async delete(_physicalId, props, ctx) {
    await ignoreNotFound(() => call(ctx, 'lambda', 'deleteFunctionUrlConfig', { FunctionName: props.TargetFunctionArn, Qualifier: props.Qualifier }));
  },
};
