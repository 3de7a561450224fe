// The read side other parts of localgate use to fetch an object by bucket and key
// (Lambda code from S3Bucket/S3Key, CloudFormation's TemplateURL, BodyS3Location,
// AWS::Include). Errors are S3's own (NoSuchBucket, NoSuchKey, NoSuchVersion, ...), so a
// caller can report them the way its service does.
import { readFileSync } from 'node:fs';
import type { S3Store } from './store.ts';
import { requireBucket } from './access.ts';
import { readableVersion } from './versions.ts';

export interface S3ObjectRef {
  bucket: string;
  key: string;
  versionId?: string;
}

export class S3ObjectReader {
  constructor(private readonly store: S3Store) {}

  /** The object's bytes (read from disk; meant for code packages and templates). */
  read(ref: S3ObjectRef): Buffer {
    const bucket = requireBucket(this.store, ref.bucket);
    const version = readableVersion(bucket, ref.key, ref.versionId, 'GET');
    return version.size === 0 ? Buffer.alloc(0) : readFileSync(version.blobPath!);
  }
}

/**
 * The bucket and key an S3 URL names: `s3://bucket/key`, path style
 * (`https://s3.amazonaws.com/bucket/key`, `https://s3.us-east-1.amazonaws.com/...`,
 * `http://localhost:4566/bucket/key`) or virtual-host style
 * (`https://bucket.s3.amazonaws.com/key`, `https://bucket.s3.eu-west-1.amazonaws.com/key`,
 * `http://bucket.s3.localhost:4566/key`, `http://bucket.s3.localhost.localstack.cloud:4566/key`).
 * Undefined when the URL names no object.
 */
export function parseS3Url(text: string): S3ObjectRef | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const versionId = url.searchParams.get('versionId') ?? undefined;
  const path = url.pathname.replace(/^\//, '');
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return undefined;
    }
  };
  if (url.protocol === 's3:') {
    const key = decode(path);
    return url.hostname && key ? { bucket: url.hostname, key, versionId } : undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // Virtual host: everything before ".s3." / ".s3-" in the host is the bucket name.
  const host = /^(.+?)\.s3[.-]/.exec(url.hostname);
  if (host) {
    const key = decode(path);
    return key ? { bucket: host[1], key, versionId } : undefined;
  }
  const slash = path.indexOf('/');
  if (slash <= 0) return undefined;
  const key = decode(path.slice(slash + 1));
  return key ? { bucket: path.slice(0, slash), key, versionId } : undefined;
}
