// AWS::ApiGateway::UsagePlan (CreateUsagePlan; updates are UpdateUsagePlan patches; its
// API stages are detached before DeleteUsagePlan, which refuses a plan that has any) and
// AWS::ApiGateway::UsagePlanKey (CreateUsagePlanKey; every property replaces it).
import type * as T from '../../../models/apigateway.types.ts';
import type { ResourceContext, ResourceType } from '../../resource.ts';
import { escapeSegment, scalarOps } from './patch-ops.ts';
import { defined, read, readRequired, retag, stackTags, type Props } from './props.ts';
import { call, ignoreNotFound } from '../service-call.ts';

function throttleOf(p: Props | undefined): T.ThrottleSettings | undefined {
  return p && defined({ burstLimit: p.integer('BurstLimit'), rateLimit: p.number('RateLimit') });
}

/** ApiStages, keyed "apiId:stage" as UpdateUsagePlan addresses them. */
function apiStages(p: Props): Map<string, T.ApiStage> {
  const out = new Map<string, T.ApiStage>();
  for (const s of p.objects('ApiStages')) {
    const throttles = s.object('Throttle');
    const throttle = throttles && Object.fromEntries(Object.keys(throttles.values).map((path) => [path, throttleOf(throttles.object(path))!]));
    out.set(`${s.string('ApiId')}:${s.string('Stage')}`, { apiId: s.string('ApiId'), stage: s.string('Stage'), throttle });
  }
  return out;
}

/** "/pets/GET" (a method's throttle key) -> its patch path under the API stage. */
function methodThrottlePath(stageKey: string, method: string, limit: string): string {
  const at = method.lastIndexOf('/');
  return `/apiStages/${stageKey}/throttle/${escapeSegment(method.slice(0, at))}/${method.slice(at + 1)}/${limit}`;
}

function apiStageOps(before: Map<string, T.ApiStage>, after: Map<string, T.ApiStage>): T.PatchOperation[] {
  const ops: T.PatchOperation[] = [];
  for (const key of before.keys()) if (!after.has(key)) ops.push({ op: 'remove', path: '/apiStages', value: key });
  for (const [key, stage] of after) {
    const old = before.get(key);
    if (!old) ops.push({ op: 'add', path: '/apiStages', value: key });
    const [was, now] = [old?.throttle ?? {}, stage.throttle ?? {}];
    for (const method of new Set([...Object.keys(was), ...Object.keys(now)])) {
      for (const limit of ['burstLimit', 'rateLimit'] as const) {
        const path = methodThrottlePath(key, method, limit);
        const [from, to] = [was[method]?.[limit], now[method]?.[limit]];
        if (to !== undefined && to !== from) ops.push({ op: 'replace', path, value: String(to) });
        else if (to === undefined && from !== undefined && old) ops.push({ op: 'remove', path });
      }
    }
  }
  return ops;
}

function limitsOps(prefix: string, before: object | undefined, after: object | undefined): T.PatchOperation[] {
  const [was, now] = [(before ?? {}) as Record<string, unknown>, (after ?? {}) as Record<string, unknown>];
  const keys = new Set([...Object.keys(was), ...Object.keys(now)]);
  return [...keys].flatMap((k) => scalarOps(`${prefix}/${k}`, was[k], now[k]));
}

function quotaOf(p: Props): T.QuotaSettings | undefined {
  const q = p.object('Quota');
  return q && defined({ limit: q.integer('Limit'), offset: q.integer('Offset'), period: q.string('Period') as T.QuotaPeriodType | undefined });
}

const planResult = (id: string) => ({ physicalId: id, attributes: { Id: id } });

async function detachStages(ctx: ResourceContext, usagePlanId: string) {
  const plan = await call(ctx, 'apigateway', 'getUsagePlan', { usagePlanId });
  const patchOperations = (plan.apiStages ?? []).map((s): T.PatchOperation => ({ op: 'remove', path: '/apiStages', value: `${s.apiId}:${s.stage}` }));
  if (patchOperations.length) await call(ctx, 'apigateway', 'updateUsagePlan', { usagePlanId, patchOperations });
}

export const usagePlan: ResourceType = {
  type: 'AWS::ApiGateway::UsagePlan',
  replaceOn: [],

  async create(props, ctx) {
    const p = read(props, ctx);
    const created = await call(ctx, 'apigateway', 'createUsagePlan', {
      name: p.string('UsagePlanName') ?? ctx.generateName(),
      description: p.string('Description'),
      apiStages: [...apiStages(p).values()],
      throttle: throttleOf(p.object('Throttle')),
      quota: quotaOf(p),
      tags: { ...p.tags(), ...stackTags(ctx) },
    });
    return planResult(created.id!);
  },

  async update(physicalId, oldProps, newProps, ctx) {
    const [before, after] = [read(oldProps, ctx), read(newProps, ctx)];
    const patchOperations = [
      ...scalarOps('/name', before.string('UsagePlanName'), after.string('UsagePlanName') ?? before.string('UsagePlanName')),
      ...scalarOps('/description', before.string('Description'), after.string('Description')),
      ...limitsOps('/throttle', throttleOf(before.object('Throttle')), throttleOf(after.object('Throttle'))),
      ...limitsOps('/quota', quotaOf(before), quotaOf(after)),
      ...apiStageOps(apiStages(before), apiStages(after)),
    ];
    if (patchOperations.length) await call(ctx, 'apigateway', 'updateUsagePlan', { usagePlanId: physicalId, patchOperations });
    await retag(ctx, `/usageplans/${physicalId}`, oldProps, newProps);
    return planResult(physicalId);
  },

  async delete(physicalId, _props, ctx) {
    await ignoreNotFound(async () => {
      await detachStages(ctx, physicalId);
      await call(ctx, 'apigateway', 'deleteUsagePlan', { usagePlanId: physicalId });
    });
  },
};

export const usagePlanKey: ResourceType = {
  type: 'AWS::ApiGateway::UsagePlanKey',
  replaceOn: ['KeyId', 'UsagePlanId', 'KeyType'],

  async create(props, ctx) {
    const p = readRequired(props, ctx, 'KeyType', 'UsagePlanId', 'KeyId');
    const created = await call(ctx, 'apigateway', 'createUsagePlanKey', { usagePlanId: p.string('UsagePlanId')!, keyId: p.string('KeyId')!, keyType: p.string('KeyType')! });
    return { physicalId: created.id!, attributes: { Id: created.id } };
  },

  async delete(physicalId, props, ctx) {
    const usagePlanId = read(props, ctx).string('UsagePlanId')!;
    await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteUsagePlanKey', { usagePlanId, keyId: physicalId }));
  },
};
