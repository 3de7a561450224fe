// AWS::ApiGateway::Stage: CreateStage, then UpdateStage for what CreateStage does not take
// (method settings, access logs, client certificate). Ref is the stage name, generated when
// the template gives none.
import type * as T from '../../../models/apigateway.types.ts';
import type { ResourceContext, ResourceType } from '../../resource.ts';
import { scalarOps } from './patch-ops.ts';
import { read, readRequired, required, retag, stackTags, type Props } from './props.ts';
import { call, ignoreNotFound } from '../service-call.ts';
import { accessLogOps, canaryOps, commonStageOps, methodSettingOps, methodSettingValues } from './stage-settings.ts';

function canaryInput(p: Props): T.CanarySettings | undefined {
  const canary = p.object('CanarySetting');
  return canary && {
    deploymentId: canary.string('DeploymentId'),
    percentTraffic: canary.number('PercentTraffic'),
    stageVariableOverrides: canary.stringMap('StageVariableOverrides'),
    useStageCache: canary.boolean('UseStageCache'),
  };
}

async function patchStage(ctx: ResourceContext, restApiId: string, stageName: string, patchOperations: T.PatchOperation[]) {
  if (patchOperations.length) await call(ctx, 'apigateway', 'updateStage', { restApiId, stageName, patchOperations });
}

export const stage: ResourceType = {
  type: 'AWS::ApiGateway::Stage',
  replaceOn: ['RestApiId', 'StageName'],

  async create(props, ctx) {
    // API Gateway needs a deployment to create a stage. A stage without StageName gets a
    // generated name, as CloudFormation gives one (test_apigateway.snapshot.json under
    // apigateway/resources, test_update_usage_plan: a usage plan refers to such a stage;
    // the recording hides the name's form). Stage names take only a-zA-Z0-9_.
    const p = readRequired(props, ctx, 'RestApiId', 'DeploymentId');
    const restApiId = p.string('RestApiId')!;
    const stageName = p.string('StageName') ?? ctx.generateName(128).replace(/[^a-zA-Z0-9_]/g, '');
    await call(ctx, 'apigateway', 'createStage', {
      restApiId,
      stageName,
      deploymentId: p.string('DeploymentId')!,
      description: p.string('Description'),
      cacheClusterEnabled: p.boolean('CacheClusterEnabled'),
      cacheClusterSize: p.string('CacheClusterSize') as T.CacheClusterSize | undefined,
      tracingEnabled: p.boolean('TracingEnabled'),
      documentationVersion: p.string('DocumentationVersion'),
      variables: p.stringMap('Variables'),
      canarySettings: canaryInput(p),
      tags: { ...p.tags(), ...stackTags(ctx) },
    });
    try {
      await patchStage(ctx, restApiId, stageName, [
        ...scalarOps('/clientCertificateId', undefined, p.string('ClientCertificateId')),
        ...accessLogOps(undefined, p.object('AccessLogSetting')),
        ...methodSettingOps(new Map(), methodSettingValues(p.objects('MethodSettings'))),
      ]);
    } catch (err) {
      await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteStage', { restApiId, stageName }));
      throw err;
    }
    return { physicalId: stageName, attributes: {} };
  },

  async update(physicalId, oldProps, newProps, ctx) {
    required(newProps, ctx, 'DeploymentId');
    const before = read(oldProps, ctx);
    const after = read(newProps, ctx);
    const restApiId = after.string('RestApiId')!;
    await patchStage(ctx, restApiId, physicalId, [
      ...scalarOps('/deploymentId', before.string('DeploymentId'), after.string('DeploymentId')),
      ...commonStageOps(before, after),
      ...canaryOps(before.object('CanarySetting'), after.object('CanarySetting')),
      ...methodSettingOps(methodSettingValues(before.objects('MethodSettings')), methodSettingValues(after.objects('MethodSettings'))),
    ]);
    await retag(ctx, `/restapis/${restApiId}/stages/${physicalId}`, oldProps, newProps);
    return { physicalId, attributes: {} };
  },

  async delete(physicalId, props, ctx) {
    const restApiId = read(props, ctx).string('RestApiId')!;
    await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteStage', { restApiId, stageName: physicalId }));
  },
};
