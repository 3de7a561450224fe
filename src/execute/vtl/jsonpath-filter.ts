/**
 * Jayway JsonPath filter expressions: `[?(@.price < 10)]`, `[?(@.isbn)]` (existence),
 * `==`, `!=`, `<`, `<=`, `>`, `>=`, `=~ /regex/flags`, `in`, `nin`, `&&`, `||`, `!`, parentheses.
 * Operands are `@...` / `$...` paths, numbers, quoted strings, true/false/null and [lists].
 * Like Jayway, values of different types are never equal (1 == '1' is false).
 */
import { applyPath, JsonPathError, parsePathPrefix, type CompiledPath } from './jsonpath.ts';

type Operand =
  | { kind: 'path'; path: CompiledPath }
  | { kind: 'value'; value: unknown }
  | { kind: 'regex'; regex: RegExp };

export type FilterExpr =
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr }
  | { kind: 'exists'; operand: Operand }
  | { kind: 'compare'; op: string; left: Operand; right: Operand };

const OPERATORS = ['==', '!=', '<=', '>=', '=~', '<', '>', ' nin ', ' in '];

/** `s[start]` is the `(` after `?`; returns the expression and the index after its `)`. */
export function parseFilter(s: string, start: number): { expr: FilterExpr; end: number } {
  const p = new FilterParser(s, start);
  p.expect('(');
  const expr = p.or();
  p.expect(')');
  return { expr, end: p.i };
}

export function evaluateFilter(expr: FilterExpr, root: unknown, item: unknown): boolean {
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

class FilterParser {
  constructor(
    private readonly s: string,
    public i: number,
  ) {}

  private fail(msg: string): never {
    throw new JsonPathError(`Invalid JSONPath filter: ${msg} at ${this.i}`);
  }

  private spaces(): void {
    while (this.s[this.i] === ' ') this.i += 1;
  }

  expect(token: string): void {
    this.spaces();
    if (!this.s.startsWith(token, this.i)) this.fail(`expected '${token}'`);
    this.i += token.length;
  }

  private accept(token: string): boolean {
    this.spaces();
    if (!this.s.startsWith(token, this.i)) return false;
    this.i += token.length;
    return true;
  }

  or(): FilterExpr {
    let left = this.and();
    while (this.accept('||')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): FilterExpr {
    let left = this.unary();
    while (this.accept('&&')) left = { kind: 'and', left, right: this.unary() };
    return left;
  }

  private unary(): FilterExpr {
    this.spaces();
    if (this.s[this.i] === '!' && this.s[this.i + 1] !== '=') {
      this.i += 1;
      return { kind: 'not', expr: this.unary() };
    }
    if (this.accept('(')) {
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    const left = this.operand();
    this.spaces();
    const op = OPERATORS.find((o) => this.s.startsWith(o, this.i) || this.s.startsWith(o.trimStart(), this.i));
    if (!op) return { kind: 'exists', operand: left };
    this.i += this.s.startsWith(op, this.i) ? op.length : op.trimStart().length;
    return { kind: 'compare', op: op.trim(), left, right: this.operand() };
  }

  private operand(): Operand {
    this.spaces();
    const c = this.s[this.i];
    if (c === '@' || c === '$') {
      const { path, end } = parsePathPrefix(this.s, this.i);
      this.i = end;
      return { kind: 'path', path };
    }
    if (c === "'" || c === '"') return { kind: 'value', value: this.quoted() };
    if (c === '/') return { kind: 'regex', regex: this.regex() };
    if (c === '[') return { kind: 'value', value: this.list() };
    const m = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.i));
    if (!m) return this.fail('expected an operand');
    this.i += m[0].length;
    return { kind: 'value', value: JSON.parse(m[0]) as unknown };
  }

  private list(): unknown[] {
    this.expect('[');
    const items: unknown[] = [];
    while (!this.accept(']')) {
      if (items.length) this.expect(',');
      const op = this.operand();
      if (op.kind !== 'value') this.fail('list items must be literals');
      items.push(op.value);
    }
    return items;
  }

  private quoted(): string {
    const q = this.s[this.i];
    let out = '';
    this.i += 1;
    while (this.i < this.s.length && this.s[this.i] !== q) {
      if (this.s[this.i] === '\\') this.i += 1;
      out += this.s[this.i] ?? '';
      this.i += 1;
    }
    if (this.s[this.i] !== q) this.fail('unterminated string');
    this.i += 1;
    return out;
  }

  private regex(): RegExp {
    const end = this.s.indexOf('/', this.i + 1);
    if (end < 0) this.fail('unterminated regex');
    const source = this.s.slice(this.i + 1, end);
    this.i = end + 1;
    const flags = /^[a-z]*/.exec(this.s.slice(this.i))![0];
    this.i += flags.length;
    try {
      return new RegExp(`^(?:${source})$`, flags.replace(/[^ims]/g, ''));
    } catch {
      return this.fail(`bad regex /${source}/`);
    }
  }
}
