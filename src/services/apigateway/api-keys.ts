// API keys, usage plans and usage plan keys (account-wide, not per REST API).
import { badRequest, conflict, notFound } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/apigateway.types.ts';
import { newApiKeyId, newApiKeyValue, newShortId } from './ids.ts';
import { child, compact, getRestApi, missing, now, scope } from './lookup.ts';
import { paginate } from './paging.ts';
import { patchChild, escapeSegment, scalar, setByValue, toInteger, toNumber, toText, type PatchRule } from './patch.ts';
import type { ApiGatewayV1Store, ApiKeyRecord, UsagePlanRecord, V1State } from './store.ts';

const API_KEY_PATCH: PatchRule[] = [
  scalar('/name', 'name'),
  scalar('/description', 'description', 'string', ['replace', 'add', 'remove']),
  scalar('/enabled', 'enabled', 'boolean'),
  scalar('/customerId', 'customerId', 'string', ['replace', 'add', 'remove']),
  setByValue('/stages', 'stageKeys'),
];

const USAGE_PLAN_PATCH: PatchRule[] = [
  scalar('/name', 'name'),
  scalar('/description', 'description', 'string', ['replace', 'add', 'remove']),
  scalar('/productCode', 'productCode', 'string', ['replace', 'add', 'remove']),
  scalar('/throttle', 'throttle', 'string', ['remove']),
  scalar('/throttle/burstLimit', 'throttle.burstLimit', 'integer', ['replace', 'add', 'remove']),
  scalar('/throttle/rateLimit', 'throttle.rateLimit', 'number', ['replace', 'add', 'remove']),
  scalar('/quota', 'quota', 'string', ['remove']),
  scalar('/quota/limit', 'quota.limit', 'integer', ['replace', 'add', 'remove']),
  scalar('/quota/offset', 'quota.offset', 'integer', ['replace', 'add', 'remove']),
  scalar('/quota/period', 'quota.period', 'string', ['replace', 'add', 'remove']),
  {
    // add/remove "/apiStages" with value "{restApiId}:{stage}".
    pattern: '/apiStages',
    ops: ['add', 'remove'],
    apply(plan, ctx) {
      const [apiId, stage] = toText(ctx.value).split(':');
      const stages: T.ApiStage[] = plan.apiStages;
      const at = stages.findIndex((s) => s.apiId === apiId && s.stage === stage);
      if (ctx.op === 'add' && at < 0) stages.push({ apiId, stage });
      if (ctx.op === 'remove') {
        if (at < 0) throw notFound(`Invalid API Stage {api: ${apiId}, stage: ${stage}} specified for usageplan ${plan.id}`);
        stages.splice(at, 1);
      }
    },
  },
  {
    // Per-method throttling: "/apiStages/{apiId}:{stage}/throttle/{resourcePath}/{method}/rateLimit".
    pattern: '/apiStages/{key}/throttle/{resource}/{method}/{limit}',
    ops: ['add', 'replace', 'remove'],
    apply(plan, ctx) {
      const { key, resource, method, limit } = ctx.params;
      const [apiId, stage] = key.split(':');
      const apiStage: T.ApiStage | undefined = plan.apiStages.find((s: T.ApiStage) => s.apiId === apiId && s.stage === stage);
      if (!apiStage) throw notFound(`Invalid API Stage {api: ${apiId}, stage: ${stage}} specified for usageplan ${plan.id}`);
      if (limit !== 'rateLimit' && limit !== 'burstLimit') throw badRequest(`Invalid patch path ${ctx.path}`);
      const methodKey = `${escapeSegment(resource)}/${method}`;
      const throttle = (apiStage.throttle ??= {});
      if (ctx.op === 'remove') {
        delete throttle[methodKey]?.[limit];
        if (throttle[methodKey] && !Object.keys(throttle[methodKey]).length) delete throttle[methodKey];
      } else {
        (throttle[methodKey] ??= {})[limit] = limit === 'rateLimit' ? toNumber(ctx.value, ctx.path) : toInteger(ctx.value, ctx.path);
      }
    },
  },
];

function publicApiKey(key: ApiKeyRecord, includeValue: boolean): T.ApiKey {
  const out = structuredClone(key) as T.ApiKey;
  if (!includeValue) delete out.value;
  return out;
}

function checkApiStages(state: V1State, stages: T.ApiStage[]) {
  for (const s of stages) child(getRestApi(state, s.apiId ?? '').stages, 'Stage', s.stage ?? '');
}

