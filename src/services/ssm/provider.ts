// Parameter Store: put, get (by name, version or label selector, or ARN), delete, history,
// labels and tags. Listing with filters (DescribeParameters, GetParametersByPath) is in
// describe.ts.
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/ssm.types.ts';
import { AwsError } from '../../protocol/errors.ts';
import { checkName, nameKey, parameterArn, parseReference, validation, type NameReference } from './names.ts';
import type { SecureValues } from './secure.ts';
import { current, type ParameterRecord, type ParameterVersion, type SsmStore } from './store.ts';

/** Parameter Store keeps the last 100 versions of a parameter. */
const MAX_VERSIONS = 100;
const MAX_LABELS_PER_VERSION = 10;
const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'];
/** Value size limits by tier (bytes). */
const MAX_VALUE = { Standard: 4096, Advanced: 8192, 'Intelligent-Tiering': 8192 } as const;

export const parameterNotFound = () => new AwsError('ParameterNotFound', '', 400);

export class SsmParameters {
  constructor(
    readonly store: SsmStore,
    readonly secure: SecureValues,
  ) {}

  scope(ctx: { account: string; region: string }) {
    return this.store.get(ctx.account, ctx.region);
  }

  /** A version's value as an answer carries it. */
  value(v: ParameterVersion, decrypt: boolean | undefined): string {
    return v.Type === 'SecureString' && decrypt ? this.secure.decrypt(v.Value) : v.Value;
  }

  /** The version a reference selects, or undefined when the parameter or version is missing. */
  select(params: Map<string, ParameterRecord>, ref: NameReference): { record: ParameterRecord; version: ParameterVersion } | undefined {
    const record = params.get(nameKey(ref.name));
    if (!record) return undefined;
    const sel = ref.selector;
    const version = !sel ? current(record) : 'version' in sel ? record.versions.find((v) => v.Version === sel.version) : record.versions.find((v) => v.Labels.includes(sel.label));
    return version && { record, version };
  }

  view(ctx: RequestContext, ref: NameReference, version: ParameterVersion, decrypt: boolean | undefined): T.Parameter {
    const out: T.Parameter = {
      Name: ref.name,
      Type: version.Type,
      Value: this.value(version, decrypt),
      Version: version.Version,
      LastModifiedDate: version.LastModifiedDate,
      ARN: parameterArn(ctx.region, ctx.account, ref.name),
      DataType: version.DataType,
    };
    if (ref.selectorText) out.Selector = ref.selectorText;
    return out;
  }
}

export class ParametersProvider {
  constructor(private readonly ssm: SsmParameters) {}

