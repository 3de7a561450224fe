/**
 * JSONPath as API Gateway evaluates it (Jayway JsonPath): `$`, `.a`, `['a']`, `['a','b']`,
 * `[0]`, `[-1]`, `[0,2]`, `[1:3]`, `[*]`, `.*`, `..a`, `[?(filter)]`. A definite path
 * (no wildcard, deep scan, filter, slice or multi-index) yields one value or nothing; an
 * indefinite path yields the list of every match (possibly empty).
 */
import { isMap } from './json-model.ts';
import { evaluateFilter, parseFilter, type FilterExpr } from './jsonpath-filter.ts';

export type Segment =
  | { kind: 'props'; names: string[] }
  | { kind: 'indexes'; indexes: number[] }
  | { kind: 'slice'; start?: number; end?: number }
  | { kind: 'wildcard' }
  | { kind: 'scan'; next: Segment }
  | { kind: 'filter'; expr: FilterExpr };

export interface CompiledPath {
  root: '$' | '@';
  segments: Segment[];
  definite: boolean;
}

export class JsonPathError extends Error {}

interface PathResult {
  definite: boolean;
  matches: unknown[];
}

export function evaluateJsonPath(root: unknown, expression: string, current: unknown = root): PathResult {
  const path = compileJsonPath(expression);
  return { definite: path.definite, matches: applyPath(path, root, current) };
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

const cache = new Map<string, CompiledPath>();

function compileJsonPath(expression: string): CompiledPath {
  const hit = cache.get(expression);
  if (hit) return hit;
  const compiled = new PathParser(expression).parse();
  if (cache.size > 1000) cache.clear();
  cache.set(expression, compiled);
  return compiled;
}

class PathParser {
  private i = 0;
  private readonly s: string;
  constructor(expression: string) {
    const trimmed = expression.trim();
    // Jayway reads a path without a leading `$` or `@` as relative to the root.
    this.s = trimmed.startsWith('$') || trimmed.startsWith('@') ? trimmed : `$.${trimmed}`;
  }

  parse(): CompiledPath {
    const root = this.s[0] as '$' | '@';
    this.i = 1;
    const segments: Segment[] = [];
    while (this.i < this.s.length) segments.push(this.segment());
    const definite = segments.every((s) => s.kind === 'props' ? s.names.length === 1 : s.kind === 'indexes' && s.indexes.length === 1);
    return { root, segments, definite };
  }

  /** Parses a path that ends where a filter operand ends (used by the filter parser). */
  static prefix(s: string, start: number): { path: CompiledPath; end: number } {
    const p = new PathParser(s.slice(start));
    const root = s[start] as '$' | '@';
    p.i = 1;
    const segments: Segment[] = [];
    while (p.i < p.s.length && (p.s[p.i] === '.' || p.s[p.i] === '[')) segments.push(p.segment());
    return { path: { root, segments, definite: true }, end: start + p.i };
  }

  private fail(msg: string): never {
    throw new JsonPathError(`Invalid JSONPath ${this.s}: ${msg}`);
  }

  private segment(): Segment {
    const c = this.s[this.i];
    if (c === '.') {
      if (this.s[this.i + 1] === '.') {
        this.i += 2;
        const next = this.s[this.i] === '[' ? this.bracket() : this.dotName();
        return { kind: 'scan', next };
      }
      this.i += 1;
      return this.dotName();
    }
    if (c === '[') return this.bracket();
    return this.fail(`unexpected '${c}' at ${this.i}`);
  }

  private dotName(): Segment {
    if (this.s[this.i] === '*') {
      this.i += 1;
      return { kind: 'wildcard' };
    }
    const start = this.i;
    // A dot-notation name ends at the next segment or, inside a filter, at an operator.
    while (this.i < this.s.length && !'.[ ()]=!<>&|,~'.includes(this.s[this.i]!)) this.i += 1;
    if (this.i === start) this.fail('empty property name');
    return { kind: 'props', names: [this.s.slice(start, this.i)] };
  }

  private bracket(): Segment {
    this.i += 1; // [
    this.skipSpaces();
    let seg: Segment;
    const c = this.s[this.i];
    if (c === '*') {
      this.i += 1;
      seg = { kind: 'wildcard' };
    } else if (c === '?') {
      const { expr, end } = parseFilter(this.s, this.i + 1);
      this.i = end;
      seg = { kind: 'filter', expr };
    } else if (c === "'" || c === '"') {
      const names = [this.quoted()];
      while (this.skipSpaces(), this.s[this.i] === ',') {
        this.i += 1;
        this.skipSpaces();
        names.push(this.quoted());
      }
      seg = { kind: 'props', names };
    } else {
      seg = this.indexOrSlice();
    }
    this.skipSpaces();
    if (this.s[this.i] !== ']') this.fail(`expected ']' at ${this.i}`);
    this.i += 1;
    return seg;
  }

  private indexOrSlice(): Segment {
    const start = this.i;
    while (this.i < this.s.length && this.s[this.i] !== ']') this.i += 1;
    const body = this.s.slice(start, this.i).replace(/\s+/g, '');
    const int = (t: string): number => (/^-?\d+$/.test(t) ? Number(t) : this.fail(`bad index '${t}'`));
    if (body.includes(':')) {
      const [a = '', b = ''] = body.split(':');
      return { kind: 'slice', start: a ? int(a) : undefined, end: b ? int(b) : undefined };
    }
    return { kind: 'indexes', indexes: body.split(',').map(int) };
  }

  private quoted(): string {
    const q = this.s[this.i];
    if (q !== "'" && q !== '"') this.fail(`expected a quoted name at ${this.i}`);
    let out = '';
    this.i += 1;
    while (this.i < this.s.length && this.s[this.i] !== q) {
      if (this.s[this.i] === '\\' && this.i + 1 < this.s.length) this.i += 1;
      out += this.s[this.i];
      this.i += 1;
    }
    if (this.s[this.i] !== q) this.fail('unterminated quoted name');
    this.i += 1;
    return out;
  }

  private skipSpaces(): void {
    while (this.s[this.i] === ' ') this.i += 1;
  }
}

export const parsePathPrefix = PathParser.prefix;
