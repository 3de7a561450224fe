// Bucket operations: create, head, delete, list, location, versioning.
import { AwsError } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/s3.types.ts';
import { requireBucket } from './access.ts';
import { bucketAlreadyExists, bucketAlreadyOwnedByYou, bucketNotEmpty, invalidArgument, malformedXml } from './errors.ts';
import { ownerOf } from './list-operations.ts';
import { checkBucketName } from './names.ts';
import { checkTags } from './bucket-config.ts';
import { defaultEncryption, type Bucket, type S3Store } from './store.ts';

const LEGACY_REGION = 'us-east-1';

/** The region a CreateBucket asks for, checked against the endpoint's region as S3 checks it. */
function bucketRegion(constraint: string | undefined, endpointRegion: string): string {
  if (endpointRegion === LEGACY_REGION) {
    if (constraint === undefined || constraint === '') return LEGACY_REGION;
    if (constraint === LEGACY_REGION) throw new AwsError('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, { LocationConstraint: constraint });
  }
  if (constraint === undefined || constraint === '') {
    throw new AwsError('IllegalLocationConstraintException', 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.', 400);
  }
  if (constraint !== endpointRegion) {
    throw new AwsError('IllegalLocationConstraintException', `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`, 400);
  }
  return constraint;
}

export class BucketOperations {
  constructor(private readonly store: S3Store) {}

  createBucket(input: T.CreateBucketRequest, ctx: RequestContext): T.CreateBucketOutput {
    checkBucketName(input.Bucket);
    // New buckets enforce bucket-owner object ownership, where only the private ACL is allowed
    // (localgate keeps no ACLs, so it offers no other ownership setting).
    if (input.ACL !== undefined && input.ACL !== 'private') {
      throw new AwsError('InvalidBucketAclWithObjectOwnership', "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", 400);
    }
    const region = bucketRegion(input.CreateBucketConfiguration?.LocationConstraint, ctx.region);
    const existing = this.store.buckets.get(input.Bucket);
    if (existing) {
      if (existing.account !== ctx.account) throw bucketAlreadyExists(input.Bucket);
      // For legacy compatibility S3 answers 200 to re-creating your own bucket in us-east-1.
      if (existing.region === LEGACY_REGION && region === LEGACY_REGION) return { Location: `/${input.Bucket}` };
      throw bucketAlreadyOwnedByYou(input.Bucket);
    }
    const tags = input.CreateBucketConfiguration?.Tags;
    if (tags?.length) checkTags(tags, true);
    const bucket: Bucket = {
      name: input.Bucket,
      account: ctx.account,
      region,
      created: new Date(),
      objects: new Map(),
      uploads: new Map(),
      encryption: defaultEncryption(),
      // New buckets block public access, as S3 does since April 2023.
      publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      tags: tags?.length ? tags.map((t) => ({ ...t })) : undefined,
    };
    this.store.buckets.set(bucket.name, bucket);
    return { Location: region === LEGACY_REGION ? `/${bucket.name}` : `${virtualHostUrl(ctx.baseUrl, bucket.name)}/` };
  }

  headBucket(input: T.HeadBucketRequest, _ctx: RequestContext): T.HeadBucketOutput {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    return { BucketRegion: bucket.region, AccessPointAlias: false };
  }

  deleteBucket(input: T.DeleteBucketRequest, _ctx: RequestContext): void {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    if (bucket.objects.size) throw bucketNotEmpty(bucket.name, bucket.versioning !== undefined);
    for (const upload of bucket.uploads.values()) this.store.releaseUpload(upload);
    this.store.buckets.delete(bucket.name);
  }

  listBuckets(input: T.ListBucketsRequest, ctx: RequestContext): T.ListBucketsOutput {
    const max = input.MaxBuckets ?? 10_000;
    if (!Number.isInteger(max) || max < 1 || max > 10_000) throw invalidArgument('Argument max-buckets must be an integer between 1 and 10000', 'max-buckets', String(max));
    const after = input.ContinuationToken === undefined ? undefined : Buffer.from(input.ContinuationToken, 'base64').toString('utf8');
    const owned = [...this.store.buckets.values()]
      .filter((b) => b.account === ctx.account)
      .filter((b) => (input.Prefix === undefined || b.name.startsWith(input.Prefix)) && (input.BucketRegion === undefined || b.region === input.BucketRegion))
      .filter((b) => after === undefined || b.name > after)
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const page = owned.slice(0, max);
    const out: T.ListBucketsOutput = {
      Buckets: page.map((b) => ({ Name: b.name, CreationDate: b.created, BucketRegion: b.region })),
      Owner: ownerOf(ctx.account),
    };
    if (input.Prefix !== undefined) out.Prefix = input.Prefix;
    if (owned.length > page.length) out.ContinuationToken = Buffer.from(page[page.length - 1].name).toString('base64');
    return out;
  }

  getBucketLocation(input: T.GetBucketLocationRequest, _ctx: RequestContext): T.GetBucketLocationOutput {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    // S3 reports us-east-1 as an empty LocationConstraint.
    return bucket.region === LEGACY_REGION ? {} : { LocationConstraint: bucket.region as T.BucketLocationConstraint };
  }

  getBucketVersioning(input: T.GetBucketVersioningRequest, _ctx: RequestContext): T.GetBucketVersioningOutput {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    return bucket.versioning ? { Status: bucket.versioning } : {};
  }

  putBucketVersioning(input: T.PutBucketVersioningRequest, _ctx: RequestContext): void {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    const status = input.VersioningConfiguration?.Status;
    if (status === undefined) throw new AwsError('IllegalVersioningConfigurationException', 'The Versioning element must be specified', 400);
    if (status !== 'Enabled' && status !== 'Suspended') throw malformedXml();
    bucket.versioning = status;
  }
}

/** `http://{bucket}.s3.localhost:4566` for a base URL `http://localhost:4566`. */
export function virtualHostUrl(baseUrl: string, bucket: string): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${bucket}.s3.${url.host}`;
}
