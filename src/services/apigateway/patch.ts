// API Gateway's Update* operations take JSON-Patch-like `patchOperations` (op, path, value,
// from). Each resource kind declares a table of the paths it accepts; this module matches an
// operation's path against the table and applies it. Paths are JSON pointers: segments split
// on "/", with "~1" standing for "/" and "~0" for "~" inside a segment (e.g.
// "/binaryMediaTypes/image~1png", "/~1pets/GET/logging/loglevel").
import { badRequest, notFound } from '../../protocol/errors.ts';
import type { PatchOperation } from '../../models/apigateway.types.ts';
import { child, type ChildKind } from './lookup.ts';

type PatchOp = 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
type Target = Record<string, any>;

interface PatchContext {
  op: PatchOp;
  /** The operation's path segments, unescaped. */
  segments: string[];
  /** Values captured by "{name}" segments of the rule's pattern. */
  params: Record<string, string>;
  value: unknown;
  path: string;
}

export interface PatchRule {
  /** e.g. "/name", "/variables/{name}", "/{resource}/{method}/{section}/{key}". */
  pattern: string;
  ops: PatchOp[];
  apply(target: Target, ctx: PatchContext): void;
  /** Reads the value at the path, for copy, move and test. */
  get?(target: Target, ctx: PatchContext): unknown;
}

function unescapeSegment(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function escapeSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function splitPointer(path: string): string[] {
  return path.split('/').slice(1).map(unescapeSegment);
}

function matchRule(rule: PatchRule, segments: string[]): Record<string, string> | undefined {
  const parts = rule.pattern.split('/').slice(1);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const m = /^\{(\w+)\}$/.exec(parts[i]);
    if (m) {
      if (segments[i] === '') return undefined;
      params[m[1]] = segments[i];
    } else if (parts[i] !== segments[i]) return undefined;
  }
  return params;
}

const OPS: PatchOp[] = ['add', 'remove', 'replace', 'move', 'copy', 'test'];

/**
 * How a resource kind words a refused path or op; API Gateway words it two ways:
 * - 'listed': "Invalid patch path  '/x' specified for op 'replace'. Must be one of: [/a, /b]"
 *   for an unknown path, "... Please choose supported operations" for an op the path refuses
 *   (resources, models, request validators, documentation parts);
 * - 'short': "Invalid patch path /x" for an unknown path, "Invalid patch operation specified.
 *   Must be one of: [replace]" for an op the path refuses (REST APIs, methods);
 * - 'terse': "Invalid patch path /x" for both (gateway responses);
 * - `{ unknownPath, refusedOp }`: the kind's own messages for an unknown path and for an op a
 *   path refuses, 'listed' where `refusedOp` gives none (stages: "Invalid method setting path:
 *   /x. Must be one of: [...]", "Invalid add operation with path: /x").
 */
export type PatchErrorStyle =
  | 'listed'
  | 'short'
  | 'terse'
  | { unknownPath: (path: string) => string; refusedOp?: (path: string, op: string) => string | undefined };

function invalidPath(path: string, op: string, rules: PatchRule[], style: PatchErrorStyle): never {
  if (typeof style === 'object') throw badRequest(style.unknownPath(path));
  if (style !== 'listed') throw badRequest(`Invalid patch path ${path}`);
  const valid = rules.filter((r) => r.ops.includes(op as PatchOp)).map((r) => r.pattern);
  if (!valid.length) throw unsupported(path, op, style, []);
  // AWS's wording, two spaces included.
  throw badRequest(`Invalid patch path  '${path}' specified for op '${op}'. Must be one of: [${valid.join(', ')}]`);
}

function find(rules: PatchRule[], path: string, op: string, style: PatchErrorStyle): { rule: PatchRule; segments: string[]; params: Record<string, string> } {
  if (typeof path !== 'string' || !path.startsWith('/')) invalidPath(String(path ?? null), op, rules, style);
  const segments = splitPointer(path);
  const matches = rules.flatMap((rule) => {
    const params = matchRule(rule, segments);
    return params ? [{ rule, segments, params }] : [];
  });
  if (!matches.length) invalidPath(path, op, rules, style);
  // A literal rule ("/name") wins over a parameterised one.
  return matches.find((m) => m.rule.ops.includes(op as PatchOp)) ?? matches[0];
}

/** Applies `operations` to a deep copy of `target` and returns the copy, so a failing
 * operation leaves stored state untouched. */
