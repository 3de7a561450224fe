/**
 * Parses JSONPath as Jayway JsonPath reads it: `$`, `.a`, `['a']`, `['a','b']`, `[0]`, `[-1]`,
 * `[0,2]`, `[1:3]`, `[*]`, `.*`, `..a`, and filters `[?(...)]` with `==`, `!=`, `<`, `<=`, `>`,
 * `>=`, `=~ /regex/flags`, `in`, `nin`, `&&`, `||`, `!` and parentheses over `@...` / `$...`
 * paths, numbers, quoted strings, true/false/null and [lists]. A path without a leading `$`
 * or `@` is relative to the root. Malformed input throws JsonPathError.
 */
import { javaWholeRegex } from '../java-regex/java-regex.ts';
import { JsonPathError, type CompiledPath, type FilterExpr, type Operand, type Segment } from './syntax.ts';

export function parseJsonPath(expression: string): CompiledPath {
  return new PathParser(expression).parse();
}

const OPERATORS = ['==', '!=', '<=', '>=', '=~', '<', '>', ' nin ', ' in '];

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

/** `s[start]` is the `(` after `?`; returns the expression and the index after its `)`. */
function parseFilter(s: string, start: number): { expr: FilterExpr; end: number } {
  const p = new FilterParser(s, start);
  p.expect('(');
  const expr = p.or();
  p.expect(')');
  return { expr, end: p.i };
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
      const { path, end } = PathParser.prefix(this.s, this.i);
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
      // Jayway compiles the pattern as Java does, with the literal's flags.
      return javaWholeRegex(source, flags.replace(/[^ims]/g, ''));
    } catch {
      return this.fail(`bad regex /${source}/`);
    }
  }
}
