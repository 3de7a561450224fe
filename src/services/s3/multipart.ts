// Multipart uploads: CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload,
// AbortMultipartUpload, ListParts, ListMultipartUploads. Each part is a file; completing
// streams the parts into the object's file in order.
import { createReadStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/s3.types.ts';
import { parseTaggingHeader, requireBucket } from './access.ts';
import { CHECKSUM_ALGORITHMS, createDigest, type ChecksumAlgorithm } from './checksums.ts';
import { checkCopySourceConditions, parseCopySource } from './copy.ts';
import { entityTooSmall, invalidArgument, invalidPart, invalidPartOrder, invalidRange, invalidRequest, noSuchBucket, noSuchUpload } from './errors.ts';
import { encodeKey, ownerOf } from './list-operations.ts';
import { compareKeys, listPage } from './listing.ts';
import { checksumMembers, SSE } from './object-output.ts';
import { checkWriteConditions, objectHeaders } from './objects.ts';
import type { Bucket, MultipartUpload, ObjectVersion, S3Store, UploadedPart } from './store.ts';
import type { ByteRange } from './ranges.ts';
import { addVersion, nextVersionId, readableVersion } from './versions.ts';
import { storeBody } from './write.ts';

const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PART_NUMBER = 10_000;

const bareEtag = (etag: string) => etag.trim().replace(/^"(.*)"$/, '$1');

function checkPartNumber(partNumber: number) {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', String(partNumber));
  }
}

/** x-amz-copy-source-range: exactly `bytes=first-last`, inside the source object. */
function copySourceRange(header: string, size: number): ByteRange {
  const m = /^bytes=(\d+)-(\d+)$/.exec(header);
  if (!m || Number(m[2]) < Number(m[1])) {
    throw invalidArgument('The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy', 'x-amz-copy-source-range', header);
  }
  if (Number(m[2]) >= size) throw invalidRange(header, size);
  return { start: Number(m[1]), end: Number(m[2]) };
}

export class MultipartOperations {
  constructor(private readonly store: S3Store) {}

  private upload(bucket: Bucket, key: string, uploadId: string): MultipartUpload {
    const upload = bucket.uploads.get(uploadId);
    if (!upload || upload.key !== key) throw noSuchUpload(uploadId);
    return upload;
  }

  createMultipartUpload(input: T.CreateMultipartUploadRequest, _ctx: RequestContext): T.CreateMultipartUploadOutput {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    let algorithm: ChecksumAlgorithm | undefined;
    if (input.ChecksumAlgorithm !== undefined) {
      algorithm = input.ChecksumAlgorithm.toUpperCase() as ChecksumAlgorithm;
      if (!CHECKSUM_ALGORITHMS.includes(algorithm)) {
        throw invalidRequest(`Checksum algorithm ${input.ChecksumAlgorithm} is not supported by localgate (CRC32, CRC32C, SHA1 or SHA256).`);
      }
    }
    const checksumType = algorithm ? (input.ChecksumType ?? 'COMPOSITE') : undefined;
    if (checksumType === 'FULL_OBJECT' && algorithm?.startsWith('SHA')) {
      throw invalidRequest(`The FULL_OBJECT checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`);
    }
    const upload: MultipartUpload = {
      uploadId: randomBytes(48).toString('base64url'),
      key: input.Key,
      initiated: new Date(),
      headers: objectHeaders(input),
      metadata: { ...input.Metadata },
      storageClass: input.StorageClass ?? 'STANDARD',
      tags: parseTaggingHeader(input.Tagging),
      checksumAlgorithm: algorithm,
      checksumType,
      parts: new Map(),
    };
    bucket.uploads.set(upload.uploadId, upload);
    const out: T.CreateMultipartUploadOutput = { Bucket: bucket.name, Key: input.Key, UploadId: upload.uploadId, ServerSideEncryption: SSE };
    if (algorithm) Object.assign(out, { ChecksumAlgorithm: algorithm, ChecksumType: checksumType });
    return out;
  }

