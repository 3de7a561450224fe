// CloudWatch Logs filter patterns, compiled to a test on an event message:
//   terms          ERROR timeout          every term appears (case-sensitive)
//   phrases        "request failed"       the exact text appears
//   exclusion      ERROR -retry           a term must not appear
//   alternatives   ?ERROR ?WARN           at least one of them appears
//   regex          %ERR(OR)?%             the regular expression matches
//   JSON           { $.level = "error" && $.latency > 100 }
// Space-delimited patterns ([ip, user, ...]) are refused with a clear error.
import { AwsError } from '../../protocol/errors.ts';

export type MessageTest = (message: string) => boolean;

const invalid = (why: string) => new AwsError('InvalidParameterException', `Invalid filter pattern: ${why}`, 400);

export function compileFilterPattern(pattern: string | undefined): MessageTest {
  const text = (pattern ?? '').trim();
  if (!text) return () => true;
  if (text.startsWith('{')) return compileJson(text);
  if (text.startsWith('[')) {
    throw new AwsError('InvalidParameterException', 'localgate does not support space-delimited filter patterns ([field, ...]); use terms or a JSON pattern.', 400);
  }
  if (text.length > 1 && text.startsWith('%') && text.endsWith('%')) {
    let re: RegExp;
    try {
      re = new RegExp(text.slice(1, -1));
    } catch {
      throw invalid('bad regular expression');
    }
    return (m) => re.test(m);
  }
  return compileTerms(text);
}

function compileTerms(text: string): MessageTest {
  const all: string[] = [];
  const none: string[] = [];
  const any: string[] = [];
  const re = /([-?]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const term = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
    if (m[3] !== undefined && m[3].includes('"')) throw invalid('unbalanced quotes');
    (m[1] === '-' ? none : m[1] === '?' ? any : all).push(term);
  }
  return (msg) => all.every((t) => msg.includes(t)) && !none.some((t) => msg.includes(t)) && (!any.length || any.some((t) => msg.includes(t)));
}

// JSON patterns: a small recursive-descent parser over tokens.
type Token = { kind: 'op' | 'sel' | 'str' | 'num' | 'word' | 'paren'; value: string };

function tokenize(body: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(&&|\|\||!=|>=|<=|=|>|<)|(\$(?:\.[\w$-]+|\[\d+\])*(?:\.\*|\[\*\])?)|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)(?![\w*])|([()])|([^\s()=!<>&|"]+))/y;
  let at = 0;
  while (at < body.length) {
    if (/^\s*$/.test(body.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(body);
    if (!m) throw invalid(`unexpected text at "${body.slice(at, at + 20)}"`);
    at = re.lastIndex;
    if (m[1]) out.push({ kind: 'op', value: m[1] });
    else if (m[2]) out.push({ kind: 'sel', value: m[2] });
    else if (m[3] !== undefined) out.push({ kind: 'str', value: m[3].replace(/\\(.)/g, '$1') });
    else if (m[4]) out.push({ kind: 'num', value: m[4] });
    else if (m[5]) out.push({ kind: 'paren', value: m[5] });
    else out.push({ kind: 'word', value: m[6] });
  }
  return out;
}

type Json = unknown;
type JsonTest = (doc: Json) => boolean;

/** The values a selector picks out of a document ($.a.b, $.a[0], $.a[*]). */
function select(doc: Json, selector: string): Json[] {
  let current: Json[] = [doc];
  const steps = selector.slice(1).match(/\.[\w$-]+|\[\d+\]|\.\*|\[\*\]/g) ?? [];
  for (const step of steps) {
    const next: Json[] = [];
    for (const value of current) {
      if (step === '.*' || step === '[*]') {
        if (Array.isArray(value)) next.push(...value);
        else if (value && typeof value === 'object') next.push(...Object.values(value));
      } else if (step.startsWith('[')) {
        if (Array.isArray(value)) {
          const item = value[Number(step.slice(1, -1))];
          if (item !== undefined) next.push(item);
        }
      } else if (value && typeof value === 'object' && !Array.isArray(value)) {
        const item = (value as Record<string, Json>)[step.slice(1)];
        if (item !== undefined) next.push(item);
      }
    }
    current = next;
  }
  return current;
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

function compileJson(text: string): MessageTest {
  if (!text.endsWith('}')) throw invalid('a JSON pattern ends with }');
  const tokens = tokenize(text.slice(1, -1));
  let i = 0;
  const peek = () => tokens[i];
  const take = () => tokens[i++];

  function comparison(): JsonTest {
    const sel = take();
    if (!sel || sel.kind !== 'sel') throw invalid('expected a selector such as $.field');
    const next = peek();
    if (next?.kind === 'word' && next.value.toUpperCase() === 'IS') {
      take();
      const what = take()?.value.toUpperCase();
      if (what === 'NULL') return (doc) => select(doc, sel.value).some((v) => v === null);
      if (what === 'TRUE' || what === 'FALSE') return (doc) => select(doc, sel.value).some((v) => v === (what === 'TRUE'));
      throw invalid('IS takes NULL, TRUE or FALSE');
    }
    if (next?.kind === 'word' && next.value.toUpperCase() === 'NOT') {
      take();
      if (take()?.value.toUpperCase() !== 'EXISTS') throw invalid('expected NOT EXISTS');
      return (doc) => select(doc, sel.value).length === 0;
    }
    const op = take();
    if (!op || op.kind !== 'op' || op.value === '&&' || op.value === '||') throw invalid('expected a comparison operator');
    const rhs = take();
    if (!rhs || !['str', 'num', 'word'].includes(rhs.kind)) throw invalid('expected a value to compare with');
    if (rhs.kind === 'num') {
      const n = Number(rhs.value);
      const cmp: Record<string, (a: number) => boolean> = { '=': (a) => a === n, '!=': (a) => a !== n, '>': (a) => a > n, '<': (a) => a < n, '>=': (a) => a >= n, '<=': (a) => a <= n };
      return (doc) => select(doc, sel.value).some((v) => typeof v === 'number' && cmp[op.value](v));
    }
    if (op.value !== '=' && op.value !== '!=') throw invalid('strings compare with = or != only');
    const re = wildcard(rhs.value);
    const eq = (v: Json) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && re.test(String(v));
    return op.value === '=' ? (doc) => select(doc, sel.value).some(eq) : (doc) => { const vs = select(doc, sel.value); return vs.length > 0 && !vs.some(eq); };
  }

  function primary(): JsonTest {
    if (peek()?.kind === 'paren' && peek().value === '(') {
      take();
      const inner = or();
      if (take()?.value !== ')') throw invalid('unbalanced parentheses');
      return inner;
    }
    return comparison();
  }

  /** `operand (operator operand)*`: the operands' tests joined by `join` (every for &&, some for ||). */
  function joined(operator: string, operand: () => JsonTest, join: 'every' | 'some'): JsonTest {
    const parts = [operand()];
    while (peek()?.value === operator) {
      take();
      parts.push(operand());
    }
    return (doc) => parts[join]((p) => p(doc));
  }

  function and(): JsonTest {
    return joined('&&', primary, 'every');
  }

  function or(): JsonTest {
    return joined('||', and, 'some');
  }

  const test = or();
  if (i < tokens.length) throw invalid(`unexpected "${tokens[i].value}"`);
  return (message) => {
    let doc: Json;
    try {
      doc = JSON.parse(message);
    } catch {
      return false;
    }
    return doc !== null && typeof doc === 'object' && test(doc);
  };
}
