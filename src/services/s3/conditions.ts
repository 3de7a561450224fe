// Conditional reads (GetObject, HeadObject, CopyObject's source) as S3 evaluates them:
// If-Match, then If-Unmodified-Since (only when If-Match is absent) answer 412;
// If-None-Match, then If-Modified-Since (only when If-None-Match is absent) answer 304.
// Dates compare at whole seconds, the precision of Last-Modified.
import { AwsError } from '../../protocol/errors.ts';
import { preconditionFailed } from './errors.ts';

export interface ReadConditions {
  IfMatch?: string;
  IfNoneMatch?: string;
  IfModifiedSince?: Date;
  IfUnmodifiedSince?: Date;
}

/** Strips quotes and a weak marker so `"abc"`, `abc` and `W/"abc"` compare equal. */
const bareEtag = (etag: string) => etag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');

/** Whether an If-Match / If-None-Match list (`*` or comma-separated tags) names this ETag. */
export function etagMatches(header: string, etag: string): boolean {
  const target = bareEtag(etag);
  return header.split(',').some((candidate) => {
    const c = candidate.trim();
    return c === '*' || bareEtag(c) === target;
  });
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** A 304 carries no body; the engine renders it from the status alone. */
export const notModified = () => new AwsError('NotModified', 'Not Modified', 304);

/** Throws S3's 412 or 304 when the conditions say the object must not be served. */
export function checkReadConditions(c: ReadConditions, etag: string, lastModified: Date) {
  if (c.IfMatch !== undefined && !etagMatches(c.IfMatch, etag)) throw preconditionFailed('If-Match');
  if (c.IfMatch === undefined && c.IfUnmodifiedSince && seconds(lastModified) > seconds(c.IfUnmodifiedSince)) {
    throw preconditionFailed('If-Unmodified-Since');
  }
  if (c.IfNoneMatch !== undefined && etagMatches(c.IfNoneMatch, etag)) throw notModified();
  if (c.IfNoneMatch === undefined && c.IfModifiedSince && seconds(lastModified) <= seconds(c.IfModifiedSince)) throw notModified();
}
