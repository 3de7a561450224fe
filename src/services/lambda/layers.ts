// Lambda layers (/2018-10-31/layers/...): publishing versions of a layer's zip, reading and
// listing them, deleting them and their resource policy (AddLayerVersionPermission ...).
// Also resolves a function's `Layers` (version ARNs) to the unpacked layers it runs with.
import { randomUUID } from 'node:crypto';
import { lambdaErrors } from '../../models/lambda.errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/lambda.types.ts';
import { codeLocation } from './code-handler.ts';
import { lastModified } from './configuration.ts';
import { NO_CODE_OBJECTS, readS3Code, type CodeObjectSource } from './s3-code.ts';
import type { LambdaLayer, LambdaStore, LayerVersionRecord } from './store.ts';

/** A function may use at most this many layers. */
const MAX_LAYERS = 5;
const LAYER_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):layer:([a-zA-Z0-9-_]+)(?::(\d+))?$/;

const notFound = () => lambdaErrors.resourceNotFound('The resource you requested does not exist.');

function checkVersionNumber(version: number) {
  if (version < 1) throw lambdaErrors.invalidParameterValue('Layer Version Cannot be less than 1');
}

interface LayerRef {
  account: string;
  region: string;
  name: string;
}

/** A LayerName member: a name, or a layer ARN naming another account or region. */
function layerRef(ctx: RequestContext, layerName: string): LayerRef {
  const m = LAYER_ARN.exec(layerName);
  if (m) return { region: m[1], account: m[2], name: m[3] };
  return { account: ctx.account, region: ctx.region, name: layerName };
}

