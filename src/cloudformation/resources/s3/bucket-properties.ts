// AWS::S3::Bucket's property shapes translated to the S3 API's (the template names differ
// from the API's in places: ServerSideEncryptionByDefault, ExpirationInDays, Id, ...).
import type * as S3 from '../../../models/s3.types.ts';
import type { ResourceProperties } from '../../resource.ts';

export function encryptionConfiguration(props: ResourceProperties): S3.ServerSideEncryptionConfiguration | undefined {
  const rules = props.BucketEncryption?.ServerSideEncryptionConfiguration as ResourceProperties[] | undefined;
  if (!rules) return undefined;
  return {
    Rules: rules.map((r) => {
      const rule: S3.ServerSideEncryptionRule = {};
      if (r.ServerSideEncryptionByDefault) rule.ApplyServerSideEncryptionByDefault = { ...r.ServerSideEncryptionByDefault };
      if (r.BucketKeyEnabled !== undefined) rule.BucketKeyEnabled = bool(r.BucketKeyEnabled);
      return rule;
    }),
  };
}

export function publicAccessBlock(props: ResourceProperties): S3.PublicAccessBlockConfiguration | undefined {
  const c = props.PublicAccessBlockConfiguration;
  if (!c) return undefined;
  const out: S3.PublicAccessBlockConfiguration = {};
  for (const k of ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const) {
    if (c[k] !== undefined) out[k] = bool(c[k]);
  }
  return out;
}

export function lifecycleRules(props: ResourceProperties): S3.LifecycleRule[] | undefined {
  const rules = props.LifecycleConfiguration?.Rules as ResourceProperties[] | undefined;
  if (!rules) return undefined;
  return rules.map((r) => {
    const rule: S3.LifecycleRule = { Status: r.Status };
    if (r.Id !== undefined) rule.ID = r.Id;
    rule.Filter = lifecycleFilter(r);
    const expiration: S3.LifecycleExpiration = {};
    if (r.ExpirationInDays !== undefined) expiration.Days = Number(r.ExpirationInDays);
    if (r.ExpirationDate !== undefined) expiration.Date = new Date(r.ExpirationDate);
    if (r.ExpiredObjectDeleteMarker !== undefined) expiration.ExpiredObjectDeleteMarker = bool(r.ExpiredObjectDeleteMarker);
    if (Object.keys(expiration).length) rule.Expiration = expiration;
    const noncurrent = r.NoncurrentVersionExpiration ?? (r.NoncurrentVersionExpirationInDays !== undefined ? { NoncurrentDays: r.NoncurrentVersionExpirationInDays } : undefined);
    if (noncurrent) {
      rule.NoncurrentVersionExpiration = { NoncurrentDays: Number(noncurrent.NoncurrentDays) };
      if (noncurrent.NewerNoncurrentVersions !== undefined) rule.NoncurrentVersionExpiration.NewerNoncurrentVersions = Number(noncurrent.NewerNoncurrentVersions);
    }
    if (r.AbortIncompleteMultipartUpload) rule.AbortIncompleteMultipartUpload = { DaysAfterInitiation: Number(r.AbortIncompleteMultipartUpload.DaysAfterInitiation) };
    const transitions = (r.Transitions ?? (r.Transition ? [r.Transition] : [])) as ResourceProperties[];
    if (transitions.length) {
      rule.Transitions = transitions.map((t) => ({
        StorageClass: t.StorageClass,
        ...(t.TransitionInDays !== undefined ? { Days: Number(t.TransitionInDays) } : {}),
        ...(t.TransitionDate !== undefined ? { Date: new Date(t.TransitionDate) } : {}),
      }));
    }
    const noncurrentTransitions = (r.NoncurrentVersionTransitions ?? (r.NoncurrentVersionTransition ? [r.NoncurrentVersionTransition] : [])) as ResourceProperties[];
    if (noncurrentTransitions.length) {
      rule.NoncurrentVersionTransitions = noncurrentTransitions.map((t) => ({
        StorageClass: t.StorageClass,
        NoncurrentDays: Number(t.TransitionInDays),
        ...(t.NewerNoncurrentVersions !== undefined ? { NewerNoncurrentVersions: Number(t.NewerNoncurrentVersions) } : {}),
      }));
    }
    return rule;
  });
}

function lifecycleFilter(r: ResourceProperties): S3.LifecycleRuleFilter {
  const tags = ((r.TagFilters ?? []) as S3.Tag[]).map((t) => ({ Key: t.Key, Value: t.Value }));
  const single: S3.LifecycleRuleFilter = {};
  if (r.Prefix !== undefined) single.Prefix = r.Prefix;
  if (r.ObjectSizeGreaterThan !== undefined) single.ObjectSizeGreaterThan = Number(r.ObjectSizeGreaterThan);
  if (r.ObjectSizeLessThan !== undefined) single.ObjectSizeLessThan = Number(r.ObjectSizeLessThan);
  // Several conditions combine under And; one stands alone.
  if (Object.keys(single).length + tags.length > 1) return { And: { ...single, ...(tags.length ? { Tags: tags } : {}) } };
  return tags.length ? { Tag: tags[0] } : single;
}

export function tags(props: ResourceProperties): S3.Tag[] {
  return ((props.Tags ?? []) as S3.Tag[]).map((t) => ({ Key: String(t.Key), Value: String(t.Value ?? '') }));
}

/** Template booleans may arrive as "true"/"false" strings (parameters, Fn::If results). */
const bool = (v: unknown) => v === true || v === 'true';
