// AWS::ApiGatewayV2::DomainName (Ref: the domain name; GetAtt RegionalDomainName,
// RegionalHostedZoneId, DomainNameArn) and AWS::ApiGatewayV2::VpcLink (Ref and GetAtt
// VpcLinkId). Both are stored by the provider; neither reaches a network.
import type { ResourceContext, ResourceType } from '../../resource.ts';
import { call, changed, ignoreNotFound } from '../service-call.ts';
import { resourceArn, updateTags } from './common.ts';

function domainResult(ctx: ResourceContext, out: { DomainName?: string; DomainNameConfigurations?: Array<{ ApiGatewayDomainName?: string; HostedZoneId?: string }> }) {
  const regional = out.DomainNameConfigurations?.[0];
  return {
    physicalId: out.DomainName!,
    attributes: {
      RegionalDomainName: regional?.ApiGatewayDomainName,
      RegionalHostedZoneId: regional?.HostedZoneId,
      DomainNameArn: resourceArn(ctx, `domainnames/${out.DomainName}`),
    },
  };
}

export const domainName: ResourceType = {
  type: 'AWS::ApiGatewayV2::DomainName',
  replaceOn: ['DomainName'],

  async create(props, ctx) {
    return domainResult(ctx, await call(ctx, 'apigatewayv2', 'createDomainName', props));
  },

  async update(physicalId, oldProps, newProps, ctx) {
    const out = await call(ctx, 'apigatewayv2', 'updateDomainName', { ...newProps, Tags: undefined, DomainName: physicalId });
    if (changed(oldProps, newProps, 'Tags')) await updateTags(ctx, resourceArn(ctx, `domainnames/${physicalId}`), oldProps.Tags, newProps.Tags);
    return domainResult(ctx, out);
  },

  async delete(physicalId, _props, ctx) {
    await ignoreNotFound(() => call(ctx, 'apigatewayv2', 'deleteDomainName', { DomainName: physicalId }));
  },
};

export const vpcLink: ResourceType = {
  type: 'AWS::ApiGatewayV2::VpcLink',
  replaceOn: ['SubnetIds', 'SecurityGroupIds'],

  async create(props, ctx) {
    const out = await call(ctx, 'apigatewayv2', 'createVpcLink', props);
    return { physicalId: out.VpcLinkId!, attributes: { VpcLinkId: out.VpcLinkId } };
  },

  async update(physicalId, oldProps, newProps, ctx) {
    await call(ctx, 'apigatewayv2', 'updateVpcLink', { VpcLinkId: physicalId, Name: newProps.Name });
    if (changed(oldProps, newProps, 'Tags')) await updateTags(ctx, resourceArn(ctx, `vpclinks/${physicalId}`), oldProps.Tags, newProps.Tags);
    return { physicalId, attributes: { VpcLinkId: physicalId } };
  },

  async delete(physicalId, _props, ctx) {
    await ignoreNotFound(() => call(ctx, 'apigatewayv2', 'deleteVpcLink', { VpcLinkId: physicalId }));
  },
};
