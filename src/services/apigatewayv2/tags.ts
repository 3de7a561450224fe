// Tags by resource ARN: APIs `arn:aws:apigateway:{region}::/apis/{apiId}`, stages
// `.../apis/{apiId}/stages/{stageName}`, domain names `.../domainnames/{name}` and VPC
// links `.../vpclinks/{id}`. Each resource keeps its tags in its own Tags member.
import type { RequestContext } from '../../protocol/engine.ts';
import { badRequest, notFound } from '../../protocol/errors.ts';
import type {
  GetTagsRequest,
  GetTagsResponse,
  TagResourceRequest,
  TagResourceResponse,
  UntagResourceRequest,
} from '../../models/apigatewayv2.types.ts';
import type { V2Context } from './common.ts';

const ARN = /^arn:aws[\w-]*:apigateway:([a-z0-9-]+)::\/(.+)$/;

export class TagOperations {
  constructor(private readonly v2: V2Context) {}

  tagResource(input: TagResourceRequest, ctx: RequestContext): TagResourceResponse {
    const holder = this.resolve(input.ResourceArn, ctx);
    holder.Tags = { ...holder.Tags, ...input.Tags };
    return {};
  }

  untagResource(input: UntagResourceRequest, ctx: RequestContext): void {
    const holder = this.resolve(input.ResourceArn, ctx);
    const tags = { ...holder.Tags };
    for (const key of input.TagKeys) delete tags[key];
    holder.Tags = tags;
  }

  getTags(input: GetTagsRequest, ctx: RequestContext): GetTagsResponse {
    return { Tags: { ...this.resolve(input.ResourceArn, ctx).Tags } };
  }

  /** The stored resource an ARN names, in the caller's account and region. */
  private resolve(arn: string, ctx: RequestContext): { Tags?: Record<string, string> } {
    const m = ARN.exec(arn);
    if (!m) throw badRequest(`Invalid resource ARN specified: ${arn}`);
    const [, region, path] = m;
    const missing = () => notFound(`Invalid resource identifier specified ${arn}`);
    if (region !== ctx.region) throw missing();
    const state = this.v2.state(ctx);
    const parts = path.split('/');
    if (parts[0] === 'apis' && parts.length === 2) return state.apis.get(parts[1])?.api ?? throwError(missing());
    if (parts[0] === 'apis' && parts.length === 4 && parts[2] === 'stages') {
      return state.apis.get(parts[1])?.stages.get(parts[3]) ?? throwError(missing());
    }
    if (parts[0] === 'domainnames' && parts.length === 2) return state.domainNames.get(parts[1]) ?? throwError(missing());
    if (parts[0] === 'vpclinks' && parts.length === 2) return state.vpcLinks.get(parts[1]) ?? throwError(missing());
    throw badRequest(`Invalid resource ARN specified: ${arn}`);
  }
}

function throwError(err: Error): never {
  throw err;
}
