// AWS::S3::BucketPolicy: the bucket's policy, set and removed through PutBucketPolicy /
// DeleteBucketPolicy. Its physical id (and Ref) is the bucket name.
import { AwsError } from '../../../protocol/errors.ts';
import type { ResourceContext, ResourceProperties, ResourceType } from '../../resource.ts';

async function put(props: ResourceProperties, ctx: ResourceContext) {
  const put = ctx.services.s3.putBucketPolicy;
  if (!put) throw new AwsError('InternalFailure', 'S3 is not available to CloudFormation', 500);
  const document = typeof props.PolicyDocument === 'string' ? props.PolicyDocument : JSON.stringify(props.PolicyDocument);
  await put.call(ctx.services.s3, { Bucket: props.Bucket, Policy: document }, ctx.request);
  return { physicalId: String(props.Bucket), attributes: {} };
}

export const bucketPolicy: ResourceType = {
  type: 'AWS::S3::BucketPolicy',
  replaceOn: ['Bucket'],
  create: (props, ctx) => put(props, ctx),
  update: (_physicalId, _old, props, ctx) => put(props, ctx),
  async delete(physicalId, _props, ctx) {
    try {
      await ctx.services.s3.deleteBucketPolicy?.({ Bucket: physicalId }, ctx.request);
    } catch (err) {
      if (!(err instanceof AwsError && err.code === 'NoSuchBucket')) throw err;
    }
  },
};
