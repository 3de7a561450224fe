// WebSocket selection expressions (route, template and integration response selection).
// An expression is either one reference (`$request.body.action`), a template of references
// (`${request.body.service}/${request.body.action}`) or a constant (`$default`, `\$default`).
// References this data plane knows: request.body.<path> (the message as JSON) and
// integration.response.statuscode / integration.response.body.<path>.
import { wholeMatcher } from '../languages/java-regex/java-regex.ts';
import { selectJsonValue } from '../languages/jsonpath/index.ts';

export interface SelectionSources {
  /** The message body, parsed lazily; undefined when it is not JSON. */
  requestBody?: () => unknown;
  integrationStatus?: number;
  integrationBody?: () => unknown;
}

const SINGLE = /^\$((?:request|integration)\.[A-Za-z0-9_.$\-[\]]+)$/;
const TEMPLATE = /\$\{([^}]+)\}/g;

/** Parses JSON text; undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function reference(name: string, sources: SelectionSources): string | undefined {
  let value: unknown;
  if (name.startsWith('request.body.')) value = selectJsonValue(sources.requestBody?.(), name.slice('request.body.'.length));
  else if (name === 'request.body') value = sources.requestBody?.();
  else if (name === 'integration.response.statuscode') value = sources.integrationStatus;
  else if (name.startsWith('integration.response.body.')) value = selectJsonValue(sources.integrationBody?.(), name.slice('integration.response.body.'.length));
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A selection expression parsed once; it gives undefined when a reference it needs has no value. */
export type CompiledSelection = (sources: SelectionSources) => string | undefined;

const noSelection: CompiledSelection = () => undefined;

export function compileSelection(expression: string | undefined): CompiledSelection {
  if (expression === undefined || expression === '') return noSelection;
  const single = SINGLE.exec(expression);
  if (single) {
    const name = single[1];
    return (sources) => reference(name, sources);
  }
  if (expression.includes('${')) {
    // Literal text and reference names, alternating: text, name, text, ..., text.
    const parts = expression.split(TEMPLATE).map((part, i) => (i % 2 ? part.trim() : part));
    return (sources) => {
      let out = parts[0];
      for (let i = 1; i < parts.length; i += 2) {
        const v = reference(parts[i], sources);
        if (v === undefined) return undefined;
        out += v + parts[i + 1];
      }
      return out;
    };
  }
  const constant = expression.replace(/\\\$/g, '$');
  return () => constant;
}

/** Evaluates an expression once (compiled plans keep a CompiledSelection). */
export function evaluateSelection(expression: string | undefined, sources: SelectionSources): string | undefined {
  return compileSelection(expression)(sources);
}

/** Picks a key of a map of responses or templates, compiled once per key set: an exact key,
 * a /regex/ key that matches (a pattern Java cannot compile matches nothing), else `$default`. */
export function compileKeySelector(keys: Iterable<string>): (value: string | undefined) => string | undefined {
  const all = [...keys];
  const exact = new Set(all);
  const patterns = all.filter((key) => key.length > 2 && key.startsWith('/') && key.endsWith('/')).map((key) => ({ key, pattern: wholeMatcher(key.slice(1, -1)) }));
  const fallback = exact.has('$default') ? '$default' : undefined;
  return (value) => {
    if (value !== undefined) {
      if (exact.has(value)) return value;
      for (const { key, pattern } of patterns) if (pattern?.test(value)) return key;
    }
    return fallback;
  };
}

export function selectKey(keys: Iterable<string>, value: string | undefined): string | undefined {
  return compileKeySelector(keys)(value);
}
