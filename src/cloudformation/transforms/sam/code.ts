// Where a function's or layer's code comes from: CodeUri/ContentUri as an S3 URI, as a
// {Bucket, Key, Version} object, or (localgate's addition) an absolute local directory,
// which localgate's Lambda runs in place through its hot-reload bucket.
import { isAbsolute } from 'node:path';
import { HOT_RELOAD_BUCKET } from '../../../services/lambda/hot-reload.ts';
import { invalidResource } from './errors.ts';
import { isIntrinsic, isPlainObject } from './values.ts';

export interface S3Code {
  S3Bucket: unknown;
  S3Key: unknown;
  S3ObjectVersion?: unknown;
}

/**
 * The Lambda `Code`/`Content` location for a SAM URI property. `property` is the SAM name
 * (CodeUri, ContentUri) used in errors. A relative path is SAM's error: the caller (the
 * deploy command) makes local paths absolute before the transform runs.
 */
export function s3Location(logicalId: string, property: string, uri: unknown): S3Code {
  if (typeof uri === 'string') {
    if (isAbsolute(uri) && !uri.startsWith('s3://')) return { S3Bucket: HOT_RELOAD_BUCKET, S3Key: uri };
    const parsed = parseS3Uri(uri);
    if (!parsed) throw invalidResource(logicalId, `'${property}' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.`);
    return parsed;
  }
  if (isPlainObject(uri) && !isIntrinsic(uri)) {
    if (uri.Bucket === undefined || uri.Key === undefined) {
      throw invalidResource(logicalId, `'${property}' requires Bucket and Key properties to be specified.`);
    }
    const out: S3Code = { S3Bucket: uri.Bucket, S3Key: uri.Key };
    if (uri.Version !== undefined) out.S3ObjectVersion = uri.Version;
    return out;
  }
  throw invalidResource(logicalId, `'${property}' requires Bucket and Key properties to be specified.`);
}

/** `s3://bucket/key[?versionId=v]`, or undefined when the text is not one. */
export function parseS3Uri(uri: string): S3Code | undefined {
  const m = /^s3:\/\/([^/?]+)\/([^?]+)(?:\?(.*))?$/.exec(uri);
  if (!m) return undefined;
  const out: S3Code = { S3Bucket: m[1], S3Key: m[2] };
  const version = m[3] ? new URLSearchParams(m[3]).get('versionId') : null;
  if (version) out.S3ObjectVersion = version;
  return out;
}
