// The contract for streaming blob members (S3's PutObject/UploadPart `Body` in, GetObject's
// `Body` out), so objects of any size pass through without being held in memory.
//
// In:  the engine does not read the request body of an operation whose payload is a
//      streaming blob. The provider gets `input.Body` as a `StreamingBody`: a Readable of the
//      object's bytes, with the `aws-chunked` framing the newer SDKs send already removed
//      (`input.ContentLength` is then the decoded length from x-amz-decoded-content-length).
//      Read it exactly once (pipe it to a file). Checksums sent as trailing headers
//      (`x-amz-trailer: x-amz-checksum-crc32`) are in `Body.trailers` once the stream ends.
//      If the provider throws before reading, the engine drains the rest of the request.
// Out: the provider returns `Body` as a `StreamingPayload`: a Readable (e.g.
//      `fs.createReadStream(path, { start, end })` for a range), a Buffer or a string. Set
//      `ContentLength` (and `ContentRange` for ranges) in the output; the engine pipes the
//      stream to the socket and destroys it if the client goes away.
import { Transform, type Readable, type TransformCallback } from 'node:stream';

export interface StreamingBody extends Readable {
  /** Trailing headers (lower-case names), filled when the stream has ended. */
  readonly trailers: Record<string, string>;
}

export type StreamingPayload = Readable | Buffer | Uint8Array | string;

/** Whether a request's body uses the aws-chunked content encoding. */
export function isAwsChunked(headers: import('node:http').IncomingHttpHeaders): boolean {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  return /\baws-chunked\b/i.test(encoding) || sha.startsWith('STREAMING-');
}

export class MalformedChunkError extends Error {}

/**
 * Removes aws-chunked framing: `hex-size[;chunk-signature=...]\r\n<bytes>\r\n` repeated,
 * ended by a zero-size chunk, optional trailing headers and a blank line. Signatures are
 * not verified (localgate does not verify SigV4 anywhere).
 */
export class AwsChunkedDecoder extends Transform implements StreamingBody {
  readonly trailers: Record<string, string> = {};
  private pending = Buffer.alloc(0);
  private remaining = 0; // bytes of chunk data still to pass through
  private state: 'header' | 'data' | 'data-crlf' | 'trailers' | 'done' = 'header';

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    try {
      this.consume(chunk);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback) {
    if (this.state !== 'done' && this.state !== 'trailers') done(new MalformedChunkError('The aws-chunked body ended early'));
    else done();
  }

  private consume(chunk: Buffer) {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      if (this.state === 'data') {
        if (!buf.length) break;
        const take = Math.min(this.remaining, buf.length);
        this.push(buf.subarray(0, take));
        buf = buf.subarray(take);
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'data-crlf';
        continue;
      }
      if (this.state === 'done') {
        buf = Buffer.alloc(0);
        break;
      }
      const eol = buf.indexOf('\r\n');
      if (eol === -1) {
        if (buf.length > 64 * 1024) throw new MalformedChunkError('An aws-chunked header line is too long');
        break;
      }
      const line = buf.subarray(0, eol).toString('latin1');
      buf = buf.subarray(eol + 2);
      if (this.state === 'data-crlf') {
        if (line !== '') throw new MalformedChunkError('An aws-chunked chunk is longer than its declared size');
        this.state = 'header';
      } else if (this.state === 'header') {
        const size = /^([0-9a-fA-F]+)(;.*)?$/.exec(line);
        if (!size) throw new MalformedChunkError(`Invalid aws-chunked chunk header: ${line.slice(0, 80)}`);
        this.remaining = parseInt(size[1], 16);
        this.state = this.remaining === 0 ? 'trailers' : 'data';
      } else if (line === '') {
        this.state = 'done';
      } else {
        const colon = line.indexOf(':');
        if (colon > 0) this.trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
    }
    this.pending = Buffer.from(buf);
  }
}
