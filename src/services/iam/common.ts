// What the IAM areas share: its errors, policy documents, ARNs and list paging.
import { AwsError } from '../../protocol/errors.ts';
import type { Tag } from '../../models/iam.types.ts';
import type { IamAccount, RoleRecord } from './store.ts';

export const noSuchEntity = (message: string) => new AwsError('NoSuchEntity', message, 404);
export const entityExists = (message: string) => new AwsError('EntityAlreadyExists', message, 409);
export const deleteConflict = (message: string) => new AwsError('DeleteConflict', message, 409);
export const invalidInput = (message: string) => new AwsError('InvalidInput', message, 400);

/** A policy document must at least be JSON; IAM stores it as sent. */
export function checkDocument(document: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw new AwsError('MalformedPolicyDocument', 'This policy contains invalid Json', 400);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AwsError('MalformedPolicyDocument', 'This policy contains invalid Json', 400);
  }
  return document;
}

/** Policy documents travel URL-encoded in IAM's answers (the SDKs decode them). */
export const encodeDocument = (document: string) => encodeURIComponent(document);

export function checkPath(path: string | undefined): string {
  const p = path ?? '/';
  if (!/^\/(?:[\x21-\x7e]*\/)?$/.test(p) || p.length > 512) {
    throw new AwsError('ValidationError', `The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`, 400);
  }
  return p;
}

export function getRole(scope: IamAccount, name: string): RoleRecord {
  const role = scope.roles.get(name.toLowerCase());
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

/** Tags merged by key, as TagRole and friends do (a new value replaces the old). */
export function mergeTags(current: Tag[], added: Tag[] | undefined): Tag[] {
  const byKey = new Map(current.map((t) => [t.Key, t]));
  for (const t of added ?? []) byKey.set(t.Key, { Key: t.Key, Value: t.Value ?? '' });
  if (byKey.size > 50) throw new AwsError('LimitExceeded', 'Cannot exceed quota for TagsPerRole: 50.', 409);
  return [...byKey.values()];
}

/** IAM's Marker/MaxItems paging (default 100 items per page). */
export function pageOf<T>(items: T[], marker: string | undefined, maxItems: number | undefined): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const start = marker === undefined ? 0 : Number.parseInt(Buffer.from(marker, 'base64').toString('utf8'), 10);
  if (!Number.isInteger(start) || start < 0) throw new AwsError('ValidationError', 'Invalid Marker.', 400);
  const size = maxItems ?? 100;
  const slice = items.slice(start, start + size);
  const next = start + slice.length;
  return next < items.length
    ? { items: slice, IsTruncated: true, Marker: Buffer.from(String(next)).toString('base64') }
    : { items: slice, IsTruncated: false };
}
