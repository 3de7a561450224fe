// AWS::ApiGateway::RestApi: CreateRestApi, or ImportRestApi when the template carries an
// OpenAPI `Body` or `BodyS3Location` (then the template's own top-level properties are laid over the imported
// settings, as CloudFormation does); updates are UpdateRestApi patches, or PutRestApi
// (`Mode`, default overwrite) when the body changed. Ref is the API id.
import { parse as parseYaml } from 'yaml';
import type * as T from '../../../models/apigateway.types.ts';
import { AwsError } from '../../../protocol/errors.ts';
import type { StreamingPayload } from '../../../protocol/streaming.ts';
import type { ResourceContext, ResourceResult, ResourceType } from '../../resource.ts';
import { scalarOps, setMemberOps } from './patch-ops.ts';
import { invalidProperty, read, required, resourceArn, retag, stackTags, type Props } from './props.ts';
import { call, changed, ignoreNotFound } from '../service-call.ts';

/** The top-level settings a template can give, as the API names them. */
type Settings = Pick<T.RestApi, 'name' | 'description' | 'apiKeySource' | 'binaryMediaTypes' | 'disableExecuteApiEndpoint' | 'minimumCompressionSize' | 'policy' | 'endpointConfiguration'>;

function settings(p: Props): Settings {
  const endpoint = p.object('EndpointConfiguration');
  return {
    name: p.string('Name'),
    description: p.string('Description'),
    apiKeySource: p.string('ApiKeySourceType') as T.ApiKeySourceType | undefined,
    binaryMediaTypes: p.stringList('BinaryMediaTypes'),
    disableExecuteApiEndpoint: p.boolean('DisableExecuteApiEndpoint'),
    minimumCompressionSize: p.integer('MinimumCompressionSize'),
    // An empty Policy (the Serverless Framework writes one) is no policy.
    policy: p.json('Policy') || undefined,
    endpointConfiguration: endpoint && {
      types: endpoint.stringList('Types') as T.EndpointType[] | undefined,
      vpcEndpointIds: endpoint.stringList('VpcEndpointIds'),
      ipAddressType: endpoint.string('IpAddressType') as T.IpAddressType | undefined,
    },
  };
}

/** The patch from `before` to `after`; a setting no longer given returns to its default. */
function settingsOps(before: Settings, after: Settings): T.PatchOperation[] {
  const ops = [
    ...scalarOps('/name', before.name, after.name ?? before.name),
    ...scalarOps('/description', before.description, after.description),
    ...scalarOps('/apiKeySource', before.apiKeySource, after.apiKeySource, 'HEADER'),
    ...scalarOps('/disableExecuteApiEndpoint', before.disableExecuteApiEndpoint, after.disableExecuteApiEndpoint, false),
    // An empty value switches compression off.
    ...scalarOps('/minimumCompressionSize', before.minimumCompressionSize, after.minimumCompressionSize, ''),
    ...scalarOps('/policy', before.policy, after.policy),
    ...setMemberOps('/binaryMediaTypes', before.binaryMediaTypes, after.binaryMediaTypes),
  ];
  const [from] = before.endpointConfiguration?.types ?? ['EDGE'];
  const [to] = after.endpointConfiguration?.types ?? ['EDGE'];
  if (from !== to) ops.push({ op: 'replace', path: `/endpointConfiguration/types/${from}`, value: to });
  const ids = (c: Settings['endpointConfiguration']) => (c?.vpcEndpointIds ?? []).join(',');
  if (ids(before.endpointConfiguration) !== ids(after.endpointConfiguration)) {
    ops.push({ op: 'replace', path: '/endpointConfiguration/vpcEndpointIds', value: ids(after.endpointConfiguration) });
  }
  return ops;
}

/** The API's current values of the settings the template gives (to lay the template over an import). */
function currentOf(api: T.RestApi, wanted: Settings): Settings {
  const out: Settings = {};
  for (const key of Object.keys(wanted) as (keyof Settings)[]) {
    if (wanted[key] !== undefined) Object.assign(out, { [key]: structuredClone(api[key]) });
  }
  return out;
}

/** The OpenAPI definition: `Body` (object or text), or the object `BodyS3Location` names,
 * read with S3's GetObject (`ETag` checked as If-Match, `Version` as the version id). */
