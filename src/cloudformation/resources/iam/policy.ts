// AWS::IAM::Policy: an inline policy put on each of its Roles, Users and Groups. Ref is a
// generated id.
import type { ResourceType } from '../../resource.ts';
import { documentText, gone, listDiff } from './common.ts';
import { holder, holdersOf } from './holders.ts';

export const policy: ResourceType = {
  type: 'AWS::IAM::Policy',
  replaceOn: ['PolicyName'],
  async create(props, ctx) {
    for (const [kind, names] of holdersOf(props)) for (const name of names) await holder(ctx, kind).put(name, props.PolicyName, documentText(props.PolicyDocument));
    const id = ctx.generateName(128);
    return { physicalId: id, attributes: { Id: id } };
  },
  async update(id, oldProps, props, ctx) {
    const before = new Map(holdersOf(oldProps));
    for (const [kind, names] of holdersOf(props)) {
      const ops = holder(ctx, kind);
      for (const name of listDiff(before.get(kind), names).removed) await gone(() => ops.remove(name, oldProps.PolicyName));
      for (const name of names) await ops.put(name, props.PolicyName, documentText(props.PolicyDocument));
    }
    return { physicalId: id, attributes: { Id: id } };
  },
  async delete(_id, props, ctx) {
    for (const [kind, names] of holdersOf(props)) for (const name of names) await gone(() => holder(ctx, kind).remove(name, props.PolicyName));
  },
};
