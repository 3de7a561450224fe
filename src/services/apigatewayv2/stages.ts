// Stages: stage variables, default and per-route settings, access log settings, and the
// deployment a stage serves (a fresh one on every API change when AutoDeploy is on).
import type { RequestContext } from '../../protocol/engine.ts';
import { badRequest, conflict, notFound } from '../../protocol/errors.ts';
import type {
  CreateStageRequest,
  CreateStageResponse,
  DeleteAccessLogSettingsRequest,
  DeleteRouteSettingsRequest,
  DeleteStageRequest,
  GetStageRequest,
  GetStageResponse,
  GetStagesRequest,
  GetStagesResponse,
  ResetAuthorizersCacheRequest,
  RouteSettings,
  UpdateStageRequest,
  UpdateStageResponse,
} from '../../models/apigatewayv2.types.ts';
import { assignDefined, child, type V2Context } from './common.ts';
import { autoDeployStage } from './deployments.ts';
import type { ApiRecord, StoredStage } from './store.ts';

const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;
const STAGE_VARIABLE_NAME = /^[A-Za-z0-9_]+$/;

/** Called when a stage's authorizer cache is reset (the data plane keeps the cache). */
type AuthorizerCacheReset = (apiId: string, stageName: string) => void;

export class StageOperations {
  private cacheResetListeners: AuthorizerCacheReset[] = [];

  constructor(private readonly v2: V2Context) {}

  onAuthorizersCacheReset(listener: AuthorizerCacheReset) {
    this.cacheResetListeners.push(listener);
  }

  createStage(input: CreateStageRequest, ctx: RequestContext): CreateStageResponse {
    const record = this.v2.api(ctx, input.ApiId);
    const name = input.StageName;
    if (name === '$default' ? record.api.ProtocolType !== 'HTTP' : !STAGE_NAME.test(name)) {
      throw badRequest(`Stage name ${name} is invalid: stage names may contain only alphanumerics, hyphens and underscores${record.api.ProtocolType === 'HTTP' ? ', or be $default' : ''}`);
    }
    if (record.stages.has(name)) throw conflict(`Stage ${name} already exists`);
    const now = new Date();
    const stage: StoredStage = {
      StageName: name,
      CreatedDate: now,
      LastUpdatedDate: now,
      DefaultRouteSettings: { DetailedMetricsEnabled: false, ...input.DefaultRouteSettings },
      RouteSettings: {},
      StageVariables: {},
      Tags: { ...input.Tags },
    };
    this.apply(record, stage, input, ctx, true);
    record.stages.set(name, stage);
    return stage;
  }

  getStage(input: GetStageRequest, ctx: RequestContext): GetStageResponse {
    return this.v2.find(ctx, input.ApiId, 'Stage', input.StageName).found;
  }

  getStages(input: GetStagesRequest, ctx: RequestContext): GetStagesResponse {
    return this.v2.page(ctx, 'Stage', input);
  }

  updateStage(input: UpdateStageRequest, ctx: RequestContext): UpdateStageResponse {
    const { record, found: stage } = this.v2.find(ctx, input.ApiId, 'Stage', input.StageName);
    const updated: StoredStage = structuredClone(stage);
    if (input.DefaultRouteSettings) updated.DefaultRouteSettings = { ...updated.DefaultRouteSettings, ...input.DefaultRouteSettings };
    this.apply(record, updated, input, ctx);
    updated.LastUpdatedDate = new Date();
    record.stages.set(stage.StageName, updated);
    return updated;
  }

  deleteStage(input: DeleteStageRequest, ctx: RequestContext): void {
    const { record, found: stage } = this.v2.find(ctx, input.ApiId, 'Stage', input.StageName);
    record.stages.delete(stage.StageName);
  }

  deleteRouteSettings(input: DeleteRouteSettingsRequest, ctx: RequestContext): void {
    const { found: stage } = this.v2.find(ctx, input.ApiId, 'Stage', input.StageName);
    if (!stage.RouteSettings?.[input.RouteKey]) throw notFound(`Unable to find route settings for route key ${input.RouteKey}`);
    delete stage.RouteSettings[input.RouteKey];
    stage.LastUpdatedDate = new Date();
  }

  deleteAccessLogSettings(input: DeleteAccessLogSettingsRequest, ctx: RequestContext): void {
    const { found: stage } = this.v2.find(ctx, input.ApiId, 'Stage', input.StageName);
    delete stage.AccessLogSettings;
    stage.LastUpdatedDate = new Date();
  }

  resetAuthorizersCache(input: ResetAuthorizersCacheRequest, ctx: RequestContext): void {
    this.v2.find(ctx, input.ApiId, 'Stage', input.StageName);
    for (const listener of this.cacheResetListeners) listener(input.ApiId, input.StageName);
  }

  /** Validates and applies the members a create or update request sent. */
  private apply(record: ApiRecord, stage: StoredStage, input: UpdateStageRequest, ctx: RequestContext, creating = false) {
    if (input.RouteSettings) stage.RouteSettings = mergeRouteSettings(record, stage.RouteSettings ?? {}, input.RouteSettings);
    if (input.StageVariables) {
      for (const key of Object.keys(input.StageVariables)) {
        if (!STAGE_VARIABLE_NAME.test(key)) throw badRequest(`Stage variable names must match [A-Za-z0-9_]+, got ${key}`);
      }
      stage.StageVariables = { ...input.StageVariables };
    }
    assignDefined(stage, input as unknown as Record<string, unknown>, ['AccessLogSettings', 'ClientCertificateId', 'Description']);
    const autoDeploy = input.AutoDeploy ?? stage.AutoDeploy ?? false;
    if (input.DeploymentId !== undefined) {
      // A new stage may name its first deployment and auto-deploy from then on (CloudFormation
      // templates do, e.g. aws-cdk-examples api-websocket-lambda-dynamodb); an update may not.
      if (autoDeploy && !creating) throw badRequest('DeploymentId cannot be specified for a stage with AutoDeploy enabled');
      child(record.deployments, input.DeploymentId, 'Deployment', ctx, record.api.ApiId);
      stage.DeploymentId = input.DeploymentId;
    }
    const turnedOn = autoDeploy && !stage.AutoDeploy;
    if (input.AutoDeploy !== undefined) stage.AutoDeploy = input.AutoDeploy;
    if (turnedOn) autoDeployStage(record, stage);
  }
}

function mergeRouteSettings(record: ApiRecord, current: Record<string, RouteSettings>, sent: Record<string, RouteSettings>) {
  const keys = new Set([...record.routes.values()].map((r) => r.RouteKey));
  const out = { ...current };
  for (const [key, settings] of Object.entries(sent)) {
    if (!keys.has(key)) throw notFound(`Unable to find Route by key ${key} within the provided RouteSettings`);
    out[key] = { ...out[key], ...settings };
  }
  return out;
}
