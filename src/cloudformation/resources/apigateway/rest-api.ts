// AWS::ApiGateway::RestApi: CreateRestApi, or ImportRestApi when the template carries an
// OpenAPI `Body` (then the template's own top-level properties are laid over the imported
// settings, as CloudFormation does); updates are UpdateRestApi patches, or PutRestApi
// (`Mode`, default overwrite) when the body changed. Ref is the API id.
import type * as T from '../../../models/apigateway.types.ts';
import { AwsError } from '../../../protocol/errors.ts';
import type { ResourceContext, ResourceResult, ResourceType } from '../../resource.ts';
import { scalarOps, setMemberOps } from './patch-ops.ts';
import { call, changed, ignoreNotFound, invalidProperty, read, required, retag, stackTags, type Props } from './props.ts';

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
    policy: p.json('Policy'),
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

/** The OpenAPI definition, from `Body` (object or text); `BodyS3Location` needs S3. */
function definition(p: Props, ctx: ResourceContext): Buffer | undefined {
  const location = p.object('BodyS3Location');
  if (location) {
    throw new AwsError(
      'ValidationError',
      `${ctx.logicalId}: BodyS3Location (s3://${location.string('Bucket')}/${location.string('Key')}) is not supported: localgate has no S3 service to read it from; use Body`,
    );
  }
  const body = p.json('Body');
  return body === undefined ? undefined : Buffer.from(body);
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
  if (!ops.length) return call(ctx, 'getRestApi', { restApiId });
  return call(ctx, 'updateRestApi', { restApiId, patchOperations: ops });
}

export const restApi: ResourceType = {
  type: 'AWS::ApiGateway::RestApi',
  replaceOn: [],

  async create(props, ctx) {
    const p = read(props, ctx);
    const wanted = settings(p);
    const body = definition(p, ctx);
    const tags = { ...p.tags(), ...stackTags(ctx) };
    if (body) {
      const imported = await call(ctx, 'importRestApi', { body, failOnWarnings: p.boolean('FailOnWarnings') ?? false, parameters: importParameters(p) });
      try {
        await applySettings(ctx, imported.id!, settingsOps(currentOf(imported, wanted), wanted));
        await call(ctx, 'tagResource', { resourceArn: `arn:aws:apigateway:${ctx.request.region}::/restapis/${imported.id}`, tags });
      } catch (err) {
        await ignoreNotFound(() => call(ctx, 'deleteRestApi', { restApiId: imported.id! }));
        throw err;
      }
      return result(imported);
    }
    required(props, ctx, 'Name');
    const created = await call(ctx, 'createRestApi', {
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
    const body = definition(after, ctx);
    let api: T.RestApi;
    if (body && (changed(oldProps, newProps, 'Body') || changed(oldProps, newProps, 'Mode') || changed(oldProps, newProps, 'Parameters'))) {
      const mode = (after.string('Mode') ?? 'overwrite') as T.PutMode;
      const put = await call(ctx, 'putRestApi', { restApiId: physicalId, body, mode, failOnWarnings: after.boolean('FailOnWarnings') ?? false, parameters: importParameters(after) });
      api = await applySettings(ctx, physicalId, settingsOps(currentOf(put, wanted), wanted));
    } else {
      if (!body) required(newProps, ctx, 'Name');
      api = await applySettings(ctx, physicalId, settingsOps(settings(before), wanted));
    }
    await retag(ctx, `/restapis/${physicalId}`, oldProps, newProps);
    return result(api);
  },

  async delete(physicalId, _props, ctx) {
    await ignoreNotFound(() => call(ctx, 'deleteRestApi', { restApiId: physicalId }));
  },
};

