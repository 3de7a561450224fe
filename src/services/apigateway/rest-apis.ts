// CreateRestApi, GetRestApi(s), UpdateRestApi, DeleteRestApi.
import { badRequest } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/apigateway.types.ts';
import { newRestApiId, newRootResourceId, newShortId } from './ids.ts';
import { compact, getRestApi, now, scope } from './lookup.ts';
import { paginate } from './paging.ts';
import { applyPatch, scalar, setMember, toText, type PatchRule } from './patch.ts';
import type { ApiGatewayV1Store, RestApiRecord, RestApiRecordApi } from './store.ts';
import { forgetStage } from './cascade.ts';

// The two models every new REST API starts with.
const DEFAULT_MODELS = [
  {
    name: 'Empty',
    description: 'This is a default empty schema model',
    schema: '{\n  "$schema": "http://json-schema.org/draft-04/schema#",\n  "title" : "Empty Schema",\n  "type" : "object"\n}',
  },
  {
    name: 'Error',
    description: 'This is a default error schema model',
    schema:
      '{\n  "$schema" : "http://json-schema.org/draft-04/schema#",\n  "title" : "Error Schema",\n  "type" : "object",\n  "properties" : {\n    "message" : { "type" : "string" }\n  }\n}',
  },
];

const ENDPOINT_TYPES = ['EDGE', 'REGIONAL', 'PRIVATE'];
/** The endpoint types as UpdateRestApi's refusal lists them. */
const PATCH_ENDPOINT_TYPES = 'REGIONAL,EDGE,PRIVATE';
const PRIVATE_IS_DUALSTACK = 'Only dualstack ipAddressType is supported for Private APIs.';

const REST_API_PATCH: PatchRule[] = [
  scalar('/name', 'name'),
  scalar('/description', 'description', 'string', ['replace', 'add', 'remove']),
  scalar('/apiKeySource', 'apiKeySource'),
  scalar('/policy', 'policy', 'string', ['replace', 'add', 'remove']),
  scalar('/version', 'version', 'string', ['replace', 'add', 'remove']),
  scalar('/disableExecuteApiEndpoint', 'disableExecuteApiEndpoint', 'boolean'),
  {
    // An empty value removes the setting (compression off).
    pattern: '/minimumCompressionSize',
    ops: ['replace'],
    apply(api, ctx) {
      const text = toText(ctx.value).trim();
      if (text === '') delete api.minimumCompressionSize;
      else if (!/^\d+$/.test(text) || Number(text) > 10485760) throw badRequest('Invalid minimum compression size, must be between 0 and 10485760');
      else api.minimumCompressionSize = Number(text);
    },
  },
  setMember('/binaryMediaTypes/{key}', 'binaryMediaTypes'),
  {
    // replace /endpointConfiguration/types/EDGE with REGIONAL switches the endpoint type; a
    // PRIVATE API is dual-stack. AWS names add and remove as allowed but refuses them here
    // (test_apigateway_api.snapshot.json#TestApiGatewayApiRestApi::test_update_rest_api_ip_address_type).
    pattern: '/endpointConfiguration/types/{key}',
    ops: ['add', 'remove', 'replace'],
    apply(api, ctx) {
      if (ctx.op !== 'replace') throw badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
      const conf = (api.endpointConfiguration ??= {});
      const types: string[] = conf.types ?? [];
      const at = types.indexOf(ctx.params.key);
      if (at < 0) throw badRequest(`Invalid patch path ${ctx.path}: the endpoint type is ${types.join(', ')}`);
      const type = toText(ctx.value);
      if (!ENDPOINT_TYPES.includes(type)) throw badRequest(`Invalid EndpointTypes specified. Valid options are ${PATCH_ENDPOINT_TYPES}`);
      types[at] = type;
      if (type === 'PRIVATE') conf.ipAddressType = 'dualstack';
    },
  },
  {
    // Recorded on AWS: test_apigateway_api.snapshot.json#TestApiGatewayApiRestApi::test_update_rest_api_ip_address_type.
    pattern: '/endpointConfiguration/ipAddressType',
    ops: ['replace'],
    apply(api, ctx) {
      const conf = (api.endpointConfiguration ??= {});
      const ipAddressType = toText(ctx.value);
      if (ipAddressType !== 'ipv4' && ipAddressType !== 'dualstack') throw badRequest('ipAddressType must be either ipv4 or dualstack.');
      if (conf.types?.includes('PRIVATE') && ipAddressType === 'ipv4') throw badRequest(PRIVATE_IS_DUALSTACK);
      conf.ipAddressType = ipAddressType;
    },
  },
  {
    pattern: '/endpointConfiguration/vpcEndpointIds',
    ops: ['add', 'remove', 'replace'],
    apply(api, ctx) {
      const conf = (api.endpointConfiguration ??= {});
      const ids = toText(ctx.value).split(',').map((s) => s.trim()).filter(Boolean);
      const current: string[] = conf.vpcEndpointIds ?? [];
      if (ctx.op === 'remove') conf.vpcEndpointIds = current.filter((id) => !ids.includes(id));
      else if (ctx.op === 'add') conf.vpcEndpointIds = [...current, ...ids.filter((id) => !current.includes(id))];
      else conf.vpcEndpointIds = ids;
    },
  },
];

