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

export function mappingValue(expression: string, s: ValueSources): string | undefined {
  const expr = expression.trim();
  if (expr.length >= 2 && expr.startsWith("'") && expr.endsWith("'")) return expr.slice(1, -1);
  const m = /^(method\.request|integration\.response)\.(path|querystring|header|multivaluequerystring|multivalueheader|body)(?:\.(.+))?$/.exec(expr);
  if (m) {
    const [, side, kind, name] = m;
    if (side === 'method.request') {
      if (kind === 'body') return bodyValue(s.requestBody(), name);
      if (name === undefined) return undefined;
      if (kind === 'path') return s.requestPath(name);
      if (kind === 'querystring') return last(s.requestQuery(name));
      if (kind === 'header') return last(s.requestHeader(name));
      if (kind === 'multivaluequerystring') return s.requestQuery(name)?.join(',');
      if (kind === 'multivalueheader') return s.requestHeader(name)?.join(',');
      return undefined;
    }
    if (kind === 'body') return s.responseBody ? bodyValue(s.responseBody(), name) : undefined;
    if (name === undefined || !s.responseHeader) return undefined;
    if (kind === 'header') return last(s.responseHeader(name));
    if (kind === 'multivalueheader') return s.responseHeader(name)?.join(',');
    return undefined;
  }
  if (expr.startsWith('context.')) return contextValue(s.context, expr.slice('context.'.length));
  if (expr.startsWith('stageVariables.')) return s.stageVariables[expr.slice('stageVariables.'.length)];
  return undefined;
}
