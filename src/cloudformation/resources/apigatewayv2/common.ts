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

interface ChildSpec {
  type: string;
  /** The API's noun, e.g. "Route" for CreateRoute / UpdateRoute / DeleteRoute. */
  noun: string;
  /** The id member, which is also Ref and the one GetAtt attribute, e.g. "RouteId". */
  id: string;
  /** The members naming the parent, e.g. ["ApiId"] or ["ApiId", "RouteId"]. */
  parents: string[];
  replaceOn: string[];
  /** Template properties -> operation input, where they differ. */
  input?: (props: ResourceProperties) => Record<string, unknown>;
}

type Operation = keyof Operations & string;

/** A resource created under a parent and known by its id (Route, Integration, Authorizer, ...). */
export function apiChild(spec: ChildSpec): ResourceType {
  const input = spec.input ?? ((props: ResourceProperties) => props);
  const result = (id: string): ResourceResult => ({ physicalId: id, attributes: { [spec.id]: id } });
  return {
    type: spec.type,
    replaceOn: spec.replaceOn,
    async create(props, ctx) {
      const out = (await call(ctx, 'apigatewayv2', `create${spec.noun}` as Operation, input(props))) as Record<string, string>;
      return result(out[spec.id]);
    },
    async update(physicalId, _oldProps, newProps, ctx) {
      await call(ctx, 'apigatewayv2', `update${spec.noun}` as Operation, { ...input(newProps), [spec.id]: physicalId });
      return result(physicalId);
    },
    async delete(physicalId, props, ctx) {
      const parents = Object.fromEntries(spec.parents.map((p) => [p, props[p]]));
      await ignoreNotFound(() => call(ctx, 'apigatewayv2', `delete${spec.noun}` as Operation, { ...parents, [spec.id]: physicalId }));
    },
  };
}
