// AWS::LanguageExtensions: Fn::ForEach loops expanded here (Fn::Length, Fn::ToJsonString and
// FindInMap's DefaultValue are evaluated with the other intrinsics).
import { validationError } from '../errors.ts';
import type { Template } from '../transform.ts';

export const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

const FOR_EACH = 'Fn::ForEach::';

/** Expands every `Fn::ForEach::Name` key; `collection` resolves a loop's collection (a list or a Ref). */
export function expandForEach(template: Template, collection: (value: unknown) => unknown): Template {
  return expand(template, collection) as Template;
}

function expand(node: unknown, collection: (value: unknown) => unknown): unknown {
  if (Array.isArray(node)) return node.map((item) => expand(item, collection));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!key.startsWith(FOR_EACH)) { out[key] = expand(value, collection); continue; }
    if (!Array.isArray(value) || value.length !== 3 || typeof value[0] !== 'string' || value[2] === null || typeof value[2] !== 'object') {
      throw validationError(`Template format error: ${key} must be a list of an identifier, a collection and an output object`);
    }
    const [identifier, items, body] = value as [string, unknown, Record<string, unknown>];
    const list = collection(items);
    if (!Array.isArray(list)) throw validationError(`Template format error: the collection of ${key} must be a list`);
    for (const item of list) {
      const expanded = expand(substitute(body, identifier, String(item)), collection) as Record<string, unknown>;
      for (const [outKey, outValue] of Object.entries(expanded)) {
        if (Object.hasOwn(out, outKey)) throw validationError(`Template format error: ${key} generates the key ${outKey} more than once`);
        out[outKey] = outValue;
      }
    }
  }
  return out;
}

/** Replaces the loop identifier: `${id}` and `&{id}` (alphanumerics only) in keys and strings, `{Ref: id}` values. */
function substitute(node: unknown, identifier: string, item: string): unknown {
  const text = (s: string) => s.split(`\${${identifier}}`).join(item).split(`&{${identifier}}`).join(item.replace(/[^A-Za-z0-9]/g, ''));
  if (typeof node === 'string') return text(node);
  if (Array.isArray(node)) return node.map((v) => substitute(v, identifier, item));
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  if (Object.keys(obj).length === 1 && obj.Ref === identifier) return item;
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [text(k), substitute(v, identifier, item)]));
}
