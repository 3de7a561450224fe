// Object operations: PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects,
// CopyObject. Bodies stream to and from disk (see write.ts and the GetObject body).
import { createReadStream } from 'node:fs';
import { AwsError } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/s3.types.ts';
import { parseTaggingHeader, requireBucket } from './access.ts';
import { checkReadConditions, etagMatches } from './conditions.ts';
import { copyObject } from './copy.ts';
import { noSuchKey, preconditionFailed } from './errors.ts';
import { applyResponseOverrides, checksumMembers, objectHeadersOutput, SSE } from './object-output.ts';
import { parseRange } from './ranges.ts';
import type { ObjectHeaders, ObjectVersion, S3Store } from './store.ts';
import { addVersion, checkDeleteVersionId, nextVersionId, readableVersion, removeVersion } from './versions.ts';
import { storeBody } from './write.ts';

const notImplementedHeader = (header: string, detail: string) =>
  new AwsError('NotImplemented', 'A header you provided implies functionality that is not implemented', 501, { Header: header, additionalMessage: detail });

/** The headers PutObject, CreateMultipartUpload and CopyObject (REPLACE) store with an object. */
export function objectHeaders(input: {
  ContentType?: string;
  ContentEncoding?: string;
  ContentDisposition?: string;
  ContentLanguage?: string;
  CacheControl?: string;
  Expires?: Date | string;
  WebsiteRedirectLocation?: string;
}): ObjectHeaders {
  const headers: ObjectHeaders = { ContentType: input.ContentType ?? 'binary/octet-stream' };
  if (input.ContentEncoding !== undefined) headers.ContentEncoding = input.ContentEncoding;
  if (input.ContentDisposition !== undefined) headers.ContentDisposition = input.ContentDisposition;
  if (input.ContentLanguage !== undefined) headers.ContentLanguage = input.ContentLanguage;
  if (input.CacheControl !== undefined) headers.CacheControl = input.CacheControl;
  if (input.Expires !== undefined) headers.Expires = input.Expires instanceof Date ? input.Expires.toUTCString() : input.Expires;
  if (input.WebsiteRedirectLocation !== undefined) headers.WebsiteRedirectLocation = input.WebsiteRedirectLocation;
  return headers;
}

/** PutObject's and CompleteMultipartUpload's write conditions (If-Match / If-None-Match: *). */
export function checkWriteConditions(current: ObjectVersion | undefined, key: string, ifMatch?: string, ifNoneMatch?: string) {
  if (ifMatch !== undefined && ifNoneMatch !== undefined) {
    throw notImplementedHeader('If-Match,If-None-Match', 'Multiple conditional request headers present in the request');
  }
  const exists = current !== undefined && !current.deleteMarker;
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== '*') throw notImplementedHeader('If-None-Match', "We don't accept the provided value of If-None-Match header for this API");
    if (exists) throw preconditionFailed('If-None-Match');
  }
  if (ifMatch !== undefined) {
    if (ifMatch.trim() === '*') throw notImplementedHeader('If-Match', "We don't accept the provided value of If-Match header for this API");
    if (!exists) throw noSuchKey(key);
    if (!etagMatches(ifMatch, current.etag)) throw preconditionFailed('If-Match');
  }
}

export class ObjectOperations {
  constructor(private readonly store: S3Store) {}

  async putObject(input: T.PutObjectRequest, _ctx: RequestContext): Promise<T.PutObjectOutput> {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    checkWriteConditions(this.store.latest(bucket, input.Key), input.Key, input.IfMatch, input.IfNoneMatch);
    const tags = parseTaggingHeader(input.Tagging);
    const body = await storeBody(this.store, input);
    // The bucket may have gone (or a conditional write been overtaken) while the body streamed.
    try {
      const current = requireBucket(this.store, input.Bucket);
      checkWriteConditions(this.store.latest(current, input.Key), input.Key, input.IfMatch, input.IfNoneMatch);
    } catch (err) {
      this.store.blobs.remove(body.path);
      throw err;
    }
    const version: ObjectVersion = {
      key: input.Key,
      versionId: nextVersionId(bucket),
      deleteMarker: false,
      lastModified: new Date(),
      blobPath: body.path,
      size: body.size,
      etag: `"${body.md5.toString('hex')}"`,
      headers: objectHeaders({ ...input, ContentEncoding: body.contentEncoding }),
      metadata: { ...input.Metadata },
      checksum: body.checksum && { ...body.checksum, type: 'FULL_OBJECT' },
      storageClass: input.StorageClass ?? 'STANDARD',
      tags,
    };
    addVersion(this.store, bucket, version);
    const out: T.PutObjectOutput = { ETag: version.etag, ServerSideEncryption: SSE, ...checksumMembers(version.checksum) };
    if (bucket.versioning === 'Enabled') out.VersionId = version.versionId;
    return out;
  }

