// The Lambda control plane (/2015-03-31/...): one method per operation of the `lambda`
// model. Functions run through the LocalLambdaInvoker and the environment pool.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { lambdaErrors } from '../../models/lambda.errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type { EnvironmentPool } from '../../runtime/pool.ts';
import type * as T from '../../models/lambda.types.ts';
import { checkNewFunctionName, checkRegion, functionArn, notFound, parseFunctionRef } from './arn.ts';
import { codeLocation } from './code-handler.ts';
import { creatingView, lastModified, listedView, newConfiguration, updatedConfiguration, updatingView, type RuntimePolicy } from './configuration.ts';
import { createUrl, deleteUrl, dropUrls, getUrl, listUrls, updateUrl, urlOwner, type UrlMissing } from './function-urls.ts';
import { HOT_RELOAD_BUCKET } from './hot-reload.ts';
import type { LocalLambdaInvoker } from './invoke.ts';
import { resolveLayers } from './layers.ts';
import { addPermission, getPolicy, removePermission } from './permissions.ts';
import { NO_CODE_OBJECTS, readS3Code, type CodeObjectSource } from './s3-code.ts';
import type { CodeRef, LambdaFunction, LambdaStore } from './store.ts';
import { addTags, checkTaggable, initialTags } from './tags.ts';
import * as versions from './versions.ts';

/** DeleteFunction answers 204 with no body (the model's default status is 200). */
const DELETED: T.DeleteFunctionResponse = { StatusCode: 204 };

interface CodeInput {
  ZipFile?: Buffer;
  S3Bucket?: string;
  S3Key?: string;
  S3ObjectVersion?: string;
  ImageUri?: string;
}

