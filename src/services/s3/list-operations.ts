// ListObjects and ListObjectsV2 over a bucket's current objects; ListObjectVersions over all
// of its versions and delete markers.
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/s3.types.ts';
import { requireBucket } from './access.ts';
import { invalidArgument } from './errors.ts';
import { compareKeys, listPage, type ListPage } from './listing.ts';
import { canonicalUserId, type Bucket, type ObjectVersion, type S3Store } from './store.ts';

/** EncodingType=url: keys and prefixes percent-encoded (the SDKs and the CLI decode them). */
export const encodeKey = (key: string) => encodeURIComponent(key).replace(/%2F/g, '/');

export const ownerOf = (account: string): T.Owner => ({ ID: canonicalUserId(account) });

/** The bucket's current objects (delete markers hide a key), in key order. */
function currentObjects(bucket: Bucket) {
  const entries: Array<{ key: string; item: ObjectVersion }> = [];
  for (const [key, versions] of bucket.objects) if (!versions[0].deleteMarker) entries.push({ key, item: versions[0] });
  return entries.sort((a, b) => compareKeys(a.key, b.key));
}

function objectEntry(o: ObjectVersion, encode: (s: string) => string, owner?: T.Owner): T.Object_ {
  const entry: T.Object_ = { Key: encode(o.key), LastModified: o.lastModified, ETag: o.etag, Size: o.size, StorageClass: o.storageClass };
  if (o.checksum) Object.assign(entry, { ChecksumAlgorithm: [o.checksum.algorithm], ChecksumType: o.checksum.type });
  if (owner) entry.Owner = owner;
  return entry;
}

interface Common {
  Prefix?: string;
  Delimiter?: string;
  EncodingType?: T.EncodingType;
  MaxKeys?: number;
}

function page(bucket: Bucket, input: Common, after: string | undefined): { page: ListPage<ObjectVersion>; max: number; encode: (s: string) => string } {
  const max = Math.max(0, Math.min(input.MaxKeys ?? 1000, 1000));
  const encode = input.EncodingType === 'url' ? encodeKey : (s: string) => s;
  return { page: listPage(currentObjects(bucket), { prefix: input.Prefix ?? '', delimiter: input.Delimiter || undefined, after, max }), max, encode };
}

function commonOutput(bucket: Bucket, input: Common, p: ListPage<ObjectVersion>, max: number, encode: (s: string) => string) {
  const out: T.ListObjectsOutput & T.ListObjectsV2Output = { Name: bucket.name, Prefix: encode(input.Prefix ?? ''), MaxKeys: max, IsTruncated: p.truncated };
  if (input.Delimiter) out.Delimiter = encode(input.Delimiter);
  if (p.commonPrefixes.length) out.CommonPrefixes = p.commonPrefixes.map((c) => ({ Prefix: encode(c) }));
  if (input.EncodingType) out.EncodingType = input.EncodingType;
  return out;
}

export class ListOperations {
  constructor(private readonly store: S3Store) {}

  listObjects(input: T.ListObjectsRequest, _ctx: RequestContext): T.ListObjectsOutput {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    const { page: p, max, encode } = page(bucket, input, input.Marker || undefined);
    const owner = ownerOf(bucket.account);
    const out: T.ListObjectsOutput = { ...commonOutput(bucket, input, p, max, encode), Marker: encode(input.Marker ?? '') };
    if (p.items.length) out.Contents = p.items.map((o) => objectEntry(o, encode, owner));
    if (p.truncated && input.Delimiter && p.last !== undefined) out.NextMarker = encode(p.last);
    return out;
  }

  listObjectVersions(input: T.ListObjectVersionsRequest, _ctx: RequestContext): T.ListObjectVersionsOutput {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    if (input.VersionIdMarker && !input.KeyMarker) throw invalidArgument('A version-id marker cannot be specified without a key marker.', 'version-id-marker', input.VersionIdMarker);
    // Every version, keys in order and each key's versions newest first (as stored).
    let entries = [...bucket.objects.keys()].sort(compareKeys).flatMap((key) => bucket.objects.get(key)!.map((item) => ({ key, item })));
    let after = input.KeyMarker || undefined;
    if (input.VersionIdMarker) {
      const at = entries.findIndex((e) => e.key === input.KeyMarker && e.item.versionId === input.VersionIdMarker);
      if (at >= 0) {
        entries = entries.slice(at + 1);
        after = undefined;
      }
    }
    const max = Math.max(0, Math.min(input.MaxKeys ?? 1000, 1000));
    const encode = input.EncodingType === 'url' ? encodeKey : (s: string) => s;
    const p = listPage(entries, { prefix: input.Prefix ?? '', delimiter: input.Delimiter || undefined, after, max });
    const out: T.ListObjectVersionsOutput = {
      ...commonOutput(bucket, input, p, max, encode),
      KeyMarker: encode(input.KeyMarker ?? ''),
      VersionIdMarker: input.VersionIdMarker ?? '',
    };
    const owner = ownerOf(bucket.account);
    const isLatest = (v: ObjectVersion) => bucket.objects.get(v.key)?.[0] === v;
    const versions = p.items.filter((v) => !v.deleteMarker);
    const markers = p.items.filter((v) => v.deleteMarker);
    if (versions.length) {
      out.Versions = versions.map((v) => {
        const entry: T.ObjectVersion = { ETag: v.etag, Size: v.size, StorageClass: v.storageClass as T.ObjectVersionStorageClass, Key: encode(v.key), VersionId: v.versionId, IsLatest: isLatest(v), LastModified: v.lastModified, Owner: owner };
        if (v.checksum) Object.assign(entry, { ChecksumAlgorithm: [v.checksum.algorithm], ChecksumType: v.checksum.type });
        return entry;
      });
    }
    if (markers.length) out.DeleteMarkers = markers.map((v) => ({ Owner: owner, Key: encode(v.key), VersionId: v.versionId, IsLatest: isLatest(v), LastModified: v.lastModified }));
    if (p.truncated && p.last !== undefined) {
      out.NextKeyMarker = encode(p.last);
      const lastItem = p.items[p.items.length - 1];
      if (lastItem && lastItem.key === p.last) out.NextVersionIdMarker = lastItem.versionId;
    }
    return out;
  }

  listObjectsV2(input: T.ListObjectsV2Request, _ctx: RequestContext): T.ListObjectsV2Output {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    let after = input.StartAfter || undefined;
    if (input.ContinuationToken !== undefined) after = decodeToken(input.ContinuationToken);
    const { page: p, max, encode } = page(bucket, input, after);
    const owner = input.FetchOwner ? ownerOf(bucket.account) : undefined;
    const out: T.ListObjectsV2Output = { ...commonOutput(bucket, input, p, max, encode), KeyCount: p.items.length + p.commonPrefixes.length };
    if (p.items.length) out.Contents = p.items.map((o) => objectEntry(o, encode, owner));
    if (input.ContinuationToken !== undefined) out.ContinuationToken = input.ContinuationToken;
    if (input.StartAfter) out.StartAfter = encode(input.StartAfter);
    if (p.truncated && p.last !== undefined) out.NextContinuationToken = encodeToken(p.last);
    return out;
  }
}

// A continuation token names the last key (or common prefix) returned; it is opaque to clients.
const TOKEN_PREFIX = 'lg1:';
const encodeToken = (last: string) => Buffer.from(TOKEN_PREFIX + last).toString('base64');

function decodeToken(token: string): string {
  const text = Buffer.from(token, 'base64').toString('utf8');
  if (!text.startsWith(TOKEN_PREFIX)) throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  return text.slice(TOKEN_PREFIX.length);
}
