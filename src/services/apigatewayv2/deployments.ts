// Deployments: a deployment freezes the API's draft configuration into an immutable
// snapshot that stages point to. AutoDeploy stages get a fresh deployment (AutoDeployed:
// true) on every change of the API, including when the stage is created.
import type { RequestContext } from '../../protocol/engine.ts';
import { badRequest, conflict } from '../../protocol/errors.ts';
import type {
  CreateDeploymentRequest,
  CreateDeploymentResponse,
  DeleteDeploymentRequest,
  Deployment,
  GetDeploymentRequest,
  GetDeploymentResponse,
  GetDeploymentsRequest,
  GetDeploymentsResponse,
  UpdateDeploymentRequest,
  UpdateDeploymentResponse,
} from '../../models/apigatewayv2.types.ts';
import { child, ids, paginate, type V2Context } from './common.ts';
import type { ApiRecord, ApiSnapshot, StoredDeployment, StoredStage } from './store.ts';

/** A deep copy of the API's current configuration: later edits never reach it. */
export function snapshotOf(record: ApiRecord): ApiSnapshot {
  const copy = structuredClone(record);
  return {
    api: copy.api,
    routes: [...copy.routes.values()],
    integrations: copy.integrations,
    integrationResponses: new Map([...copy.integrationResponses].map(([id, rs]) => [id, [...rs.values()]])),
    routeResponses: new Map([...copy.routeResponses].map(([id, rs]) => [id, [...rs.values()]])),
    authorizers: copy.authorizers,
    models: copy.models,
  };
}

export function deploy(record: ApiRecord, opts: { autoDeployed: boolean; description?: string }): StoredDeployment {
  const deployment: StoredDeployment = {
    DeploymentId: ids.short(),
    AutoDeployed: opts.autoDeployed,
    CreatedDate: new Date(),
    DeploymentStatus: 'DEPLOYED',
    Description: opts.description,
    snapshot: snapshotOf(record),
  };
  record.deployments.set(deployment.DeploymentId, deployment);
  return deployment;
}

/** Points an AutoDeploy stage at a new deployment of the API as it is now. */
export function autoDeployStage(record: ApiRecord, stage: StoredStage) {
  const deployment = deploy(record, { autoDeployed: true });
  stage.DeploymentId = deployment.DeploymentId;
  stage.LastDeploymentStatusMessage = `Successfully deployed stage with deployment ID '${deployment.DeploymentId}'`;
  stage.LastUpdatedDate = new Date();
}

const deploymentView = (d: StoredDeployment): Deployment => {
  const { snapshot: _snapshot, ...view } = d;
  return view;
};

export class DeploymentOperations {
  constructor(private readonly v2: V2Context) {
    v2.onChange((record) => {
      for (const stage of record.stages.values()) if (stage.AutoDeploy) autoDeployStage(record, stage);
    });
  }

  createDeployment(input: CreateDeploymentRequest, ctx: RequestContext): CreateDeploymentResponse {
    const record = this.v2.api(ctx, input.ApiId);
    let stage: StoredStage | undefined;
    if (input.StageName !== undefined) {
      stage = child(record.stages, input.StageName, 'Stage', ctx, input.ApiId);
      if (stage.AutoDeploy) {
        throw badRequest(`Stage ${input.StageName} has AutoDeploy enabled; deployments are created automatically for it`);
      }
    }
    if (record.routes.size === 0) throw badRequest('Unable to deploy API because no routes exist in this API');
    const deployment = deploy(record, { autoDeployed: false, description: input.Description });
    if (stage) {
      stage.DeploymentId = deployment.DeploymentId;
      stage.LastUpdatedDate = new Date();
    }
    return deploymentView(deployment);
  }

  getDeployment(input: GetDeploymentRequest, ctx: RequestContext): GetDeploymentResponse {
    const record = this.v2.api(ctx, input.ApiId);
    return deploymentView(child(record.deployments, input.DeploymentId, 'Deployment', ctx, input.ApiId));
  }

  getDeployments(input: GetDeploymentsRequest, ctx: RequestContext): GetDeploymentsResponse {
    const record = this.v2.api(ctx, input.ApiId);
    return paginate([...record.deployments.values()].map(deploymentView), input);
  }

  updateDeployment(input: UpdateDeploymentRequest, ctx: RequestContext): UpdateDeploymentResponse {
    const record = this.v2.api(ctx, input.ApiId);
    const deployment = child(record.deployments, input.DeploymentId, 'Deployment', ctx, input.ApiId);
    if (input.Description !== undefined) deployment.Description = input.Description;
    return deploymentView(deployment);
  }

  deleteDeployment(input: DeleteDeploymentRequest, ctx: RequestContext): void {
    const record = this.v2.api(ctx, input.ApiId);
    child(record.deployments, input.DeploymentId, 'Deployment', ctx, input.ApiId);
    for (const stage of record.stages.values()) {
      if (stage.DeploymentId === input.DeploymentId) {
        throw conflict(`Active stages pointing to this deployment must be moved or deleted`);
      }
    }
    record.deployments.delete(input.DeploymentId);
  }
}
