// API keys and usage plans on the data plane. A method with apiKeyRequired needs a key
// (the x-api-key header, or the Lambda authorizer's usageIdentifierKey when the API's
// apiKeySource is AUTHORIZER) that exists, is enabled and belongs to a usage plan covering
// this API and stage; otherwise 403 Forbidden. The plan's throttle (per key: rate and
// burst, a per-method override in the plan's apiStage) and quota (requests per DAY, WEEK or
// MONTH, the period shifted by `offset` days) are enforced per key and plan: 429.
import type { UsageCounts } from '../../services/apigateway/data-plane.ts';
import type { ApiKeyRecord, ApiGatewayV1Store, UsagePlanRecord } from '../../services/apigateway/store.ts';
import { Throttler } from '../shared/throttle.ts';
import { restErrors } from './errors.ts';
import type { Invocation } from './invocation.ts';

const DAY_MS = 86_400_000;

/** The start (epoch ms, UTC) of the quota period `now` falls in. */
export function periodStart(period: string, offset: number, now: number): number {
  const d = new Date(now);
  if (period === 'DAY') return Math.floor(now / DAY_MS) * DAY_MS;
  if (period === 'WEEK') {
    // Offset 0 starts the week on Sunday, 1 on Monday, ...
    const today = Math.floor(now / DAY_MS) * DAY_MS;
    const back = (d.getUTCDay() - offset + 7) % 7;
    return today - back * DAY_MS;
  }
  // MONTH: offset 0 is the month's first day.
  let start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1 + offset);
  if (start > now) start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1 + offset);
  return start;
}

/** The quota counter of a plan, key and quota setting. */
export const quotaKey = (planId: string, keyId: string, quota: { period?: string; offset?: number; limit?: number }) =>
  `${planId}/${keyId}/${quota.period}/${quota.offset ?? 0}/${quota.limit}`;

/** The quota's limit and the start of the period `at` falls in; undefined without a quota. */
function quotaAt(plan: UsagePlanRecord, keyId: string, at: number): { key: string; limit: number; start: number } | undefined {
  const quota = plan.quota;
  if (quota?.limit === undefined || !quota.period) return undefined;
  return { key: quotaKey(plan.id, keyId, quota), limit: quota.limit, start: periodStart(quota.period, quota.offset ?? 0, at) };
}

export class UsageTracker implements UsageCounts {
  readonly throttler = new Throttler();
  readonly quotas = new Map<string, { start: number; used: number }>();
  /** Requests counted per plan, key and UTC day ("planId/keyId/YYYY-MM-DD"), for GetUsage. */
  readonly daily = new Map<string, number>();
  /** Called after each counted request (a --state-dir saves the counters). */
  onCount: () => void = () => {};

  countDay(planId: string, keyId: string, now: number) {
    const day = `${planId}/${keyId}/${new Date(now).toISOString().slice(0, 10)}`;
    this.daily.set(day, (this.daily.get(day) ?? 0) + 1);
    this.onCount();
  }

  usedOn(planId: string, keyId: string, day: string): number {
    return this.daily.get(`${planId}/${keyId}/${day}`) ?? 0;
  }

  remaining(plan: UsagePlanRecord, keyId: string, at: number): number {
    const quota = quotaAt(plan, keyId, at);
    if (!quota) return 0;
    const entry = this.quotas.get(quota.key);
    return entry && entry.start === quota.start ? Math.max(0, quota.limit - entry.used) : quota.limit;
  }

  setRemaining(plan: UsagePlanRecord, keyId: string, remaining: number, at: number) {
    const quota = quotaAt(plan, keyId, at);
    if (quota) this.quotas.set(quota.key, { start: quota.start, used: quota.limit - remaining });
  }

  /** Counts one request against the plan's quota; false when the quota is used up. */
  takeQuota(plan: UsagePlanRecord, keyId: string, at: number): boolean {
    const quota = quotaAt(plan, keyId, at);
    if (!quota) return true;
    const { key, limit, start } = quota;
    let entry = this.quotas.get(key);
    if (!entry || entry.start !== start) this.quotas.set(key, (entry = { start, used: 0 }));
    if (entry.used >= limit) return false;
    entry.used += 1;
    return true;
  }

  clear() {
    this.throttler.clear();
    this.quotas.clear();
    this.daily.clear();
  }
}

export function checkApiKey(store: ApiGatewayV1Store, usage: UsageTracker, inv: Invocation): ApiKeyRecord | undefined {
  if (!inv.match!.method.apiKeyRequired) return undefined;
  const source = inv.snapshot.api.apiKeySource ?? 'HEADER';
  const value = source === 'AUTHORIZER' ? inv.auth?.usageIdentifierKey : inv.req.headers.get('x-api-key')?.at(-1);
  if (!value) throw restErrors.invalidApiKey();
  const state = store.state(inv.location.account, inv.location.region);
  const key = [...state.apiKeys.values()].find((k) => k.value === value);
  if (!key || !key.enabled) throw restErrors.invalidApiKey();
  const plans = [...state.usagePlans.values()].filter(
    (p) => state.usagePlanKeys.get(p.id)?.has(key.id) && p.apiStages.some((s) => s.apiId === inv.exec.apiId && s.stage === inv.exec.stage),
  );
  if (!plans.length) throw restErrors.invalidApiKey();
  for (const plan of plans) enforcePlan(usage, plan, key, inv);
  return key;
}

function enforcePlan(usage: UsageTracker, plan: UsagePlanRecord, key: ApiKeyRecord, inv: Invocation) {
  const now = inv.req.timeEpoch;
  const apiStage = plan.apiStages.find((s) => s.apiId === inv.exec.apiId && s.stage === inv.exec.stage);
  const resourcePath = inv.match!.resource.path;
  const methodThrottle = apiStage?.throttle?.[`${resourcePath.replace(/~/g, '~0').replace(/\//g, '~1')}/${inv.req.method}`] ?? apiStage?.throttle?.[`${resourcePath}/${inv.req.method}`];
  const throttle = methodThrottle ?? plan.throttle;
  if (throttle && (throttle.rateLimit !== undefined || throttle.burstLimit !== undefined)) {
    const rate = throttle.rateLimit ?? Number.POSITIVE_INFINITY;
    const burst = throttle.burstLimit ?? Math.max(1, Math.ceil(throttle.rateLimit ?? 1));
    const scope = methodThrottle ? `${resourcePath}/${inv.req.method}` : '*';
    if (!usage.throttler.allow(`${plan.id}/${key.id}/${scope}`, { rate, burst }, now)) throw restErrors.throttled();
  }
  if (!usage.takeQuota(plan, key.id, now)) throw restErrors.quotaExceeded();
  usage.countDay(plan.id, key.id, now);
}
