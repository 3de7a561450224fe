// Writing a request body to disk as PutObject and UploadPart do: the MD5 and the requested
// checksum are computed while the body streams to its file, then checked against
// Content-MD5 and the x-amz-checksum-* header or trailer (the engine has already removed
// any aws-chunked framing; trailers arrive on Body.trailers). A body that fails a check is
// removed and nothing is stored.
import { bodySource } from './access.ts';
import type { WrittenBlob } from './blobs.ts';
import { CHECKSUM_ALGORITHMS, DIGEST_BYTES, type ChecksumAlgorithm } from './checksums.ts';
import { badChecksum, badDigest, entityTooLarge, invalidChecksumHeader, invalidDigest, invalidRequest } from './errors.ts';
import type { S3Store } from './store.ts';

/** S3's single-request size limit (PutObject, and each part of a multipart upload). */
export const MAX_PUT_BYTES = 5 * 1024 ** 3;

/** The checksum members of PutObject and UploadPart inputs. */
export interface ChecksumInput {
  ChecksumAlgorithm?: string;
  ChecksumCRC32?: string;
  ChecksumCRC32C?: string;
  ChecksumSHA1?: string;
  ChecksumSHA256?: string;
  ChecksumCRC64NVME?: string;
}

export interface BodyInput extends ChecksumInput {
  Body?: unknown;
  ContentMD5?: string;
  ContentEncoding?: string;
  ContentLength?: number;
}

export interface StoredBody extends WrittenBlob {
  /** The checksum the client asked for (by header, trailer or algorithm), verified. */
  checksum?: { algorithm: ChecksumAlgorithm; value: string };
  /** Content-Encoding without aws-chunked, to store with the object. */
  contentEncoding?: string;
}

const isBase64Of = (value: string, bytes: number) => /^[A-Za-z0-9+/]*={0,2}$/.test(value) && Buffer.from(value, 'base64').length === bytes;

/** The algorithm a request names: by a checksum header (at most one) or x-amz-sdk-checksum-algorithm. */
function requestedChecksum(input: ChecksumInput): { algorithm?: ChecksumAlgorithm; value?: string } {
  const given = CHECKSUM_ALGORITHMS.filter((a) => input[`Checksum${a}`] !== undefined);
  if (input.ChecksumCRC64NVME !== undefined) {
    throw invalidRequest('localgate does not compute CRC64NVME checksums; use CRC32, CRC32C, SHA1 or SHA256');
  }
  if (given.length > 1) throw invalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  if (given.length === 1) {
    const algorithm = given[0];
    const value = input[`Checksum${algorithm}`]!;
    if (!isBase64Of(value, DIGEST_BYTES[algorithm])) throw invalidChecksumHeader(`x-amz-checksum-${algorithm.toLowerCase()}`);
    return { algorithm, value };
  }
  if (input.ChecksumAlgorithm === undefined) return {};
  const algorithm = input.ChecksumAlgorithm.toUpperCase() as ChecksumAlgorithm;
  if (!CHECKSUM_ALGORITHMS.includes(algorithm)) {
    throw invalidRequest(`Checksum algorithm ${input.ChecksumAlgorithm} is not supported by localgate (CRC32, CRC32C, SHA1 or SHA256).`);
  }
  return { algorithm };
}

export async function storeBody(store: S3Store, input: BodyInput): Promise<StoredBody> {
  if (input.ContentMD5 !== undefined && !isBase64Of(input.ContentMD5, 16)) throw invalidDigest(input.ContentMD5);
  const requested = requestedChecksum(input);
  if ((input.ContentLength ?? 0) > MAX_PUT_BYTES) throw entityTooLarge(input.ContentLength!, MAX_PUT_BYTES);
  const written = await store.blobs.write(bodySource(input.Body), requested.algorithm ? [requested.algorithm] : []);
  const trailers: Record<string, string> = (input.Body as { trailers?: Record<string, string> } | undefined)?.trailers ?? {};
  try {
    if (written.size > MAX_PUT_BYTES) throw entityTooLarge(written.size, MAX_PUT_BYTES);
    if (input.ContentMD5 !== undefined) {
      const calculated = written.md5.toString('base64');
      if (calculated !== input.ContentMD5) throw badDigest(input.ContentMD5, calculated);
    }
    let checksum: StoredBody['checksum'];
    if (requested.algorithm) {
      const header = `x-amz-checksum-${requested.algorithm.toLowerCase()}`;
      const expected = requested.value ?? trailers[header];
      if (expected !== undefined && !isBase64Of(expected, DIGEST_BYTES[requested.algorithm])) throw invalidChecksumHeader(header);
      const calculated = written.checksums[requested.algorithm]!;
      if (expected !== undefined && expected !== calculated) throw badChecksum(requested.algorithm);
      checksum = { algorithm: requested.algorithm, value: calculated };
    }
    return { ...written, checksum, contentEncoding: withoutAwsChunked(input.ContentEncoding) };
  } catch (err) {
    store.blobs.remove(written.path);
    throw err;
  }
}

/** The Content-Encoding to store: aws-chunked describes the upload, not the object. */
export function withoutAwsChunked(value: string | undefined): string | undefined {
  const rest = (value ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c && c.toLowerCase() !== 'aws-chunked');
  return rest.length ? rest.join(', ') : undefined;
}
