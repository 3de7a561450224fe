// AWS::IAM::AccessKey -> CreateAccessKey for its UserName; Status Inactive deactivates it.
// Ref is the access key id; GetAtt SecretAccessKey (known only when the key is created).
import type { ResourceType } from '../../resource.ts';
import { gone, iam } from './common.ts';

export const accessKey: ResourceType = {
  type: 'AWS::IAM::AccessKey',
  replaceOn: ['UserName', 'Serial'],
  required: ['UserName'],
  async create(props, ctx) {
    const { AccessKey } = await iam(ctx).createAccessKey({ UserName: props.UserName }, ctx.request);
    if (props.Status === 'Inactive') await iam(ctx).updateAccessKey({ UserName: props.UserName, AccessKeyId: AccessKey.AccessKeyId, Status: 'Inactive' }, ctx.request);
    return { physicalId: AccessKey.AccessKeyId, attributes: { SecretAccessKey: AccessKey.SecretAccessKey } };
  },
  async update(id, _oldProps, props, ctx, previous) {
    await iam(ctx).updateAccessKey({ UserName: props.UserName, AccessKeyId: id, Status: props.Status ?? 'Active' }, ctx.request);
    return { physicalId: id, attributes: previous.attributes };
  },
  async delete(id, props, ctx) {
    await gone(() => iam(ctx).deleteAccessKey({ UserName: props.UserName, AccessKeyId: id }, ctx.request));
  },
};
