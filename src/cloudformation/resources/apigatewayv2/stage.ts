// AWS::ApiGatewayV2::Stage: CreateStage / UpdateStage / DeleteStage. Ref is the stage name.
import type { ResourceType } from '../../resource.ts';
import { call, changed, ignoreNotFound } from '../service-call.ts';
import { resourceArn, updateTags } from './common.ts';

export const stage: ResourceType = {
  type: 'AWS::ApiGatewayV2::Stage',
  replaceOn: ['ApiId', 'StageName'],

  async create(props, ctx) {
    const out = await call(ctx, 'apigatewayv2', 'createStage', props);
    return { physicalId: out.StageName!, attributes: {} };
  },

  async update(physicalId, oldProps, newProps, ctx) {
    const { Tags: _tags, ...settings } = newProps;
    await call(ctx, 'apigatewayv2', 'updateStage', { ...settings, StageName: physicalId });
    if (changed(oldProps, newProps, 'Tags')) await updateTags(ctx, resourceArn(ctx, `apis/${newProps.ApiId}/stages/${physicalId}`), oldProps.Tags, newProps.Tags);
    return { physicalId, attributes: {} };
  },

  async delete(physicalId, props, ctx) {
    await ignoreNotFound(() => call(ctx, 'apigatewayv2', 'deleteStage', { ApiId: props.ApiId, StageName: physicalId }));
  },
};
