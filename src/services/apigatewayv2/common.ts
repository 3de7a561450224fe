// Shared pieces of the API Gateway v2 control plane: finding an API and its children with
// AWS's NotFound messages, opaque pagination, id shapes, the computed ApiEndpoint, and the
// change hook that redeploys AutoDeploy stages.
import type { RequestContext } from '../../protocol/engine.ts';
import { badRequest, notFound } from '../../protocol/errors.ts';
import { randomId } from '../../state/ids.ts';
import type { ApiGatewayV2Store, ApiRecord, V2State } from './store.ts';

/** Id lengths as API Gateway shapes them (APIs 10; routes, integrations, models and
 * responses 7; deployments, authorizers, API mappings and VPC links 6). */
export const ids = {
  api: () => randomId(10),
  child: () => randomId(7),
  short: () => randomId(6),
};

/** An API's children of each kind, by the name API Gateway's NotFound messages give the kind. */
const CHILDREN = {
  Route: 'routes',
  Integration: 'integrations',
  Authorizer: 'authorizers',
  Model: 'models',
  Stage: 'stages',
  Deployment: 'deployments',
} as const satisfies Record<string, keyof ApiRecord>;

type ChildKind = keyof typeof CHILDREN;
type ChildOf<K extends ChildKind> = ApiRecord[(typeof CHILDREN)[K]] extends Map<string, infer V> ? V : never;
/** The kinds that are part of an API's draft configuration, keyed by `{Kind}Id`. */
type DraftKind = 'Route' | 'Integration' | 'Authorizer' | 'Model';
/** The URI labels of an Update{Kind} call: the API and the child's id. */
type DraftLabels<K extends DraftKind> = { ApiId: string } & { [P in `${K}Id`]: string };

/** Called after any change to an API's configuration (routes, integrations, ...). */
type ApiChangeListener = (record: ApiRecord, ctx: RequestContext) => void;

export class V2Context {
  private changeListeners: ApiChangeListener[] = [];

  constructor(readonly store: ApiGatewayV2Store) {}

  state(ctx: RequestContext): V2State {
    return this.store.state(ctx.account, ctx.region);
  }

  api(ctx: RequestContext, apiId: string): ApiRecord {
    const record = this.state(ctx).apis.get(apiId);
    if (!record) throw notFound(`Invalid API identifier specified ${ctx.account}:${apiId}`);
    return record;
  }

  /** An API and its child of `kind` named by `id` (the Get/Update/Delete calls on one child). */
  find<K extends ChildKind>(ctx: RequestContext, apiId: string, kind: K, id: string): { record: ApiRecord; found: ChildOf<K> } {
    const record = this.api(ctx, apiId);
    return { record, found: child(childrenOf(record, kind), id, kind, ctx, apiId) };
  }

  /** One page of an API's children of `kind` (the Get<Kind>s calls). */
  page<K extends ChildKind>(ctx: RequestContext, kind: K, input: { ApiId: string } & PageRequest): Page<ChildOf<K>> {
    return paginate(childrenOf(this.api(ctx, input.ApiId), kind).values(), input);
  }

  /**
   * The Update{Kind} calls on a draft child: the members sent laid over the stored child,
   * handed to `check` (which refuses it by throwing, or adjusts it), stored in its place,
   * and the API marked changed.
   */
  update<K extends DraftKind>(
    ctx: RequestContext,
    kind: K,
    input: DraftLabels<K>,
    check: (updated: ChildOf<K>, record: ApiRecord, stored: ChildOf<K>) => void,
  ): ChildOf<K> {
    const idLabel: `${K}Id` = `${kind}Id`;
    const id = input[idLabel];
    const { record, found } = this.find(ctx, input.ApiId, kind, id);
    const updated = updatedChild(found as ChildOf<K> & object, input, ['ApiId', idLabel]);
    check(updated, record, found);
    childrenOf(record, kind).set(id, updated);
    this.changed(record, ctx);
    return updated;
  }

