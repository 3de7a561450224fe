// SAM's stable logical-id suffixes: the first 10 hex digits of the SHA-1 of the data, where
// data that is not a string is serialised as compact JSON with keys sorted at every level and
// non-ASCII characters escaped (what Python's json.dumps(sort_keys=True) produces), so a
// resource gets the same generated logical id here as from `sam deploy`.
import { createHash } from 'node:crypto';

export function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${asciiJson(k)}:${sortedJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  if (typeof value === 'string') return asciiJson(value);
  return JSON.stringify(value ?? null);
}

function asciiJson(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The hash suffix for `data`; empty when there is no data (SAM then uses the bare prefix). */
export function idHash(data: unknown, length = 10): string {
  if (data === undefined || data === null || data === '' || (typeof data === 'object' && Object.keys(data).length === 0)) return '';
  const text = typeof data === 'string' ? data : sortedJson(data);
  return createHash('sha1').update(text, 'utf8').digest('hex').slice(0, length);
}