export function applyPatch<T extends object>(target: T, operations: PatchOperation[] | undefined, rules: PatchRule[], style: PatchErrorStyle = 'listed'): T {
  const draft = structuredClone(target) as Target;
  for (const operation of operations ?? []) {
    const op = operation.op as string | undefined;
    if (!op || !OPS.includes(op as PatchOp)) {
      throw badRequest(`Invalid patch operation specified. Must be one of: [${OPS.join(', ')}]`);
    }
    const path = operation.path as string;
    const found = find(rules, path, op, style);
    const ctx: PatchContext = { op: op as PatchOp, segments: found.segments, params: found.params, value: operation.value, path };
    if (op === 'copy' || op === 'move' || op === 'test') {
      applyFromOperation(draft, ctx, found.rule, operation, rules, style);
      continue;
    }
    if (!found.rule.ops.includes(op as PatchOp)) {
      // A kind with its own unknown-path message also uses it where only a pattern matched
      // (a stage's "/tags/x" is not its "/{resource}/{method}").
      if (typeof style === 'object' && found.rule.pattern.includes('{')) throw badRequest(style.unknownPath(path));
      throw unsupported(path, op, style, found.rule.ops);
    }
    found.rule.apply(draft, ctx);
  }
  return draft as T;
}

/**
 * The Update call on a stored child record: `operations` applied to a copy of the record
 * named `id`, `complete` checking (and completing) the copy, and the copy stored in its
 * place. The stored record stays as it was when a patch or the check fails.
 */
export function patchChild<T extends object>(
  children: Map<string, T>,
  kind: ChildKind,
  id: string,
  operations: PatchOperation[] | undefined,
  rules: PatchRule[],
  complete: (next: T) => void = () => {},
): T {
  const next = applyPatch(child(children, kind, id), operations, rules);
  complete(next);
  children.set(id, next);
  return next;
}

function unsupported(path: string, op: string, style: PatchErrorStyle, ops: PatchOp[]) {
  const own = typeof style === 'object' ? style.refusedOp?.(path, op) : undefined;
  if (own) return badRequest(own);
  if (style === 'terse') return badRequest(`Invalid patch path ${path}`);
  if (style === 'short') {
    const allowed = ops.filter((o) => o === 'add' || o === 'remove' || o === 'replace');
    return badRequest(`Invalid patch operation specified. Must be one of: [${allowed.join(', ')}]`);
  }
  return badRequest(`Invalid patch path  '${path}' specified for op '${op}'. Please choose supported operations`);
}

/** copy and move write where add/replace may write; move also removes at `from`. */
function applyFromOperation(draft: Target, ctx: PatchContext, rule: PatchRule, operation: PatchOperation, rules: PatchRule[], style: PatchErrorStyle) {
  const writable = rule.ops.includes(ctx.op) || (ctx.op !== 'test' && (rule.ops.includes('add') || rule.ops.includes('replace')));
  if (!writable) throw unsupported(ctx.path, ctx.op, style, rule.ops);
  if (ctx.op === 'test') {
    const current = rule.get?.(draft, ctx);
    if (String(current) !== String(operation.value)) throw badRequest(`Test operation failed for path ${ctx.path}`);
    return;
  }
  if (typeof operation.from !== 'string') throw badRequest(`Invalid null or empty from in ${ctx.op} operation`);
  const source = find(rules, operation.from, ctx.op, style);
  const sourceCtx: PatchContext = { op: 'remove', segments: source.segments, params: source.params, value: undefined, path: operation.from };
  if (ctx.op === 'move' && !source.rule.ops.includes('remove')) throw unsupported(operation.from, 'move', style, source.rule.ops);
  const value = source.rule.get?.(draft, sourceCtx);
  if (value === undefined) throw badRequest(`Invalid from path ${operation.from}: no value to ${ctx.op}`);
  rule.apply(draft, { ...ctx, op: 'replace', value });
  if (ctx.op === 'move') source.rule.apply(draft, sourceCtx);
}

// ---- value conversions: patch values always travel as strings --------------------------

/** API Gateway reads a boolean as Java's Boolean.parseBoolean does: "true" in any casing is
 * true, anything else (a missing value, "whatever") is false (test_apigateway_api.snapshot.json
 * #TestApiGatewayApiMethod::test_update_method_validation, #TestApiGatewayApiRequestValidator::
 * test_request_validator_lifecycle). */
export function toBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return String(value).toLowerCase() === 'true';
}

export function toInteger(value: unknown, path: string): number {
  const s = String(value).trim();
  if (!/^-?\d+$/.test(s)) throw badRequest(`Invalid integer value '${String(value)}' for ${path}`);
  return Number(s);
}

export function toNumber(value: unknown, path: string): number {
  const n = Number(String(value).trim());
  if (String(value).trim() === '' || Number.isNaN(n)) throw badRequest(`Invalid number value '${String(value)}' for ${path}`);
  return n;
}

