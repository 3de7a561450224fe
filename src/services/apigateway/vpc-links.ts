// VPC links (v1): Create/Get/Update/Delete VpcLink(s). A v1 VPC link targets Network Load
// Balancers by ARN; there is no VPC to provision locally, so CreateVpcLink answers PENDING,
// as AWS does, and the link is AVAILABLE by the next call. Shapes and messages as recorded
// (test_apigateway_api.snapshot.json#TestApiGatewayVpcLink).
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

function checkName(name: string | undefined) {
  if (!name) throw badRequest('Name cannot be empty');
}

/** A link as Get and Update answer it: with `tags: {}` when it has none. */
function publicLink(link: Link): T.VpcLink {
  return { ...structuredClone(link), tags: { ...link.tags } };
}

export class VpcLinkOperations {
  constructor(private store: ApiGatewayV1Store) {}

  createVpcLink(input: T.CreateVpcLinkRequest, ctx: RequestContext): T.VpcLink {
    checkName(input.name);
    if (!input.targetArns.length) throw badRequest('Vpc link target ARNs must not be empty');
    const malformed = input.targetArns.find((arn) => !/^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+/.test(arn));
    if (malformed !== undefined) throw badRequest(`Invalid ARN. ARN is not well formed ${malformed}`);
    const link: Link = compact({
      id: newShortId(),
      name: input.name,
      description: input.description,
      targetArns: [...input.targetArns],
      status: 'AVAILABLE' as const,
      statusMessage: 'Your vpc link is ready for use',
      tags: input.tags && Object.keys(input.tags).length ? { ...input.tags } : undefined,
    });
    linksOf(scope(this.store, ctx)).set(link.id, link);
    const { statusMessage: _ready, ...created } = structuredClone(link);
    return { ...created, status: 'PENDING' };
  }

  getVpcLink(input: T.GetVpcLinkRequest, ctx: RequestContext): T.VpcLink {
    return publicLink(getLink(scope(this.store, ctx), input.vpcLinkId));
  }

  getVpcLinks(input: T.GetVpcLinksRequest, ctx: RequestContext): T.VpcLinks {
    return paginate([...linksOf(scope(this.store, ctx)).values()].map((l) => structuredClone(l)), input.limit, input.position);
  }

  updateVpcLink(input: T.UpdateVpcLinkRequest, ctx: RequestContext): T.VpcLink {
    const state = scope(this.store, ctx);
    const next = applyPatch(getLink(state, input.vpcLinkId), input.patchOperations, LINK_PATCH);
    checkName(next.name);
    linksOf(state).set(next.id, next);
    return publicLink(next);
  }

  deleteVpcLink(input: T.DeleteVpcLinkRequest, ctx: RequestContext): void {
    const state = scope(this.store, ctx);
    getLink(state, input.vpcLinkId);
    linksOf(state).delete(input.vpcLinkId);
  }
}
