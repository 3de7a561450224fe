// Stages: CreateStage, GetStage(s), UpdateStage (variables, method settings, canary
// settings, access logs...), DeleteStage. A stage points at a deployment; the data plane
// serves that deployment's snapshot.
import { badRequest, conflict } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/apigateway.types.ts';
import { child, compact, getRestApi, now, scope } from './lookup.ts';
import { applyPatch, escapeSegment, mapEntry, scalar, toBoolean, toInteger, toNumber, toText, wholeMap, type PatchRule } from './patch.ts';
import type { ApiGatewayV1Store, StageRecord } from './store.ts';
import { forgetStage } from './cascade.ts';

export function checkStageName(name: string) {
  if (!/^[a-zA-Z0-9_]+$/.test(name)) throw badRequest('Stage name only allows a-zA-Z0-9_');
}

export function newStage(fields: Partial<StageRecord> & { stageName: string; deploymentId: string }): StageRecord {
  const at = now();
  const cache = fields.cacheClusterEnabled ?? false;
  return compact({
    ...fields,
    cacheClusterEnabled: cache,
    cacheClusterSize: cache ? (fields.cacheClusterSize ?? '0.5') : fields.cacheClusterSize,
    cacheClusterStatus: cache ? 'AVAILABLE' : 'NOT_AVAILABLE',
    tracingEnabled: fields.tracingEnabled ?? false,
    methodSettings: {},
    variables: fields.variables && Object.keys(fields.variables).length ? { ...fields.variables } : undefined,
    createdDate: at,
    lastUpdatedDate: at,
  }) as StageRecord;
}

/** What a method setting holds before anything is overridden; AWS shows no loggingLevel
 * until one is set. */
const METHOD_SETTING_DEFAULTS: T.MethodSetting = {
  metricsEnabled: false,
  dataTraceEnabled: false,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
};

/** "/{resource path}/{method}/{section}/{setting}" -> MethodSetting member and its type. */
const METHOD_SETTING_PATHS: Record<string, [keyof T.MethodSetting, (v: unknown, path: string) => unknown]> = {
  'metrics/enabled': ['metricsEnabled', toBoolean],
  'logging/loglevel': ['loggingLevel', (v, path) => oneOf(toText(v), ['OFF', 'ERROR', 'INFO'], path)],
  'logging/dataTrace': ['dataTraceEnabled', toBoolean],
  'throttling/burstLimit': ['throttlingBurstLimit', toInteger],
  'throttling/rateLimit': ['throttlingRateLimit', toNumber],
  'caching/enabled': ['cachingEnabled', toBoolean],
  'caching/ttlInSeconds': ['cacheTtlInSeconds', toInteger],
  'caching/dataEncrypted': ['cacheDataEncrypted', toBoolean],
  'caching/requireAuthorizationForCacheControl': ['requireAuthorizationForCacheControl', toBoolean],
  'caching/unauthorizedCacheControlHeaderStrategy': [
    'unauthorizedCacheControlHeaderStrategy',
    (v, path) => oneOf(toText(v), ['FAIL_WITH_403', 'SUCCEED_WITH_RESPONSE_HEADER', 'SUCCEED_WITHOUT_RESPONSE_HEADER'], path),
  ],
};

function oneOf(value: string, allowed: string[], path: string): string {
  if (!allowed.includes(value)) throw badRequest(`Invalid value '${value}' for ${path}. Must be one of: [${allowed.join(', ')}]`);
  return value;
}