export function toText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

// ---- rule builders for the common shapes ------------------------------------------------

type Kind = 'string' | 'boolean' | 'integer' | 'number';

function convert(kind: Kind, value: unknown, path: string): unknown {
  switch (kind) {
    case 'boolean':
      return toBoolean(value);
    case 'integer':
      return toInteger(value, path);
    case 'number':
      return toNumber(value, path);
    default:
      return toText(value);
  }
}

/** Resolves a dotted field ("accessLogSettings.format") to its parent object, creating it. */
function parentOf(target: Target, field: string, create: boolean): [Target | undefined, string] {
  const keys = field.split('.');
  let obj: Target | undefined = target;
  for (const key of keys.slice(0, -1)) {
    if (!obj) break;
    if (obj[key] === undefined && create) obj[key] = {};
    obj = obj[key];
  }
  return [obj, keys[keys.length - 1]];
}

/** A scalar member at `pattern`, stored at `field` (dotted for nested members). */
export function scalar(pattern: string, field: string, kind: Kind = 'string', ops: PatchOp[] = ['replace']): PatchRule {
  return {
    pattern,
    ops: [...ops, 'copy', 'test'].filter((o, i, all) => all.indexOf(o) === i) as PatchOp[],
    apply(target, ctx) {
      if (ctx.op === 'remove') {
        const [parent, key] = parentOf(target, field, false);
        if (parent) delete parent[key];
        return;
      }
      const [parent, key] = parentOf(target, field, true);
      parent![key] = convert(kind, ctx.value, ctx.path);
    },
    get(target) {
      const [parent, key] = parentOf(target, field, false);
      return parent?.[key];
    },
  };
}

/** One entry of a string map at `pattern` ("/variables/{key}"), stored at `field`. With
 * `missing`, replacing or removing an entry that is not there is a NotFoundException with
 * that message. */
export function mapEntry(pattern: string, field: string, kind: Kind = 'string', ops: PatchOp[] = ['add', 'replace', 'remove'], missing?: string): PatchRule {
  return {
    pattern,
    ops,
    apply(target, ctx) {
      const [parent, key] = parentOf(target, field, true);
      const map = (parent![key] ??= {});
      if (missing && ctx.op !== 'add' && !(ctx.params.key in map)) throw notFound(missing);
      if (ctx.op === 'remove') delete map[ctx.params.key];
      else map[ctx.params.key] = convert(kind, ctx.value, ctx.path);
    },
    get(target, ctx) {
      const [parent, key] = parentOf(target, field, false);
      return parent?.[key]?.[ctx.params.key];
    },
  };
}

/** A whole map addressed at once (used as the target or source of copy). */
export function wholeMap(pattern: string, field: string, ops: PatchOp[] = ['copy']): PatchRule {
  return {
    pattern,
    ops,
    apply(target, ctx) {
      const [parent, key] = parentOf(target, field, true);
      if (ctx.op === 'remove') delete parent![key];
      else parent![key] = { ...(parent![key] ?? {}), ...(ctx.value as object) };
    },
    get(target) {
      const [parent, key] = parentOf(target, field, false);
      return parent?.[key];
    },
  };
}

/** A member of a string set addressed by its value ("/binaryMediaTypes/image~1png"):
 * add inserts it, remove deletes it, replace swaps it for `value`. */
export function setMember(pattern: string, field: string): PatchRule {
  return {
    pattern,
    ops: ['add', 'remove', 'replace'],
    apply(target, ctx) {
      const list: string[] = (target[field] ??= []);
      const item = ctx.params.key;
      const at = list.indexOf(item);
      if (ctx.op === 'add') {
        if (at < 0) list.push(item);
      } else if (ctx.op === 'remove') {
        if (at >= 0) list.splice(at, 1);
      } else {
        if (at < 0) throw badRequest(`Invalid patch path ${ctx.path}: ${item} is not present`);
        // AWS drops the old member and appends the new one.
        list.splice(at, 1);
        list.push(toText(ctx.value));
      }
    },
  };
}

/** A string set addressed as a whole, with the member in `value` ("/stages" add "api/stage"). */
export function setByValue(pattern: string, field: string): PatchRule {
  return {
    pattern,
    ops: ['add', 'remove'],
    apply(target, ctx) {
      const list: string[] = (target[field] ??= []);
      const item = toText(ctx.value);
      const at = list.indexOf(item);
      if (ctx.op === 'add' && at < 0) list.push(item);
      if (ctx.op === 'remove' && at >= 0) list.splice(at, 1);
    },
  };
}
