// AWS::Logs::LogGroup -> CreateLogGroup, retention and tags. Ref is the name; GetAtt Arn
// (the group ARN ending in ":*", as CloudFormation gives it).
import { AwsError } from '../../../protocol/errors.ts';
import type * as Logs from '../../../models/logs.types.ts';
import type { ResourceContext, ResourceProperties, ResourceResult, ResourceType } from '../../resource.ts';

const api = (ctx: ResourceContext) => ctx.services.logs as Logs.Operations;
const tagMap = (tags: unknown): Record<string, string> =>
  Array.isArray(tags) ? Object.fromEntries(tags.map((t: { Key: unknown; Value: unknown }) => [String(t.Key), String(t.Value ?? '')])) : {};

const result = (ctx: ResourceContext, name: string): ResourceResult => ({
  physicalId: name,
  attributes: { Arn: `arn:aws:logs:${ctx.request.region}:${ctx.request.account}:log-group:${name}:*` },
});

async function retention(ctx: ResourceContext, name: string, props: ResourceProperties) {
  if (props.RetentionInDays === undefined) await api(ctx).deleteRetentionPolicy({ logGroupName: name }, ctx.request);
  else await api(ctx).putRetentionPolicy({ logGroupName: name, retentionInDays: Number(props.RetentionInDays) }, ctx.request);
}

export const logGroup: ResourceType = {
  type: 'AWS::Logs::LogGroup',
  replaceOn: ['LogGroupName', 'LogGroupClass'],
  async create(props, ctx) {
    const name: string = props.LogGroupName ?? ctx.generateName(512);
    const tags = tagMap(props.Tags);
    await api(ctx).createLogGroup({ logGroupName: name, kmsKeyId: props.KmsKeyId, logGroupClass: props.LogGroupClass, tags: Object.keys(tags).length ? tags : undefined }, ctx.request);
    if (props.RetentionInDays !== undefined) await retention(ctx, name, props);
    return result(ctx, name);
  },
  async update(name, oldProps, props, ctx) {
    await retention(ctx, name, props);
    const tags = tagMap(props.Tags);
    const stale = Object.keys(tagMap(oldProps.Tags)).filter((k) => !(k in tags));
    if (stale.length) await api(ctx).untagLogGroup({ logGroupName: name, tags: stale }, ctx.request);
    if (Object.keys(tags).length) await api(ctx).tagLogGroup({ logGroupName: name, tags }, ctx.request);
    return result(ctx, name);
  },
  async delete(name, _props, ctx) {
    try {
      await api(ctx).deleteLogGroup({ logGroupName: name }, ctx.request);
    } catch (err) {
      if (!(err instanceof AwsError && err.code === 'ResourceNotFoundException')) throw err;
    }
  },
};