  async uploadPart(input: T.UploadPartRequest, _ctx: RequestContext): Promise<T.UploadPartOutput> {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    const upload = this.upload(bucket, input.Key, input.UploadId);
    checkPartNumber(input.PartNumber);
    // A part of an upload created with a checksum algorithm carries that checksum.
    const body = await storeBody(this.store, { ...input, ChecksumAlgorithm: input.ChecksumAlgorithm ?? upload.checksumAlgorithm });
    if (this.store.buckets.get(input.Bucket)?.uploads.get(input.UploadId) !== upload) {
      this.store.blobs.remove(body.path);
      throw noSuchUpload(input.UploadId);
    }
    const part = this.storePart(upload, input.PartNumber, body.path, body.size, body.md5, body.checksum?.value);
    const out: T.UploadPartOutput = { ETag: part.etag, ServerSideEncryption: SSE };
    if (body.checksum) (out as Record<string, unknown>)[`Checksum${body.checksum.algorithm}`] = body.checksum.value;
    return out;
  }

  /** Records a written part, replacing (and releasing) one with the same number. */
  private storePart(upload: MultipartUpload, partNumber: number, blobPath: string, size: number, md5: Buffer, checksum: string | undefined): UploadedPart {
    const previous = upload.parts.get(partNumber);
    if (previous) this.store.blobs.remove(previous.blobPath);
    const part: UploadedPart = { partNumber, blobPath, size, md5, etag: `"${md5.toString('hex')}"`, lastModified: new Date(), checksum };
    upload.parts.set(partNumber, part);
    return part;
  }

  /** A part copied from (a byte range of) an existing object. */
  async uploadPartCopy(input: T.UploadPartCopyRequest, _ctx: RequestContext): Promise<T.UploadPartCopyOutput> {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    const upload = this.upload(bucket, input.Key, input.UploadId);
    checkPartNumber(input.PartNumber);
    const ref = parseCopySource(input.CopySource);
    const source = readableVersion(requireBucket(this.store, ref.bucket, input.ExpectedSourceBucketOwner), ref.key, ref.versionId, 'GET');
    checkCopySourceConditions(input, source);
    const range = input.CopySourceRange === undefined ? undefined : copySourceRange(input.CopySourceRange, source.size);
    const algorithm = upload.checksumAlgorithm;
    const data = source.size === 0 ? (async function* () {})() : createReadStream(source.blobPath!, range ?? {});
    const written = await this.store.blobs.write(data, algorithm ? [algorithm] : []);
    if (this.store.buckets.get(input.Bucket)?.uploads.get(input.UploadId) !== upload) {
      this.store.blobs.remove(written.path);
      throw noSuchUpload(input.UploadId);
    }
    const checksum = algorithm ? written.checksums[algorithm] : undefined;
    const part = this.storePart(upload, input.PartNumber, written.path, written.size, written.md5, checksum);
    const result: T.CopyPartResult = { ETag: part.etag, LastModified: part.lastModified };
    if (algorithm && checksum) (result as Record<string, unknown>)[`Checksum${algorithm}`] = checksum;
    const out: T.UploadPartCopyOutput = { CopyPartResult: result, ServerSideEncryption: SSE };
    if (source.versionId !== 'null') out.CopySourceVersionId = source.versionId;
    return out;
  }