  private read(input: T.GetObjectRequest | T.HeadObjectRequest, method: string) {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    const version = readableVersion(bucket, input.Key, input.VersionId, method);
    checkReadConditions(input, version.etag, version.lastModified);
    const out = objectHeadersOutput(version);
    applyResponseOverrides(out, input);
    if (version.tags.length) (out as T.GetObjectOutput).TagCount = version.tags.length;
    const range = input.PartNumber !== undefined ? partRange(version, input.PartNumber) : parseRange(input.Range, version.size);
    if (range) {
      out.ContentLength = range.end - range.start + 1;
      out.ContentRange = `bytes ${range.start}-${range.end}/${version.size}`;
    } else if (input.ChecksumMode === 'ENABLED') {
      Object.assign(out, checksumMembers(version.checksum));
    }
    return { version, out, range };
  }

  getObject(input: T.GetObjectRequest, _ctx: RequestContext): T.GetObjectOutput {
    const { version, out, range } = this.read(input, 'GET');
    // The engine pipes the file to the client; an open file stays readable even if the
    // object is deleted meanwhile.
    const body = version.size === 0 ? undefined : createReadStream(version.blobPath!, range ? { start: range.start, end: range.end } : {});
    return { ...out, Body: body };
  }

  headObject(input: T.HeadObjectRequest, _ctx: RequestContext): T.HeadObjectOutput {
    return this.read(input, 'HEAD').out;
  }

  deleteObject(input: T.DeleteObjectRequest, _ctx: RequestContext): T.DeleteObjectOutput {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    return this.deleteOne(bucket, input.Key, input.VersionId);
  }

  private deleteOne(bucket: import('./store.ts').Bucket, key: string, versionId: string | undefined): T.DeleteObjectOutput {
    if (versionId !== undefined) {
      checkDeleteVersionId(bucket, versionId);
      const removed = removeVersion(this.store, bucket, key, versionId);
      const out: T.DeleteObjectOutput = { VersionId: versionId };
      if (removed?.deleteMarker) out.DeleteMarker = true;
      return out;
    }
    if (bucket.versioning === undefined) {
      removeVersion(this.store, bucket, key, 'null');
      return {};
    }
    const marker: ObjectVersion = {
      key,
      versionId: nextVersionId(bucket),
      deleteMarker: true,
      lastModified: new Date(),
      size: 0,
      etag: '',
      headers: { ContentType: '' },
      metadata: {},
      storageClass: 'STANDARD',
      tags: [],
    };
    addVersion(this.store, bucket, marker);
    return { DeleteMarker: true, VersionId: marker.versionId };
  }

  deleteObjects(input: T.DeleteObjectsRequest, _ctx: RequestContext): T.DeleteObjectsOutput {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    const objects = input.Delete?.Objects ?? [];
    if (objects.length > 1000) throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
    const Deleted: T.DeletedObject[] = [];
    const Errors: T.Error_[] = [];
    for (const o of objects) {
      try {
        const r = this.deleteOne(bucket, o.Key, o.VersionId);
        const d: T.DeletedObject = { Key: o.Key };
        if (o.VersionId !== undefined) d.VersionId = o.VersionId;
        if (r.DeleteMarker) {
          d.DeleteMarker = true;
          d.DeleteMarkerVersionId = r.VersionId;
        }
        Deleted.push(d);
      } catch (err) {
        if (!(err instanceof AwsError)) throw err;
        // S3 reports a bad version id per key as NoSuchVersion inside a 200 answer.
        const e: T.Error_ = { Key: o.Key, Code: err.code === 'InvalidArgument' ? 'NoSuchVersion' : err.code };
        e.Message = err.code === 'InvalidArgument' ? 'The specified version does not exist.' : err.message;
        if (o.VersionId !== undefined) e.VersionId = o.VersionId;
        Errors.push(e);
      }
    }
    const out: T.DeleteObjectsOutput = {};
    if (!input.Delete?.Quiet && Deleted.length) out.Deleted = Deleted;
    if (Errors.length) out.Errors = Errors;
    return out;
  }

  copyObject(input: T.CopyObjectRequest, ctx: RequestContext): Promise<T.CopyObjectOutput> {
    return copyObject(this.store, input, ctx);
  }
}

/** The byte range of one part of a multipart object (GetObject's PartNumber). */
function partRange(version: ObjectVersion, partNumber: number) {
  if (version.partsCount === undefined || !version.partSizes) {
    if (partNumber === 1) return undefined;
    throw new AwsError('InvalidPartNumber', 'The requested partnumber is not satisfiable', 416, { PartNumberRequested: String(partNumber), ActualPartCount: '1' });
  }
  if (partNumber < 1 || partNumber > version.partsCount) {
    throw new AwsError('InvalidPartNumber', 'The requested partnumber is not satisfiable', 416, {
      PartNumberRequested: String(partNumber),
      ActualPartCount: String(version.partsCount),
    });
  }
  const start = version.partSizes.slice(0, partNumber - 1).reduce((a, b) => a + b, 0);
  return { start, end: start + version.partSizes[partNumber - 1] - 1 };
}