function validEndpointType(type: string): T.EndpointType {
  if (!ENDPOINT_TYPES.includes(type)) throw badRequest(`Invalid endpoint type: ${type}. Must be one of: [${ENDPOINT_TYPES.join(', ')}]`);
  return type as T.EndpointType;
}

function endpointConfiguration(input: T.EndpointConfiguration | undefined): T.EndpointConfiguration {
  // Recorded on AWS: test_apigateway_api.snapshot.json#TestApiGatewayApiRestApi::test_create_rest_api_with_endpoint_configuration.
  if (input?.types && !input.types.length) throw badRequest('REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.');
  const types = input?.types?.length ? input.types : ['EDGE' as const];
  if (types.length > 1) throw badRequest('Cannot create an api with multiple Endpoint Types.');
  types.forEach(validEndpointType);
  // PRIVATE APIs are dual-stack only.
  const ipAddressType = input?.ipAddressType ?? (types[0] === 'PRIVATE' ? 'dualstack' : 'ipv4');
  if (types[0] === 'PRIVATE' && ipAddressType === 'ipv4') throw badRequest(PRIVATE_IS_DUALSTACK);
  return compact({ types: [...types], ipAddressType, vpcEndpointIds: input?.vpcEndpointIds });
}

export function publicRestApi(api: RestApiRecordApi): T.RestApi {
  return structuredClone(api);
}

export class RestApiOperations {
  constructor(private store: ApiGatewayV1Store) {}