  async completeMultipartUpload(input: T.CompleteMultipartUploadRequest, ctx: RequestContext): Promise<T.CompleteMultipartUploadOutput> {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    const upload = this.upload(bucket, input.Key, input.UploadId);
    const requested = input.MultipartUpload?.Parts ?? [];
    if (!requested.length) throw invalidRequest('You must specify at least one part');
    const parts: UploadedPart[] = [];
    for (const [i, p] of requested.entries()) {
      const number = p.PartNumber ?? 0;
      if (i > 0 && number <= (requested[i - 1].PartNumber ?? 0)) throw invalidPartOrder(input.UploadId);
      const part = upload.parts.get(number);
      if (!part || p.ETag === undefined || bareEtag(p.ETag) !== bareEtag(part.etag)) throw invalidPart(input.UploadId, number, p.ETag ?? '');
      // A part checksum given in the list must be the one the part was uploaded with.
      const listed = upload.checksumAlgorithm && (p as Record<string, unknown>)[`Checksum${upload.checksumAlgorithm}`];
      if (listed !== undefined && listed !== part.checksum) throw invalidPart(input.UploadId, number, p.ETag);
      parts.push(part);
    }
    parts.forEach((part, i) => {
      if (i < parts.length - 1 && part.size < MIN_PART_BYTES) throw entityTooSmall(part.size, part.partNumber, part.etag);
    });
    checkWriteConditions(this.store.latest(bucket, input.Key), input.Key, input.IfMatch, input.IfNoneMatch);
    const fullObject = upload.checksumType === 'FULL_OBJECT' ? [upload.checksumAlgorithm!] : [];
    const written = await this.store.blobs.write(concatenate(parts), fullObject);
    if (this.store.buckets.get(input.Bucket)?.uploads.get(input.UploadId) !== upload) {
      this.store.blobs.remove(written.path);
      throw this.store.buckets.has(input.Bucket) ? noSuchUpload(input.UploadId) : noSuchBucket(input.Bucket);
    }
    const etagDigest = createDigest('MD5');
    for (const part of parts) etagDigest.update(part.md5);
    const version: ObjectVersion = {
      key: input.Key,
      versionId: nextVersionId(bucket),
      deleteMarker: false,
      lastModified: new Date(),
      blobPath: written.path,
      size: written.size,
      etag: `"${etagDigest.digest().toString('hex')}-${parts.length}"`,
      headers: upload.headers,
      metadata: upload.metadata,
      checksum: uploadChecksum(upload, parts, written.checksums),
      partsCount: parts.length,
      partSizes: parts.map((p) => p.size),
      storageClass: upload.storageClass,
      tags: upload.tags,
    };
    bucket.uploads.delete(upload.uploadId);
    this.store.releaseUpload(upload);
    addVersion(this.store, bucket, version);
    const out: T.CompleteMultipartUploadOutput = {
      Location: `${ctx.baseUrl}/${bucket.name}/${encodeKey(input.Key)}`,
      Bucket: bucket.name,
      Key: input.Key,
      ETag: version.etag,
      ServerSideEncryption: SSE,
      ...checksumMembers(version.checksum),
    };
    if (bucket.versioning === 'Enabled') out.VersionId = version.versionId;
    return out;
  }

  abortMultipartUpload(input: T.AbortMultipartUploadRequest, _ctx: RequestContext): T.AbortMultipartUploadOutput {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    const upload = this.upload(bucket, input.Key, input.UploadId);
    bucket.uploads.delete(upload.uploadId);
    this.store.releaseUpload(upload);
    return {};
  }

  listParts(input: T.ListPartsRequest, _ctx: RequestContext): T.ListPartsOutput {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    const upload = this.upload(bucket, input.Key, input.UploadId);
    const marker = Number(input.PartNumberMarker ?? 0);
    const max = Math.min(input.MaxParts ?? 1000, 1000);
    const after = [...upload.parts.values()].sort((a, b) => a.partNumber - b.partNumber).filter((p) => p.partNumber > marker);
    const page = after.slice(0, max);
    const owner = ownerOf(bucket.account);
    const out: T.ListPartsOutput = {
      Bucket: bucket.name,
      Key: upload.key,
      UploadId: upload.uploadId,
      PartNumberMarker: marker,
      NextPartNumberMarker: page.length ? page[page.length - 1].partNumber : marker,
      MaxParts: max,
      IsTruncated: after.length > page.length,
      Parts: page.map((p) => {
        const part: T.Part = { PartNumber: p.partNumber, LastModified: p.lastModified, ETag: p.etag, Size: p.size };
        if (p.checksum && upload.checksumAlgorithm) (part as Record<string, unknown>)[`Checksum${upload.checksumAlgorithm}`] = p.checksum;
        return part;
      }),
      Initiator: owner,
      Owner: owner,
      StorageClass: upload.storageClass,
    };
    if (upload.checksumAlgorithm) Object.assign(out, { ChecksumAlgorithm: upload.checksumAlgorithm, ChecksumType: upload.checksumType });
    return out;
  }

