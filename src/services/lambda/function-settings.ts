// Per-function settings outside FunctionConfiguration: asynchronous invocation settings
// (Put/Get/Update/Delete/ListFunctionEventInvokeConfigs), recursive loop detection, runtime
// management and the (absent) code signing configuration.
import { lambdaErrors } from '../../models/lambda.errors.ts';
import type { AwsError } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/lambda.types.ts';
import type { LocalLambdaInvoker } from './invoke.ts';
import { notFound } from './arn.ts';
import type { LambdaFunction } from './store.ts';

const noConfig = (arn: string) => lambdaErrors.resourceNotFound(`The function ${arn} doesn't have an EventInvokeConfig`);

/** Destination services Lambda accepts for asynchronous invocation records. */
const ON_SUCCESS_SERVICES = ['sqs', 'sns', 'lambda', 'events'];
const ON_FAILURE_SERVICES = [...ON_SUCCESS_SERVICES, 's3'];

/** The configuration as Lambda's (Java) service quotes it in its error message. */
function describeDestinations(config: T.DestinationConfig): string {
  const side = (name: string, d: { Destination?: string } | undefined) => (d ? `${name}(destination=${d.Destination ?? 'null'})` : 'null');
  return `DestinationConfig(onSuccess=${side('OnSuccess', config.OnSuccess)}, onFailure=${side('OnFailure', config.OnFailure)})`;
}

type FindFunction = (arn: string) => LambdaFunction | undefined;

/** Checks the destinations against what Lambda accepts and answers both members (empty
 * when not set), as Lambda does. */
function destinationConfig(fn: LambdaFunction, config: T.DestinationConfig | undefined, find: FindFunction): T.DestinationConfig {
  const out: T.DestinationConfig = { OnSuccess: {}, OnFailure: {} };
  for (const [side, services] of [['OnSuccess', ON_SUCCESS_SERVICES], ['OnFailure', ON_FAILURE_SERVICES]] as const) {
    const destination = config?.[side]?.Destination;
    if (!destination) continue;
    const service = /^arn:aws[a-zA-Z0-9-]*:([a-zA-Z0-9-]+):/.exec(destination)?.[1];
    if (!service || !services.includes(service)) {
      throw lambdaErrors.invalidParameterValue(`The provided destination config ${describeDestinations(config!)} is invalid.`);
    }
    if (service === 'lambda') {
      const target = find(destination);
      if (target === fn) throw lambdaErrors.invalidParameterValue("You can't specify the function as a destination for itself.");
      if (!target) throw lambdaErrors.invalidParameterValue(`The destination ARN ${destination} is invalid.`);
    }
    out[side] = { Destination: destination };
  }
  return out;
}

const noSuchFunction = () => lambdaErrors.resourceNotFound("The function doesn't exist.");

export class FunctionSettingsProvider {
  constructor(private readonly invoker: LocalLambdaInvoker) {}

  /** The function and the qualifier ("$LATEST" when none), which must exist; `missing` is the
   * error for a function or qualifier that does not. */
  private target(ctx: RequestContext, name: string, qualifier?: string, missing?: (arn: string) => AwsError): { fn: LambdaFunction; key: string } {
    const ref = this.invoker.find(ctx.account, ctx.region, name, qualifier);
    const key = ref.qualifier ?? '$LATEST';
    const exists = ref.fn && (key === '$LATEST' || ref.fn.versions.has(key) || ref.fn.aliases.has(key));
    if (!exists) throw missing ? missing(`${ref.arn}:${key}`) : notFound(ref.fn ? `${ref.arn}:${key}` : ref.arn);
    return { fn: ref.fn!, key };
  }

  /** Put, Update and List say "The function doesn't exist."; Get and Delete that there is no
   * configuration for the (missing) function. */
  private invokeConfigTarget(ctx: RequestContext, name: string, qualifier: string | undefined, op: 'change' | 'read') {
    return this.target(ctx, name, qualifier, op === 'change' ? noSuchFunction : noConfig);
  }

  private existing(fn: LambdaFunction, key: string): T.FunctionEventInvokeConfig {
    const config = fn.eventInvokeConfigs?.get(key);
    if (!config) throw noConfig(`${fn.arn}:${key}`);
    return config;
  }

  private findFunction: FindFunction = (arn) => {
    try {
      const [, , , region, account] = arn.split(':');
      return this.invoker.find(account, region, arn).fn;
    } catch {
      return undefined;
    }
  };

  private save(fn: LambdaFunction, key: string, input: T.PutFunctionEventInvokeConfigRequest): T.FunctionEventInvokeConfig {
    const config: T.FunctionEventInvokeConfig = {
      LastModified: new Date(),
      FunctionArn: `${fn.arn}:${key}`,
      DestinationConfig: destinationConfig(fn, input.DestinationConfig, this.findFunction),
    };
    if (input.MaximumRetryAttempts !== undefined) config.MaximumRetryAttempts = input.MaximumRetryAttempts;
    if (input.MaximumEventAgeInSeconds !== undefined) config.MaximumEventAgeInSeconds = input.MaximumEventAgeInSeconds;
    fn.eventInvokeConfigs ??= new Map();
    fn.eventInvokeConfigs.set(key, config);
    return config;
  }

  /** Replaces the whole configuration: settings left out are removed. */
  putFunctionEventInvokeConfig(input: T.PutFunctionEventInvokeConfigRequest, ctx: RequestContext): T.FunctionEventInvokeConfig {
    const { fn, key } = this.invokeConfigTarget(ctx, input.FunctionName, input.Qualifier, 'change');
    if (input.MaximumRetryAttempts === undefined && input.MaximumEventAgeInSeconds === undefined && input.DestinationConfig === undefined) {
      throw lambdaErrors.invalidParameterValue('You must specify at least one of error handling or destination setting.');
    }
    return this.save(fn, key, input);
  }

  /** Changes only the settings given. */
  updateFunctionEventInvokeConfig(input: T.UpdateFunctionEventInvokeConfigRequest, ctx: RequestContext): T.FunctionEventInvokeConfig {
    const { fn, key } = this.invokeConfigTarget(ctx, input.FunctionName, input.Qualifier, 'change');
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
    const { fn, key } = this.invokeConfigTarget(ctx, input.FunctionName, input.Qualifier, 'read');
    return this.existing(fn, key);
  }

  deleteFunctionEventInvokeConfig(input: T.DeleteFunctionEventInvokeConfigRequest, ctx: RequestContext): void {
    const { fn, key } = this.invokeConfigTarget(ctx, input.FunctionName, input.Qualifier, 'read');
    this.existing(fn, key);
    fn.eventInvokeConfigs!.delete(key);
  }

  listFunctionEventInvokeConfigs(input: T.ListFunctionEventInvokeConfigsRequest, ctx: RequestContext): T.ListFunctionEventInvokeConfigsResponse {
    const { fn } = this.invokeConfigTarget(ctx, input.FunctionName, undefined, 'change');
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
