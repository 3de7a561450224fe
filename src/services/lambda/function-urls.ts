// Function URL configurations: Create/Get/Update/Delete/ListFunctionUrlConfigs. A function
// has at most one URL per qualifier (the function itself, or one alias). The URL keeps its
// url-id for life; localgate serves it at http://<url-id>.lambda-url.<region>.localhost:<port>/
// (AWS: https://<url-id>.lambda-url.<region>.on.aws/) and under /lambda-url/<url-id>/.
import { randomBytes } from 'node:crypto';
import { lambdaErrors } from '../../models/lambda.errors.ts';
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

function checkQualifier(fn: LambdaFunction, qualifier: string | undefined) {
  if (qualifier === undefined) return;
  // Function URLs attach to the function or to an alias, never to $LATEST or a version.
  if (qualifier === '$LATEST' || /^\d+$/.test(qualifier)) {
    throw lambdaErrors.invalidParameterValue(`Function URLs can only be created for an alias or the unqualified function, not for version ${qualifier}.`);
  }
  if (!fn.aliases.has(qualifier)) throw lambdaErrors.resourceNotFound(`Function not found: ${fn.arn}:${qualifier}`);
}

function record(fn: LambdaFunction, qualifier: string | undefined) {
  checkQualifier(fn, qualifier);
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
  checkQualifier(fn, input.Qualifier);
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