  listMultipartUploads(input: T.ListMultipartUploadsRequest, _ctx: RequestContext): T.ListMultipartUploadsOutput {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    const max = Math.min(input.MaxUploads ?? 1000, 1000);
    const sorted = [...bucket.uploads.values()].sort((a, b) => compareKeys(a.key, b.key) || a.initiated.getTime() - b.initiated.getTime());
    // Uploads after the markers: later keys, or later uploads of the marker key.
    let startAt = 0;
    if (input.KeyMarker !== undefined) {
      const markerIndex = input.UploadIdMarker ? sorted.findIndex((u) => u.key === input.KeyMarker && u.uploadId === input.UploadIdMarker) : -1;
      startAt = markerIndex >= 0 ? markerIndex + 1 : sorted.findIndex((u) => compareKeys(u.key, input.KeyMarker!) > 0);
      if (startAt < 0) startAt = sorted.length;
    }
    const page = listPage(
      sorted.slice(startAt).map((u) => ({ key: u.key, item: u })),
      { prefix: input.Prefix ?? '', delimiter: input.Delimiter || undefined, max },
    );
    const encode = input.EncodingType === 'url' ? encodeKey : (s: string) => s;
    const owner = ownerOf(bucket.account);
    const out: T.ListMultipartUploadsOutput = {
      Bucket: bucket.name,
      KeyMarker: encode(input.KeyMarker ?? ''),
      UploadIdMarker: input.UploadIdMarker ?? '',
      MaxUploads: max,
      IsTruncated: page.truncated,
      Uploads: page.items.map((u) => ({ UploadId: u.uploadId, Key: encode(u.key), Initiated: u.initiated, StorageClass: u.storageClass, Owner: owner, Initiator: owner })),
    };
    if (input.Prefix !== undefined) out.Prefix = encode(input.Prefix);
    if (input.Delimiter) out.Delimiter = encode(input.Delimiter);
    if (page.commonPrefixes.length) out.CommonPrefixes = page.commonPrefixes.map((p) => ({ Prefix: encode(p) }));
    if (input.EncodingType) out.EncodingType = input.EncodingType;
    const lastUpload = page.items[page.items.length - 1];
    if (page.truncated && lastUpload) {
      out.NextKeyMarker = encode(lastUpload.key);
      out.NextUploadIdMarker = lastUpload.uploadId;
    }
    return out;
  }
}

/** The parts' bytes in order, one file after another. */
async function* concatenate(parts: UploadedPart[]): AsyncGenerator<Buffer> {
  for (const part of parts) {
    for await (const chunk of createReadStream(part.blobPath)) yield chunk as Buffer;
  }
}

/** The object's checksum: over the whole object (FULL_OBJECT) or over the parts' checksums (COMPOSITE, `-N`). */
function uploadChecksum(upload: MultipartUpload, parts: UploadedPart[], whole: Partial<Record<ChecksumAlgorithm, string>>): ObjectVersion['checksum'] {
  const algorithm = upload.checksumAlgorithm;
  if (!algorithm) return undefined;
  if (upload.checksumType === 'FULL_OBJECT') return { algorithm, value: whole[algorithm]!, type: 'FULL_OBJECT' };
  if (parts.some((p) => p.checksum === undefined)) return undefined;
  const digest = createDigest(algorithm);
  for (const part of parts) digest.update(Buffer.from(part.checksum!, 'base64'));
  return { algorithm, value: `${digest.digest().toString('base64')}-${parts.length}`, type: 'COMPOSITE' };
}