  createRestApi(input: T.CreateRestApiRequest, ctx: RequestContext): T.RestApi {
    const state = scope(this.store, ctx);
    const source = input.cloneFrom !== undefined ? getRestApi(state, input.cloneFrom) : undefined;
    if (!input.name.trim()) throw badRequest('Invalid REST API name specified');
    if (input.description === '') throw badRequest('Description cannot be an empty string');
    if (input.minimumCompressionSize !== undefined && (input.minimumCompressionSize < 0 || input.minimumCompressionSize > 10485760)) {
      throw badRequest('Invalid minimum compression size, must be between 0 and 10485760');
    }
    if (input.apiKeySource !== undefined && !['HEADER', 'AUTHORIZER'].includes(input.apiKeySource)) {
      throw badRequest(`Invalid apiKeySource: ${input.apiKeySource}`);
    }
    const id = newRestApiId();
    const rootId = newRootResourceId();
    const api: RestApiRecordApi = compact({
      id,
      name: input.name,
      description: input.description ?? source?.api.description,
      createdDate: now(),
      version: input.version ?? source?.api.version,
      binaryMediaTypes: input.binaryMediaTypes?.length ? [...new Set(input.binaryMediaTypes)] : source?.api.binaryMediaTypes,
      minimumCompressionSize: input.minimumCompressionSize ?? source?.api.minimumCompressionSize,
      apiKeySource: input.apiKeySource ?? source?.api.apiKeySource ?? 'HEADER',
      endpointConfiguration: endpointConfiguration(input.endpointConfiguration ?? source?.api.endpointConfiguration),
      policy: input.policy ?? source?.api.policy,
      tags: input.tags && Object.keys(input.tags).length ? { ...input.tags } : undefined,
      disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? source?.api.disableExecuteApiEndpoint ?? false,
      rootResourceId: rootId,
    });
    const record: RestApiRecord = {
      api,
      resources: new Map([[rootId, { id: rootId, path: '/', resourceMethods: {} }]]),
      authorizers: new Map(),
      models: new Map(),
      requestValidators: new Map(),
      gatewayResponses: new Map(),
      deployments: new Map(),
      stages: new Map(),
    };
    for (const model of DEFAULT_MODELS) record.models.set(model.name, { id: newShortId(), contentType: 'application/json', ...model });
    if (source) cloneInto(source, record);
    this.store.addRestApi(ctx.account, ctx.region, record);
    return publicRestApi(api);
  }

  getRestApi(input: T.GetRestApiRequest, ctx: RequestContext): T.RestApi {
    return publicRestApi(getRestApi(scope(this.store, ctx), input.restApiId).api);
  }

  getRestApis(input: T.GetRestApisRequest, ctx: RequestContext): T.RestApis {
    const all = [...scope(this.store, ctx).restApis.values()].map((r) => publicRestApi(r.api));
    return paginate(all, input.limit, input.position);
  }

  updateRestApi(input: T.UpdateRestApiRequest, ctx: RequestContext): T.RestApi {
    const record = getRestApi(scope(this.store, ctx), input.restApiId);
    const next = applyPatch(record.api, input.patchOperations, REST_API_PATCH, 'short');
    if (!next.name?.trim()) throw badRequest('Invalid REST API name specified');
    if (!['HEADER', 'AUTHORIZER'].includes(next.apiKeySource ?? 'HEADER')) throw badRequest(`Invalid apiKeySource: ${next.apiKeySource}`);
    if (next.binaryMediaTypes && !next.binaryMediaTypes.length) delete next.binaryMediaTypes;
    record.api = next;
    // UpdateRestApi answers with `tags`, empty when the API has none.
    return { ...publicRestApi(next), tags: { ...next.tags } };
  }

  deleteRestApi(input: T.DeleteRestApiRequest, ctx: RequestContext): void {
    const state = scope(this.store, ctx);
    getRestApi(state, input.restApiId);
    this.store.deleteRestApi(ctx.account, ctx.region, input.restApiId);
    forgetStage(state, input.restApiId);
  }
}

/** cloneFrom copies the source API's resources (with new ids), methods, models,
 * authorizers, validators and gateway responses. */
function cloneInto(source: RestApiRecord, target: RestApiRecord) {
  const ids = new Map<string, string>([[source.api.rootResourceId, target.api.rootResourceId]]);
  const mapId = (old: string) => ids.get(old) ?? ids.set(old, newShortId()).get(old)!;
  for (const resource of source.resources.values()) {
    const copy = structuredClone(resource);
    copy.id = mapId(resource.id);
    if (resource.parentId) copy.parentId = mapId(resource.parentId);
    for (const method of Object.values(copy.resourceMethods)) {
      if (method.methodIntegration?.cacheNamespace === resource.id) method.methodIntegration.cacheNamespace = copy.id;
    }
    target.resources.set(copy.id, copy);
  }
  target.models = structuredClone(source.models);
  target.authorizers = structuredClone(source.authorizers);
  target.requestValidators = structuredClone(source.requestValidators);
  target.gatewayResponses = structuredClone(source.gatewayResponses);
}