async function definition(p: Props, ctx: ResourceContext): Promise<Buffer | undefined> {
  const location = p.object('BodyS3Location');
  if (location) {
    const Bucket = location.string('Bucket');
    const Key = location.string('Key');
    if (!Bucket || !Key) throw invalidProperty(ctx, '#/BodyS3Location: required keys [Bucket, Key] not found');
    const getObject = ctx.services.s3.getObject;
    if (!getObject) throw new AwsError('NotImplemented', 'S3 GetObject is not available to read BodyS3Location');
    const object = await getObject({ Bucket, Key, VersionId: location.string('Version'), IfMatch: location.string('ETag') }, ctx.request);
    return readAll(object.Body);
  }
  const body = p.json('Body');
  return body === undefined ? undefined : Buffer.from(body);
}

/** A template's `Name` names the API whatever the definition's title (CloudFormation needs a
 * Name only without a definition): a definition without `info.title` imports under the Name. */
function titled(body: Buffer, name: string | undefined): Buffer {
  if (!name) return body;
  let doc: unknown;
  try {
    doc = parseYaml(body.toString('utf8'));
  } catch {
    return body; // the import reports the definition's syntax error
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return body;
  const info = (doc as { info?: unknown }).info;
  if (typeof info === 'object' && info !== null && (info as { title?: unknown }).title) return body;
  return Buffer.from(JSON.stringify({ ...doc, info: { ...(typeof info === 'object' ? info : {}), title: name } }));
}

async function readAll(body: StreamingPayload | undefined): Promise<Buffer> {
  if (body === undefined) return Buffer.alloc(0);
  if (typeof body === 'string' || body instanceof Uint8Array) return Buffer.from(body);
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

function importParameters(p: Props): Record<string, string> | undefined {
  const raw = p.values.Parameters;
  if (typeof raw === 'string') {
    try {
      return JSON.parse(raw);
    } catch {
      throw invalidProperty(p.ctx, '#/Parameters: expected type: JSONObject, found: String');
    }
  }
  return p.stringMap('Parameters');
}

const result = (api: T.RestApi): ResourceResult => ({
  physicalId: api.id!,
  attributes: { RestApiId: api.id, RootResourceId: api.rootResourceId },
});

async function applySettings(ctx: ResourceContext, restApiId: string, ops: T.PatchOperation[]): Promise<T.RestApi> {
  if (!ops.length) return call(ctx, 'apigateway', 'getRestApi', { restApiId });
  return call(ctx, 'apigateway', 'updateRestApi', { restApiId, patchOperations: ops });
}

export const restApi: ResourceType = {
  type: 'AWS::ApiGateway::RestApi',
  replaceOn: [],

  async create(props, ctx) {
    const p = read(props, ctx);
    const wanted = settings(p);
    const body = await definition(p, ctx);
    const tags = { ...p.tags(), ...stackTags(ctx) };
    if (body) {
      const imported = await call(ctx, 'apigateway', 'importRestApi', { body: titled(body, wanted.name), failOnWarnings: p.boolean('FailOnWarnings') ?? false, parameters: importParameters(p) });
      try {
        await applySettings(ctx, imported.id!, settingsOps(currentOf(imported, wanted), wanted));
        await call(ctx, 'apigateway', 'tagResource', { resourceArn: resourceArn(ctx, `/restapis/${imported.id}`), tags });
      } catch (err) {
        await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteRestApi', { restApiId: imported.id! }));
        throw err;
      }
      return result(imported);
    }
    required(props, ctx, 'Name');
    const created = await call(ctx, 'apigateway', 'createRestApi', {
      ...wanted,
      name: wanted.name!,
      cloneFrom: p.string('CloneFrom'),
      tags,
    } as T.CreateRestApiRequest);
    return result(created);
  },

  async update(physicalId, oldProps, newProps, ctx) {
    const before = read(oldProps, ctx);
    const after = read(newProps, ctx);
    const wanted = settings(after);
    const defined = after.has('Body') || after.has('BodyS3Location');
    const redefined = ['Body', 'BodyS3Location', 'Mode', 'Parameters'].some((name) => changed(oldProps, newProps, name));
    let api: T.RestApi;
    if (defined && redefined) {
      const body = (await definition(after, ctx))!;
      const mode = (after.string('Mode') ?? 'overwrite') as T.PutMode;
      const put = await call(ctx, 'apigateway', 'putRestApi', { restApiId: physicalId, body, mode, failOnWarnings: after.boolean('FailOnWarnings') ?? false, parameters: importParameters(after) });
      api = await applySettings(ctx, physicalId, settingsOps(currentOf(put, wanted), wanted));
    } else {
      if (!defined) required(newProps, ctx, 'Name');
      api = await applySettings(ctx, physicalId, settingsOps(settings(before), wanted));
    }
    await retag(ctx, `/restapis/${physicalId}`, oldProps, newProps);
    return result(api);
  },

  async delete(physicalId, _props, ctx) {
    await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteRestApi', { restApiId: physicalId }));
  },
};

