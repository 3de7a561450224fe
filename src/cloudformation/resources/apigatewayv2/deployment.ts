// AWS::ApiGatewayV2::Deployment: CreateDeployment (deployed to StageName when given).
// Ref and DeploymentId are the deployment id. A changed StageName points that stage at
// this deployment.
import type { ResourceType } from '../../resource.ts';
import { call, changed, ignoreNotFound } from '../service-call.ts';

export const deployment: ResourceType = {
  type: 'AWS::ApiGatewayV2::Deployment',
  replaceOn: ['ApiId'],

  async create(props, ctx) {
    const out = await call(ctx, 'apigatewayv2', 'createDeployment', { ApiId: props.ApiId, Description: props.Description, StageName: props.StageName });
    return { physicalId: out.DeploymentId!, attributes: { DeploymentId: out.DeploymentId } };
  },

  async update(physicalId, oldProps, newProps, ctx) {
    await call(ctx, 'apigatewayv2', 'updateDeployment', { ApiId: newProps.ApiId, DeploymentId: physicalId, Description: newProps.Description ?? '' });
    if (newProps.StageName !== undefined && changed(oldProps, newProps, 'StageName')) {
      await call(ctx, 'apigatewayv2', 'updateStage', { ApiId: newProps.ApiId, StageName: newProps.StageName, DeploymentId: physicalId });
    }
    return { physicalId, attributes: { DeploymentId: physicalId } };
  },

  async delete(physicalId, props, ctx) {
    await ignoreNotFound(() => call(ctx, 'apigatewayv2', 'deleteDeployment', { ApiId: props.ApiId, DeploymentId: physicalId }));
  },
};
