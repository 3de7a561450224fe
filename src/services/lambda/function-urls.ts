// Function URL configurations: Create/Get/Update/Delete/ListFunctionUrlConfigs. A function
// has at most one URL per qualifier (the function itself, or one alias). The URL keeps its
// url-id for life; localgate serves it at http://<url-id>.lambda-url.<region>.localhost:<port>/
// (AWS: https://<url-id>.lambda-url.<region>.on.aws/) and under /lambda-url/<url-id>/.
import { randomBytes } from 'node:crypto';
import { lambdaErrors } from '../../models/lambda.errors.ts';
import { AwsError } from '../../protocol/errors.ts';
import type {
  CreateFunctionUrlConfigRequest,
  CreateFunctionUrlConfigResponse,
  FunctionUrlConfig,
  UpdateFunctionUrlConfigRequest,
  UpdateFunctionUrlConfigResponse,
} from '../../models/lambda.types.ts';
import type { LambdaFunction, LambdaStore } from './store.ts';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A 32-character lower-case url-id, shaped like Lambda's. */
function newUrlId(): string {
  return [...randomBytes(32)].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
}

function functionUrl(baseUrl: string, id: string, region: string): string {
  const { protocol, port } = new URL(baseUrl);
  return `${protocol}//${id}.lambda-url.${region}.localhost${port ? `:${port}` : ''}/`;
}

const notFound = () => lambdaErrors.resourceNotFound('The resource you requested does not exist.');

/** How a missing function or alias is worded: Create/Update/List say the function does not
 * exist, Get/Delete that the resource does not (test_lambda_api.snapshot.json,
 * test_url_config_exceptions, test_url_config_list_paging). */
export type UrlMissing = 'function' | 'resource';

/** The function (or alias) a URL call is about. Function URLs attach to the function or to an
 * alias, never to $LATEST or a version: such a qualifier, even one taken from the function's
 * name, fails the model's pattern before anything is looked up. */
export function urlOwner(fn: LambdaFunction | undefined, qualifier: string | undefined, missing: UrlMissing): LambdaFunction {
  if (qualifier !== undefined && (/^\d+$/.test(qualifier) || !/^[0-9a-zA-Z-_]+$/.test(qualifier))) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${qualifier}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: ((?!^\\d+$)^[0-9a-zA-Z-_]+$)`,
      400,
    );
  }
  if (!fn || (qualifier !== undefined && !fn.aliases.has(qualifier))) {
    throw missing === 'function' ? lambdaErrors.resourceNotFound('Function does not exist') : notFound();
  }
  return fn;
}

function record(fn: LambdaFunction, qualifier: string | undefined) {
  const found = fn.urls.get(qualifier ?? '');
  if (!found) throw notFound();
  return found;
}

export function createUrl(
  store: LambdaStore,
  fn: LambdaFunction,
  input: CreateFunctionUrlConfigRequest & { Qualifier?: string },
  scope: { account: string; region: string; baseUrl: string },
): CreateFunctionUrlConfigResponse {
  const arn = input.Qualifier ? `${fn.arn}:${input.Qualifier}` : fn.arn;
  if (fn.urls.has(input.Qualifier ?? '')) {
    throw lambdaErrors.resourceConflict(
      `Failed to create function url config for [functionArn = ${arn}]. Error message:  FunctionUrlConfig exists for this Lambda function`,
    );
  }
  const id = newUrlId();
  const now = new Date().toISOString();
  const config: FunctionUrlConfig = {
    FunctionUrl: functionUrl(scope.baseUrl, id, scope.region),
    FunctionArn: arn,
    AuthType: input.AuthType,
    CreationTime: now,
    LastModifiedTime: now,
    InvokeMode: input.InvokeMode ?? 'BUFFERED',
  };
  if (input.Cors) config.Cors = structuredClone(input.Cors);
  fn.urls.set(input.Qualifier ?? '', { id, config });
  store.urlIds.set(id, { account: scope.account, region: scope.region, functionName: fn.name, qualifier: input.Qualifier ?? '' });
  // CreateFunctionUrlConfig answers without LastModifiedTime, and with InvokeMode only when
  // it was given (test_lambda_api.snapshot.json, test_url_config_lifecycle).
  const { LastModifiedTime: _m, InvokeMode: _i, ...answer } = config;
  return input.InvokeMode === undefined ? answer : { ...answer, InvokeMode: config.InvokeMode };
}

export function getUrl(fn: LambdaFunction, qualifier: string | undefined): FunctionUrlConfig {
  return record(fn, qualifier).config;
}

export function updateUrl(fn: LambdaFunction, input: UpdateFunctionUrlConfigRequest & { Qualifier?: string }): UpdateFunctionUrlConfigResponse {
  const found = record(fn, input.Qualifier);
  const next: FunctionUrlConfig = { ...found.config, LastModifiedTime: new Date().toISOString() };
  if (input.AuthType !== undefined) next.AuthType = input.AuthType;
  if (input.InvokeMode !== undefined) next.InvokeMode = input.InvokeMode;
  if (input.Cors !== undefined) next.Cors = structuredClone(input.Cors);
  found.config = next;
  // UpdateFunctionUrlConfig answers InvokeMode only when it was given, as create does.
  if (input.InvokeMode !== undefined) return next;
  const { InvokeMode: _i, ...answer } = next;
  return answer;
}

export function deleteUrl(store: LambdaStore, fn: LambdaFunction, qualifier: string | undefined) {
  const found = record(fn, qualifier);
  fn.urls.delete(qualifier ?? '');
  store.urlIds.delete(found.id);
}

/** Forgets every URL of a function (DeleteFunction) or of one alias (DeleteAlias). */
export function dropUrls(store: LambdaStore, fn: LambdaFunction, qualifier?: string) {
  for (const [key, found] of fn.urls) {
    if (qualifier !== undefined && key !== qualifier) continue;
    fn.urls.delete(key);
    store.urlIds.delete(found.id);
  }
}

export function listUrls(fn: LambdaFunction): FunctionUrlConfig[] {
  return [...fn.urls.values()].map((u) => u.config);
}