  onChange(listener: ApiChangeListener) {
    this.changeListeners.push(listener);
  }

  /** Marks an API's draft configuration as changed (AutoDeploy stages follow it). */
  changed(record: ApiRecord, ctx: RequestContext) {
    for (const listener of this.changeListeners) listener(record, ctx);
  }
}

/** Looks a child up by id or throws NotFoundException as API Gateway words it. */
export function child<T>(map: Map<string, T>, id: string, kind: string, ctx: RequestContext, apiId: string): T {
  const found = map.get(id);
  if (!found) throw notFound(`Invalid ${kind} identifier specified ${ctx.account}:${apiId}:${id}`);
  return found;
}

function childrenOf<K extends ChildKind>(record: ApiRecord, kind: K): Map<string, ChildOf<K>> {
  return record[CHILDREN[kind]] as Map<string, ChildOf<K>>;
}

/** The responses of one route or integration (WebSocket APIs), keyed by response id; an empty map on first use. */
export function responsesOf<T>(byParent: Map<string, Map<string, T>>, parentId: string): Map<string, T> {
  let responses = byParent.get(parentId);
  if (!responses) byParent.set(parentId, (responses = new Map()));
  return responses;
}

/** The execute-api URL of an API on this server (ws:// for WebSocket APIs). */
export function apiEndpoint(baseUrl: string, apiId: string, protocol: string): string {
  const base = protocol === 'WEBSOCKET' ? baseUrl.replace(/^http/, 'ws') : baseUrl;
  return `${base}/execute-api/${apiId}`;
}

export interface Page<T> {
  Items: T[];
  NextToken?: string;
}

/** The paging members of a Get{Kind}s call. */
interface PageRequest {
  MaxResults?: string;
  NextToken?: string;
}

/** One page of `items` for a Get{Kind}s call; the token is opaque and encodes the offset of
 * the next item. */
export function paginate<T>(items: Iterable<T>, { MaxResults: maxResults, NextToken: nextToken }: PageRequest): Page<T> {
  const all = [...items];
  let start = 0;
  if (nextToken !== undefined) {
    const decoded = decodeToken(nextToken);
    if (decoded === undefined || decoded > all.length) throw badRequest('Invalid pagination token');
    start = decoded;
  }
  let limit = all.length;
  if (maxResults !== undefined) {
    const n = Number(maxResults);
    if (!/^\d+$/.test(maxResults) || n < 1) throw badRequest(`Invalid MaxResults value: ${maxResults}`);
    limit = n;
  }
  const page = all.slice(start, start + limit);
  const next = start + limit;
  return { Items: page, NextToken: next < all.length ? encodeToken(next) : undefined };
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeToken(token: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return Number.isInteger(parsed?.o) && parsed.o >= 0 ? parsed.o : undefined;
  } catch {
    return undefined;
  }
}

/** Copies the members of `input` named in `keys` that were sent (partial update). */
export function assignDefined<T extends object>(target: T, input: Record<string, unknown>, keys: Array<keyof T & string>) {
  for (const key of keys) if (input[key] !== undefined) (target as Record<string, unknown>)[key] = input[key];
}

/**
 * The body of a Create or Update call on one of an API's children: the members that were
 * sent, less the URI labels naming where the record lives (ApiId, RouteId, ...). Every
 * child kind's create and update builds its record from this.
 */
export function sentMembers<R>(input: object, labels: string[]): R {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (!labels.includes(k) && v !== undefined) out[k] = v;
  return out as R;
}

/** A new child record: the members a Create call sent, with the record's new id. */
export function newChild<R>(input: object, labels: string[], id: Partial<R>): R {
  return { ...sentMembers<R>(input, labels), ...id };
}

/** A child record after an Update call: the members sent laid over the stored record. */
export function updatedChild<R extends object>(stored: R, input: object, labels: string[]): R {
  return { ...stored, ...sentMembers<Partial<R>>(input, labels) };
}
