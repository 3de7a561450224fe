// AWS::KMS::Key and AWS::KMS::Alias, recorded in the stack only (the CDK bootstrap
// template may declare them; localgate serves no KMS API). A key's Ref is its key id (a
// UUID); GetAtt Arn and KeyId. An alias's Ref is its name.
import { randomUUID } from 'node:crypto';
import type { ResourceContext, ResourceResult, ResourceType } from '../../resource.ts';

function keyResult(ctx: ResourceContext, id: string): ResourceResult {
  return { physicalId: id, attributes: { Arn: `arn:aws:kms:${ctx.request.region}:${ctx.request.account}:key/${id}`, KeyId: id } };
}

const key: ResourceType = {
  type: 'AWS::KMS::Key',
  replaceOn: [],
  create: async (_props, ctx) => keyResult(ctx, randomUUID()),
  update: async (id, _old, _props, ctx) => keyResult(ctx, id),
  async delete() {},
};

const alias: ResourceType = {
  type: 'AWS::KMS::Alias',
  replaceOn: ['AliasName'],
  create: async (props) => ({ physicalId: String(props.AliasName), attributes: {} }),
  update: async (name) => ({ physicalId: name, attributes: {} }),
  async delete() {},
};

export const resourceTypes: ResourceType[] = [key, alias];
