// GetUsage and UpdateUsage: a usage plan's quota use per API key and UTC day, read from the
// data plane's usage counts (the same counts the quota is enforced with). Each day's item is
// [used that day, remaining in the quota period at the end of that day].
import type * as T from '../../models/apigateway.types.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import { badRequest } from '../../protocol/errors.ts';
import type { UsageCounts } from './data-plane.ts';
import { child, missing, scope } from './lookup.ts';
import type { ApiGatewayV1Store, UsagePlanRecord } from './store.ts';

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function day(text: string, name: string): number {
  const ms = DATE.test(text) ? Date.parse(`${text}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms)) throw badRequest(`Invalid ${name}: ${text}`);
  return ms;
}

export class UsageOperations {
  constructor(
    private store: ApiGatewayV1Store,
    private usage: UsageCounts,
  ) {}

  getUsage(input: T.GetUsageRequest, ctx: RequestContext): T.Usage {
    const state = scope(this.store, ctx);
    const plan = child(state.usagePlans, 'UsagePlan', input.usagePlanId);
    const start = day(input.startDate, 'startDate');
    const end = day(input.endDate, 'endDate');
    if (end < start) throw badRequest('The end date must be on or after the start date');
    // A bound on the per-day items one request can ask for.
    if ((end - start) / DAY_MS > 366) throw badRequest('The date range must not exceed 366 days');
    const keys = [...(state.usagePlanKeys.get(plan.id) ?? [])].filter((id) => input.keyId === undefined || id === input.keyId);
    const items: Record<string, number[][]> = {};
    for (const keyId of keys) items[keyId] = this.days(plan, keyId, start, end);
    return { usagePlanId: plan.id, startDate: input.startDate, endDate: input.endDate, items };
  }

  updateUsage(input: T.UpdateUsageRequest, ctx: RequestContext): T.Usage {
    const state = scope(this.store, ctx);
    const plan = child(state.usagePlans, 'UsagePlan', input.usagePlanId);
    if (!state.usagePlanKeys.get(plan.id)?.has(input.keyId)) throw missing('UsagePlanKey', input.keyId);
    const quota = plan.quota;
    for (const op of input.patchOperations ?? []) {
      if (op.op !== 'replace' || op.path !== '/remaining') throw badRequest(`Invalid patch path ${op.path ?? ''}`);
      const remaining = Number(op.value);
      if (!Number.isInteger(remaining) || remaining < 0) throw badRequest(`Invalid remaining value: ${op.value ?? ''}`);
      if (quota?.limit === undefined || !quota.period) throw badRequest('Usage plan has no quota');
      this.usage.setRemaining(plan, input.keyId, remaining, Date.now());
    }
    const today = new Date().toISOString().slice(0, 10);
    return { usagePlanId: plan.id, startDate: today, endDate: today, items: { [input.keyId]: this.days(plan, input.keyId, day(today, 'date'), day(today, 'date')) } };
  }

  /** [used, remaining] for each day from `start` to `end` (epoch ms of UTC midnights). */
  private days(plan: UsagePlanRecord, keyId: string, start: number, end: number): number[][] {
    const out: number[][] = [];
    const now = Date.now();
    for (let t = start; t <= end; t += DAY_MS) {
      const used = this.usage.usedOn(plan.id, keyId, new Date(t).toISOString().slice(0, 10));
      out.push([used, this.usage.remaining(plan, keyId, Math.min(t + DAY_MS - 1, now))]);
    }
    return out;
  }
}
