// Per-function settings outside FunctionConfiguration: asynchronous invocation settings
// (Put/Get/Update/Delete/ListFunctionEventInvokeConfigs), recursive loop detection, runtime
// management and the (absent) code signing configuration.
import { lambdaErrors } from '../../models/lambda.errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/lambda.types.ts';
import type { LocalLambdaInvoker } from './invoke.ts';
import type { LambdaFunction } from './store.ts';

/** Destination services Lambda accepts for asynchronous invocation records. */
const ON_SUCCESS_SERVICES = ['sqs', 'sns', 'lambda', 'events'];
const ON_FAILURE_SERVICES = [...ON_SUCCESS_SERVICES, 's3'];

function checkDestination(destination: string | undefined, services: string[]) {
  if (!destination) return;
  const service = /^arn:aws[a-zA-Z0-9-]*:([a-zA-Z0-9-]+):/.exec(destination)?.[1];
  if (!service || !services.includes(service)) {
    throw lambdaErrors.invalidParameterValue(`The provided destination config DestinationArn ${destination} is invalid.`);
  }
}

function destinationConfig(config: T.DestinationConfig | undefined): T.DestinationConfig {
  checkDestination(config?.OnSuccess?.Destination, ON_SUCCESS_SERVICES);
  checkDestination(config?.OnFailure?.Destination, ON_FAILURE_SERVICES);
  // Lambda answers both members, empty when not set.
  const out: T.DestinationConfig = { OnSuccess: {}, OnFailure: {} };
  if (config?.OnSuccess?.Destination) out.OnSuccess = { Destination: config.OnSuccess.Destination };
  if (config?.OnFailure?.Destination) out.OnFailure = { Destination: config.OnFailure.Destination };
  return out;
}

export class FunctionSettingsProvider {
  constructor(private readonly invoker: LocalLambdaInvoker) {}

  /** The function and the qualifier ("$LATEST" when none), which must exist. */
  private target(ctx: RequestContext, name: string, qualifier?: string): { fn: LambdaFunction; key: string } {
    const ref = this.invoker.lookup(ctx.account, ctx.region, name, qualifier);
    const key = ref.qualifier ?? '$LATEST';
    if (key !== '$LATEST' && !ref.fn.versions.has(key) && !ref.fn.aliases.has(key)) {
      throw lambdaErrors.resourceNotFound(`Function not found: ${ref.fn.arn}:${key}`);
    }
    return { fn: ref.fn, key };
  }

  private existing(fn: LambdaFunction, key: string): T.FunctionEventInvokeConfig {
    const config = fn.eventInvokeConfigs?.get(key);
    if (!config) throw lambdaErrors.resourceNotFound(`The function ${fn.arn}:${key} doesn't have an EventInvokeConfig`);
    return config;
  }

  private save(fn: LambdaFunction, key: string, input: T.PutFunctionEventInvokeConfigRequest): T.FunctionEventInvokeConfig {
    const config: T.FunctionEventInvokeConfig = {
      LastModified: new Date(),
      FunctionArn: `${fn.arn}:${key}`,
      DestinationConfig: destinationConfig(input.DestinationConfig),
    };
    if (input.MaximumRetryAttempts !== undefined) config.MaximumRetryAttempts = input.MaximumRetryAttempts;
    if (input.MaximumEventAgeInSeconds !== undefined) config.MaximumEventAgeInSeconds = input.MaximumEventAgeInSeconds;
    fn.eventInvokeConfigs ??= new Map();
    fn.eventInvokeConfigs.set(key, config);
    return config;
  }

  /** Replaces the whole configuration: settings left out are removed. */
  putFunctionEventInvokeConfig(input: T.PutFunctionEventInvokeConfigRequest, ctx: RequestContext): T.FunctionEventInvokeConfig {
    const { fn, key } = this.target(ctx, input.FunctionName, input.Qualifier);
    return this.save(fn, key, input);
  }

  /** Changes only the settings given. */
  updateFunctionEventInvokeConfig(input: T.UpdateFunctionEventInvokeConfigRequest, ctx: RequestContext): T.FunctionEventInvokeConfig {
    const { fn, key } = this.target(ctx, input.FunctionName, input.Qualifier);
    const current = this.existing(fn, key);
    return this.save(fn, key, {
      FunctionName: input.FunctionName,
      MaximumRetryAttempts: input.MaximumRetryAttempts ?? current.MaximumRetryAttempts,
      MaximumEventAgeInSeconds: input.MaximumEventAgeInSeconds ?? current.MaximumEventAgeInSeconds,
      DestinationConfig: {
        OnSuccess: input.DestinationConfig?.OnSuccess ?? current.DestinationConfig?.OnSuccess,
        OnFailure: input.DestinationConfig?.OnFailure ?? current.DestinationConfig?.OnFailure,
      },
    });
  }

