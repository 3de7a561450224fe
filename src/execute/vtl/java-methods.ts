/**
 * The Java methods templates call on values (String, List, Map, Number, Boolean), given to
 * velocityjs as one custom method handler. Values stay plain JavaScript; the handler claims
 * a call only when the receiver is such a value and Java has that method, so `$input.json()`
 * and `$util.*` still reach their own objects. Java exceptions (index out of range, bad regex)
 * become TemplateError, as Velocity fails the template on them.
 */
import { TemplateError } from './errors.ts';
import { javaRegex, javaReplacement, javaSplit, javaWholeRegex } from '../languages/java-regex/java-regex.ts';
import { isMap, javaEquals, toJavaString, type JsonMap } from './json-model.ts';

type Method = (self: never, ...args: unknown[]) => unknown;

const str = (v: unknown): string => toJavaString(v);
const int = (v: unknown): number => (typeof v === 'number' ? Math.trunc(v) : Number.parseInt(str(v), 10));

function outOfRange(what: string, index: number): never {
  throw new TemplateError(`java.lang.${what}IndexOutOfBoundsException: ${index}`);
}

const common: Record<string, Method> = {
  toString: (self: unknown) => str(self),
  equals: (self: unknown, other: unknown) => typeof self === typeof other && javaEquals(self, other),
  hashCode: (self: unknown) => [...str(self)].reduce((h, c) => (Math.imul(31, h) + c.charCodeAt(0)) | 0, 0),
};

const stringMethods: Record<string, Method> = {
  ...common,
  length: (s: string) => s.length,
  isEmpty: (s: string) => s.length === 0,
  charAt: (s: string, i) => (int(i) >= 0 && int(i) < s.length ? s.charAt(int(i)) : outOfRange('String', int(i))),
  substring: (s: string, b, e) => {
    const begin = int(b);
    const end = e === undefined ? s.length : int(e);
    if (begin < 0 || end > s.length || begin > end) outOfRange('String', begin < 0 ? begin : end);
    return s.substring(begin, end);
  },
  indexOf: (s: string, x, from) => s.indexOf(str(x), from === undefined ? 0 : int(from)),
  lastIndexOf: (s: string, x, from) => s.lastIndexOf(str(x), from === undefined ? Infinity : int(from)),
  contains: (s: string, x) => s.includes(str(x)),
  startsWith: (s: string, x, offset) => s.startsWith(str(x), offset === undefined ? 0 : int(offset)),
  endsWith: (s: string, x) => s.endsWith(str(x)),
  equalsIgnoreCase: (s: string, x) => typeof x === 'string' && s.toLowerCase() === x.toLowerCase(),
  toLowerCase: (s: string) => s.toLowerCase(),
  toUpperCase: (s: string) => s.toUpperCase(),
  // Java's trim strips every char <= U+0020.
  trim: (s: string) => s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, ''),
  concat: (s: string, x) => s + str(x),
  replace: (s: string, a, b) => s.replaceAll(str(a), () => str(b)),
  replaceAll: (s: string, re, rep) => s.replace(javaRegex(str(re)), javaReplacement(str(rep))),
  replaceFirst: (s: string, re, rep) => s.replace(javaRegex(str(re), false), javaReplacement(str(rep))),
  matches: (s: string, re) => javaWholeRegex(str(re)).test(s),
  split: (s: string, re, limit) => javaSplit(s, str(re), limit === undefined ? 0 : int(limit)),
};

const listMethods: Record<string, Method> = {
  ...common,
  size: (l: unknown[]) => l.length,
  isEmpty: (l: unknown[]) => l.length === 0,
  get: (l: unknown[], i) => (int(i) >= 0 && int(i) < l.length ? l[int(i)] : outOfRange('Array', int(i))),
  contains: (l: unknown[], x) => l.some((v) => javaEquals(v, x)),
  indexOf: (l: unknown[], x) => l.findIndex((v) => javaEquals(v, x)),
  add: (l: unknown[], x) => {
    l.push(x);
    return true;
  },
};

const mapMethods: Record<string, Method> = {
  ...common,
  size: (m: JsonMap) => Object.keys(m).length,
  isEmpty: (m: JsonMap) => Object.keys(m).length === 0,
  get: (m: JsonMap, k) => (Object.hasOwn(m, str(k)) ? m[str(k)] : null),
  containsKey: (m: JsonMap, k) => Object.hasOwn(m, str(k)),
  containsValue: (m: JsonMap, v) => Object.values(m).some((x) => javaEquals(x, v)),
  keySet: (m: JsonMap) => Object.keys(m),
  values: (m: JsonMap) => Object.values(m),
  entrySet: (m: JsonMap) => Object.entries(m).map(([key, value]) => ({ key, value })),
  put: (m: JsonMap, k, v) => {
    const previous = Object.hasOwn(m, str(k)) ? m[str(k)] : null;
    // defineProperty, so a `__proto__` key is stored as data rather than replacing the prototype.
    Object.defineProperty(m, str(k), { value: v, writable: true, enumerable: true, configurable: true });
    return previous;
  },
  remove: (m: JsonMap, k) => {
    const previous = Object.hasOwn(m, str(k)) ? m[str(k)] : null;
    delete m[str(k)];
    return previous;
  },
};

const numberMethods: Record<string, Method> = {
  ...common,
  intValue: (n: number) => Math.trunc(n),
  longValue: (n: number) => Math.trunc(n),
  doubleValue: (n: number) => n,
};

const booleanMethods: Record<string, Method> = { ...common, booleanValue: (b: boolean) => b };

function methodsFor(value: unknown): Record<string, Method> | undefined {
  if (typeof value === 'string') return stringMethods;
  if (typeof value === 'number') return numberMethods;
  if (typeof value === 'boolean') return booleanMethods;
  if (Array.isArray(value)) return listMethods;
  if (isMap(value)) return mapMethods;
  return undefined;
}

interface Call {
  property: string;
  context: unknown;
  params: unknown[];
}

export const javaMethodHandler = {
  uid: 'localgate: java methods',
  match: ({ property, context }: Call): boolean => Object.hasOwn(methodsFor(context) ?? {}, property),
  resolve: ({ property, context, params }: Call): unknown => (methodsFor(context)![property] as (...a: unknown[]) => unknown)(context, ...params),
};
