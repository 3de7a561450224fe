/**
 * Evaluates a parsed JSONPath against a JSON value (Jayway's semantics): every match in
 * document order. Filters compare like Jayway: values of different types are never equal
 * (1 == '1' is false) and only two numbers or two strings are ordered.
 */
import type { CompiledPath, FilterExpr, Operand, Segment } from './syntax.ts';

/** A plain JSON object (not an array, not a class instance). */
function isMap(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function applyPath(path: CompiledPath, root: unknown, current: unknown): unknown[] {
  let nodes = [path.root === '$' ? root : current];
  for (const seg of path.segments) nodes = nodes.flatMap((n) => step(seg, n, root));
  return nodes;
}

function step(seg: Segment, node: unknown, root: unknown): unknown[] {
  switch (seg.kind) {
    case 'props':
      return isMap(node) ? seg.names.filter((n) => Object.hasOwn(node, n)).map((n) => node[n]) : [];
    case 'indexes':
      if (!Array.isArray(node)) return [];
      return seg.indexes.map((i) => (i < 0 ? node.length + i : i)).filter((i) => i >= 0 && i < node.length).map((i) => node[i]);
    case 'slice': {
      if (!Array.isArray(node)) return [];
      return node.slice(seg.start ?? 0, seg.end ?? node.length);
    }
    case 'wildcard':
      return children(node);
    case 'scan':
      return scan(seg.next, node, root);
    case 'filter': {
      const items = Array.isArray(node) ? node : isMap(node) ? [node] : [];
      return items.filter((item) => evaluateFilter(seg.expr, root, item));
    }
  }
}

function children(node: unknown): unknown[] {
  if (Array.isArray(node)) return [...node];
  if (isMap(node)) return Object.values(node);
  return [];
}

/** Deep scan: the next segment applied to the node itself, then to every descendant in document order. */
function scan(next: Segment, node: unknown, root: unknown): unknown[] {
  const out = step(next, node, root);
  for (const child of children(node)) {
    if (Array.isArray(child) || isMap(child)) out.push(...scan(next, child, root));
  }
  return out;
}

function evaluateFilter(expr: FilterExpr, root: unknown, item: unknown): boolean {
  switch (expr.kind) {
    case 'and':
      return evaluateFilter(expr.left, root, item) && evaluateFilter(expr.right, root, item);
    case 'or':
      return evaluateFilter(expr.left, root, item) || evaluateFilter(expr.right, root, item);
    case 'not':
      return !evaluateFilter(expr.expr, root, item);
    case 'exists':
      return resolve(expr.operand, root, item).found;
    case 'compare':
      return compare(expr.op, expr.left, expr.right, root, item);
  }
}

function resolve(op: Operand, root: unknown, item: unknown): { found: boolean; value?: unknown } {
  if (op.kind === 'value') return { found: true, value: op.value };
  if (op.kind === 'regex') return { found: true, value: op.regex };
  const matches = applyPath(op.path, root, item);
  return matches.length ? { found: true, value: matches[0] } : { found: false };
}

function compare(op: string, l: Operand, r: Operand, root: unknown, item: unknown): boolean {
  const a = resolve(l, root, item);
  const b = resolve(r, root, item);
  if (op === '=~') return a.found && typeof a.value === 'string' && b.value instanceof RegExp && b.value.test(a.value);
  if (op === 'in' || op === 'nin') {
    const list = Array.isArray(b.value) ? b.value : [];
    const has = a.found && list.some((x) => same(a.value, x));
    return op === 'in' ? has : !has;
  }
  if (!a.found || !b.found) return op === '!=' ? a.found !== b.found : false;
  if (op === '==') return same(a.value, b.value);
  if (op === '!=') return !same(a.value, b.value);
  const x = a.value;
  const y = b.value;
  if (!((typeof x === 'number' && typeof y === 'number') || (typeof x === 'string' && typeof y === 'string'))) return false;
  if (op === '<') return x < y;
  if (op === '<=') return x <= y;
  if (op === '>') return x > y;
  return x >= y;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a !== typeof b) return false;
  if (typeof a === 'object' && a !== null) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}
