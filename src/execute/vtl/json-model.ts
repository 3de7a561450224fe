/**
 * The value model templates see. API Gateway parses payloads with json-smart behind Jayway
 * JsonPath: a JSON object becomes a java.util.LinkedHashMap (whose toString is `{a=1, b=x}`)
 * and a JSON array a net.minidev.json.JSONArray (whose toString is compact JSON). Lists a
 * template builds itself (`[1, 2]`) are java.util.ArrayList (`[1, 2]`). We mirror that with
 * plain objects, the JsonArray subclass and plain arrays, and render them the Java way.
 */
export class JsonArray extends Array<unknown> {}

export type JsonMap = Record<string, unknown>;

export function isMap(v: unknown): v is JsonMap {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** JSON text -> model values (arrays become JsonArray). Throws SyntaxError on bad JSON. */
export function parseJsonModel(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => (Array.isArray(value) ? toJsonArray(value) : value));
}

function toJsonArray(items: unknown[]): JsonArray {
  const out = new JsonArray();
  for (const item of items) out.push(item);
  return out;
}

/** Compact JSON as json-smart writes it (its escape set, uppercase \u escapes, no `/` escape). */
export function toJsonString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return `"${escapeJsonString(v)}"`;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(toJsonString).join(',')}]`;
  if (isMap(v)) {
    return `{${Object.entries(v).map(([k, x]) => `"${escapeJsonString(k)}":${toJsonString(x)}`).join(',')}}`;
  }
  return `"${escapeJsonString(String(v))}"`;
}

function escapeJsonString(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || (c >= 0x2000 && c <= 0x20ff)) out += unicodeEscape(c);
    else out += ch;
  }
  return out;
}

export function unicodeEscape(code: number): string {
  return '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
}

/** What Velocity prints for a value: its Java toString (a null prints as nothing). */
export function toJavaString(v: unknown): string {
  if (v === null || v === undefined) return '';
  return javaToString(v);
}

function javaToString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (v instanceof JsonArray) return toJsonString(v);
  if (Array.isArray(v)) return `[${v.map(javaToString).join(', ')}]`;
  if (isMap(v)) return `{${Object.entries(v).map(([k, x]) => `${k}=${javaToString(x)}`).join(', ')}}`;
  return String(v);
}

/** Velocity's #if truth: only null and Boolean false are false ("" and 0 are true). */
export function isTruthy(v: unknown): boolean {
  return v !== null && v !== undefined && v !== false;
}

/**
 * Velocity's `==`: numbers by value, otherwise by equal toString. A null equals a null and,
 * in API Gateway's engine, the empty string: `#if($input.path('$.missing') == "")` holds there
 * (issue 13's comparison against AWS), a common way templates test for an absent field.
 */
export function javaEquals(a: unknown, b: unknown): boolean {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return (aNull || a === '') && (bNull || b === '');
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return javaToString(a) === javaToString(b);
}