function page<V>(items: V[], marker: string | undefined, maxItems: number | undefined): { items: V[]; next?: string } {
  const start = marker ? Number(Buffer.from(marker, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw lambdaErrors.invalidParameterValue('Invalid marker');
  const slice = items.slice(start, start + (maxItems ?? 50));
  const end = start + slice.length;
  return { items: slice, next: end < items.length ? Buffer.from(String(end)).toString('base64') : undefined };
}

function listItem(record: LayerVersionRecord): T.LayerVersionsListItem {
  const { Content: _c, LayerArn: _a, ...item } = record.info;
  return item;
}

function matches(record: LayerVersionRecord, runtime: string | undefined, architecture: string | undefined): boolean {
  if (runtime && !record.info.CompatibleRuntimes?.includes(runtime as T.Runtime)) return false;
  if (architecture && !record.info.CompatibleArchitectures?.includes(architecture as T.Architecture)) return false;
  return true;
}

/** Principals AddLayerVersionPermission accepts: "*", an account id or an account root ARN. */
function principalOf(principal: string): unknown {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  return { AWS: principal };
}

export class LayerProvider {
  constructor(
    private readonly store: LambdaStore,
    private readonly codeObjects: CodeObjectSource = NO_CODE_OBJECTS,
  ) {}

  private layer(ref: LayerRef): LambdaLayer | undefined {
    return this.store.scope(ref.account, ref.region).layers.get(ref.name);
  }

  private version(ctx: RequestContext, layerName: string, version: number): LayerVersionRecord {
    checkVersionNumber(version);
    const record = this.layer(layerRef(ctx, layerName))?.versions.get(version);
    if (!record) throw notFound();
    return record;
  }

  /** A layer version for the layer-policy operations, which name a missing one by its ARN. */
  private policyTarget(ctx: RequestContext, layerName: string, version: number): LayerVersionRecord {
    const ref = layerRef(ctx, layerName);
    const record = this.layer(ref)?.versions.get(version);
    if (!record) throw lambdaErrors.resourceNotFound(`Layer version arn:aws:lambda:${ref.region}:${ref.account}:layer:${ref.name}:${version} does not exist.`);
    return record;
  }

  private withLocation(record: LayerVersionRecord, ctx: RequestContext): T.GetLayerVersionResponse {
    return { ...record.info, Content: { ...record.info.Content, Location: codeLocation(ctx.baseUrl, record.code.token) } };
  }

  async publishLayerVersion(input: T.PublishLayerVersionRequest, ctx: RequestContext): Promise<T.PublishLayerVersionResponse> {
    const ref = layerRef(ctx, input.LayerName);
    if (ref.account !== ctx.account || ref.region !== ctx.region) {
      throw lambdaErrors.invalidParameterValue(`Layers can only be published in your own account and region: ${input.LayerName}`);
    }
    const content = input.Content;
    let zip: Buffer;
    if (content.ZipFile) zip = Buffer.from(content.ZipFile);
    else if (content.S3Bucket) zip = readS3Code(this.codeObjects, content);
    else throw lambdaErrors.invalidParameterValue('Please provide a source for layer content.');
    const code = await this.store.unpack(zip);
    const layers = this.store.scope(ref.account, ref.region).layers;
    let layer = layers.get(ref.name);
    if (!layer) {
      layer = { name: ref.name, arn: `arn:aws:lambda:${ref.region}:${ref.account}:layer:${ref.name}`, versions: new Map(), nextVersion: 1 };
      layers.set(ref.name, layer);
    }
    const version = layer.nextVersion++;
    const info: T.GetLayerVersionResponse = {
      Content: { CodeSha256: code.sha256, CodeSize: code.size },
      LayerArn: layer.arn,
      LayerVersionArn: `${layer.arn}:${version}`,
      Description: input.Description ?? '',
      CreatedDate: lastModified(),
      Version: version,
    };
    // Lists given empty are kept (and answered) empty; lists not given are left out.
    if (input.CompatibleRuntimes) info.CompatibleRuntimes = [...input.CompatibleRuntimes];
    if (input.CompatibleArchitectures) info.CompatibleArchitectures = [...input.CompatibleArchitectures];
    if (input.LicenseInfo !== undefined) info.LicenseInfo = input.LicenseInfo;
    const record: LayerVersionRecord = { info, code };
    layer.versions.set(version, record);
    return this.withLocation(record, ctx);
  }

  getLayerVersion(input: T.GetLayerVersionRequest, ctx: RequestContext): T.GetLayerVersionResponse {
    return this.withLocation(this.version(ctx, input.LayerName, input.VersionNumber), ctx);
  }

  getLayerVersionByArn(input: T.GetLayerVersionByArnRequest, ctx: RequestContext): T.GetLayerVersionResponse {
    const m = LAYER_ARN.exec(input.Arn);
    if (!m || m[4] === undefined) throw lambdaErrors.invalidParameterValue(`Invalid layer version ARN: ${input.Arn}`);
    return this.getLayerVersion({ LayerName: input.Arn.slice(0, input.Arn.lastIndexOf(':')), VersionNumber: Number(m[4]) }, ctx);
  }

  listLayerVersions(input: T.ListLayerVersionsRequest, ctx: RequestContext): T.ListLayerVersionsResponse {
    const layer = this.layer(layerRef(ctx, input.LayerName));
    // Newest first, as Lambda lists them.
    const all = [...(layer?.versions.values() ?? [])].reverse().filter((r) => matches(r, input.CompatibleRuntime, input.CompatibleArchitecture));
    const { items, next } = page(all.map(listItem), input.Marker, input.MaxItems);
    return { LayerVersions: items, NextMarker: next };
  }

  listLayers(input: T.ListLayersRequest, ctx: RequestContext): T.ListLayersResponse {
    const out: T.LayersListItem[] = [];
    const layers = [...this.store.scope(ctx.account, ctx.region).layers.values()].sort((a, b) => a.name.localeCompare(b.name));
    for (const layer of layers) {
      const latest = [...layer.versions.values()].reverse().find((r) => matches(r, input.CompatibleRuntime, input.CompatibleArchitecture));
      if (latest) out.push({ LayerName: layer.name, LayerArn: layer.arn, LatestMatchingVersion: listItem(latest) });
    }
    const { items, next } = page(out, input.Marker, input.MaxItems);
    return { Layers: items, NextMarker: next };
  }

  /** Deleting a version that does not exist succeeds, as on Lambda. */
  deleteLayerVersion(input: T.DeleteLayerVersionRequest, ctx: RequestContext): void {
    checkVersionNumber(input.VersionNumber);
    this.layer(layerRef(ctx, input.LayerName))?.versions.delete(input.VersionNumber);
    this.store.collectGarbage();
  }

  addLayerVersionPermission(input: T.AddLayerVersionPermissionRequest, ctx: RequestContext): T.AddLayerVersionPermissionResponse {
    const record = this.policyTarget(ctx, input.LayerName, input.VersionNumber);
    const policy = record.policy ?? { statements: [], revisionId: randomUUID() };
    if (input.RevisionId !== undefined && input.RevisionId !== policy.revisionId) {
      throw lambdaErrors.preconditionFailed('The Revision Id provided does not match the latest Revision Id. Call the GetLayerPolicy API to retrieve the latest Revision Id');
    }
    if (policy.statements.some((s) => (s as { Sid: string }).Sid === input.StatementId)) {
      throw lambdaErrors.resourceConflict(
        `The statement id (${input.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
      );
    }
    const statement: Record<string, unknown> = {
      Sid: input.StatementId,
      Effect: 'Allow',
      Principal: principalOf(input.Principal),
      Action: input.Action,
      Resource: record.info.LayerVersionArn,
    };
    if (input.OrganizationId) statement.Condition = { StringEquals: { 'aws:PrincipalOrgID': input.OrganizationId } };
    policy.statements.push(statement);
    policy.revisionId = randomUUID();
    record.policy = policy;
    return { Statement: JSON.stringify(statement), RevisionId: policy.revisionId };
  }

  removeLayerVersionPermission(input: T.RemoveLayerVersionPermissionRequest, ctx: RequestContext): void {
    const record = this.policyTarget(ctx, input.LayerName, input.VersionNumber);
    const policy = record.policy;
    if (policy && input.RevisionId !== undefined && input.RevisionId !== policy.revisionId) {
      throw lambdaErrors.preconditionFailed('The Revision Id provided does not match the latest Revision Id. Call the GetLayerPolicy API to retrieve the latest Revision Id');
    }
    const index = policy?.statements.findIndex((s) => (s as { Sid: string }).Sid === input.StatementId) ?? -1;
    if (!policy || index < 0) throw lambdaErrors.resourceNotFound(`Statement ${input.StatementId} is not found in resource policy.`);
    policy.statements.splice(index, 1);
    policy.revisionId = randomUUID();
    if (!policy.statements.length) delete record.policy;
  }

  getLayerVersionPolicy(input: T.GetLayerVersionPolicyRequest, ctx: RequestContext): T.GetLayerVersionPolicyResponse {
    const policy = this.policyTarget(ctx, input.LayerName, input.VersionNumber).policy;
    if (!policy) throw lambdaErrors.resourceNotFound('No policy is associated with the given resource.');
    return { Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: policy.statements }), RevisionId: policy.revisionId };
  }
}

/** Resolves CreateFunction / UpdateFunctionConfiguration `Layers` (version ARNs, in order)
 * to the configuration's `Layers` and the unpacked layer directories. */
export function resolveLayers(store: LambdaStore, arns: string[], region: string): { layers: T.Layer[]; dirs: string[] } {
  if (arns.length > MAX_LAYERS) throw lambdaErrors.invalidParameterValue(`Cannot reference more than ${MAX_LAYERS} layers.`);
  const layers: T.Layer[] = [];
  const dirs: string[] = [];
  const seen = new Map<string, string>();
  for (const arn of arns) {
    const m = LAYER_ARN.exec(arn);
    if (m && m[1] !== region) {
      throw lambdaErrors.invalidParameterValue(`Layers are not in the same region as the function. Layers are expected to be in region ${region}.`);
    }
    const layerArn = arn.slice(0, arn.lastIndexOf(':'));
    const earlier = seen.get(layerArn);
    if (earlier !== undefined) {
      throw lambdaErrors.invalidParameterValue(
        `Two different versions of the same layer are not allowed to be referenced in the same function. ${earlier} and ${arn} are versions of the same layer.`,
      );
    }
    seen.set(layerArn, arn);
    const record = m && m[4] !== undefined ? store.scope(m[2], m[1]).layers.get(m[3])?.versions.get(Number(m[4])) : undefined;
    if (!m || !record) throw lambdaErrors.invalidParameterValue(`Layer version ${arn} does not exist.`);
    layers.push({ Arn: arn, CodeSize: record.code.size });
    dirs.push(record.code.dir);
  }
  return { layers, dirs };
}
