// What the IAM resource types share: policy documents as templates give them (JSON objects
// or strings), tag lists, and deletes that tolerate what is already gone.
import { AwsError } from '../../../protocol/errors.ts';
import type { ResourceContext } from '../../resource.ts';
import type * as Iam from '../../../models/iam.types.ts';

/** A template's policy document (usually an object) as the JSON text IAM takes. */
export const documentText = (doc: unknown): string => (typeof doc === 'string' ? doc : JSON.stringify(doc));

export const tagList = (tags: unknown): Iam.Tag[] =>
  Array.isArray(tags) ? tags.map((t: { Key: unknown; Value: unknown }) => ({ Key: String(t.Key), Value: String(t.Value ?? '') })) : [];

/** Brings a holder's tags from a template's old Tags to its new ones: keys no longer there
 * are removed, the rest (re)set. */
export async function updateTags(oldTags: unknown, newTags: unknown, untag: (keys: string[]) => unknown, tag: (tags: Iam.Tag[]) => unknown) {
  const tags = tagList(newTags);
  const staleKeys = tagList(oldTags).map((t) => t.Key).filter((k) => !tags.some((t) => t.Key === k));
  if (staleKeys.length) await untag(staleKeys);
  if (tags.length) await tag(tags);
}

export function iam(ctx: ResourceContext): Iam.Operations {
  return ctx.services.iam as Iam.Operations;
}

/** Runs a delete, treating "already gone" (NoSuchEntity) as done. */
export async function gone(fn: () => unknown): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!(err instanceof AwsError && err.code === 'NoSuchEntity')) throw err;
  }
}

/** Names in `next` and not in `prev`, and the other way round. */
export function listDiff(prev: string[] = [], next: string[] = []) {
  return { added: next.filter((x) => !prev.includes(x)), removed: prev.filter((x) => !next.includes(x)) };
}
