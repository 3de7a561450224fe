// GetObject's Range header as S3 reads it (recorded on AWS): one `bytes=` range is served
// with 206; a range S3 cannot parse, a reversed range or several ranges are ignored (the
// whole object, 200); a range starting past the end, or `bytes=-0`, is 416 InvalidRange.
import { invalidRange } from './errors.ts';

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, first, last] = match;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw invalidRange(header, size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return undefined;
  const end = last === '' ? size - 1 : Number(last);
  if (start >= size) throw invalidRange(header, size);
  return { start, end: Math.min(end, size - 1) };
}
