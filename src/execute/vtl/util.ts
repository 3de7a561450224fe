/**
 * `$util`: the six functions API Gateway documents (escapeJavaScript, parseJson, urlEncode,
 * urlDecode, base64Encode, base64Decode). Strings are UTF-8, as AWS states.
 */
import { TemplateError } from './errors.ts';
import { parseJsonModel, toJavaString, unicodeEscape } from './json-model.ts';

/**
 * "Escapes the characters in a string using JavaScript string rules" (Apache Commons
 * StringEscapeUtils.escapeJavaScript): `'` `"` `\` `/` are backslash-escaped, control
 * characters use \b \t \n \f \r or \u00XX, and everything above U+007F becomes \uXXXX.
 */
export function escapeJavaScript(value: unknown): string {
  const s = toJavaString(value);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = s.charCodeAt(i);
    if (code > 0x7f) out += unicodeEscape(code);
    else if (code < 0x20) out += CONTROL[ch] ?? unicodeEscape(code);
    else if (ch === "'" || ch === '"' || ch === '\\' || ch === '/') out += '\\' + ch;
    else out += ch;
  }
  return out;
}

const CONTROL: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

/** application/x-www-form-urlencoded, as java.net.URLEncoder: only A-Z a-z 0-9 . - * _ stay, space is `+`. */
export function urlEncode(value: unknown): string {
  const bytes = Buffer.from(toJavaString(value), 'utf8');
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9.\-*_]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** java.net.URLDecoder: `+` is a space, %XX are UTF-8 bytes; a malformed escape fails the template. */
export function urlDecode(value: unknown): string {
  const s = toJavaString(value);
  const bytes: number[] = [];
  let out = '';
  const flush = (): void => {
    if (bytes.length) out += Buffer.from(bytes).toString('utf8');
    bytes.length = 0;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        throw new TemplateError('URLDecoder: Illegal hex characters in escape (%) pattern');
      }
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      flush();
      out += c === '+' ? ' ' : c;
    }
  }
  flush();
  return out;
}

export function base64Encode(value: unknown): string {
  return Buffer.from(toJavaString(value), 'utf8').toString('base64');
}

export function base64Decode(value: unknown): string {
  return Buffer.from(toJavaString(value), 'base64').toString('utf8');
}

/** "Takes stringified JSON and returns an object representation"; invalid JSON fails the template. */
export function parseJson(value: unknown): unknown {
  try {
    return parseJsonModel(toJavaString(value));
  } catch (e) {
    throw new TemplateError(`$util.parseJson: ${(e as Error).message}`, { cause: e });
  }
}

/** The `$util` object templates see (a class instance, so Java map methods do not claim it). */
export class UtilVariable {
  escapeJavaScript = escapeJavaScript;
  parseJson = parseJson;
  urlEncode = urlEncode;
  urlDecode = urlDecode;
  base64Encode = base64Encode;
  base64Decode = base64Decode;
}
