// Models (JSON Schema draft 4 documents keyed by name) and gateway responses.
import { badRequest, conflict, notFound } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/apigateway.types.ts';
import { DEFAULT_TEMPLATES, defaultStatus, effectiveGatewayResponse, RESPONSE_TYPES } from './gateway-responses.ts';
import { newShortId } from './ids.ts';
import { child, compact, getRestApi, scope } from './lookup.ts';
import { paginate } from './paging.ts';
import { applyPatch, patchChild, mapEntry, scalar, type PatchRule } from './patch.ts';
import type { ApiGatewayV1Store } from './store.ts';

const MODEL_PATCH: PatchRule[] = [scalar('/description', 'description'), scalar('/schema', 'schema')];

/** A gateway response's responseParameters / responseTemplates entry: a value is required, and
 * replace needs an existing entry. */
function gatewayMapEntry(field: 'responseParameters' | 'responseTemplates'): PatchRule {
  const entry = mapEntry(`/${field}/{key}`, field);
  return {
    ...entry,
    apply(target, ctx) {
      if (ctx.op !== 'remove' && (ctx.value === undefined || ctx.value === null || ctx.value === '')) {
        throw badRequest(`Invalid null or empty value in ${field}`);
      }
      if (ctx.op === 'replace' && !Object.hasOwn(target[field] ?? {}, ctx.params.key)) throw notFound('Invalid parameter name specified');
      entry.apply(target, ctx);
    },
  };
}

const GATEWAY_RESPONSE_PATCH: PatchRule[] = [
  scalar('/statusCode', 'statusCode'),
  gatewayMapEntry('responseParameters'),
  gatewayMapEntry('responseTemplates'),
];

/** An empty or missing schema is refused; `{}` is a schema AWS keeps (test_apigateway.snapshot.json
 * under cloudformation/resources, test_cfn_with_apigateway_resources: a model with Schema {}). */
function checkSchema(schema: string | undefined) {
  if (!schema) throw badRequest('Model schema must have at least 1 property or array items defined');
  let parsed: unknown;
  try {
    parsed = JSON.parse(schema);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest('Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]');
  }
}

function checkStatus(statusCode: string | undefined) {
  if (statusCode !== undefined && !/^[1-5]\d\d$/.test(statusCode)) throw badRequest('Invalid status code specified');
}

export class ModelOperations {
  constructor(private store: ApiGatewayV1Store) {}

  createModel(input: T.CreateModelRequest, ctx: RequestContext): T.Model {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    if (!input.name) throw badRequest('Model name must be non-empty');
    if (!/^[a-zA-Z0-9]+$/.test(input.name)) throw badRequest('Model name must be alphanumeric');
    if (api.models.has(input.name)) throw conflict('Model name already exists for this REST API');
    checkSchema(input.schema);
    // An empty description is left out, as AWS leaves it.
    const model = compact({ id: newShortId(), name: input.name, description: input.description || undefined, schema: input.schema, contentType: input.contentType });
    api.models.set(model.name, model);
    return { ...model };
  }

  getModel(input: T.GetModelRequest, ctx: RequestContext): T.Model {
    return { ...child(getRestApi(scope(this.store, ctx), input.restApiId).models, 'Model', input.modelName) };
  }

  getModels(input: T.GetModelsRequest, ctx: RequestContext): T.Models {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    return paginate([...api.models.values()].map((m) => ({ ...m })), input.limit, input.position);
  }

  updateModel(input: T.UpdateModelRequest, ctx: RequestContext): T.Model {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    return { ...patchChild(api.models, 'Model', input.modelName, input.patchOperations, MODEL_PATCH, (model) => checkSchema(model.schema)) };
  }

  deleteModel(input: T.DeleteModelRequest, ctx: RequestContext): void {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const model = child(api.models, 'Model', input.modelName);
    for (const resource of api.resources.values()) {
      for (const [verb, method] of Object.entries(resource.resourceMethods)) {
        if (Object.values(method.requestModels ?? {}).includes(model.name)) {
          throw conflict(`Cannot delete model '${model.name}', is referenced in method request: ${resource.path}/${verb}`);
        }
        const inResponse = Object.values(method.methodResponses ?? {}).some((r) => Object.values(r.responseModels ?? {}).includes(model.name));
        if (inResponse) throw conflict(`Cannot delete model '${model.name}', is referenced in method: '${verb}:${resource.path}'`);
      }
    }
    api.models.delete(model.name);
  }

  putGatewayResponse(input: T.PutGatewayResponseRequest, ctx: RequestContext): T.GatewayResponse {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    checkStatus(input.statusCode);
    // What is not given takes the type's default status and the default template.
    const response: T.GatewayResponse = compact({
      responseType: input.responseType,
      statusCode: input.statusCode ?? defaultStatus(input.responseType),
      responseParameters: { ...(input.responseParameters ?? {}) },
      responseTemplates: { ...(input.responseTemplates ?? DEFAULT_TEMPLATES) },
      defaultResponse: false,
    });
    api.gatewayResponses.set(input.responseType, response);
    return structuredClone(response);
  }

  getGatewayResponse(input: T.GetGatewayResponseRequest, ctx: RequestContext): T.GatewayResponse {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    return effectiveGatewayResponse(Object.fromEntries(api.gatewayResponses), input.responseType);
  }

  /** Lists every response type, customised or default, as API Gateway does. The collection
   * is not paginated: AWS documents that `limit` and `position` do not apply to it. */
  getGatewayResponses(input: T.GetGatewayResponsesRequest, ctx: RequestContext): T.GatewayResponses {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const customised = Object.fromEntries(api.gatewayResponses);
    return { items: RESPONSE_TYPES.map((type) => effectiveGatewayResponse(customised, type)) };
  }

  updateGatewayResponse(input: T.UpdateGatewayResponseRequest, ctx: RequestContext): T.GatewayResponse {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const current = effectiveGatewayResponse(Object.fromEntries(api.gatewayResponses), input.responseType);
    const next = applyPatch(current, input.patchOperations, GATEWAY_RESPONSE_PATCH, 'terse');
    checkStatus(next.statusCode);
    next.defaultResponse = false;
    api.gatewayResponses.set(input.responseType, next);
    return structuredClone(next);
  }

  /** Deleting a customisation restores the default response. */
  deleteGatewayResponse(input: T.DeleteGatewayResponseRequest, ctx: RequestContext): void {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    if (!api.gatewayResponses.delete(input.responseType)) throw notFound('Gateway response type not defined on api');
  }
}