function page<V>(items: V[], marker: string | undefined, maxItems: number | undefined, max = 10_000): { items: V[]; next?: string } {
  const start = marker ? Number(Buffer.from(marker, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw lambdaErrors.invalidParameterValue('Invalid marker');
  const size = Math.min(maxItems ?? 50, max);
  const slice = items.slice(start, start + size);
  const nextIndex = start + slice.length;
  return { items: slice, next: nextIndex < items.length ? Buffer.from(String(nextIndex)).toString('base64') : undefined };
}

export class LambdaProvider {
  constructor(
    private readonly store: LambdaStore,
    private readonly invoker: LocalLambdaInvoker,
    private readonly pool: EnvironmentPool,
    private readonly runtimePolicy: RuntimePolicy,
    private readonly codeObjects: CodeObjectSource = NO_CODE_OBJECTS,
  ) {}

  private fn(ctx: RequestContext, name: string, qualifier?: string): { fn: LambdaFunction; qualifier?: string } {
    checkRegion(name, ctx.region);
    return this.invoker.lookup(ctx.account, ctx.region, name, qualifier);
  }

  /** Like fn(), for operations that word a missing function their own way. */
  private find(ctx: RequestContext, name: string, qualifier?: string) {
    checkRegion(name, ctx.region);
    return this.invoker.find(ctx.account, ctx.region, name, qualifier);
  }

  private async code(input: CodeInput): Promise<CodeRef> {
    if (input.ZipFile) return this.store.unpack(Buffer.from(input.ZipFile));
    if (input.S3Bucket === HOT_RELOAD_BUCKET) {
      const dir = input.S3Key ?? '';
      if (!isAbsolute(dir) || !existsSync(dir) || !statSync(dir).isDirectory()) {
        throw lambdaErrors.invalidParameterValue(`Hot reload needs S3Key to be an absolute path to an existing directory: ${dir}`);
      }
      return { sha256: createHash('sha256').update(dir).digest('base64'), size: 0, dir, hotReload: true, token: '' };
    }
    if (input.S3Bucket) return this.store.unpack(readS3Code(this.codeObjects, input));
    if (input.ImageUri) throw lambdaErrors.invalidParameterValue('localgate runs .zip file packaged functions only (no container images).');
    throw lambdaErrors.invalidParameterValue('Please provide a source for function code.');
  }

  private retire(fn: LambdaFunction, version = '$LATEST') {
    this.pool.retire(`${fn.arn}|${version}|`);
  }

  async createFunction(input: T.CreateFunctionRequest, ctx: RequestContext): Promise<T.FunctionConfiguration> {
    const ref = parseFunctionRef(input.FunctionName);
    if (ref.qualifier !== undefined) throw lambdaErrors.invalidParameterValue('Function name cannot contain a qualifier for CreateFunction.');
    checkNewFunctionName(input.FunctionName, ref, ctx.region, ctx.account);
    if (input.PackageType === 'Image') throw lambdaErrors.invalidParameterValue('localgate runs .zip file packaged functions only (no container images).');
    const state = this.store.scope(ref.account ?? ctx.account, ref.region ?? ctx.region);
    if (state.functions.has(ref.name)) throw lambdaErrors.resourceConflict(`Function already exist: ${ref.name}`);
    const arn = functionArn(ref.region ?? ctx.region, ref.account ?? ctx.account, ref.name);
    const layers = resolveLayers(this.store, input.Layers ?? [], ref.region ?? ctx.region);
    const tags = initialTags(input.Tags);
    const code = await this.code(input.Code);
    // Another CreateFunction of the same name may have finished while the zip was unpacked.
    if (state.functions.has(ref.name)) {
      this.store.collectGarbage();
      throw lambdaErrors.resourceConflict(`Function already exist: ${ref.name}`);
    }
    const config = newConfiguration({ ...input, FunctionName: ref.name }, arn, code, this.runtimePolicy);
    if (layers.layers.length) config.Layers = layers.layers;
    const fn: LambdaFunction = {
      name: ref.name,
      arn,
      latest: { config, code, layerDirs: layers.dirs },
      versions: new Map(),
      nextVersion: 1,
      aliases: new Map(),
      policies: new Map(),
      tags,
      inflight: 0,
      urls: new Map(),
    };
    state.functions.set(ref.name, fn);
    // Lambda answers while the function is still Pending; by the next call it is Active, and
    // that transition gave $LATEST a new RevisionId.
    fn.latest.config = { ...config, RevisionId: randomUUID() };
    if (!input.Publish) return creatingView(config);
    // Publish: the new version's configuration, under the unqualified ARN.
    return creatingView({ ...versions.publishVersion(fn, {}), FunctionArn: fn.arn });
  }

  private versionRecord(fn: LambdaFunction, qualifier: string | undefined) {
    if (qualifier === undefined || qualifier === '$LATEST') return fn.latest;
    const version = /^\d+$/.test(qualifier) ? qualifier : fn.aliases.get(qualifier)?.FunctionVersion;
    const record = version === '$LATEST' ? fn.latest : version ? fn.versions.get(version) : undefined;
    if (!record) throw lambdaErrors.resourceNotFound(`Function not found: ${fn.arn}:${qualifier}`);
    return record;
  }

  getFunction(input: T.GetFunctionRequest, ctx: RequestContext): T.GetFunctionResponse {
    const { fn, qualifier } = this.fn(ctx, input.FunctionName, input.Qualifier);
    const record = this.versionRecord(fn, qualifier);
    const out: T.GetFunctionResponse = { Configuration: this.asNamed(fn, record.config, qualifier), Code: { RepositoryType: 'S3' } };
    if (record.code.zipPath) out.Code!.Location = codeLocation(ctx.baseUrl, record.code.token);
    if (Object.keys(fn.tags).length) out.Tags = fn.tags;
    if (fn.reserved !== undefined) out.Concurrency = { ReservedConcurrentExecutions: fn.reserved };
    return out;
  }

  getFunctionConfiguration(input: T.GetFunctionConfigurationRequest, ctx: RequestContext): T.FunctionConfiguration {
    const { fn, qualifier } = this.fn(ctx, input.FunctionName, input.Qualifier);
    return this.asNamed(fn, this.versionRecord(fn, qualifier).config, qualifier);
  }

  /** A configuration under the ARN it was asked for: "$LATEST" and aliases qualify it too. */
  private asNamed(fn: LambdaFunction, config: T.FunctionConfiguration, qualifier: string | undefined): T.FunctionConfiguration {
    return qualifier === undefined ? config : { ...config, FunctionArn: `${fn.arn}:${qualifier}` };
  }

  listFunctions(input: T.ListFunctionsRequest, ctx: RequestContext): T.ListFunctionsResponse {
    const fns = [...this.store.scope(ctx.account, ctx.region).functions.values()].sort((a, b) => a.name.localeCompare(b.name));
    const all = input.FunctionVersion === 'ALL' ? fns.flatMap((f) => versions.listVersions(f)) : fns.map((f) => listedView(f.latest.config));
    const { items, next } = page(all, input.Marker, input.MaxItems);
    return { Functions: items, NextMarker: next };
  }

  async updateFunctionCode(input: T.UpdateFunctionCodeRequest, ctx: RequestContext): Promise<T.FunctionConfiguration> {
    const { fn } = this.fn(ctx, input.FunctionName);
    versions.checkRevision(input.RevisionId, fn.latest.config.RevisionId);
    // Every function here is a Zip function (test_lambda_api.snapshot.json, test_lambda_zip_file_to_image).
    if (input.ImageUri) throw lambdaErrors.invalidParameterValue("Please don't provide ImageUri when updating a function with packageType Zip.");
    const code = await this.code(input);
    try {
      // The function may have changed or gone while the zip was unpacked.
      this.fn(ctx, input.FunctionName);
      versions.checkRevision(input.RevisionId, fn.latest.config.RevisionId);
    } catch (err) {
      this.store.collectGarbage();
      throw err;
    }
    const config: T.FunctionConfiguration = {
      ...fn.latest.config,
      CodeSha256: code.sha256,
      CodeSize: code.size,
      LastModified: lastModified(),
      RevisionId: randomUUID(),
      LastUpdateStatus: 'Successful',
    };
    if (input.DryRun) {
      this.store.collectGarbage();
      return config;
    }
    // Lambda answers while the update is InProgress; it then succeeds under a new RevisionId.
    fn.latest = { ...fn.latest, config: { ...config, RevisionId: randomUUID() }, code };
    this.retire(fn);
    this.store.collectGarbage();
    // Publish: the new version, answered while it is still Pending.
    return input.Publish ? creatingView(versions.publishVersion(fn, {})) : updatingView(config);
  }

  updateFunctionConfiguration(input: T.UpdateFunctionConfigurationRequest, ctx: RequestContext): T.FunctionConfiguration {
    const { fn } = this.fn(ctx, input.FunctionName);
    versions.checkRevision(input.RevisionId, fn.latest.config.RevisionId);
    const layers = input.Layers && resolveLayers(this.store, input.Layers, fn.arn.split(':')[3]);
    const config = updatedConfiguration(fn.latest.config, input, this.runtimePolicy);
    let layerDirs = fn.latest.layerDirs;
    if (layers) {
      // An empty list removes every layer.
      config.Layers = layers.layers.length ? layers.layers : undefined;
      layerDirs = layers.dirs;
    }
    // Answered InProgress; the update then succeeds under a new RevisionId.
    fn.latest = { config: { ...config, RevisionId: randomUUID() }, code: fn.latest.code, layerDirs };
    this.retire(fn);
    return updatingView(config);
  }

  deleteFunction(input: T.DeleteFunctionRequest, ctx: RequestContext): T.DeleteFunctionResponse {
    const { fn, qualifier, arn } = this.find(ctx, input.FunctionName, input.Qualifier);
    // A missing function is named unqualified, whatever qualifier was given.
    if (!fn) throw notFound(arn);
    if (qualifier === undefined) {
      this.store.scope(fn.arn.split(':')[4], fn.arn.split(':')[3]).functions.delete(fn.name);
      dropUrls(this.store, fn);
      this.pool.retire(`${fn.arn}|`);
      this.store.collectGarbage();
      return DELETED;
    }
    if (qualifier === '$LATEST') throw lambdaErrors.invalidParameterValue('$LATEST version cannot be deleted without deleting the function.');
    if (!/^\d+$/.test(qualifier)) throw lambdaErrors.invalidParameterValue('Deletion of aliases is not supported. Use DeleteAlias instead.');
    // Deleting a version that does not exist (any more) is a no-op, as on Lambda.
    if (!fn.versions.has(qualifier)) return DELETED;
    const users = [...fn.aliases.values()].filter((a) => a.FunctionVersion === qualifier || a.RoutingConfig?.AdditionalVersionWeights?.[qualifier] !== undefined);
    if (users.length) {
      throw lambdaErrors.resourceConflict(`Unable to delete version because the following aliases reference it: [${users.map((a) => a.Name).join(', ')}]`);
    }
    fn.versions.delete(qualifier);
    this.retire(fn, qualifier);
    this.store.collectGarbage();
    return DELETED;
  }

  async invoke(input: T.InvocationRequest, ctx: RequestContext): Promise<T.InvocationResponse> {
    checkRegion(input.FunctionName, ctx.region);
    const result = await this.invoker.invoke({
      account: ctx.account,
      region: ctx.region,
      functionName: input.FunctionName,
      qualifier: input.Qualifier,
      // The request's own bytes (the engine hands a blob payload over as a Buffer): no copy.
      payload: !input.Payload ? Buffer.alloc(0) : Buffer.isBuffer(input.Payload) ? input.Payload : Buffer.from(input.Payload),
      invocationType: input.InvocationType,
      logType: input.LogType,
      clientContext: input.ClientContext,
      requestId: ctx.requestId,
    });
    const out: T.InvocationResponse = { StatusCode: result.statusCode };
    // Only a function that ran says which version did: Event (202) and DryRun (204) answer
    // without X-Amz-Executed-Version (test_lambda.snapshot.json, test_invocation_type_event/_dry_run).
    if (result.statusCode === 200) out.ExecutedVersion = result.executedVersion;
    if (result.payload.length) out.Payload = result.payload;
    if (result.functionError) out.FunctionError = result.functionError;
    if (result.logResult !== undefined) out.LogResult = result.logResult;
    return out;
  }

  publishVersion(input: T.PublishVersionRequest, ctx: RequestContext) {
    return versions.publishVersion(this.fn(ctx, input.FunctionName).fn, input);
  }

  listVersionsByFunction(input: T.ListVersionsByFunctionRequest, ctx: RequestContext): T.ListVersionsByFunctionResponse {
    const { items, next } = page(versions.listVersions(this.fn(ctx, input.FunctionName).fn), input.Marker, input.MaxItems);
    return { Versions: items, NextMarker: next };
  }

  createAlias(input: T.CreateAliasRequest, ctx: RequestContext) {
    return versions.createAlias(this.fn(ctx, input.FunctionName).fn, input);
  }

  getAlias(input: T.GetAliasRequest, ctx: RequestContext) {
    return versions.getAlias(this.fn(ctx, input.FunctionName).fn, input.Name);
  }

  updateAlias(input: T.UpdateAliasRequest, ctx: RequestContext) {
    return versions.updateAlias(this.fn(ctx, input.FunctionName).fn, input);
  }

  deleteAlias(input: T.DeleteAliasRequest, ctx: RequestContext): void {
    const { fn } = this.fn(ctx, input.FunctionName);
    fn.aliases.delete(input.Name);
    dropUrls(this.store, fn, input.Name);
  }

  listAliases(input: T.ListAliasesRequest, ctx: RequestContext): T.ListAliasesResponse {
    const all = [...this.fn(ctx, input.FunctionName).fn.aliases.values()].filter((a) => !input.FunctionVersion || a.FunctionVersion === input.FunctionVersion);
    const { items, next } = page(all, input.Marker, input.MaxItems);
    return { Aliases: items, NextMarker: next };
  }

  addPermission(input: T.AddPermissionRequest, ctx: RequestContext): T.AddPermissionResponse {
    const { fn, qualifier } = this.fn(ctx, input.FunctionName, input.Qualifier);
    return { Statement: addPermission(fn, { ...input, Qualifier: qualifier }) };
  }

  removePermission(input: T.RemovePermissionRequest, ctx: RequestContext): void {
    const { fn, qualifier, arn } = this.find(ctx, input.FunctionName, input.Qualifier);
    if (!fn) throw lambdaErrors.resourceNotFound(`No policy found for: ${arn}`);
    removePermission(fn, { ...input, Qualifier: qualifier });
  }

  getPolicy(input: T.GetPolicyRequest, ctx: RequestContext): T.GetPolicyResponse {
    const { fn, qualifier } = this.fn(ctx, input.FunctionName, input.Qualifier);
    return getPolicy(fn, qualifier);
  }

  private byResourceArn(ctx: RequestContext, arn: string): LambdaFunction {
    const { fn, qualifier } = this.fn(ctx, arn);
    checkTaggable(qualifier);
    return fn;
  }

  tagResource(input: T.TagResourceRequest, ctx: RequestContext): void {
    addTags(this.byResourceArn(ctx, input.Resource), input.Tags);
  }

  untagResource(input: T.UntagResourceRequest, ctx: RequestContext): void {
    const fn = this.byResourceArn(ctx, input.Resource);
    for (const key of input.TagKeys) delete fn.tags[key];
  }

  listTags(input: T.ListTagsRequest, ctx: RequestContext): T.ListTagsResponse {
    return { Tags: { ...this.byResourceArn(ctx, input.Resource).tags } };
  }

  /** The function (or alias) of a function URL call; a missing one is worded per operation. */
  private urlFunction(ctx: RequestContext, name: string, qualifier: string | undefined, missing: UrlMissing) {
    const found = this.find(ctx, name, qualifier);
    return { fn: urlOwner(found.fn, found.qualifier, missing), qualifier: found.qualifier };
  }

  createFunctionUrlConfig(input: T.CreateFunctionUrlConfigRequest, ctx: RequestContext): T.CreateFunctionUrlConfigResponse {
    const { fn, qualifier } = this.urlFunction(ctx, input.FunctionName, input.Qualifier, 'function');
    const [, , , region, account] = fn.arn.split(':');
    return createUrl(this.store, fn, { ...input, Qualifier: qualifier }, { account, region, baseUrl: ctx.baseUrl });
  }

  getFunctionUrlConfig(input: T.GetFunctionUrlConfigRequest, ctx: RequestContext): T.GetFunctionUrlConfigResponse {
    const { fn, qualifier } = this.urlFunction(ctx, input.FunctionName, input.Qualifier, 'resource');
    return getUrl(fn, qualifier);
  }

  updateFunctionUrlConfig(input: T.UpdateFunctionUrlConfigRequest, ctx: RequestContext): T.UpdateFunctionUrlConfigResponse {
    const { fn, qualifier } = this.urlFunction(ctx, input.FunctionName, input.Qualifier, 'function');
    return updateUrl(fn, { ...input, Qualifier: qualifier });
  }

  deleteFunctionUrlConfig(input: T.DeleteFunctionUrlConfigRequest, ctx: RequestContext): void {
    const { fn, qualifier } = this.urlFunction(ctx, input.FunctionName, input.Qualifier, 'resource');
    deleteUrl(this.store, fn, qualifier);
  }

  listFunctionUrlConfigs(input: T.ListFunctionUrlConfigsRequest, ctx: RequestContext): T.ListFunctionUrlConfigsResponse {
    const { fn } = this.urlFunction(ctx, input.FunctionName, undefined, 'function');
    const { items, next } = page(listUrls(fn), input.Marker, input.MaxItems);
    return { FunctionUrlConfigs: items, NextMarker: next };
  }
}
