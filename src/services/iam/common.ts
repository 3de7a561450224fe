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

export const getRole = (scope: IamAccount, name: string): RoleRecord => named(scope.roles, name, `The role with name ${name} cannot be found.`);

/** Tags merged by key, as TagRole and friends do (a new value replaces the old). */
export function mergeTags(current: Tag[], added: Tag[] | undefined): Tag[] {
  const byKey = new Map(current.map((t) => [t.Key, t]));
  for (const t of added ?? []) byKey.set(t.Key, { Key: t.Key, Value: t.Value ?? '' });
  if (byKey.size > 50) throw new AwsError('LimitExceeded', 'Cannot exceed quota for TagsPerRole: 50.', 409);
  return [...byKey.values()];
}

/** The paging members of IAM's List calls. */
export interface Paging {
  Marker?: string;
  MaxItems?: number;
}

/**
 * One page of a List call as IAM answers it (default 100 items a page): the page's items,
 * through `view` when given, under `member`; IsTruncated; and the next page's Marker.
 */
export function listPage<K extends string, T, V = T>(member: K, items: T[], paging: Paging, view?: (item: T) => V): Record<K, V[]> & { IsTruncated: boolean; Marker?: string } {
  const start = paging.Marker === undefined ? 0 : Number.parseInt(Buffer.from(paging.Marker, 'base64').toString('utf8'), 10);
  if (!Number.isInteger(start) || start < 0) throw new AwsError('ValidationError', 'Invalid Marker.', 400);
  const slice = items.slice(start, start + (paging.MaxItems ?? 100));
  const next = start + slice.length;
  const page = { [member]: view ? slice.map(view) : slice } as Record<K, V[]>;
  return next < items.length ? { ...page, IsTruncated: true, Marker: Buffer.from(String(next)).toString('base64') } : { ...page, IsTruncated: false };
}

/** An entity of the account by name (IAM names are unique without case), or NoSuchEntity with `notFound`. */
export function named<R>(entities: Map<string, R>, name: string, notFound: string): R {
  const entity = entities.get(name.toLowerCase());
  if (!entity) throw noSuchEntity(notFound);
  return entity;
}

/** TagRole, TagUser: tags merged into the entity's. */
export function tagEntity(entity: { Tags: Tag[] }, tags: Tag[]) {
  entity.Tags = mergeTags(entity.Tags, tags);
}

/** UntagRole, UntagUser: the keys named are removed. */
export function untagEntity(entity: { Tags: Tag[] }, keys: string[]) {
  entity.Tags = entity.Tags.filter((t) => !keys.includes(t.Key));
}