  putParameter(input: T.PutParameterRequest, ctx: RequestContext): T.PutParameterResult {
    const params = this.ssm.scope(ctx);
    const name = checkName(input.Name);
    const key = nameKey(name);
    const existing = params.get(key);
    if (existing && !input.Overwrite) {
      throw new AwsError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.', 400);
    }
    if (existing && input.Tags?.length) {
      throw validation('Invalid request: tags and overwrite can\'t be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.');
    }
    const previous = existing && current(existing);
    const type = input.Type ?? previous?.Type;
    if (!type) throw validation('A parameter type is required when you create a parameter.');
    const dataType = input.DataType ?? previous?.DataType ?? 'text';
    if (!DATA_TYPES.includes(dataType)) throw validation(`The following data type is not supported: ${dataType} (Data type names are all lowercase.)`);
    const size = Buffer.byteLength(input.Value);
    const tier: T.ParameterTier =
      input.Tier === 'Intelligent-Tiering' ? (size > MAX_VALUE.Standard || previous?.Tier === 'Advanced' ? 'Advanced' : 'Standard') : (input.Tier ?? previous?.Tier ?? 'Standard');
    if (previous?.Tier === 'Advanced' && tier === 'Standard') {
      throw validation('This parameter uses the advanced-parameter tier. You can\'t downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.');
    }
    if (size > MAX_VALUE[tier]) {
      throw validation(`Standard tier parameters support a maximum parameter value of ${MAX_VALUE.Standard} characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html`);
    }
    if (type !== 'SecureString' && input.KeyId) throw validation('KeyId is required for SecureString type parameter only.');
    const allowedPattern = input.AllowedPattern ?? previous?.AllowedPattern;
    if (allowedPattern !== undefined) {
      let re: RegExp;
      try {
        re = new RegExp(`^(?:${allowedPattern})$`);
      } catch {
        throw new AwsError('InvalidAllowedPatternException', `The allowed pattern ${allowedPattern} is not valid.`, 400);
      }
      if (!re.test(input.Value)) throw new AwsError('ParameterPatternMismatchException', `Parameter value, cannot be validated against allowedPattern: ${allowedPattern}`, 400);
    }
    const record: ParameterRecord = existing ?? { Name: name, Tags: input.Tags?.map((t) => ({ Key: t.Key, Value: t.Value })) ?? [], versions: [], nextVersion: 1 };
    if (record.versions.length >= MAX_VERSIONS) {
      if (record.versions[0].Labels.length) {
        throw new AwsError('ParameterMaxVersionLimitExceeded', `You attempted to create a new version of ${name} by calling the PutParameter API with the overwrite flag. Version ${record.versions[0].Version}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`, 400);
      }
      record.versions.shift();
    }
    const version: ParameterVersion = {
      Version: record.nextVersion++,
      Value: type === 'SecureString' ? this.ssm.secure.encrypt(input.Value) : input.Value,
      Type: type,
      KeyId: type === 'SecureString' ? (input.KeyId ?? (previous?.Type === 'SecureString' ? previous.KeyId : undefined) ?? 'alias/aws/ssm') : undefined,
      Description: input.Description ?? previous?.Description,
      AllowedPattern: allowedPattern,
      DataType: dataType,
      Tier: tier,
      LastModifiedDate: new Date(),
      LastModifiedUser: `arn:aws:iam::${ctx.account}:root`,
      Labels: [],
    };
    record.versions.push(version);
    params.set(key, record);
    return { Version: version.Version, Tier: tier };
  }

  getParameter(input: T.GetParameterRequest, ctx: RequestContext): T.GetParameterResult {
    const ref = parseReference(input.Name);
    const found = this.ssm.select(this.ssm.scope(ctx), ref);
    if (!found) {
      const sel = ref.selector;
      if (sel && 'version' in sel && this.ssm.scope(ctx).has(nameKey(ref.name))) {
        throw new AwsError('ParameterVersionNotFound', `Systems Manager could not find version ${sel.version} of ${ref.name}. Verify the version and try again.`, 400);
      }
      throw parameterNotFound();
    }
    return { Parameter: this.ssm.view(ctx, ref, found.version, input.WithDecryption) };
  }

  getParameters(input: T.GetParametersRequest, ctx: RequestContext): T.GetParametersResult {
    const params = this.ssm.scope(ctx);
    const Parameters: T.Parameter[] = [];
    const InvalidParameters: string[] = [];
    for (const name of new Set(input.Names)) {
      const ref = parseReference(name);
      const found = this.ssm.select(params, ref);
      if (found) Parameters.push(this.ssm.view(ctx, ref, found.version, input.WithDecryption));
      else InvalidParameters.push(name);
    }
    return { Parameters, InvalidParameters };
  }

  deleteParameter(input: T.DeleteParameterRequest, ctx: RequestContext): T.DeleteParameterResult {
    if (!this.ssm.scope(ctx).delete(nameKey(input.Name))) throw parameterNotFound();
    return {};
  }

  deleteParameters(input: T.DeleteParametersRequest, ctx: RequestContext): T.DeleteParametersResult {
    const params = this.ssm.scope(ctx);
    const DeletedParameters: string[] = [];
    const InvalidParameters: string[] = [];
    for (const name of new Set(input.Names)) (params.delete(nameKey(name)) ? DeletedParameters : InvalidParameters).push(name);
    return { DeletedParameters, InvalidParameters };
  }

  getParameterHistory(input: T.GetParameterHistoryRequest, ctx: RequestContext): T.GetParameterHistoryResult {
    const ref = parseReference(input.Name);
    const record = this.ssm.scope(ctx).get(nameKey(ref.name));
    if (!record) throw parameterNotFound();
    const history = record.versions.map((v): T.ParameterHistory => ({
      Name: record.Name,
      Value: this.ssm.value(v, input.WithDecryption),
      Labels: v.Labels,
      ...versionDetails(v),
    }));
    const page = pageOf(history, input.NextToken, input.MaxResults ?? 50);
    return { Parameters: page.items, NextToken: page.next };
  }

