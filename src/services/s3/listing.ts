// One page of a key listing as S3 computes it: keys in binary order after a marker, under
// a prefix, rolled up into common prefixes at the delimiter, at most `max` entries (a
// common prefix counts as one). ListObjects, ListObjectsV2 and ListMultipartUploads all
// page this way.
export interface ListRequest {
  prefix: string;
  delimiter?: string;
  /** Entries at or before this key are skipped (Marker, StartAfter, continuation). */
  after?: string;
  max: number;
}

export interface ListPage<T> {
  items: T[];
  commonPrefixes: string[];
  truncated: boolean;
  /** The last key or common prefix returned: where the next page starts. */
  last?: string;
}

/** UTF-8 byte order, which S3 lists in (JavaScript's < compares UTF-16 code units). */
export const compareKeys = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** `entries` must be sorted by key with compareKeys. */
export function listPage<T>(entries: Array<{ key: string; item: T }>, req: ListRequest): ListPage<T> {
  const page: ListPage<T> = { items: [], commonPrefixes: [], truncated: false };
  if (req.max <= 0) return page;
  let count = 0;
  for (const { key, item } of entries) {
    if (!key.startsWith(req.prefix)) continue;
    if (req.after !== undefined && compareKeys(key, req.after) <= 0) continue;
    // Continuing after a common prefix skips every key under it.
    if (req.delimiter && req.after?.endsWith(req.delimiter) && key.startsWith(req.after)) continue;
    let rolledUp: string | undefined;
    if (req.delimiter) {
      const at = key.indexOf(req.delimiter, req.prefix.length);
      if (at >= 0) rolledUp = key.slice(0, at + req.delimiter.length);
    }
    if (rolledUp !== undefined && rolledUp === page.commonPrefixes[page.commonPrefixes.length - 1]) continue;
    if (count === req.max) {
      page.truncated = true;
      break;
    }
    count++;
    if (rolledUp !== undefined) {
      page.commonPrefixes.push(rolledUp);
      page.last = rolledUp;
    } else {
      page.items.push(item);
      page.last = key;
    }
  }
  return page;
}
