// Mapping expressions of REST API parameter mappings (integration requestParameters,
// responseParameters, gateway response parameters): 'literal', method.request.{path,
// querystring,header,multivaluequerystring,multivalueheader}.NAME, method.request.body[.JSONPath],
// integration.response.{header,multivalueheader}.NAME, integration.response.body[.JSONPath],
// context.NAME, stageVariables.NAME. An unknown source or missing value is undefined.
import { selectJsonValue } from '../languages/jsonpath/index.ts';

export interface ValueSources {
  requestPath(name: string): string | undefined;
  requestQuery(name: string): string[] | undefined;
  requestHeader(name: string): string[] | undefined;
  requestBody(): string;
  context: Record<string, unknown>;
  stageVariables: Record<string, string>;
  responseHeader?(name: string): string[] | undefined;
  responseBody?(): string;
}

function bodyValue(text: string, jsonPath: string | undefined): string | undefined {
  if (jsonPath === undefined) return text;
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  const v = selectJsonValue(root, `$.${jsonPath}`);
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function contextValue(context: Record<string, unknown>, dotted: string): string | undefined {
  let v: unknown = context;
  for (const part of dotted.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

const last = (values: string[] | undefined) => values?.[values.length - 1];

/** A mapping expression parsed once: `value` evaluates it against a request's sources;
 * `contextKey` is the top-level `$context` key it reads, if any. */
export interface CompiledMapping {
  value(s: ValueSources): string | undefined;
  contextKey?: string;
  /** The value of a 'literal' expression: the same for every request. */
  literal?: string;
}

const nothing = (): undefined => undefined;

export function compileMapping(expression: string): CompiledMapping {
  const expr = expression.trim();
  if (expr.length >= 2 && expr.startsWith("'") && expr.endsWith("'")) {
    const literal = expr.slice(1, -1);
    return { value: () => literal, literal };
  }
  const m = /^(method\.request|integration\.response)\.(path|querystring|header|multivaluequerystring|multivalueheader|body)(?:\.(.+))?$/.exec(expr);
  if (m) return { value: sourceValue(m[1] as 'method.request' | 'integration.response', m[2], m[3]) };
  if (expr.startsWith('context.')) {
    const dotted = expr.slice('context.'.length);
    return { value: (s) => contextValue(s.context, dotted), contextKey: dotted.split('.', 1)[0] };
  }
  if (expr.startsWith('stageVariables.')) {
    const name = expr.slice('stageVariables.'.length);
    return { value: (s) => s.stageVariables[name] };
  }
  return { value: nothing };
}

function sourceValue(side: 'method.request' | 'integration.response', kind: string, name: string | undefined): CompiledMapping['value'] {
  if (side === 'method.request') {
    if (kind === 'body') return (s) => bodyValue(s.requestBody(), name);
    if (name === undefined) return nothing;
    if (kind === 'path') return (s) => s.requestPath(name);
    if (kind === 'querystring') return (s) => last(s.requestQuery(name));
    if (kind === 'header') return (s) => last(s.requestHeader(name));
    if (kind === 'multivaluequerystring') return (s) => s.requestQuery(name)?.join(',');
    if (kind === 'multivalueheader') return (s) => s.requestHeader(name)?.join(',');
    return nothing;
  }
  if (kind === 'body') return (s) => (s.responseBody ? bodyValue(s.responseBody(), name) : undefined);
  if (name === undefined) return nothing;
  if (kind === 'header') return (s) => (s.responseHeader ? last(s.responseHeader(name)) : undefined);
  if (kind === 'multivalueheader') return (s) => s.responseHeader?.(name)?.join(',');
  return nothing;
}

/** Evaluates an expression once (plans keep compiled ones: compileMapping). */
export function mappingValue(expression: string, s: ValueSources): string | undefined {
  return compileMapping(expression).value(s);
}
