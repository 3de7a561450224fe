// VPC links (stored: localgate reaches private integration targets directly).
import type { RequestContext } from '../../protocol/engine.ts';
import { notFound } from '../../protocol/errors.ts';
import type {
  CreateVpcLinkRequest,
  CreateVpcLinkResponse,
  DeleteVpcLinkRequest,
  DeleteVpcLinkResponse,
  GetVpcLinkRequest,
  GetVpcLinkResponse,
  GetVpcLinksRequest,
  GetVpcLinksResponse,
  UpdateVpcLinkRequest,
  UpdateVpcLinkResponse,
  VpcLink,
} from '../../models/apigatewayv2.types.ts';
import { ids, paginate, type V2Context } from './common.ts';

export class VpcLinkOperations {
  constructor(private readonly v2: V2Context) {}

  createVpcLink(input: CreateVpcLinkRequest, ctx: RequestContext): CreateVpcLinkResponse {
    const link: VpcLink = {
      VpcLinkId: ids.short(),
      Name: input.Name,
      SubnetIds: [...input.SubnetIds],
      SecurityGroupIds: [...(input.SecurityGroupIds ?? [])],
      CreatedDate: new Date(),
      VpcLinkStatus: 'AVAILABLE',
      VpcLinkVersion: 'V2',
      Tags: { ...input.Tags },
    };
    this.v2.state(ctx).vpcLinks.set(link.VpcLinkId, link);
    return link;
  }

  getVpcLink(input: GetVpcLinkRequest, ctx: RequestContext): GetVpcLinkResponse {
    return this.find(input.VpcLinkId, ctx);
  }

  getVpcLinks(input: GetVpcLinksRequest, ctx: RequestContext): GetVpcLinksResponse {
    return paginate(this.v2.state(ctx).vpcLinks.values(), input);
  }

  updateVpcLink(input: UpdateVpcLinkRequest, ctx: RequestContext): UpdateVpcLinkResponse {
    const link = this.find(input.VpcLinkId, ctx);
    if (input.Name !== undefined) link.Name = input.Name;
    return link;
  }

  deleteVpcLink(input: DeleteVpcLinkRequest, ctx: RequestContext): DeleteVpcLinkResponse {
    this.find(input.VpcLinkId, ctx);
    this.v2.state(ctx).vpcLinks.delete(input.VpcLinkId);
    return {};
  }

  private find(id: string, ctx: RequestContext): VpcLink {
    const link = this.v2.state(ctx).vpcLinks.get(id);
    if (!link) throw notFound(`Invalid VpcLink identifier specified ${ctx.account}:${id}`);
    return link;
  }
}
