// Builds and validates a function's configuration (FunctionConfiguration) from
// CreateFunction / UpdateFunctionConfiguration input, with Lambda's defaults.
import { createHash, randomUUID } from 'node:crypto';
import { loadModel } from '../../protocol/model.ts';
import { lambdaErrors } from '../../models/lambda.errors.ts';
import type { CreateFunctionRequest, FunctionConfiguration, SnapStartApplyOn, UpdateFunctionConfigurationRequest, VpcConfig, VpcConfigResponse } from '../../models/lambda.types.ts';
import { blockedRuntimeMessage, blockedSince, SUPPORTED_RUNTIMES, versionMismatchNote } from '../../runtime/runtimes.ts';
import type { CodeRef } from './store.ts';

/** Variables Lambda sets itself; a function may not define them. */
const RESERVED_VARIABLES = [
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
];

/** "2024-01-02T03:04:05.678+0000", Lambda's LastModified format. */
export function lastModified(date = new Date()): string {
  return date.toISOString().replace('Z', '+0000');
}

/** How CreateFunction / UpdateFunctionConfiguration treat runtimes AWS no longer accepts. */
export interface RuntimePolicy {
  /** Refuse them with AWS's own error (--strict-runtimes), instead of a warning. */
  strict: boolean;
  warn(message: string): void;
}

function checkRuntime(runtime: string | undefined, functionName: string, policy: RuntimePolicy) {
  if (runtime === undefined) throw lambdaErrors.invalidParameterValue('Runtime is required for .zip file packaged functions.');
  const known = runtimeEnum();
  if (!known.includes(runtime)) {
    throw lambdaErrors.invalidParameterValue(`Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${known.join(', ')}] or be a valid ARN`);
  }
  if (!(runtime in SUPPORTED_RUNTIMES)) {
    throw lambdaErrors.invalidParameterValue(
      `The runtime parameter of ${runtime} is not supported by localgate. Supported runtimes: ${Object.keys(SUPPORTED_RUNTIMES).join(', ')}.`,
    );
  }
  const since = blockedSince(runtime);
  if (since !== undefined) {
    if (policy.strict) throw lambdaErrors.invalidParameterValue(blockedRuntimeMessage(runtime));
    policy.warn(`localgate: ${functionName} uses ${runtime}, which AWS refuses for new and updated functions since ${since}; it runs here anyway (--strict-runtimes refuses it as AWS does)`);
  }
  const note = versionMismatchNote(runtime);
  if (note !== undefined) policy.warn(note);
}

/** The Lambda model's Runtime values: what AWS accepts at all (localgate runs fewer of them). */
function runtimeEnum(): string[] {
  return loadModel('lambda').shapes.Runtime?.enum ?? [];
}

/** The managed runtime version a function runs on: one ARN per runtime and region, shaped
 * like Lambda's (arn:aws:lambda:{region}::runtime:{64 hex}). */
export function runtimeVersionConfig(runtime: string, region: string): { RuntimeVersionArn: string } {
  return { RuntimeVersionArn: `arn:aws:lambda:${region}::runtime:${createHash('sha256').update(runtime).digest('hex')}` };
}

/** The runtimes SnapStart works with: Java 11 and later, Python 3.12 and later, .NET 8 and later. */
const SNAPSTART_RUNTIMES = /^(java(1[1-9]|[2-9]\d)|python3\.(1[2-9]|[2-9]\d)|dotnet([89]|\d{2}))$/;

/** A configuration's SnapStart: `$LATEST` is never optimized (published versions are, see
 * versions.ts), and runtimes without SnapStart refuse it (test_lambda_api.snapshot.json,
 * test_snapstart_exceptions, test_snapstart_lifecycle). */
function snapStart(applyOn: string | undefined, runtime: string): FunctionConfiguration['SnapStart'] {
  if (applyOn === 'PublishedVersions' && !SNAPSTART_RUNTIMES.test(runtime)) {
    throw lambdaErrors.invalidParameterValue(`${runtime} is not supported for SnapStart enabled functions.`);
  }
  return { ApplyOn: (applyOn ?? 'None') as SnapStartApplyOn, OptimizationStatus: 'Off' };
}

