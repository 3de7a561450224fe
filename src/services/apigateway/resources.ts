// The resource tree: CreateResource, GetResource(s), UpdateResource, DeleteResource. Each
// resource stores its full path, recomputed when it or an ancestor moves or is renamed.
import { badRequest, conflict } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/apigateway.types.ts';
import { newShortId } from './ids.ts';
import { child, getRestApi, resourceOf, scope } from './lookup.ts';
import { paginate } from './paging.ts';
import { applyPatch, scalar, type PatchRule } from './patch.ts';
import type { ApiGatewayV1Store, ResourceRecord, RestApiRecord } from './store.ts';
import { publicMethod } from './methods.ts';

const RESOURCE_PATCH: PatchRule[] = [scalar('/parentId', 'parentId'), scalar('/pathPart', 'pathPart')];

const PLAIN_PART = /^[a-zA-Z0-9._-]+$/;
const VARIABLE_PART = /^\{[a-zA-Z0-9._-]+\+?\}$/;

const isVariable = (part: string | undefined) => part !== undefined && part.startsWith('{');
const isGreedy = (part: string | undefined) => part !== undefined && part.endsWith('+}');

/** Checks a path part against the rules API Gateway enforces under `parent`. */
function checkPathPart(api: RestApiRecord, parent: ResourceRecord, pathPart: string, selfId?: string) {
  if (!PLAIN_PART.test(pathPart) && !VARIABLE_PART.test(pathPart)) {
    throw badRequest(
      "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.",
    );
  }
  if (isGreedy(parent.pathPart)) throw badRequest(`Cannot create a child of a resource with a greedy path variable: ${parent.pathPart}`);
  for (const sibling of api.resources.values()) {
    if (sibling.parentId !== parent.id || sibling.id === selfId) continue;
    if (sibling.pathPart === pathPart) throw conflict(`Another resource with the same parent already has this name: ${pathPart}`);
    if (isVariable(pathPart) && isVariable(sibling.pathPart)) {
      throw badRequest(`A sibling (${sibling.pathPart}) of this resource already has a variable path part -- only one is allowed`);
    }
  }
}

function childrenOf(api: RestApiRecord, id: string): ResourceRecord[] {
  return [...api.resources.values()].filter((r) => r.parentId === id);
}

/** Recomputes `path` for a resource and its descendants. */
function recomputePaths(api: RestApiRecord, resource: ResourceRecord) {
  const parent = resource.parentId ? api.resources.get(resource.parentId) : undefined;
  resource.path = parent ? `${parent.path === '/' ? '' : parent.path}/${resource.pathPart}` : '/';
  for (const child of childrenOf(api, resource.id)) recomputePaths(api, child);
}

/** A resource as Get* answers it: methods in full with `embed=methods`, else as `{}`. */
function publicResource(resource: ResourceRecord, embedMethods: boolean): T.Resource {
  const out: T.Resource = { id: resource.id, path: resource.path };
  if (resource.parentId) out.parentId = resource.parentId;
  if (resource.pathPart !== undefined) out.pathPart = resource.pathPart;
  const methods = Object.entries(resource.resourceMethods);
  if (methods.length) {
    out.resourceMethods = Object.fromEntries(methods.map(([verb, m]) => [verb, embedMethods ? publicMethod(m) : {}]));
  }
  return out;
}

const wantsMethods = (embed: string[] | undefined) => (embed ?? []).some((e) => e.trim() === 'methods');

export class ResourceOperations {
  constructor(private store: ApiGatewayV1Store) {}

  createResource(input: T.CreateResourceRequest, ctx: RequestContext): T.Resource {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const parent = child(api.resources, 'Resource', input.parentId);
    checkPathPart(api, parent, input.pathPart);
    const resource: ResourceRecord = { id: newShortId(), parentId: parent.id, pathPart: input.pathPart, path: '', resourceMethods: {} };
    recomputePaths(api, resource);
    api.resources.set(resource.id, resource);
    return publicResource(resource, false);
  }

  getResource(input: T.GetResourceRequest, ctx: RequestContext): T.Resource {
    return publicResource(resourceOf(scope(this.store, ctx), input).resource, wantsMethods(input.embed));
  }

  getResources(input: T.GetResourcesRequest, ctx: RequestContext): T.Resources {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const embed = wantsMethods(input.embed);
    const all = [...api.resources.values()].map((r) => publicResource(r, embed));
    return paginate(all, input.limit, input.position);
  }

  updateResource(input: T.UpdateResourceRequest, ctx: RequestContext): T.Resource {
    const { api, resource } = resourceOf(scope(this.store, ctx), input);
    const next = applyPatch(resource, input.patchOperations, RESOURCE_PATCH);
    if (!resource.parentId && next.pathPart !== resource.pathPart) throw badRequest('Root resource cannot update its pathPart.');
    if (!resource.parentId && next.parentId !== resource.parentId) throw badRequest('Root resource cannot update its parentId.');
    if (next.parentId !== resource.parentId || next.pathPart !== resource.pathPart) {
      const parent = child(api.resources, 'Resource', next.parentId!);
      for (let p: ResourceRecord | undefined = parent; p; p = p.parentId ? api.resources.get(p.parentId) : undefined) {
        if (p.id === resource.id) throw badRequest('Resources cannot be cyclical.');
      }
      checkPathPart(api, parent, next.pathPart ?? '', resource.id);
    }
    resource.parentId = next.parentId;
    resource.pathPart = next.pathPart;
    recomputePaths(api, resource);
    return publicResource(resource, false);
  }

  deleteResource(input: T.DeleteResourceRequest, ctx: RequestContext): void {
    const { api, resource } = resourceOf(scope(this.store, ctx), input);
    if (!resource.parentId) throw badRequest('Cannot delete root resource');
    const drop = (r: ResourceRecord) => {
      for (const child of childrenOf(api, r.id)) drop(child);
      api.resources.delete(r.id);
    };
    drop(resource);
  }
}
