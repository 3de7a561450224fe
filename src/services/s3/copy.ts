// CopyObject: a new object (or version) with the source's bytes, and its metadata copied
// or replaced (MetadataDirective), tags copied or replaced (TaggingDirective).
import { createReadStream } from 'node:fs';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/s3.types.ts';
import { parseTaggingHeader, requireBucket } from './access.ts';
import { CHECKSUM_ALGORITHMS, type ChecksumAlgorithm } from './checksums.ts';
import { etagMatches } from './conditions.ts';
import { invalidArgument, invalidRequest, noSuchBucket, preconditionFailed } from './errors.ts';
import { checksumMembers, SSE } from './object-output.ts';
import { objectHeaders } from './objects.ts';
import type { ObjectVersion, S3Store } from './store.ts';
import { addVersion, nextVersionId, readableVersion } from './versions.ts';

/** `bucket/key[?versionId=...]`, URL-encoded, with or without a leading slash. */
export function parseCopySource(source: string): { bucket: string; key: string; versionId?: string } {
  const [path, query = ''] = source.replace(/^\//, '').split('?', 2);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = '';
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) {
    throw invalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 'x-amz-copy-source', source);
  }
  const versionId = new URLSearchParams(query).get('versionId') ?? undefined;
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), versionId };
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** x-amz-copy-source-if-* conditions (CopyObject, UploadPartCopy): every failure is 412 naming the header. */
export function checkCopySourceConditions(input: Pick<T.CopyObjectRequest, 'CopySourceIfMatch' | 'CopySourceIfNoneMatch' | 'CopySourceIfModifiedSince' | 'CopySourceIfUnmodifiedSince'>, source: ObjectVersion) {
  const fail = (name: string) => preconditionFailed(`x-amz-copy-source-${name}`);
  if (input.CopySourceIfMatch !== undefined && !etagMatches(input.CopySourceIfMatch, source.etag)) throw fail('If-Match');
  if (input.CopySourceIfNoneMatch !== undefined && etagMatches(input.CopySourceIfNoneMatch, source.etag)) throw fail('If-None-Match');
  if (input.CopySourceIfUnmodifiedSince && seconds(source.lastModified) > seconds(input.CopySourceIfUnmodifiedSince)) throw fail('If-Unmodified-Since');
  if (input.CopySourceIfModifiedSince && seconds(source.lastModified) <= seconds(input.CopySourceIfModifiedSince)) throw fail('If-Modified-Since');
}

export async function copyObject(store: S3Store, input: T.CopyObjectRequest, _ctx: RequestContext): Promise<T.CopyObjectOutput> {
  const target = requireBucket(store, input.Bucket, input.ExpectedBucketOwner);
  const ref = parseCopySource(input.CopySource);
  const sourceBucket = requireBucket(store, ref.bucket, input.ExpectedSourceBucketOwner);
  const source = readableVersion(sourceBucket, ref.key, ref.versionId, 'GET');
  checkCopySourceConditions(input, source);
  const replaceMetadata = input.MetadataDirective === 'REPLACE';
  const sameObject = ref.bucket === input.Bucket && ref.key === input.Key;
  if (sameObject && !replaceMetadata && input.StorageClass === undefined && input.WebsiteRedirectLocation === undefined && input.ChecksumAlgorithm === undefined) {
    throw invalidRequest(
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const algorithm = (input.ChecksumAlgorithm?.toUpperCase() ?? source.checksum?.algorithm) as ChecksumAlgorithm | undefined;
  if (algorithm && !CHECKSUM_ALGORITHMS.includes(algorithm)) {
    throw invalidRequest(`Checksum algorithm ${input.ChecksumAlgorithm} is not supported by localgate (CRC32, CRC32C, SHA1 or SHA256).`);
  }
  // Copying re-reads the bytes: the copy is a single-part object with its own MD5 ETag.
  const written = await store.blobs.write(createReadStream(source.blobPath!), algorithm ? [algorithm] : []);
  const version: ObjectVersion = {
    key: input.Key,
    versionId: nextVersionId(target),
    deleteMarker: false,
    lastModified: new Date(),
    blobPath: written.path,
    size: written.size,
    etag: `"${written.md5.toString('hex')}"`,
    headers: replaceMetadata ? objectHeaders(input) : { ...source.headers },
    metadata: replaceMetadata ? { ...input.Metadata } : { ...source.metadata },
    checksum: algorithm && { algorithm, value: written.checksums[algorithm]!, type: 'FULL_OBJECT' },
    storageClass: input.StorageClass ?? source.storageClass,
    tags: input.TaggingDirective === 'REPLACE' ? parseTaggingHeader(input.Tagging) : source.tags.map((t) => ({ ...t })),
  };
  if (input.WebsiteRedirectLocation !== undefined) version.headers.WebsiteRedirectLocation = input.WebsiteRedirectLocation;
  if (!store.buckets.has(input.Bucket)) {
    store.blobs.remove(written.path);
    throw noSuchBucket(input.Bucket);
  }
  addVersion(store, target, version);
  const out: T.CopyObjectOutput = {
    CopyObjectResult: { ETag: version.etag, LastModified: version.lastModified, ...checksumMembers(version.checksum) },
    ServerSideEncryption: SSE,
  };
  if (target.versioning === 'Enabled') out.VersionId = version.versionId;
  if (source.versionId !== 'null') out.CopySourceVersionId = source.versionId;
  return out;
}