/** The paths UpdateStage names when it refuses one, in AWS's words (its missing commas too). */
const STAGE_PATHS = [
  '/deploymentId', '/description', '/cacheClusterEnabled', '/cacheClusterSize', '/clientCertificateId', '/accessLogSettings',
  '/accessLogSettings/destinationArn', '/accessLogSettings/format', '/{resourcePath}/{httpMethod}/metrics/enabled',
  '/{resourcePath}/{httpMethod}/logging/dataTrace', '/{resourcePath}/{httpMethod}/logging/loglevel',
  '/{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds',
  '/{resourcePath}/{httpMethod}/caching/enabled', '/{resourcePath}/{httpMethod}/caching/dataEncrypted',
  '/{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl', '/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy',
  '/*/*/metrics/enabled', '/*/*/logging/dataTrace', '/*/*/logging/loglevel', '/*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds',
  '/*/*/caching/enabled', '/*/*/caching/dataEncrypted', '/*/*/caching/requireAuthorizationForCacheControl',
  '/*/*/caching/unauthorizedCacheControlHeaderStrategy', '/variables/{variable_name}', '/tracingEnabled',
].join(', ');
/** How UpdateStage refuses a path, and an add on a path that takes none (test_apigateway_canary.snapshot.json
 * #TestStageCrudCanary::test_update_stage_canary_deployment_validation). */
const STAGE_PATCH_ERRORS = {
  unknownPath: (path: string) => `Invalid method setting path: ${path}. Must be one of: [${STAGE_PATHS}]`,
  refusedOp: (path: string, op: string) => (op === 'add' ? `Invalid add operation with path: ${path}` : undefined),
};
/** A remove of a method setting (or of a two-segment path AWS reads as one) that is not there,
 * in AWS's words, trailing space included. */
const noMethodSetting = (key: string) => badRequest(`Cannot remove method setting ${key} because there is no method setting for this method `);

const methodSettingKey = (resource: string, method: string) => `${escapeSegment(resource)}/${method}`;

const STAGE_PATCH: PatchRule[] = [
  scalar('/description', 'description', 'string', ['replace', 'add', 'remove']),
  scalar('/deploymentId', 'deploymentId'),
  scalar('/cacheClusterEnabled', 'cacheClusterEnabled', 'boolean'),
  scalar('/cacheClusterSize', 'cacheClusterSize'),
  scalar('/tracingEnabled', 'tracingEnabled', 'boolean'),
  scalar('/clientCertificateId', 'clientCertificateId', 'string', ['replace', 'remove']),
  scalar('/documentationVersion', 'documentationVersion', 'string', ['replace', 'remove']),
  scalar('/webAclArn', 'webAclArn', 'string', ['replace', 'remove']),
  wholeMap('/variables', 'variables'),
  mapEntry('/variables/{key}', 'variables'),
  scalar('/accessLogSettings', 'accessLogSettings', 'string', ['remove']),
  scalar('/accessLogSettings/destinationArn', 'accessLogSettings.destinationArn', 'string', ['replace', 'remove']),
  scalar('/accessLogSettings/format', 'accessLogSettings.format', 'string', ['replace', 'remove']),
  scalar('/canarySettings', 'canarySettings', 'string', ['remove']),
  scalar('/canarySettings/deploymentId', 'canarySettings.deploymentId'),
  scalar('/canarySettings/percentTraffic', 'canarySettings.percentTraffic', 'number'),
  scalar('/canarySettings/useStageCache', 'canarySettings.useStageCache', 'boolean'),
  {
    pattern: '/canarySettings/stageVariableOverrides',
    ops: ['remove'],
    apply(stage) {
      if (!stage.canarySettings?.stageVariableOverrides) throw noMethodSetting('canarySettings/stageVariableOverrides');
      delete stage.canarySettings.stageVariableOverrides;
    },
    get: (stage) => stage.canarySettings?.stageVariableOverrides,
  },
  mapEntry('/canarySettings/stageVariableOverrides/{key}', 'canarySettings.stageVariableOverrides'),
  {
    // Removes a method's whole override, e.g. remove "/~1pets/GET".
    pattern: '/{resource}/{method}',
    ops: ['remove'],
    apply(stage, ctx) {
      const key = methodSettingKey(ctx.params.resource, ctx.params.method);
      if (!stage.methodSettings?.[key]) throw noMethodSetting(key);
      delete stage.methodSettings[key];
    },
  },
  {
    pattern: '/{resource}/{method}/{section}/{setting}',
    ops: ['replace'],
    apply(stage, ctx) {
      const { resource, method, section, setting } = ctx.params;
      const known = METHOD_SETTING_PATHS[`${section}/${setting}`];
      if (!known) throw badRequest(STAGE_PATCH_ERRORS.unknownPath(ctx.path));
      const [member, convert] = known;
      const key = methodSettingKey(resource, method);
      // A method's first override starts from the stage-wide "*/*" settings, as AWS starts it.
      const all = (stage.methodSettings ??= {});
      const settings = (all[key] ??= { ...(all['*/*'] ?? METHOD_SETTING_DEFAULTS) });
      settings[member] = convert(ctx.value, ctx.path);
    },
  },
];