function checkQuota(plan: T.UsagePlan) {
  if (plan.quota && (plan.quota.limit === undefined || plan.quota.limit < 0 || !plan.quota.period)) {
    throw badRequest('Quota limit must be a non-negative integer and a period DAY, WEEK or MONTH must be given');
  }
  if (plan.quota?.period && !['DAY', 'WEEK', 'MONTH'].includes(plan.quota.period)) throw badRequest(`Invalid quota period: ${plan.quota.period}`);
}

export class ApiKeyOperations {
  constructor(private store: ApiGatewayV1Store) {}

  createApiKey(input: T.CreateApiKeyRequest, ctx: RequestContext): T.ApiKey {
    const state = scope(this.store, ctx);
    if (input.value !== undefined && input.value.length < 20) throw badRequest('API Key value should be at least 20 characters');
    if (input.value !== undefined && [...state.apiKeys.values()].some((k) => k.value === input.value)) throw conflict('API Key already exists');
    const stageKeys = (input.stageKeys ?? []).map((sk) => {
      child(getRestApi(state, sk.restApiId ?? '').stages, 'Stage', sk.stageName ?? '');
      return `${sk.restApiId}/${sk.stageName}`;
    });
    const at = now();
    const key: ApiKeyRecord = compact({
      id: newApiKeyId(),
      value: input.value ?? newApiKeyValue(),
      name: input.name,
      customerId: input.customerId,
      description: input.description,
      enabled: input.enabled ?? false,
      createdDate: at,
      lastUpdatedDate: at,
      stageKeys,
      tags: input.tags && Object.keys(input.tags).length ? { ...input.tags } : undefined,
    });
    state.apiKeys.set(key.id, key);
    // CreateApiKey answers the value, generated or given.
    return publicApiKey(key, true);
  }

  getApiKey(input: T.GetApiKeyRequest, ctx: RequestContext): T.ApiKey {
    return publicApiKey(child(scope(this.store, ctx).apiKeys, 'ApiKey', input.apiKey), input.includeValue ?? false);
  }

  getApiKeys(input: T.GetApiKeysRequest, ctx: RequestContext): T.ApiKeys {
    const keys = [...scope(this.store, ctx).apiKeys.values()].filter(
      (k) => (input.nameQuery === undefined || (k.name ?? '').startsWith(input.nameQuery)) && (input.customerId === undefined || k.customerId === input.customerId),
    );
    return paginate(keys.map((k) => publicApiKey(k, input.includeValues ?? false)), input.limit, input.position);
  }

  updateApiKey(input: T.UpdateApiKeyRequest, ctx: RequestContext): T.ApiKey {
    const state = scope(this.store, ctx);
    const next = patchChild(state.apiKeys, 'ApiKey', input.apiKey, input.patchOperations, API_KEY_PATCH, (key) => {
      for (const sk of key.stageKeys) {
        const [apiId, stage] = sk.split('/');
        child(getRestApi(state, apiId ?? '').stages, 'Stage', stage ?? '');
      }
      key.lastUpdatedDate = now();
    });
    // UpdateApiKey answers with `tags`, empty when the key has none.
    return { ...publicApiKey(next, false), tags: { ...next.tags } };
  }

  deleteApiKey(input: T.DeleteApiKeyRequest, ctx: RequestContext): void {
    const state = scope(this.store, ctx);
    child(state.apiKeys, 'ApiKey', input.apiKey);
    state.apiKeys.delete(input.apiKey);
    for (const keys of state.usagePlanKeys.values()) keys.delete(input.apiKey);
  }

  createUsagePlan(input: T.CreateUsagePlanRequest, ctx: RequestContext): T.UsagePlan {
    const state = scope(this.store, ctx);
    const apiStages = structuredClone(input.apiStages ?? []);
    checkApiStages(state, apiStages);
    const plan: UsagePlanRecord = compact({
      id: newShortId(),
      name: input.name,
      description: input.description,
      apiStages,
      throttle: input.throttle && { ...input.throttle },
      quota: input.quota && { offset: 0, ...input.quota },
      tags: input.tags && Object.keys(input.tags).length ? { ...input.tags } : undefined,
    });
    checkQuota(plan);
    state.usagePlans.set(plan.id, plan);
    state.usagePlanKeys.set(plan.id, new Set());
    return structuredClone(plan);
  }

