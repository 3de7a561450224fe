// What a request or answer shape binds where, worked out once per shape instead of on every
// request: the members bound to URI labels, the query string, headers and the status code,
// the members left for the body, and the members' order. Models are loaded once and never
// changed, so a plan lives as long as its shape (a WeakMap keyed by the shape object).
import type { MemberRef, Shape } from './model.ts';

/** A member bound outside the body: `wire` is its wire name, `header` the lower-cased
 * header name (or header-map prefix) node's IncomingHttpHeaders keys it by. */
export interface BoundMember {
  name: string;
  ref: MemberRef;
  location: NonNullable<MemberRef['location']>;
  wire: string;
  header: string;
}

export interface ShapePlan {
  /** Members bound to labels, query, headers and status, in the model's member order. */
  bound: BoundMember[];
  /** Members left for the body (neither bound nor the payload member), in member order. */
  body: Record<string, MemberRef>;
  hasBody: boolean;
  /** Position of each member in the model (validation faults are ordered by it). */
  order: Map<string, number>;
}

const plans = new WeakMap<Shape, ShapePlan>();

export function shapePlan(shape: Shape): ShapePlan {
  let plan = plans.get(shape);
  if (plan) return plan;
  plan = { bound: [], body: {}, hasBody: false, order: new Map() };
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    plan.order.set(name, plan.order.size);
    const wire = ref.locationName ?? name;
    if (ref.location) plan.bound.push({ name, ref, location: ref.location, wire, header: wire.toLowerCase() });
    else if (name !== shape.payload) {
      plan.body[name] = ref;
      plan.hasBody = true;
    }
  }
  plans.set(shape, plan);
  return plan;
}