  labelParameterVersion(input: T.LabelParameterVersionRequest, ctx: RequestContext): T.LabelParameterVersionResult {
    const record = this.ssm.scope(ctx).get(nameKey(input.Name));
    if (!record) throw parameterNotFound();
    const target = input.ParameterVersion === undefined ? current(record) : record.versions.find((v) => v.Version === input.ParameterVersion);
    if (!target) {
      throw new AwsError('ParameterVersionNotFound', `Systems Manager could not find version ${input.ParameterVersion} of ${input.Name}. Verify the version and try again.`, 400);
    }
    const valid = (l: string) => l.length <= 100 && /^[A-Za-z_.\-][A-Za-z0-9_.\-]*$/.test(l) && !/^(aws|ssm)/i.test(l);
    const InvalidLabels = input.Labels.filter((l) => !valid(l));
    const labels = input.Labels.filter(valid);
    if (new Set([...target.Labels, ...labels]).size > MAX_LABELS_PER_VERSION) {
      throw new AwsError('ParameterVersionLabelLimitExceeded', `An error occurred when attaching a label to the parameter version: a parameter version can have maximum ${MAX_LABELS_PER_VERSION} labels.`, 400);
    }
    for (const v of record.versions) v.Labels = v.Labels.filter((l) => !labels.includes(l));
    target.Labels = [...new Set([...target.Labels, ...labels])];
    return { InvalidLabels, ParameterVersion: target.Version };
  }

  private tagged(input: { ResourceType: string; ResourceId: string }, ctx: RequestContext): ParameterRecord {
    if (input.ResourceType !== 'Parameter') {
      throw new AwsError('InvalidResourceType', `localgate keeps tags for Parameter resources only, not ${input.ResourceType}.`, 400);
    }
    const record = this.ssm.scope(ctx).get(nameKey(input.ResourceId));
    if (!record) throw new AwsError('InvalidResourceId', '', 400);
    return record;
  }

  addTagsToResource(input: T.AddTagsToResourceRequest, ctx: RequestContext): T.AddTagsToResourceResult {
    const record = this.tagged(input, ctx);
    const byKey = new Map(record.Tags.map((t) => [t.Key, t]));
    for (const t of input.Tags) byKey.set(t.Key, { Key: t.Key, Value: t.Value });
    record.Tags = [...byKey.values()];
    return {};
  }

  removeTagsFromResource(input: T.RemoveTagsFromResourceRequest, ctx: RequestContext): T.RemoveTagsFromResourceResult {
    const record = this.tagged(input, ctx);
    record.Tags = record.Tags.filter((t) => !input.TagKeys.includes(t.Key));
    return {};
  }

  listTagsForResource(input: T.ListTagsForResourceRequest, ctx: RequestContext): T.ListTagsForResourceResult {
    return { TagList: this.tagged(input, ctx).Tags };
  }
}

/** NextToken paging: the token is the base64 offset of the next item. */
/** What ParameterMetadata and ParameterHistory both say of a parameter version. */
export function versionDetails(v: ParameterVersion) {
  return {
    Type: v.Type,
    LastModifiedDate: v.LastModifiedDate,
    LastModifiedUser: v.LastModifiedUser,
    Version: v.Version,
    Tier: v.Tier,
    Policies: [],
    DataType: v.DataType,
    ...(v.KeyId ? { KeyId: v.KeyId } : {}),
    ...(v.Description !== undefined ? { Description: v.Description } : {}),
    ...(v.AllowedPattern !== undefined ? { AllowedPattern: v.AllowedPattern } : {}),
  };
}

export function pageOf<V>(items: V[], token: string | undefined, size: number): { items: V[]; next?: string } {
  const start = token === undefined ? 0 : Number(Buffer.from(token, 'base64').toString('utf8'));
  if (!Number.isInteger(start) || start < 0) throw new AwsError('InvalidNextToken', 'The specified token is not valid.', 400);
  const slice = items.slice(start, start + size);
  const next = start + slice.length;
  return { items: slice, next: next < items.length ? Buffer.from(String(next)).toString('base64') : undefined };
}
