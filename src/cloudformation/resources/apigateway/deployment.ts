// AWS::ApiGateway::Deployment: CreateDeployment, which with `StageName` also creates (or
// moves) that stage; `StageDescription` configures the stage (UpdateStage for what
// CreateDeployment does not take). Deleting the deployment deletes its stage while the
// stage still serves it. Ref is the deployment id.
import type * as T from '../../../models/apigateway.types.ts';
import type { ResourceContext, ResourceProperties, ResourceType } from '../../resource.ts';
import { scalarOps } from './patch-ops.ts';
import { read, readRequired, resourceArn, type Props } from './props.ts';
import { call, ignoreNotFound } from '../service-call.ts';
import { canaryOps, commonStageOps, methodSettingOps, methodSettingValues } from './stage-settings.ts';

/** UpdateStage operations that bring the stage from one StageDescription to the next. */
function stageDescriptionOps(before: Props | undefined, after: Props | undefined, deploymentId: string, created: boolean): T.PatchOperation[] {
  if (!after) return [];
  const settings = (d: Props | undefined) => (d ? methodSettingValues(d.objects('MethodSettings'), d) : new Map());
  // CreateDeployment already set what it takes for a stage it created.
  const common = commonStageOps(before, after).filter(
    (op) => !created || (!['/description', '/cacheClusterEnabled', '/cacheClusterSize', '/tracingEnabled'].includes(op.path!) && !op.path!.startsWith('/variables/')),
  );
  return [
    ...common,
    ...canaryOps(before?.object('CanarySetting'), after.object('CanarySetting'), deploymentId),
    ...methodSettingOps(settings(before), settings(after)),
  ];
}

async function tagStage(ctx: ResourceContext, restApiId: string, stageName: string, description: Props | undefined) {
  const tags = description?.tags();
  if (tags && Object.keys(tags).length) await call(ctx, 'apigateway', 'tagResource', { resourceArn: resourceArn(ctx, `/restapis/${restApiId}/stages/${stageName}`), tags });
}

/** Deletes the stage if it still serves this deployment. */
async function releaseStage(ctx: ResourceContext, restApiId: string, stageName: string, deploymentId: string) {
  await ignoreNotFound(async () => {
    const stage = await call(ctx, 'apigateway', 'getStage', { restApiId, stageName });
    if (stage.deploymentId === deploymentId) await call(ctx, 'apigateway', 'deleteStage', { restApiId, stageName });
  });
}

async function stageExists(ctx: ResourceContext, restApiId: string, stageName: string) {
  try {
    await call(ctx, 'apigateway', 'getStage', { restApiId, stageName });
    return true;
  } catch {
    return false;
  }
}

export const deployment: ResourceType = {
  type: 'AWS::ApiGateway::Deployment',
  replaceOn: ['RestApiId', 'DeploymentCanarySettings'],

  async create(props, ctx) {
    const p = readRequired(props, ctx, 'RestApiId');
    const restApiId = p.string('RestApiId')!;
    const stageName = p.string('StageName');
    const description = p.object('StageDescription');
    const canary = p.object('DeploymentCanarySettings');
    const existed = stageName !== undefined && (await stageExists(ctx, restApiId, stageName));
    const created = await call(ctx, 'apigateway', 'createDeployment', {
      restApiId,
      description: p.string('Description'),
      stageName,
      stageDescription: description?.string('Description'),
      variables: description?.stringMap('Variables'),
      cacheClusterEnabled: description?.boolean('CacheClusterEnabled'),
      cacheClusterSize: description?.string('CacheClusterSize') as T.CacheClusterSize | undefined,
      tracingEnabled: description?.boolean('TracingEnabled'),
      canarySettings: canary && {
        percentTraffic: canary.number('PercentTraffic'),
        stageVariableOverrides: canary.stringMap('StageVariableOverrides'),
        useStageCache: canary.boolean('UseStageCache'),
      },
    });
    const deploymentId = created.id!;
    if (stageName !== undefined) {
      try {
        const patchOperations = stageDescriptionOps(undefined, description, deploymentId, !existed);
        if (patchOperations.length) await call(ctx, 'apigateway', 'updateStage', { restApiId, stageName, patchOperations });
        await tagStage(ctx, restApiId, stageName, description);
      } catch (err) {
        if (!existed) await releaseStage(ctx, restApiId, stageName, deploymentId);
        await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteDeployment', { restApiId, deploymentId }));
        throw err;
      }
    }
    return { physicalId: deploymentId, attributes: { DeploymentId: deploymentId } };
  },

  async update(physicalId, oldProps, newProps, ctx) {
    const before = read(oldProps, ctx);
    const after = read(newProps, ctx);
    const restApiId = after.string('RestApiId')!;
    const descriptionOps = scalarOps('/description', before.string('Description'), after.string('Description'));
    if (descriptionOps.length) await call(ctx, 'apigateway', 'updateDeployment', { restApiId, deploymentId: physicalId, patchOperations: descriptionOps });
    const [oldStage, newStage] = [before.string('StageName'), after.string('StageName')];
    const [oldDescription, newDescription] = [before.object('StageDescription'), after.object('StageDescription')];
    if (newStage !== undefined && newStage !== oldStage) {
      // A new stage for this deployment: created (or moved here), then configured in full.
      if (await stageExists(ctx, restApiId, newStage)) {
        await call(ctx, 'apigateway', 'updateStage', { restApiId, stageName: newStage, patchOperations: [{ op: 'replace', path: '/deploymentId', value: physicalId }] });
      } else {
        await call(ctx, 'apigateway', 'createStage', { restApiId, stageName: newStage, deploymentId: physicalId });
      }
      const patchOperations = stageDescriptionOps(undefined, newDescription, physicalId, false);
      if (patchOperations.length) await call(ctx, 'apigateway', 'updateStage', { restApiId, stageName: newStage, patchOperations });
      await tagStage(ctx, restApiId, newStage, newDescription);
    } else if (newStage !== undefined) {
      const patchOperations = stageDescriptionOps(oldDescription ?? read({}, ctx), newDescription ?? read({}, ctx), physicalId, false);
      if (patchOperations.length) await call(ctx, 'apigateway', 'updateStage', { restApiId, stageName: newStage, patchOperations });
    }
    if (oldStage !== undefined && oldStage !== newStage) await releaseStage(ctx, restApiId, oldStage, physicalId);
    return { physicalId, attributes: { DeploymentId: physicalId } };
  },

  async delete(physicalId, props: ResourceProperties, ctx) {
    const p = read(props, ctx);
    const restApiId = p.string('RestApiId')!;
    const stageName = p.string('StageName');
    if (stageName !== undefined) await releaseStage(ctx, restApiId, stageName, physicalId);
    await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteDeployment', { restApiId, deploymentId: physicalId }));
  },
};
