// Published versions and aliases: PublishVersion, ListVersionsByFunction and the alias
// operations, plus resolving a qualifier to the version it runs.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../protocol/errors.ts';
import { lambdaErrors } from '../../models/lambda.errors.ts';
import type {
  AliasConfiguration,
  AliasRoutingConfiguration,
  CreateAliasRequest,
  FunctionConfiguration,
  PublishVersionRequest,
  UpdateAliasRequest,
} from '../../models/lambda.types.ts';
import { listedView } from './configuration.ts';
import { notFound } from './arn.ts';
import type { LambdaFunction, VersionRecord } from './store.ts';

export function checkRevision(expected: string | undefined, actual: string | undefined) {
  if (expected !== undefined && expected !== actual) {
    throw lambdaErrors.preconditionFailed(
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
    );
  }
}

export function publishVersion(fn: LambdaFunction, input: Pick<PublishVersionRequest, 'CodeSha256' | 'Description' | 'RevisionId'>): FunctionConfiguration {
  const latest = fn.latest;
  checkRevision(input.RevisionId, latest.config.RevisionId);
  if (input.CodeSha256 !== undefined && input.CodeSha256 !== latest.config.CodeSha256) {
    throw lambdaErrors.invalidParameterValue(
      `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${latest.config.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
    );
  }
  // Lambda publishes a new version only when $LATEST changed (code or configuration) since
  // the last one; otherwise it answers that version again. A hot-reload directory may have
  // changed on disk at any time, so it always publishes.
  const last = fn.lastPublished && fn.versions.get(fn.lastPublished.version);
  if (last && !latest.code.hotReload && fn.lastPublished!.revisionId === latest.config.RevisionId) return last.config;
  const version = String(fn.nextVersion++);
  const config: FunctionConfiguration = {
    ...structuredClone(latest.config),
    Version: version,
    FunctionArn: `${fn.arn}:${version}`,
    RevisionId: randomUUID(),
  };
  if (input.Description !== undefined) config.Description = input.Description;
  if (config.SnapStart?.ApplyOn === 'PublishedVersions') config.SnapStart = { ...config.SnapStart, OptimizationStatus: 'On' };
  fn.versions.set(version, { config, code: latest.code, layerDirs: latest.layerDirs });
  // Publishing renews $LATEST's RevisionId too (test_lambda_api.snapshot.json,
  // test_lambda_permission_fn_versioning: get_function_result_after_publishing).
  fn.latest = { ...latest, config: { ...latest.config, RevisionId: randomUUID() } };
  fn.lastPublished = { version, revisionId: fn.latest.config.RevisionId! };
  return config;
}

/** ListVersionsByFunction's entries: $LATEST (under its qualified ARN) and every version. */
export function listVersions(fn: LambdaFunction): FunctionConfiguration[] {
  return [{ ...fn.latest.config, FunctionArn: `${fn.arn}:$LATEST` }, ...[...fn.versions.values()].map((v) => v.config)].map(listedView);
}

function checkVersionExists(fn: LambdaFunction, version: string) {
  if (version !== '$LATEST' && !fn.versions.has(version)) {
    throw lambdaErrors.resourceNotFound(`Function not found: ${fn.arn}:${version}`);
  }
}

/** Java's rendering of a double, as AWS's validation messages quote weights ("2.0", "0.5"). */
const javaDouble = (n: number) => (Number.isInteger(n) ? n.toFixed(1) : String(n));

function checkRouting(fn: LambdaFunction, version: string, routing: AliasRoutingConfiguration | undefined) {
  const weights = Object.entries(routing?.AdditionalVersionWeights ?? {});
  const shown = `{${weights.map(([v, w]) => `${v}=${javaDouble(w)}`).join(', ')}}`;
  // The model's constraints on the map, which AWS reports as ValidationException (one of
  // AWS's common errors, not a shape of the Lambda model).
  if (weights.some(([v]) => !/^[0-9]+$/.test(v))) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${shown}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+, Member must not be null]`,
      400,
    );
  }
  if (weights.some(([, w]) => w < 0 || w > 1)) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${shown}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]`,
      400,
    );
  }
  if (weights.length > 1) throw lambdaErrors.invalidParameterValue('Number of items in AdditionalVersionWeights cannot be greater than 1');
  if (weights.length && version === '$LATEST') throw lambdaErrors.invalidParameterValue('$LATEST is not supported for an alias pointing to more than 1 version');
  for (const [v] of weights) {
    checkVersionExists(fn, v);
    if (v === version) throw lambdaErrors.invalidParameterValue(`Invalid function version ${v}. Function version ${v} is already included in routing configuration.`);
  }
}

export function createAlias(fn: LambdaFunction, input: CreateAliasRequest): AliasConfiguration {
  const arn = `${fn.arn}:${input.Name}`;
  if (/^\d+$/.test(input.Name) || input.Name === '$LATEST') {
    throw lambdaErrors.invalidParameterValue(`Alias name ${input.Name} is not valid: an alias cannot be a version number or $LATEST.`);
  }
  if (fn.aliases.has(input.Name)) throw lambdaErrors.resourceConflict(`Alias already exists: ${arn}`);
  checkVersionExists(fn, input.FunctionVersion);
  checkRouting(fn, input.FunctionVersion, input.RoutingConfig);
  const alias: AliasConfiguration = {
    AliasArn: arn,
    Name: input.Name,
    FunctionVersion: input.FunctionVersion,
    Description: input.Description ?? '',
    RevisionId: randomUUID(),
  };
  if (input.RoutingConfig?.AdditionalVersionWeights) alias.RoutingConfig = { AdditionalVersionWeights: { ...input.RoutingConfig.AdditionalVersionWeights } };
  fn.aliases.set(input.Name, alias);
  return alias;
}

export function getAlias(fn: LambdaFunction, name: string): AliasConfiguration {
  const alias = fn.aliases.get(name);
  if (!alias) throw lambdaErrors.resourceNotFound(`Cannot find alias arn: ${fn.arn}:${name}`);
  return alias;
}

export function updateAlias(fn: LambdaFunction, input: UpdateAliasRequest): AliasConfiguration {
  const alias = getAlias(fn, input.Name);
  checkRevision(input.RevisionId, alias.RevisionId);
  const version = input.FunctionVersion ?? alias.FunctionVersion!;
  checkVersionExists(fn, version);
  const routing = input.RoutingConfig ?? alias.RoutingConfig;
  checkRouting(fn, version, routing);
  const next: AliasConfiguration = { ...alias, FunctionVersion: version, RevisionId: randomUUID() };
  if (input.Description !== undefined) next.Description = input.Description;
  if (input.RoutingConfig !== undefined) {
    const weights = input.RoutingConfig.AdditionalVersionWeights;
    next.RoutingConfig = weights && Object.keys(weights).length ? { AdditionalVersionWeights: { ...weights } } : undefined;
  }
  fn.aliases.set(input.Name, next);
  return next;
}

export interface ResolvedTarget {
  record: VersionRecord;
  /** The version that runs, for X-Amz-Executed-Version. */
  version: string;
  /** The ARN the function sees as invoked (qualified when a qualifier was given). */
  invokedArn: string;
}

/** Resolves "$LATEST", a version number or an alias (with weighted routing) to a version. */
export function resolveQualifier(fn: LambdaFunction, qualifier: string | undefined): ResolvedTarget {
  if (qualifier === undefined || qualifier === '$LATEST') {
    return { record: fn.latest, version: '$LATEST', invokedArn: qualifier ? `${fn.arn}:${qualifier}` : fn.arn };
  }
  const invokedArn = `${fn.arn}:${qualifier}`;
  let version = qualifier;
  if (!/^\d+$/.test(qualifier)) {
    const alias = fn.aliases.get(qualifier);
    if (!alias) throw notFound(invokedArn);
    version = pickWeighted(alias);
  }
  if (version === '$LATEST') return { record: fn.latest, version, invokedArn };
  const record = fn.versions.get(version);
  if (!record) throw notFound(invokedArn);
  return { record, version, invokedArn };
}

function pickWeighted(alias: AliasConfiguration): string {
  let roll = Math.random();
  for (const [version, weight] of Object.entries(alias.RoutingConfig?.AdditionalVersionWeights ?? {})) {
    if (roll < weight) return version;
    roll -= weight;
  }
  return alias.FunctionVersion!;
}
