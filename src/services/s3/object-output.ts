// What GetObject, HeadObject and the write operations report about an object version.
import type * as T from '../../models/s3.types.ts';
import type { ObjectChecksum, ObjectVersion } from './store.ts';

/** Every object is encrypted at rest with SSE-S3, as S3 does by default. */
export const SSE = 'AES256' as const;

/** The Checksum{Algorithm} and ChecksumType members for a checksum. */
export function checksumMembers(checksum: ObjectChecksum | undefined): Record<string, string> {
  if (!checksum) return {};
  return { [`Checksum${checksum.algorithm}`]: checksum.value, ChecksumType: checksum.type };
}

/** The header members HeadObject and GetObject share. */
export function objectHeadersOutput(version: ObjectVersion): T.HeadObjectOutput {
  const h = version.headers;
  const out: T.HeadObjectOutput = {
    AcceptRanges: 'bytes',
    LastModified: version.lastModified,
    ContentLength: version.size,
    ETag: version.etag,
    Metadata: { ...version.metadata },
    ServerSideEncryption: SSE,
    // ContentType and the other stored headers, by the same names (objectHeaders() stores only those given).
    ...h,
  };
  if (version.versionId !== 'null') out.VersionId = version.versionId;
  if (version.storageClass !== 'STANDARD') out.StorageClass = version.storageClass;
  if (version.partsCount !== undefined) out.PartsCount = version.partsCount;
  return out;
}

/** Response-* query overrides of GetObject / HeadObject. */
export function applyResponseOverrides(out: T.HeadObjectOutput, input: T.GetObjectRequest | T.HeadObjectRequest) {
  if (input.ResponseContentType !== undefined) out.ContentType = input.ResponseContentType;
  if (input.ResponseContentLanguage !== undefined) out.ContentLanguage = input.ResponseContentLanguage;
  if (input.ResponseContentDisposition !== undefined) out.ContentDisposition = input.ResponseContentDisposition;
  if (input.ResponseContentEncoding !== undefined) out.ContentEncoding = input.ResponseContentEncoding;
  if (input.ResponseCacheControl !== undefined) out.CacheControl = input.ResponseCacheControl;
  if (input.ResponseExpires !== undefined) out.Expires = input.ResponseExpires.toUTCString();
}
