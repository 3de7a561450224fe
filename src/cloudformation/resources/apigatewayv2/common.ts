// What the API Gateway v2 resource types share: tag updates by resource ARN and the
// create/update/delete pattern of the resources that live under an API (or a domain name).
import type { Operations } from '../../../models/apigatewayv2.types.ts';
import type { ResourceContext, ResourceProperties, ResourceResult, ResourceType } from '../../resource.ts';
import { call, ignoreNotFound } from '../service-call.ts';

/** arn:aws:apigateway:{region}::/{path}, the ARN TagResource takes. */
export const resourceArn = (ctx: ResourceContext, path: string) => `arn:aws:apigateway:${ctx.request.region}::/${path}`;

/** Applies a change of a `Tags` map: removed keys untagged, the rest (re)tagged. */
export async function updateTags(ctx: ResourceContext, arn: string, before: Record<string, string> | undefined, after: Record<string, string> | undefined) {
  const removed = Object.keys(before ?? {}).filter((k) => !(k in (after ?? {})));
  if (removed.length) await call(ctx, 'apigatewayv2', 'untagResource', { ResourceArn: arn, TagKeys: removed });
  if (after && Object.keys(after).length) await call(ctx, 'apigatewayv2', 'tagResource', { ResourceArn: arn, Tags: after });
}

/** CloudFormation writes JSON-typed properties (a model's Schema) as objects; the API takes text. */
export const jsonText = (value: unknown) => (value === undefined || typeof value === 'string' ? value : JSON.stringify(value));

type Operation = keyof Operations & string;

/**
 * AWS::ApiGatewayV2::<noun>, a resource created under a parent and known by its id
 * (Route, Integration, Authorizer, ...): Create<noun>, Update<noun> and Delete<noun> calls;
 * its id member <noun>Id is Ref and the one GetAtt attribute. `parents` are the members
 * naming the parent (e.g. ["ApiId"] or ["ApiId", "RouteId"]); a new parent replaces it.
 * `input` maps template properties to the operation's input where they differ.
 */
export function apiChild(noun: string, parents: string[], input: (props: ResourceProperties) => Record<string, unknown> = (props) => props): ResourceType {
  const id = `${noun}Id`;
  const result = (physicalId: string): ResourceResult => ({ physicalId, attributes: { [id]: physicalId } });
  return {
    type: `AWS::ApiGatewayV2::${noun}`,
    replaceOn: parents,
    async create(props, ctx) {
      const out = (await call(ctx, 'apigatewayv2', `create${noun}` as Operation, input(props))) as Record<string, string>;
      return result(out[id]);
    },
    async update(physicalId, _oldProps, newProps, ctx) {
      await call(ctx, 'apigatewayv2', `update${noun}` as Operation, { ...input(newProps), [id]: physicalId });
      return result(physicalId);
    },
    async delete(physicalId, props, ctx) {
      const parentIds = Object.fromEntries(parents.map((p) => [p, props[p]]));
      await ignoreNotFound(() => call(ctx, 'apigatewayv2', `delete${noun}` as Operation, { ...parentIds, [id]: physicalId }));
    },
  };
}