  /** GetUsagePlan and UpdateUsagePlan answer with `tags`, empty when the plan has none;
   * CreateUsagePlan and GetUsagePlans leave them out. */
  getUsagePlan(input: T.GetUsagePlanRequest, ctx: RequestContext): T.UsagePlan {
    return withTags(child(scope(this.store, ctx).usagePlans, 'UsagePlan', input.usagePlanId));
  }

  getUsagePlans(input: T.GetUsagePlansRequest, ctx: RequestContext): T.UsagePlans {
    const state = scope(this.store, ctx);
    const plans = [...state.usagePlans.values()].filter((p) => input.keyId === undefined || state.usagePlanKeys.get(p.id)?.has(input.keyId));
    return paginate(plans.map((p) => structuredClone(p)), input.limit, input.position);
  }

  updateUsagePlan(input: T.UpdateUsagePlanRequest, ctx: RequestContext): T.UsagePlan {
    const state = scope(this.store, ctx);
    const next = patchChild(state.usagePlans, 'UsagePlan', input.usagePlanId, input.patchOperations, USAGE_PLAN_PATCH, (plan) => {
      checkApiStages(state, plan.apiStages);
      if (plan.throttle && !Object.keys(plan.throttle).length) delete plan.throttle;
      if (plan.quota && !Object.keys(plan.quota).length) delete plan.quota;
      checkQuota(plan);
    });
    return withTags(next);
  }

  deleteUsagePlan(input: T.DeleteUsagePlanRequest, ctx: RequestContext): void {
    const state = scope(this.store, ctx);
    const plan = child(state.usagePlans, 'UsagePlan', input.usagePlanId);
    const first = plan.apiStages[0];
    if (first) {
      throw badRequest(`Cannot delete Usage Plan ${plan.id} because there are API Stages associated with it, including ${first.apiId}:${first.stage}`);
    }
    state.usagePlans.delete(input.usagePlanId);
    state.usagePlanKeys.delete(input.usagePlanId);
  }

  createUsagePlanKey(input: T.CreateUsagePlanKeyRequest, ctx: RequestContext): T.UsagePlanKey {
    const state = scope(this.store, ctx);
    child(state.usagePlans, 'UsagePlan', input.usagePlanId);
    if (input.keyType !== 'API_KEY') throw badRequest(`Invalid key type specified: ${input.keyType}. Must be API_KEY`);
    const key = child(state.apiKeys, 'ApiKey', input.keyId);
    const keys = state.usagePlanKeys.get(input.usagePlanId)!;
    if (keys.has(key.id)) throw conflict('Usage plan key already exists');
    keys.add(key.id);
    return usagePlanKey(key);
  }

  getUsagePlanKey(input: T.GetUsagePlanKeyRequest, ctx: RequestContext): T.UsagePlanKey {
    const state = scope(this.store, ctx);
    child(state.usagePlans, 'UsagePlan', input.usagePlanId);
    const key = state.apiKeys.get(input.keyId);
    if (!key || !state.usagePlanKeys.get(input.usagePlanId)!.has(key.id)) throw missing('UsagePlanKey', input.keyId);
    return usagePlanKey(key);
  }

  getUsagePlanKeys(input: T.GetUsagePlanKeysRequest, ctx: RequestContext): T.UsagePlanKeys {
    const state = scope(this.store, ctx);
    child(state.usagePlans, 'UsagePlan', input.usagePlanId);
    const keys = [...state.usagePlanKeys.get(input.usagePlanId)!]
      .map((id) => state.apiKeys.get(id)!)
      .filter((k) => input.nameQuery === undefined || (k.name ?? '').startsWith(input.nameQuery));
    return paginate(keys.map(usagePlanKey), input.limit, input.position);
  }

  deleteUsagePlanKey(input: T.DeleteUsagePlanKeyRequest, ctx: RequestContext): void {
    const state = scope(this.store, ctx);
    child(state.usagePlans, 'UsagePlan', input.usagePlanId);
    if (!state.usagePlanKeys.get(input.usagePlanId)!.delete(input.keyId)) throw missing('UsagePlanKey', input.keyId);
  }
}

function withTags(plan: UsagePlanRecord): T.UsagePlan {
  return { ...structuredClone(plan), tags: { ...plan.tags } };
}

function usagePlanKey(key: ApiKeyRecord): T.UsagePlanKey {
  return compact({ id: key.id, type: 'API_KEY', name: key.name, value: key.value });
}
