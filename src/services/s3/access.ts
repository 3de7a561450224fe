// Lookups and input readers every S3 operation shares.
import { AwsError } from '../../protocol/errors.ts';
import type * as T from '../../models/s3.types.ts';
import { noSuchBucket } from './errors.ts';
import { invalidArgument } from './errors.ts';
import type { Bucket, S3Store } from './store.ts';

/** The bucket a request names; ExpectedBucketOwner, when given, must be its account. */
export function requireBucket(store: S3Store, name: string, expectedOwner?: string): Bucket {
  const bucket = store.buckets.get(name);
  if (!bucket) throw noSuchBucket(name);
  if (expectedOwner !== undefined && expectedOwner !== bucket.account) throw new AwsError('AccessDenied', 'Access Denied', 403);
  return bucket;
}

/**
 * A request body as an async sequence of Buffers. The protocol engine hands S3's
 * streaming payloads (PutObject, UploadPart) over as a stream; small bodies may arrive as
 * bytes in memory.
 */
export function bodySource(body: unknown): AsyncIterable<Buffer> {
  if (body === undefined || body === null) return (async function* () {})();
  if (typeof body === 'string') return single(Buffer.from(body));
  if (body instanceof Uint8Array) return single(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') return asBuffers(body as AsyncIterable<unknown>);
  throw new TypeError('S3 body is neither bytes nor a stream');
}

async function* single(data: Buffer) {
  if (data.length) yield data;
}

async function* asBuffers(source: AsyncIterable<unknown>) {
  for await (const chunk of source) yield typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
}

/** The x-amz-tagging header (`k1=v1&k2=v2`, URL-encoded) as tags. */
export function parseTaggingHeader(header: string | undefined): T.Tag[] {
  if (!header) return [];
  const tags: T.Tag[] = [];
  const seen = new Set<string>();
  const invalid = () =>
    invalidArgument("The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.", 'x-amz-tagging', header);
  for (const pair of header.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
      value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      throw invalid();
    }
    if (seen.has(key) || /[,]/.test(key)) throw invalid();
    seen.add(key);
    tags.push({ Key: key, Value: value });
  }
  return tags;
}
