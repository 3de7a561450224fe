/**
 * JSONPath as API Gateway evaluates it (Jayway JsonPath), for every API kind: VTL's
 * `$input.path/json`, REST parameter mappings (`method.request.body.a.b`), HTTP API
 * parameter mappings (`$request.body.a`) and WebSocket selection expressions.
 *
 *   evaluateJsonPath(doc, '$.items[?(@.price < 10)].name') -> { definite: false, matches: [...] }
 *   selectJsonValue(doc, 'a.b[0]') -> the value, or undefined when there is none
 *
 * Compiled paths are cached per expression text.
 */
import { applyPath } from './evaluate.ts';
import { parseJsonPath } from './parse.ts';
import { JsonPathError, type CompiledPath } from './syntax.ts';

export { JsonPathError };

export interface PathResult {
  /** A definite path yields one value or nothing; an indefinite one the list of every match. */
  definite: boolean;
  matches: unknown[];
}

/** Throws JsonPathError on a malformed expression. */
export function evaluateJsonPath(root: unknown, expression: string, current: unknown = root): PathResult {
  const path = compile(expression);
  return { definite: path.definite, matches: applyPath(path, root, current) };
}

/** The value a path selects: a definite path's one match, an indefinite path's list;
 * undefined when a definite path matches nothing or the expression is malformed. */
export function selectJsonValue(root: unknown, expression: string): unknown {
  try {
    const { definite, matches } = evaluateJsonPath(root, expression);
    return definite ? matches[0] : matches;
  } catch (e) {
    if (e instanceof JsonPathError) return undefined;
    throw e;
  }
}

const MAX_CACHED = 1000;
const cache = new Map<string, CompiledPath>();

function compile(expression: string): CompiledPath {
  const hit = cache.get(expression);
  if (hit) return hit;
  const compiled = parseJsonPath(expression);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(expression, compiled);
  return compiled;
}
