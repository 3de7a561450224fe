/**
 * Java regular expressions and replacement strings, as String.replaceAll/split/matches use
 * them, translated to JavaScript. The common syntax is shared; Java's leading inline flags
 * (`(?i)`) become RegExp flags and a Java replacement's `\x` / `$n` / `${name}` are rewritten.
 */
import { TemplateError } from './errors.ts';

export function javaRegex(pattern: string, global = true): RegExp {
  let source = pattern;
  let flags = global ? 'g' : '';
  const inline = /^\(\?([imsu]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    flags += [...new Set(inline[1])].filter((f) => f !== 'u').join('');
  }
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new TemplateError(`java.util.regex.PatternSyntaxException: ${(e as Error).message}`, { cause: e });
  }
}

export function javaReplacement(replacement: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\') {
      i += 1;
      if (i >= replacement.length) throw new TemplateError('character to be escaped is missing');
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
        throw new TemplateError('Illegal group reference');
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