function publicStage(stage: StageRecord): T.Stage {
  return structuredClone(stage);
}

export class StageOperations {
  constructor(private store: ApiGatewayV1Store) {}

  createStage(input: T.CreateStageRequest, ctx: RequestContext): T.Stage {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    checkStageName(input.stageName);
    child(api.deployments, 'Deployment', input.deploymentId);
    if (api.stages.has(input.stageName)) throw conflict('Stage already exists');
    if (input.canarySettings?.deploymentId) child(api.deployments, 'Deployment', input.canarySettings.deploymentId);
    const stage = newStage({
      stageName: input.stageName,
      deploymentId: input.deploymentId,
      description: input.description,
      variables: input.variables,
      cacheClusterEnabled: input.cacheClusterEnabled,
      cacheClusterSize: input.cacheClusterSize,
      tracingEnabled: input.tracingEnabled,
      documentationVersion: input.documentationVersion,
      canarySettings: input.canarySettings && compact({ ...input.canarySettings, percentTraffic: input.canarySettings.percentTraffic ?? 0 }),
      tags: input.tags && Object.keys(input.tags).length ? { ...input.tags } : undefined,
    });
    api.stages.set(stage.stageName, stage);
    return publicStage(stage);
  }

  getStage(input: T.GetStageRequest, ctx: RequestContext): T.Stage {
    return publicStage(child(getRestApi(scope(this.store, ctx), input.restApiId).stages, 'Stage', input.stageName));
  }

  /** Stages are not paginated: GetStages answers `item` with all of them. */
  getStages(input: T.GetStagesRequest, ctx: RequestContext): T.Stages {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const stages = [...api.stages.values()].filter((s) => input.deploymentId === undefined || s.deploymentId === input.deploymentId);
    return { item: stages.map(publicStage) };
  }

  updateStage(input: T.UpdateStageRequest, ctx: RequestContext): T.Stage {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const stage = child(api.stages, 'Stage', input.stageName);
    const next = applyPatch(stage, input.patchOperations, STAGE_PATCH, STAGE_PATCH_ERRORS);
    child(api.deployments, 'Deployment', next.deploymentId);
    if (next.canarySettings) {
      if (next.canarySettings.deploymentId) child(api.deployments, 'Deployment', next.canarySettings.deploymentId);
      const pct = next.canarySettings.percentTraffic ?? 0;
      if (pct < 0 || pct > 100) throw badRequest('Canary traffic percentage must be between 0.0 and 100.0');
    }
    if (next.variables && !Object.keys(next.variables).length) delete next.variables;
    if (next.cacheClusterEnabled) {
      next.cacheClusterSize ??= '0.5';
      next.cacheClusterStatus = 'AVAILABLE';
    } else next.cacheClusterStatus = 'NOT_AVAILABLE';
    next.lastUpdatedDate = now();
    api.stages.set(stage.stageName, next);
    return publicStage(next);
  }

  deleteStage(input: T.DeleteStageRequest, ctx: RequestContext): void {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    child(api.stages, 'Stage', input.stageName);
    api.stages.delete(input.stageName);
    forgetStage(scope(this.store, ctx), input.restApiId, input.stageName);
  }
}
