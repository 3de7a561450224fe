// Turns the difference between an old and a new property value into the JSON-Patch-like
// `patchOperations` API Gateway's Update* operations take. Values always travel as strings;
// path segments escape "/" as "~1" (and "~" as "~0").
import type { PatchOperation } from '../../../models/apigateway.types.ts';
import { escapeSegment } from '../../../services/apigateway/patch.ts';

export { escapeSegment };

const text = (v: unknown) => (typeof v === 'string' ? v : String(v));

/** One scalar member: replaced when it changed; when it is no longer set, reset to
 * `fallback` if the member cannot be removed, else removed. */
export function scalarOps(path: string, before: unknown, after: unknown, fallback?: unknown): PatchOperation[] {
  if (before === after) return [];
  if (after === undefined) {
    if (fallback !== undefined) return before === fallback ? [] : [{ op: 'replace', path, value: text(fallback) }];
    return before === undefined ? [] : [{ op: 'remove', path }];
  }
  return [{ op: 'replace', path, value: text(after) }];
}

/** A string-keyed map addressed entry by entry ("/requestTemplates/application~1json"). */
export function mapOps(prefix: string, before: Record<string, unknown> = {}, after: Record<string, unknown> = {}): PatchOperation[] {
  const ops: PatchOperation[] = [];
  for (const key of Object.keys(before)) {
    if (!(key in after)) ops.push({ op: 'remove', path: `${prefix}/${escapeSegment(key)}` });
  }
  for (const [key, value] of Object.entries(after)) {
    if (!(key in before)) ops.push({ op: 'add', path: `${prefix}/${escapeSegment(key)}`, value: text(value) });
    else if (before[key] !== value) ops.push({ op: 'replace', path: `${prefix}/${escapeSegment(key)}`, value: text(value) });
  }
  return ops;
}

/** A set of strings whose members are path segments ("/binaryMediaTypes/image~1png"). */
export function setMemberOps(prefix: string, before: string[] = [], after: string[] = []): PatchOperation[] {
  return [
    ...before.filter((v) => !after.includes(v)).map((v): PatchOperation => ({ op: 'remove', path: `${prefix}/${escapeSegment(v)}` })),
    ...after.filter((v) => !before.includes(v)).map((v): PatchOperation => ({ op: 'add', path: `${prefix}/${escapeSegment(v)}` })),
  ];
}

/** A set of strings addressed as a whole, members in `value` ("/providerARNs", "/stages"). */
export function setValueOps(path: string, before: string[] = [], after: string[] = []): PatchOperation[] {
  return [
    ...before.filter((v) => !after.includes(v)).map((value): PatchOperation => ({ op: 'remove', path, value })),
    ...after.filter((v) => !before.includes(v)).map((value): PatchOperation => ({ op: 'add', path, value })),
  ];
}
