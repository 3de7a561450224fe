// AWS::S3::Bucket: Ref is the bucket name; GetAtt Arn, DomainName, RegionalDomainName,
// DualStackDomainName and WebsiteURL as the CloudFormation reference documents them.
// Configuration properties go through the S3 provider's own operations.
import { AwsError } from '../../../protocol/errors.ts';
import type { ResourceContext, ResourceProperties, ResourceResult, ResourceType } from '../../resource.ts';
import { encryptionConfiguration, lifecycleRules, publicAccessBlock, tags } from './bucket-properties.ts';

/** Properties localgate applies; any other property is refused by name rather than ignored. */
const SUPPORTED = new Set(['AccessControl', 'BucketName', 'BucketEncryption', 'LifecycleConfiguration', 'PublicAccessBlockConfiguration', 'Tags', 'VersioningConfiguration']);

/** AccessControl's canned ACLs as CreateBucket's x-amz-acl values (the others have no bucket form). */
const CANNED_ACL: Record<string, string> = { Private: 'private', PublicRead: 'public-read', PublicReadWrite: 'public-read-write', AuthenticatedRead: 'authenticated-read' };

/** Regions whose website endpoint is `s3-website-{region}` (the rest use `s3-website.{region}`). */
const DASH_WEBSITE_REGIONS = new Set(['us-east-1', 'us-west-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1', 'us-gov-west-1']);

export function bucketAttributes(name: string, region: string): Record<string, string> {
  const china = region.startsWith('cn-');
  const suffix = china ? 'amazonaws.com.cn' : 'amazonaws.com';
  const partition = china ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  const website = DASH_WEBSITE_REGIONS.has(region) ? `s3-website-${region}` : `s3-website.${region}`;
  return {
    Arn: `arn:${partition}:s3:::${name}`,
    DomainName: `${name}.s3.${suffix}`,
    RegionalDomainName: `${name}.s3.${region}.${suffix}`,
    DualStackDomainName: `${name}.s3.dualstack.${region}.${suffix}`,
    WebsiteURL: `http://${name}.${website}.${suffix}`,
  };
}

function checkSupported(props: ResourceProperties) {
  const unsupported = Object.keys(props).filter((k) => !SUPPORTED.has(k));
  if (unsupported.length) {
    throw new AwsError('ValidationError', `localgate does not support AWS::S3::Bucket properties yet: ${unsupported.join(', ')}`, 400);
  }
}

/** Applies every configuration property; `old` says which ones to remove when dropped. */
async function configure(name: string, props: ResourceProperties, old: ResourceProperties, ctx: ResourceContext) {
  const s3 = ctx.services.s3;
  const call = async <I>(op: ((input: I, c: typeof ctx.request) => unknown) | undefined, input: I) => {
    if (!op) throw new AwsError('InternalFailure', 'S3 is not available to CloudFormation', 500);
    await op.call(s3, input, ctx.request);
  };
  const status = props.VersioningConfiguration?.Status;
  if (status) await call(s3.putBucketVersioning, { Bucket: name, VersioningConfiguration: { Status: status } });
  else if (old.VersioningConfiguration?.Status === 'Enabled') await call(s3.putBucketVersioning, { Bucket: name, VersioningConfiguration: { Status: 'Suspended' } });

  const encryption = encryptionConfiguration(props);
  if (encryption) await call(s3.putBucketEncryption, { Bucket: name, ServerSideEncryptionConfiguration: encryption });
  else if (old.BucketEncryption) await call(s3.deleteBucketEncryption, { Bucket: name });

  const access = publicAccessBlock(props);
  if (access) await call(s3.putPublicAccessBlock, { Bucket: name, PublicAccessBlockConfiguration: access });
  else if (old.PublicAccessBlockConfiguration) await call(s3.deletePublicAccessBlock, { Bucket: name });

  const rules = lifecycleRules(props);
  if (rules) await call(s3.putBucketLifecycleConfiguration, { Bucket: name, LifecycleConfiguration: { Rules: rules } });
  else if (old.LifecycleConfiguration) await call(s3.deleteBucketLifecycle, { Bucket: name });

  const tagSet = tags(props);
  if (tagSet.length) await call(s3.putBucketTagging, { Bucket: name, Tagging: { TagSet: tagSet } });
  else if (old.Tags?.length) await call(s3.deleteBucketTagging, { Bucket: name });
}

function result(name: string, ctx: ResourceContext): ResourceResult {
  return { physicalId: name, attributes: bucketAttributes(name, ctx.request.region) };
}

export const bucket: ResourceType = {
  type: 'AWS::S3::Bucket',
  replaceOn: ['BucketName'],

  async create(props, ctx) {
    checkSupported(props);
    // Generated names are lower-cased: bucket names allow no capitals.
    const name: string = props.BucketName ?? ctx.generateName(63).toLowerCase();
    const s3 = ctx.services.s3;
    if (!s3.createBucket) throw new AwsError('InternalFailure', 'S3 is not available to CloudFormation', 500);
    const region = ctx.request.region;
    const acl = props.AccessControl === undefined ? {} : { ACL: (CANNED_ACL[props.AccessControl] ?? props.AccessControl) as never };
    const location = region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } };
    await s3.createBucket({ Bucket: name, ...acl, ...location }, ctx.request);
    try {
      await configure(name, props, {}, ctx);
    } catch (err) {
      await s3.deleteBucket?.({ Bucket: name }, ctx.request);
      throw err;
    }
    return result(name, ctx);
  },

  async update(physicalId, oldProps, newProps, ctx) {
    checkSupported(newProps);
    if ((newProps.AccessControl ?? 'Private') !== (oldProps.AccessControl ?? 'Private')) {
      throw new AwsError('ValidationError', 'localgate does not support changing AccessControl of an AWS::S3::Bucket (buckets keep the private ACL)', 400);
    }
    await configure(physicalId, newProps, oldProps, ctx);
    return result(physicalId, ctx);
  },

  async delete(physicalId, _props, ctx) {
    try {
      await ctx.services.s3.deleteBucket?.({ Bucket: physicalId }, ctx.request);
    } catch (err) {
      // Already gone is deleted; a bucket with objects fails the delete, as on AWS.
      if (!(err instanceof AwsError && err.code === 'NoSuchBucket')) throw err;
    }
  },
};
