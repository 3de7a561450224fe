// The aws-chunked content encoding the SDKs use for streamed uploads
// (`Content-Encoding: aws-chunked`, `x-amz-content-sha256: STREAMING-*`): the body is a
// sequence of `<hex size>[;chunk-signature=...]\r\n<bytes>\r\n` chunks ending with a
// zero-size chunk, optionally followed by trailing headers such as
// `x-amz-checksum-crc32:<base64>` and a blank line. Decoding streams: only the current
// line is ever held in memory.
import { AwsError } from '../../protocol/errors.ts';

const CRLF = Buffer.from('\r\n');
/** No chunk header or trailer line is anywhere near this long; a longer one is garbage. */
const MAX_LINE = 4096;

const incomplete = () => new AwsError('IncompleteBody', 'The request body terminated unexpectedly', 400);
const malformed = (what: string) => new AwsError('InvalidRequest', `Malformed aws-chunked body: ${what}`, 400);

/**
 * The decoded bytes of an aws-chunked body. Trailing headers (lower-cased names) are put
 * into `trailers` by the time the generator finishes.
 */
export async function* decodeAwsChunked(source: AsyncIterable<Buffer>, trailers: Record<string, string>): AsyncGenerator<Buffer> {
  let pending: Buffer = Buffer.alloc(0);
  /** Bytes of chunk data still to pass through, then its CRLF. */
  let remaining = 0;
  let state: 'header' | 'data' | 'data-end' | 'trailer' | 'done' = 'header';

  const takeLine = (): string | undefined => {
    const end = pending.indexOf(CRLF);
    if (end < 0) {
      if (pending.length > MAX_LINE) throw malformed('line too long');
      return undefined;
    }
    const line = pending.subarray(0, end).toString('latin1');
    pending = pending.subarray(end + 2);
    return line;
  };

  for await (const chunk of source) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length) {
      if (state === 'header') {
        const line = takeLine();
        if (line === undefined) break;
        const sizeText = line.split(';')[0].trim();
        if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) throw malformed(`chunk size "${sizeText.slice(0, 32)}"`);
        remaining = parseInt(sizeText, 16);
        state = remaining === 0 ? 'trailer' : 'data';
      } else if (state === 'data') {
        const take = Math.min(remaining, pending.length);
        yield pending.subarray(0, take);
        pending = pending.subarray(take);
        remaining -= take;
        if (remaining === 0) state = 'data-end';
      } else if (state === 'data-end') {
        if (pending.length < 2) break;
        if (pending[0] !== 13 || pending[1] !== 10) throw malformed('chunk data longer than its size');
        pending = pending.subarray(2);
        state = 'header';
      } else if (state === 'trailer') {
        const line = takeLine();
        if (line === undefined) break;
        if (line === '') {
          state = 'done';
          continue;
        }
        const colon = line.indexOf(':');
        if (colon <= 0) throw malformed('trailer without a name');
        trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      } else {
        // Anything after the final blank line is ignored, as a trailing CRLF often is.
        pending = Buffer.alloc(0);
      }
    }
  }
  // A body may stop right after the zero-size chunk's trailers without the final blank line.
  if (state === 'trailer' && pending.length === 0) return;
  if (state !== 'done') throw incomplete();
}

/** Whether a Content-Encoding value lists aws-chunked, and what remains once it is removed. */
export function splitContentEncoding(value: string | undefined): { chunked: boolean; rest?: string } {
  if (!value) return { chunked: false };
  const codings = value.split(',').map((c) => c.trim()).filter(Boolean);
  const rest = codings.filter((c) => c.toLowerCase() !== 'aws-chunked');
  return { chunked: rest.length !== codings.length, rest: rest.length ? rest.join(', ') : undefined };
}
