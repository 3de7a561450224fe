// GetAccount / UpdateAccount and the tagging operations (by resource ARN).
import { badRequest, notFound } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/apigateway.types.ts';
import { applyPatch, scalar, setByValue, type PatchRule } from './patch.ts';
import type { ApiGatewayV1Store } from './store.ts';

const ACCOUNT_PATCH: PatchRule[] = [scalar('/cloudwatchRoleArn', 'cloudwatchRoleArn', 'string', ['replace', 'remove']), setByValue('/features', 'features')];

export class AccountTagOperations {
  constructor(private store: ApiGatewayV1Store) {}

  getAccount(_input: T.GetAccountRequest, ctx: RequestContext): T.Account {
    return structuredClone(this.store.state(ctx.account, ctx.region).account);
  }

  updateAccount(input: T.UpdateAccountRequest, ctx: RequestContext): T.Account {
    const state = this.store.state(ctx.account, ctx.region);
    const next = applyPatch(state.account, input.patchOperations, ACCOUNT_PATCH);
    if (next.cloudwatchRoleArn === '') delete next.cloudwatchRoleArn;
    if (next.cloudwatchRoleArn !== undefined && !/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(next.cloudwatchRoleArn)) {
      throw badRequest('The role ARN is not well formed');
    }
    state.account = next;
    return structuredClone(next);
  }

  getTags(input: T.GetTagsRequest, ctx: RequestContext): T.Tags {
    return { tags: { ...(taggable(this.store, input.resourceArn, ctx).tags ?? {}) } };
  }

  tagResource(input: T.TagResourceRequest, ctx: RequestContext): void {
    const record = taggable(this.store, input.resourceArn, ctx);
    record.tags = { ...(record.tags ?? {}), ...input.tags };
  }

  untagResource(input: T.UntagResourceRequest, ctx: RequestContext): void {
    const record = taggable(this.store, input.resourceArn, ctx);
    for (const key of input.tagKeys) delete record.tags?.[key];
    if (record.tags && !Object.keys(record.tags).length) delete record.tags;
  }
}

/** The stored record an ARN names, e.g. arn:aws:apigateway:us-east-1::/restapis/{id},
 * .../restapis/{id}/stages/{name}, /apikeys/{id}, /usageplans/{id}, /domainnames/{name}. */
function taggable(store: ApiGatewayV1Store, arn: string, ctx: RequestContext): { tags?: Record<string, string> } {
  const m = /^arn:aws[\w-]*:apigateway:([\w-]+)::(\/.+)$/.exec(arn);
  if (!m) throw badRequest(`Invalid ARN specified in the request: ${arn}`);
  const state = store.state(ctx.account, m[1]);
  const parts = m[2].split('/').slice(1);
  const missing = () => notFound(`Invalid resource identifier specified: ${arn}`);
  let record: { tags?: Record<string, string> } | undefined;
  if (parts[0] === 'restapis' && parts.length === 2) record = state.restApis.get(parts[1])?.api;
  else if (parts[0] === 'restapis' && parts[2] === 'stages' && parts.length === 4) record = state.restApis.get(parts[1])?.stages.get(parts[3]);
  else if (parts[0] === 'apikeys' && parts.length === 2) record = state.apiKeys.get(parts[1]);
  else if (parts[0] === 'usageplans' && parts.length === 2) record = state.usagePlans.get(parts[1]);
  else if (parts[0] === 'domainnames' && parts.length === 2) record = state.domainNames.get(parts[1]);
  if (!record) throw missing();
  return record;
}