/** VpcConfig as Lambda answers it (test_lambda_api.snapshot.json, TestLambdaFunction::
 * test_vpc_config): both lists, Ipv6AllowedForDualStack false unless set, and VpcId "" once
 * the subnets are removed. With subnets, VpcId is the subnets' VPC, which localgate (having
 * no EC2) cannot name, so it is left out. Functions run here outside any VPC either way. */
function vpcConfig(input: VpcConfig): VpcConfigResponse {
  const out: VpcConfigResponse = {
    Ipv6AllowedForDualStack: input.Ipv6AllowedForDualStack ?? false,
    SecurityGroupIds: [...(input.SecurityGroupIds ?? [])],
    SubnetIds: [...(input.SubnetIds ?? [])],
  };
  if (!out.SubnetIds!.length) out.VpcId = '';
  return out;
}

function checkHandler(runtime: string, handler: string | undefined) {
  if (runtime.startsWith('provided')) return;
  if (!handler) throw lambdaErrors.invalidParameterValue('Handler is required for .zip file packaged functions.');
  if (!/^[^\s]+$/.test(handler) || !handler.includes('.')) {
    throw lambdaErrors.invalidParameterValue(`The handler ${handler} is not valid: it must be file.function (e.g. index.handler).`);
  }
}

function checkVariables(vars: Record<string, string> | undefined) {
  if (!vars) return;
  const reserved = Object.keys(vars).filter((k) => RESERVED_VARIABLES.includes(k));
  if (reserved.length) {
    throw lambdaErrors.invalidParameterValue(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`,
    );
  }
  for (const key of Object.keys(vars)) {
    if (!/^[a-zA-Z]([a-zA-Z0-9_])*$/.test(key)) {
      throw lambdaErrors.invalidParameterValue(`Lambda was unable to configure your environment variables because the environment variables you have provided contains an invalid key: ${key}`);
    }
  }
  const measured = JSON.stringify(vars);
  if (Buffer.byteLength(measured) > 4096) {
    throw lambdaErrors.invalidParameterValue(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
}

export function newConfiguration(input: CreateFunctionRequest, arn: string, code: CodeRef, policy: RuntimePolicy): FunctionConfiguration {
  checkRuntime(input.Runtime, input.FunctionName, policy);
  checkHandler(input.Runtime!, input.Handler);
  checkVariables(input.Environment?.Variables);
  const config: FunctionConfiguration = {
    FunctionName: input.FunctionName,
    FunctionArn: arn,
    Runtime: input.Runtime,
    Role: input.Role,
    Handler: input.Handler,
    CodeSize: code.size,
    Description: input.Description ?? '',
    Timeout: input.Timeout ?? 3,
    MemorySize: input.MemorySize ?? 128,
    LastModified: lastModified(),
    CodeSha256: code.sha256,
    Version: '$LATEST',
    TracingConfig: { Mode: input.TracingConfig?.Mode ?? 'PassThrough' },
    RevisionId: randomUUID(),
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    RuntimeVersionConfig: runtimeVersionConfig(input.Runtime!, arn.split(':')[3]),
    Architectures: input.Architectures ?? ['x86_64'],
    EphemeralStorage: { Size: input.EphemeralStorage?.Size ?? 512 },
    SnapStart: snapStart(input.SnapStart?.ApplyOn, input.Runtime!),
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${input.FunctionName}`, ...input.LoggingConfig },
  };
  if (input.Environment?.Variables) config.Environment = { Variables: { ...input.Environment.Variables } };
  if (input.DeadLetterConfig?.TargetArn) config.DeadLetterConfig = { TargetArn: input.DeadLetterConfig.TargetArn };
  // Lambda answers a customer managed key only when one is set (FunctionConfiguration.KMSKeyArn).
  if (input.KMSKeyArn) config.KMSKeyArn = input.KMSKeyArn;
  if (input.VpcConfig) config.VpcConfig = vpcConfig(input.VpcConfig);
  checkLimits(config);
  return config;
}

function checkLimits(config: FunctionConfiguration) {
  if (config.Timeout! > 900) {
    throw lambdaErrors.invalidParameterValue(`1 validation error detected: Value ${config.Timeout} at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900`);
  }
  if (config.MemorySize! > 10240) {
    throw lambdaErrors.invalidParameterValue(`1 validation error detected: Value ${config.MemorySize} at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240`);
  }
}

