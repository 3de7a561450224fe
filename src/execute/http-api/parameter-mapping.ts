// HTTP API parameter mapping. Request parameters change what goes to the integration
// (`append|overwrite|remove:header.{name}`, `...:querystring.{name}`, `overwrite:path`);
// response parameters, keyed by the integration's status code, change what goes back
// (`...:header.{name}`, `overwrite:statuscode`). Values are static text mixed with
// $request.header.x, $request.querystring.x, $request.body.x (JSON path), $request.path,
// $request.path.x, $response.header.x, $response.body.x, $context.x, $stageVariables.x,
// each also as ${...}. Values are compiled once per deployed integration.
import { selectJsonValue } from '../languages/jsonpath/index.ts';

type Part = string | { source: string; name?: string };

export interface MappingSources {
  requestHeader?(name: string): string | undefined;
  requestQuery?(name: string): string | undefined;
  requestPath?(name?: string): string | undefined;
  requestBody?(): unknown;
  responseHeader?(name: string): string | undefined;
  responseBody?(): unknown;
  context(name: string): string | undefined;
  stageVariable(name: string): string | undefined;
}

const VARIABLE = /\$\{([^}]*)\}|\$((?:request|response)(?:\.[A-Za-z0-9_\-]+(?:\[\d+\])*)*|(?:context|stageVariables)(?:\.[A-Za-z0-9_]+)*)/g;

export function compileValue(value: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const m of value.matchAll(VARIABLE)) {
    if (m.index > last) parts.push(value.slice(last, m.index));
    const ref = m[1] ?? m[2];
    const dot = ref.indexOf('.');
    const head = dot === -1 ? ref : ref.slice(0, dot);
    const rest = dot === -1 ? undefined : ref.slice(dot + 1);
    if (head === 'request' || head === 'response') {
      const dot2 = rest?.indexOf('.') ?? -1;
      const kind = rest === undefined ? '' : dot2 === -1 ? rest : rest.slice(0, dot2);
      parts.push({ source: `${head}.${kind}`, name: dot2 === -1 ? undefined : rest!.slice(dot2 + 1) });
    } else {
      parts.push({ source: head, name: rest });
    }
    last = m.index + m[0].length;
  }
  if (last < value.length) parts.push(value.slice(last));
  return parts;
}

/** A `$request.body.a.b` / `$response.body.a[0]` value: JSON text unless it is a string. */
function bodyValue(doc: unknown, path: string | undefined): string | undefined {
  const value = path ? selectJsonValue(doc, path) : doc;
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function resolvePart(part: Exclude<Part, string>, s: MappingSources): string | undefined {
  const name = part.name ?? '';
  switch (part.source) {
    case 'request.header':
      return s.requestHeader?.(name);
    case 'request.querystring':
      return s.requestQuery?.(name);
    case 'request.path':
      return s.requestPath?.(part.name);
    case 'request.body':
      return bodyValue(s.requestBody?.(), part.name);
    case 'response.header':
      return s.responseHeader?.(name);
    case 'response.body':
      return bodyValue(s.responseBody?.(), part.name);
    case 'context':
      return s.context(name);
    case 'stageVariables':
      return s.stageVariable(name);
    default:
      return undefined;
  }
}

export function evaluate(parts: Part[], sources: MappingSources): string {
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : (resolvePart(part, sources) ?? '');
  return out;
}

export interface CompiledMapping {
  action: 'append' | 'overwrite' | 'remove';
  target: 'header' | 'querystring' | 'path' | 'statuscode';
  name: string;
  value: Part[];
}

export function compileMappings(params: Record<string, string> | undefined): CompiledMapping[] {
  const out: CompiledMapping[] = [];
  for (const [key, value] of Object.entries(params ?? {})) {
    const m = /^(append|overwrite|remove):(header|querystring|path|statuscode)(?:\.(.+))?$/.exec(key);
    if (!m) continue;
    const target = m[2] as CompiledMapping['target'];
    out.push({ action: m[1] as CompiledMapping['action'], target, name: target === 'header' ? (m[3] ?? '').toLowerCase() : (m[3] ?? ''), value: compileValue(value) });
  }
  return out;
}

interface MappingTarget {
  /** Lower-cased header name -> values. */
  headers: Map<string, string[]>;
  query?: Map<string, string[]>;
  path?: string;
  status?: number;
}

/** Applies compiled mappings; sources are read before any change, as API Gateway does. */
export function applyMappings(mappings: CompiledMapping[], target: MappingTarget, sources: MappingSources) {
  const values = mappings.map((m) => (m.action === 'remove' ? '' : evaluate(m.value, sources)));
  mappings.forEach((m, i) => {
    const value = values[i];
    if (m.target === 'path') {
      if (m.action === 'overwrite') target.path = value.startsWith('/') ? value : `/${value}`;
      return;
    }
    if (m.target === 'statuscode') {
      const status = Number(value);
      if (m.action === 'overwrite' && Number.isInteger(status) && status >= 100 && status <= 599) target.status = status;
      return;
    }
    const map = m.target === 'header' ? target.headers : target.query;
    if (!map) return;
    if (m.action === 'remove') map.delete(m.name);
    else if (m.action === 'overwrite') map.set(m.name, [value]);
    else map.set(m.name, [...(map.get(m.name) ?? []), value]);
  });
}
