// Deployments: CreateDeployment freezes the API (and creates or moves a stage when given a
// stageName), GetDeployment(s), UpdateDeployment, DeleteDeployment.
import { badRequest } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/apigateway.types.ts';
import { newShortId } from './ids.ts';
import { child, compact, getRestApi, now, scope } from './lookup.ts';
import { paginate } from './paging.ts';
import { applyPatch, scalar, type PatchRule } from './patch.ts';
import { freezeSnapshot } from './snapshot.ts';
import { checkStageName, newStage } from './stages.ts';
import type { ApiGatewayV1Store, DeploymentRecord, RestApiRecord } from './store.ts';

const DEPLOYMENT_PATCH: PatchRule[] = [scalar('/description', 'description', 'string', ['replace', 'add', 'remove'])];

function publicDeployment(d: DeploymentRecord, embedSummary: boolean): T.Deployment {
  const out: T.Deployment = compact({ id: d.id, description: d.description, createdDate: d.createdDate });
  if (embedSummary) out.apiSummary = apiSummary(d);
  return out;
}

/** `embed=apisummary`: path -> method -> { authorizationType, apiKeyRequired }. */
function apiSummary(d: DeploymentRecord): Record<string, Record<string, T.MethodSnapshot>> {
  const summary: Record<string, Record<string, T.MethodSnapshot>> = {};
  for (const resource of d.snapshot.resources) {
    for (const [verb, method] of Object.entries(resource.resourceMethods)) {
      (summary[resource.path] ??= {})[verb] = { authorizationType: method.authorizationType, apiKeyRequired: method.apiKeyRequired ?? false };
    }
  }
  return summary;
}

/** API Gateway refuses to deploy an API with no methods, or a method with no integration. */
function checkDeployable(api: RestApiRecord) {
  const methods = [...api.resources.values()].flatMap((r) => Object.values(r.resourceMethods));
  if (!methods.length) throw badRequest("The REST API doesn't contain any methods");
  if (methods.some((m) => !m.methodIntegration)) throw badRequest('No integration defined for method');
}

export class DeploymentOperations {
  constructor(private store: ApiGatewayV1Store) {}

  createDeployment(input: T.CreateDeploymentRequest, ctx: RequestContext): T.Deployment {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    checkDeployable(api);
    // A canary deployment goes to a stage that exists, in AWS's words
    // (test_apigateway_canary.snapshot.json#TestStageCrudCanary::test_create_canary_deployment_validation).
    if (input.canarySettings && !input.stageName) {
      throw badRequest('Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is null');
    }
    if (input.canarySettings && !api.stages.has(input.stageName!)) {
      throw badRequest(`Invalid deployment content specified.Stage ${input.stageName} must already be created before making a canary release deployment`);
    }
    if (input.stageName !== undefined) checkStageName(input.stageName);
    const deployment: DeploymentRecord = compact({
      id: newShortId(),
      description: input.description,
      createdDate: now(),
      snapshot: freezeSnapshot(api),
    });
    api.deployments.set(deployment.id, deployment);
    if (input.stageName !== undefined) {
      const existing = api.stages.get(input.stageName);
      const at = now();
      if (existing && input.canarySettings) {
        // A canary deployment leaves the stage's own deployment in place.
        existing.canarySettings = compact({
          deploymentId: deployment.id,
          percentTraffic: input.canarySettings.percentTraffic ?? 0,
          stageVariableOverrides: input.canarySettings.stageVariableOverrides,
          useStageCache: input.canarySettings.useStageCache ?? false,
        });
        existing.lastUpdatedDate = at;
      } else if (existing) {
        existing.deploymentId = deployment.id;
        if (input.variables) existing.variables = { ...existing.variables, ...input.variables };
        if (input.stageDescription !== undefined) existing.description = input.stageDescription;
        existing.lastUpdatedDate = at;
      } else {
        api.stages.set(
          input.stageName,
          newStage({
            stageName: input.stageName,
            deploymentId: deployment.id,
            description: input.stageDescription,
            variables: input.variables,
            cacheClusterEnabled: input.cacheClusterEnabled,
            cacheClusterSize: input.cacheClusterSize,
            tracingEnabled: input.tracingEnabled,
          }),
        );
      }
    }
    return publicDeployment(deployment, false);
  }

  getDeployment(input: T.GetDeploymentRequest, ctx: RequestContext): T.Deployment {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const embed = (input.embed ?? []).some((e) => e.trim() === 'apisummary');
    return publicDeployment(child(api.deployments, 'Deployment', input.deploymentId), embed);
  }

  getDeployments(input: T.GetDeploymentsRequest, ctx: RequestContext): T.Deployments {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const all = [...api.deployments.values()].map((d) => publicDeployment(d, false));
    return paginate(all, input.limit, input.position);
  }

  updateDeployment(input: T.UpdateDeploymentRequest, ctx: RequestContext): T.Deployment {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const deployment = child(api.deployments, 'Deployment', input.deploymentId);
    const next = applyPatch({ description: deployment.description }, input.patchOperations, DEPLOYMENT_PATCH);
    deployment.description = next.description;
    return publicDeployment(deployment, false);
  }

  deleteDeployment(input: T.DeleteDeploymentRequest, ctx: RequestContext): void {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    child(api.deployments, 'Deployment', input.deploymentId);
    for (const stage of api.stages.values()) {
      if (stage.deploymentId === input.deploymentId || stage.canarySettings?.deploymentId === input.deploymentId) {
        throw badRequest('Active stages pointing to this deployment must be moved or deleted');
      }
    }
    api.deployments.delete(input.deploymentId);
  }
}