/** A new $LATEST configuration with the update applied (the input is validated first). */
export function updatedConfiguration(current: FunctionConfiguration, input: UpdateFunctionConfigurationRequest, policy: RuntimePolicy): FunctionConfiguration {
  const next: FunctionConfiguration = { ...current };
  if (input.Runtime !== undefined) checkRuntime(input.Runtime, current.FunctionName!, policy);
  const runtime = input.Runtime ?? current.Runtime!;
  if (input.Handler !== undefined || input.Runtime !== undefined) checkHandler(runtime, input.Handler ?? current.Handler);
  checkVariables(input.Environment?.Variables);
  if (input.Runtime !== undefined) {
    next.Runtime = input.Runtime;
    next.RuntimeVersionConfig = runtimeVersionConfig(input.Runtime, current.FunctionArn!.split(':')[3]);
  }
  if (input.Handler !== undefined) next.Handler = input.Handler;
  if (input.Timeout !== undefined) next.Timeout = input.Timeout;
  if (input.MemorySize !== undefined) next.MemorySize = input.MemorySize;
  if (input.Description !== undefined) next.Description = input.Description;
  if (input.Role !== undefined) next.Role = input.Role;
  if (input.Environment !== undefined) {
    next.Environment = input.Environment.Variables ? { Variables: { ...input.Environment.Variables } } : undefined;
  }
  if (input.TracingConfig?.Mode) next.TracingConfig = { Mode: input.TracingConfig.Mode };
  // A DeadLetterConfig without TargetArn changes nothing (test_lambda_destinations.snapshot.json,
  // TestLambdaDLQ::test_dead_letter_queue, delete_dlq); an empty TargetArn removes it.
  const deadLetterTarget = input.DeadLetterConfig?.TargetArn;
  if (deadLetterTarget !== undefined) next.DeadLetterConfig = deadLetterTarget ? { TargetArn: deadLetterTarget } : undefined;
  // An empty KMSKeyArn goes back to Lambda's own key.
  if (input.KMSKeyArn !== undefined) next.KMSKeyArn = input.KMSKeyArn || undefined;
  if (input.VpcConfig) next.VpcConfig = vpcConfig(input.VpcConfig);
  if (input.EphemeralStorage) next.EphemeralStorage = { Size: input.EphemeralStorage.Size };
  if (input.LoggingConfig) next.LoggingConfig = { ...next.LoggingConfig, ...input.LoggingConfig };
  if (input.SnapStart || input.Runtime !== undefined) next.SnapStart = snapStart(input.SnapStart?.ApplyOn ?? current.SnapStart?.ApplyOn, runtime);
  checkLimits(next);
  next.LastModified = lastModified();
  next.RevisionId = randomUUID();
  next.LastUpdateStatus = 'Successful';
  return next;
}

/** How CreateFunction answers: the function is still being created (Lambda reports Pending
 * with its reason, and no LastUpdateStatus yet); GetFunction right after sees it Active. */
export function creatingView(config: FunctionConfiguration): FunctionConfiguration {
  const { LastUpdateStatus: _status, ...rest } = config;
  return { ...rest, State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating' };
}

/** How an update answers: the update is in progress (Lambda's own reason text says "created"
 * here too); GetFunction right after sees LastUpdateStatus Successful. */
export function updatingView(config: FunctionConfiguration): FunctionConfiguration {
  // AWS answers the reason code "Creating", which the model's enum for this member lacks.
  const code = 'Creating' as FunctionConfiguration['LastUpdateStatusReasonCode'];
  return { ...config, LastUpdateStatus: 'InProgress', LastUpdateStatusReason: 'The function is being created.', LastUpdateStatusReasonCode: code };
}

/** What ListFunctions and ListVersionsByFunction show of a configuration: Lambda leaves the
 * state fields and the runtime version out of list entries. */
export function listedView(config: FunctionConfiguration): FunctionConfiguration {
  const { State: _s, LastUpdateStatus: _u, RuntimeVersionConfig: _r, StateReason: _sr, StateReasonCode: _sc, ...rest } = config;
  return rest;
}
