// VPC links (v1): Create/Get/Update/Delete VpcLink(s). A v1 VPC link targets Network Load
// Balancers by ARN; there is no VPC to provision locally, so a link is AVAILABLE at once.
import { badRequest } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/apigateway.types.ts';
import { newShortId } from './ids.ts';
import { child, compact, scope } from './lookup.ts';
import { paginate } from './paging.ts';
import { applyPatch, scalar, type PatchRule } from './patch.ts';
import type { ApiGatewayV1Store, V1State } from './store.ts';

type Link = T.VpcLink & { id: string; name: string; targetArns: string[] };

// Kept beside the account-region state so the store's shape stays untouched.
const links = new WeakMap<V1State, Map<string, Link>>();

function linksOf(state: V1State): Map<string, Link> {
  let map = links.get(state);
  if (!map) links.set(state, (map = new Map()));
  return map;
}

const LINK_PATCH: PatchRule[] = [scalar('/name', 'name'), scalar('/description', 'description', 'string', ['replace', 'add', 'remove'])];

function getLink(state: V1State, id: string): Link {
  return child(linksOf(state), 'VpcLink', id);
}

export class VpcLinkOperations {
  constructor(private store: ApiGatewayV1Store) {}

  createVpcLink(input: T.CreateVpcLinkRequest, ctx: RequestContext): T.VpcLink {
    if (!input.name) throw badRequest('Vpc link name must not be empty');
    if (!input.targetArns.length) throw badRequest('Vpc link target ARNs must not be empty');
    const link: Link = compact({
      id: newShortId(),
      name: input.name,
      description: input.description,
      targetArns: [...input.targetArns],
      status: 'AVAILABLE' as const,
      tags: input.tags && Object.keys(input.tags).length ? { ...input.tags } : undefined,
    });
    linksOf(scope(this.store, ctx)).set(link.id, link);
    return structuredClone(link);
  }

  getVpcLink(input: T.GetVpcLinkRequest, ctx: RequestContext): T.VpcLink {
    return structuredClone(getLink(scope(this.store, ctx), input.vpcLinkId));
  }

  getVpcLinks(input: T.GetVpcLinksRequest, ctx: RequestContext): T.VpcLinks {
    return paginate([...linksOf(scope(this.store, ctx)).values()].map((l) => structuredClone(l)), input.limit, input.position);
  }

  updateVpcLink(input: T.UpdateVpcLinkRequest, ctx: RequestContext): T.VpcLink {
    const state = scope(this.store, ctx);
    const next = applyPatch(getLink(state, input.vpcLinkId), input.patchOperations, LINK_PATCH);
    if (!next.name) throw badRequest('Vpc link name must not be empty');
    linksOf(state).set(next.id, next);
    return structuredClone(next);
  }

  deleteVpcLink(input: T.DeleteVpcLinkRequest, ctx: RequestContext): void {
    const state = scope(this.store, ctx);
    getLink(state, input.vpcLinkId);
    linksOf(state).delete(input.vpcLinkId);
  }
}
