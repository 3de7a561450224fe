/**
 * Java regular expressions, translated to JavaScript once for every place API Gateway takes
 * one: VTL's String.replaceAll/replaceFirst/matches/split, REST integration response
 * selectionPattern, a TOKEN authorizer's identityValidationExpression, WebSocket /regex/ keys.
 * The common syntax is shared; Java's leading inline flags (`(?i)`) become RegExp flags and a
 * Java replacement's `\x` / `$n` / `${name}` are rewritten.
 */

/** What Java throws for a pattern it cannot compile or a malformed replacement. */
export class JavaRegexError extends Error {
  override readonly name = 'JavaRegexError';
}

/** `pattern` as a RegExp (global unless `global` is false); throws JavaRegexError. */
export function javaRegex(pattern: string, global = true): RegExp {
  return translate(pattern, global ? 'g' : '', false);
}

/** `pattern` as a RegExp that must match the whole value (Java's String.matches), with
 * `flags` (i, m, s) as Pattern.compile's flags; throws JavaRegexError. */
export function javaWholeRegex(pattern: string, flags = ''): RegExp {
  return translate(pattern, flags, true);
}

const MAX_CACHED = 1000;
const wholeMatchers = new Map<string, RegExp | null>();

/** `pattern` as a whole-value RegExp for a selection (compiled plans keep it); null when
 * Java could not compile it, so it matches nothing. */
export function wholeMatcher(pattern: string): RegExp | null {
  try {
    return javaWholeRegex(pattern);
  } catch {
    return null;
  }
}

/** Java's Pattern.matches: the whole value matches. A pattern that does not compile matches
 * nothing (API Gateway then selects no response / refuses the token). Compiled once. */
export function fullMatch(pattern: string, value: string): boolean {
  let re = wholeMatchers.get(pattern);
  if (re === undefined) {
    re = wholeMatcher(pattern);
    if (wholeMatchers.size >= MAX_CACHED) wholeMatchers.delete(wholeMatchers.keys().next().value!);
    wholeMatchers.set(pattern, re);
  }
  return re !== null && re.test(value);
}

function translate(pattern: string, flags: string, whole: boolean): RegExp {
  let source = pattern;
  const inline = /^\(\?([imsu]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    flags += inline[1].replace(/u/g, '');
  }
  flags = [...new Set(flags)].join('');
  try {
    return new RegExp(whole ? `^(?:${source})$` : source, flags);
  } catch (e) {
    throw new JavaRegexError(`java.util.regex.PatternSyntaxException: ${(e as Error).message}`, { cause: e });
  }
}

export function javaReplacement(replacement: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\') {
      i += 1;
      if (i >= replacement.length) throw new JavaRegexError('java.lang.IllegalArgumentException: character to be escaped is missing');
      out += replacement[i] === '$' ? '$$' : replacement[i];
    } else if (c === '$') {
      const named = /^\$\{([A-Za-z][A-Za-z0-9]*)\}/.exec(replacement.slice(i));
      const numbered = /^\$(\d+)/.exec(replacement.slice(i));
      if (named) {
        out += `$<${named[1]}>`;
        i += named[0].length - 1;
      } else if (numbered) {
        out += `$${numbered[1]}`;
        i += numbered[0].length - 1;
      } else {
        throw new JavaRegexError('java.lang.IllegalArgumentException: Illegal group reference');
      }
    } else {
      out += c;
    }
  }
  return out;
}

/** Java's String.split(regex, limit): no captured groups, trailing empties dropped when limit is 0. */
export function javaSplit(s: string, pattern: string, limit = 0): string[] {
  const re = javaRegex(pattern);
  const parts: string[] = [];
  let last = 0;
  for (const m of s.matchAll(re)) {
    if (limit > 0 && parts.length === limit - 1) break;
    const at = m.index;
    if (m[0].length === 0 && (at === 0 || at >= s.length)) continue;
    parts.push(s.slice(last, at));
    last = at + m[0].length;
  }
  if (parts.length === 0 && last === 0) return [s];
  parts.push(s.slice(last));
  if (limit === 0) while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (limit === 0 && parts.length === 1 && parts[0] === '' && s !== '') return [];
  return parts;
}