  getFunctionEventInvokeConfig(input: T.GetFunctionEventInvokeConfigRequest, ctx: RequestContext): T.FunctionEventInvokeConfig {
    const { fn, key } = this.target(ctx, input.FunctionName, input.Qualifier);
    return this.existing(fn, key);
  }

  deleteFunctionEventInvokeConfig(input: T.DeleteFunctionEventInvokeConfigRequest, ctx: RequestContext): void {
    const { fn, key } = this.target(ctx, input.FunctionName, input.Qualifier);
    this.existing(fn, key);
    fn.eventInvokeConfigs!.delete(key);
  }

  listFunctionEventInvokeConfigs(input: T.ListFunctionEventInvokeConfigsRequest, ctx: RequestContext): T.ListFunctionEventInvokeConfigsResponse {
    const { fn } = this.invoker.lookup(ctx.account, ctx.region, input.FunctionName);
    const all = [...(fn.eventInvokeConfigs?.values() ?? [])];
    const start = input.Marker ? Number(Buffer.from(input.Marker, 'base64').toString('utf8')) : 0;
    if (!Number.isInteger(start) || start < 0) throw lambdaErrors.invalidParameterValue('Invalid marker');
    const items = all.slice(start, start + (input.MaxItems ?? 50));
    const end = start + items.length;
    return { FunctionEventInvokeConfigs: items, NextMarker: end < all.length ? Buffer.from(String(end)).toString('base64') : undefined };
  }

  /** localgate has no code signing configurations: every function answers with none. */
  getFunctionCodeSigningConfig(input: T.GetFunctionCodeSigningConfigRequest, ctx: RequestContext): T.GetFunctionCodeSigningConfigResponse {
    const { fn } = this.invoker.lookup(ctx.account, ctx.region, input.FunctionName);
    return { CodeSigningConfigArn: '', FunctionName: fn.name };
  }

  getFunctionRecursionConfig(input: T.GetFunctionRecursionConfigRequest, ctx: RequestContext): T.GetFunctionRecursionConfigResponse {
    const { fn } = this.target(ctx, input.FunctionName);
    return { RecursiveLoop: fn.recursiveLoop ?? 'Terminate' };
  }

  putFunctionRecursionConfig(input: T.PutFunctionRecursionConfigRequest, ctx: RequestContext): T.PutFunctionRecursionConfigResponse {
    const { fn } = this.target(ctx, input.FunctionName);
    fn.recursiveLoop = input.RecursiveLoop;
    return { RecursiveLoop: fn.recursiveLoop };
  }

  private runtimeArn(fn: LambdaFunction, key: string): string {
    return key === '$LATEST' ? fn.arn : `${fn.arn}:${key}`;
  }

  getRuntimeManagementConfig(input: T.GetRuntimeManagementConfigRequest, ctx: RequestContext): T.GetRuntimeManagementConfigResponse {
    const { fn, key } = this.target(ctx, input.FunctionName, input.Qualifier);
    const stored = fn.runtimeManagement?.get(key);
    const out: T.GetRuntimeManagementConfigResponse = { UpdateRuntimeOn: (stored?.UpdateRuntimeOn ?? 'Auto') as T.UpdateRuntimeOn, FunctionArn: this.runtimeArn(fn, key) };
    if (stored?.RuntimeVersionArn) out.RuntimeVersionArn = stored.RuntimeVersionArn;
    return out;
  }

  putRuntimeManagementConfig(input: T.PutRuntimeManagementConfigRequest, ctx: RequestContext): T.PutRuntimeManagementConfigResponse {
    const { fn, key } = this.target(ctx, input.FunctionName, input.Qualifier);
    if (input.UpdateRuntimeOn === 'Manual' && !input.RuntimeVersionArn) {
      throw lambdaErrors.invalidParameterValue('RuntimeVersionArn is required when UpdateRuntimeOn is Manual.');
    }
    if (input.UpdateRuntimeOn !== 'Manual' && input.RuntimeVersionArn) {
      throw lambdaErrors.invalidParameterValue(`RuntimeVersionArn can be specified only when UpdateRuntimeOn is Manual.`);
    }
    fn.runtimeManagement ??= new Map();
    fn.runtimeManagement.set(key, { UpdateRuntimeOn: input.UpdateRuntimeOn, RuntimeVersionArn: input.RuntimeVersionArn });
    const out: T.PutRuntimeManagementConfigResponse = { UpdateRuntimeOn: input.UpdateRuntimeOn, FunctionArn: this.runtimeArn(fn, key) };
    if (input.RuntimeVersionArn) out.RuntimeVersionArn = input.RuntimeVersionArn;
    return out;
  }
}
