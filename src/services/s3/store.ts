// S3's state for one localgate. Bucket names are global (S3's namespace is shared by all
// accounts), so buckets live in one map keyed by name, each recording the account and
// region that own it. Object data lives in the BlobStore; records here hold metadata.
import { createHash, randomBytes } from 'node:crypto';
import type * as T from '../../models/s3.types.ts';
import { BlobStore } from './blobs.ts';
import type { ChecksumAlgorithm } from './checksums.ts';

export interface ObjectChecksum {
  algorithm: ChecksumAlgorithm;
  /** Base64 digest; for a composite multipart checksum, `{digest}-{parts}`. */
  value: string;
  type: 'FULL_OBJECT' | 'COMPOSITE';
}

/** Headers stored with an object and returned by GetObject / HeadObject. */
export interface ObjectHeaders {
  ContentType: string;
  ContentEncoding?: string;
  ContentDisposition?: string;
  ContentLanguage?: string;
  CacheControl?: string;
  Expires?: string;
  WebsiteRedirectLocation?: string;
}

export interface ObjectVersion {
  key: string;
  /** "null" for objects written while versioning was never enabled or is suspended. */
  versionId: string;
  deleteMarker: boolean;
  lastModified: Date;
  /** Absent for delete markers. */
  blobPath?: string;
  size: number;
  /** Quoted, as S3 sends it: `"<md5 hex>"` or `"<md5 of part md5s>-<parts>"`. */
  etag: string;
  headers: ObjectHeaders;
  metadata: Record<string, string>;
  checksum?: ObjectChecksum;
  partsCount?: number;
  /** Sizes of the parts a multipart object was assembled from (GetObject's PartNumber). */
  partSizes?: number[];
  storageClass: T.StorageClass;
  tags: T.Tag[];
}

export interface UploadedPart {
  partNumber: number;
  blobPath: string;
  size: number;
  etag: string;
  md5: Buffer;
  lastModified: Date;
  checksum?: string;
}

export interface MultipartUpload {
  uploadId: string;
  key: string;
  initiated: Date;
  headers: ObjectHeaders;
  metadata: Record<string, string>;
  storageClass: T.StorageClass;
  tags: T.Tag[];
  checksumAlgorithm?: ChecksumAlgorithm;
  checksumType?: 'FULL_OBJECT' | 'COMPOSITE';
  parts: Map<number, UploadedPart>;
}

export interface Bucket {
  name: string;
  account: string;
  region: string;
  created: Date;
  versioning?: 'Enabled' | 'Suspended';
  /** Key -> versions, newest first. */
  objects: Map<string, ObjectVersion[]>;
  uploads: Map<string, MultipartUpload>;
  policy?: string;
  encryption: T.ServerSideEncryptionConfiguration;
  publicAccessBlock?: T.PublicAccessBlockConfiguration;
  lifecycle?: T.LifecycleRule[];
  tags?: T.Tag[];
}

/** New buckets are encrypted with SSE-S3 by default, as S3 does since January 2023. */
export const defaultEncryption = (): T.ServerSideEncryptionConfiguration => ({
  Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }],
});

/** A version id the shape of S3's: 32 URL-safe characters. */
export const newVersionId = () => randomBytes(24).toString('base64url');

/** The canonical user id S3 reports as an account's Owner.ID (64 hex characters). */
export function canonicalUserId(account: string): string {
  return createHash('sha256').update(`localgate-s3-owner:${account}`).digest('hex');
}

export class S3Store {
  readonly buckets = new Map<string, Bucket>();
  readonly blobs = new BlobStore();

  /** The current (newest) version of a key, which may be a delete marker. */
  latest(bucket: Bucket, key: string): ObjectVersion | undefined {
    return bucket.objects.get(key)?.[0];
  }

  /** Every blob an object version or upload part holds, released when the record goes. */
  releaseVersion(version: ObjectVersion) {
    if (version.blobPath) this.blobs.remove(version.blobPath);
  }

  releaseUpload(upload: MultipartUpload) {
    for (const part of upload.parts.values()) this.blobs.remove(part.blobPath);
  }

  reset() {
    this.buckets.clear();
    this.blobs.clear();
  }

  shutdown() {
    this.reset();
  }
}
