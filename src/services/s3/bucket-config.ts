// A bucket's stored configurations: policy, default encryption, public access block,
// lifecycle rules and tags. They are kept and returned as given (S3's validations
// apply); localgate does not enforce them.
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/s3.types.ts';
import { requireBucket } from './access.ts';
import {
  invalidArgument,
  invalidTag,
  malformedPolicy,
  malformedXml,
  noLifecycleConfiguration,
  noPublicAccessBlock,
  noSuchBucketPolicy,
  noSuchTagSet,
} from './errors.ts';
import { defaultEncryption, type Bucket, type S3Store } from './store.ts';

/** S3's tag rules: unique keys, no `aws:` prefix, key 1-128 and value 0-256 characters. */
export function checkTags(tags: T.Tag[], bucket: boolean) {
  const seen = new Set<string>();
  for (const tag of tags) {
    if (seen.has(tag.Key)) throw invalidTag('Cannot provide multiple Tags with the same key', { TagKey: tag.Key });
    seen.add(tag.Key);
    if (tag.Key.toLowerCase().startsWith('aws:')) {
      throw invalidTag(bucket ? 'System tags cannot be added/updated by requester' : 'Your TagKey cannot be prefixed with aws:', { TagKey: tag.Key });
    }
    if (tag.Key.length < 1 || tag.Key.length > 128) throw invalidTag('The TagKey you have provided is invalid', { TagKey: tag.Key });
    if ((tag.Value ?? '').length > 256) throw invalidTag('The TagValue you have provided is invalid', { TagKey: tag.Key, TagValue: tag.Value });
  }
}

const TRANSITION_DEFAULT = 'all_storage_classes_128K' as const;

export class BucketConfigOperations {
  constructor(private readonly store: S3Store) {}

  getBucketPolicy(input: T.GetBucketPolicyRequest, _ctx: RequestContext): T.GetBucketPolicyOutput {
    return { Policy: this.stored(input, 'policy', noSuchBucketPolicy) };
  }

  putBucketPolicy(input: T.PutBucketPolicyRequest, _ctx: RequestContext): void {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    const text = input.Policy ?? '';
    let parsed: unknown;
    try {
      parsed = text.trimStart().startsWith('{') ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined) throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
    if (!(parsed as Record<string, unknown>).Statement) throw malformedPolicy('Missing required field Statement');
    bucket.policy = text;
  }

  deleteBucketPolicy(input: T.DeleteBucketPolicyRequest, _ctx: RequestContext): void {
    requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner).policy = undefined;
  }

  getBucketEncryption(input: T.GetBucketEncryptionRequest, _ctx: RequestContext): T.GetBucketEncryptionOutput {
    return { ServerSideEncryptionConfiguration: requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner).encryption };
  }

  putBucketEncryption(input: T.PutBucketEncryptionRequest, _ctx: RequestContext): void {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    const rules = input.ServerSideEncryptionConfiguration?.Rules ?? [];
    if (rules.length !== 1) throw malformedXml();
    const byDefault = rules[0].ApplyServerSideEncryptionByDefault;
    if (byDefault?.KMSMasterKeyID !== undefined && !byDefault.SSEAlgorithm.startsWith('aws:kms')) {
      throw invalidArgument('a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse', 'ApplyServerSideEncryptionByDefault');
    }
    bucket.encryption = { Rules: [{ ...rules[0], BucketKeyEnabled: rules[0].BucketKeyEnabled ?? false }] };
  }

  /** Removing the configuration brings back S3's default (SSE-S3), as on AWS. */
  deleteBucketEncryption(input: T.DeleteBucketEncryptionRequest, _ctx: RequestContext): void {
    requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner).encryption = defaultEncryption();
  }

  getPublicAccessBlock(input: T.GetPublicAccessBlockRequest, _ctx: RequestContext): T.GetPublicAccessBlockOutput {
    return { PublicAccessBlockConfiguration: this.stored(input, 'publicAccessBlock', noPublicAccessBlock) };
  }

  putPublicAccessBlock(input: T.PutPublicAccessBlockRequest, _ctx: RequestContext): void {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    const c = input.PublicAccessBlockConfiguration ?? {};
    bucket.publicAccessBlock = {
      BlockPublicAcls: c.BlockPublicAcls ?? false,
      IgnorePublicAcls: c.IgnorePublicAcls ?? false,
      BlockPublicPolicy: c.BlockPublicPolicy ?? false,
      RestrictPublicBuckets: c.RestrictPublicBuckets ?? false,
    };
  }

  deletePublicAccessBlock(input: T.DeletePublicAccessBlockRequest, _ctx: RequestContext): void {
    requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner).publicAccessBlock = undefined;
  }

  getBucketLifecycleConfiguration(input: T.GetBucketLifecycleConfigurationRequest, _ctx: RequestContext): T.GetBucketLifecycleConfigurationOutput {
    return { Rules: this.stored(input, 'lifecycle', noLifecycleConfiguration), TransitionDefaultMinimumObjectSize: TRANSITION_DEFAULT };
  }

  putBucketLifecycleConfiguration(input: T.PutBucketLifecycleConfigurationRequest, _ctx: RequestContext): T.PutBucketLifecycleConfigurationOutput {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    const rules = input.LifecycleConfiguration?.Rules ?? [];
    if (!rules.length || rules.length > 1000) throw malformedXml();
    const ids = new Set<string>();
    for (const rule of rules) {
      if (rule.Status !== 'Enabled' && rule.Status !== 'Disabled') throw malformedXml();
      if (rule.ID !== undefined) {
        if (rule.ID.length > 255) throw invalidArgument('ID length should not exceed allowed limit of 255', 'ID', rule.ID);
        if (ids.has(rule.ID)) throw invalidArgument('Rule ID must be unique. Found same ID for more than one rule', 'ID', rule.ID);
        ids.add(rule.ID);
      }
    }
    bucket.lifecycle = rules;
    return { TransitionDefaultMinimumObjectSize: TRANSITION_DEFAULT };
  }

  deleteBucketLifecycle(input: T.DeleteBucketLifecycleRequest, _ctx: RequestContext): void {
    requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner).lifecycle = undefined;
  }

  getBucketTagging(input: T.GetBucketTaggingRequest, _ctx: RequestContext): T.GetBucketTaggingOutput {
    return { TagSet: this.stored(input, 'tags', noSuchTagSet) };
  }

  putBucketTagging(input: T.PutBucketTaggingRequest, _ctx: RequestContext): void {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    const tags = input.Tagging?.TagSet ?? [];
    checkTags(tags, true);
    bucket.tags = tags.length ? tags.map((t) => ({ Key: t.Key, Value: t.Value ?? '' })) : undefined;
  }

  deleteBucketTagging(input: T.DeleteBucketTaggingRequest, _ctx: RequestContext): void {
    requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner).tags = undefined;
  }

  /** A bucket's configuration of one kind, or the error S3 answers for a bucket without one. */
  private stored<K extends 'policy' | 'publicAccessBlock' | 'lifecycle' | 'tags'>(input: { Bucket: string; ExpectedBucketOwner?: string }, kind: K, none: (bucket: string) => Error): NonNullable<Bucket[K]> {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    const config = bucket[kind];
    if (config === undefined) throw none(bucket.name);
    return config as NonNullable<Bucket[K]>;
  }
}
