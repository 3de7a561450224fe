// HTTP API route selection, as API Gateway documents it: the most specific route wins —
// segment by segment a literal beats a {param}, which beats a greedy {proxy+}; for equal
// paths a method route beats ANY; `$default` catches what nothing else matches. Routes are
// compiled once per deployed snapshot: literal routes go to a map, the rest to a list
// sorted most specific first, so a request costs no regex and no sort.
import type { Route } from '../../models/apigatewayv2.types.ts';

type Segment = { kind: 0; value: string } | { kind: 1; name: string } | { kind: 2; name: string };

interface CompiledRoute {
  route: Route;
  method: string;
  segments: Segment[];
}

interface RouteMatch {
  route: Route;
  pathParameters?: Record<string, string>;
}

/** Splits a percent-encoded path into decoded segments ("/a/b%20c" -> ["a", "b c"]). */
export function pathSegments(rawPath: string): string[] {
  const parts = rawPath.split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) {
    if (parts[i] === '' && i === parts.length - 1 && i > 1) break; // one trailing slash
    out.push(safeDecode(parts[i]));
  }
  return out.length === 1 && out[0] === '' ? [] : out;
}

function safeDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function compile(route: Route): CompiledRoute | undefined {
  const key = route.RouteKey;
  const space = key.indexOf(' ');
  if (space === -1) return undefined;
  const method = key.slice(0, space).toUpperCase();
  const path = key.slice(space + 1);
  const segments: Segment[] = path
    .split('/')
    .slice(1)
    .filter((s, i, all) => s !== '' || i < all.length - 1)
    .map((s): Segment => {
      if (s.startsWith('{') && s.endsWith('+}')) return { kind: 2, name: s.slice(1, -2) };
      if (s.startsWith('{') && s.endsWith('}')) return { kind: 1, name: s.slice(1, -1) };
      return { kind: 0, value: s };
    });
  return { route, method, segments };
}

/** Negative when `a` is more specific than `b`. */
function specificity(a: CompiledRoute, b: CompiledRoute): number {
  const n = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const x = a.segments[i];
    const y = b.segments[i];
    if (!x || !y) return x ? -1 : 1; // the longer path is more specific
    if (x.kind !== y.kind) return x.kind - y.kind;
  }
  if (a.method === 'ANY' && b.method !== 'ANY') return 1;
  if (b.method === 'ANY' && a.method !== 'ANY') return -1;
  return 0;
}

export class RouteTable {
  private literal = new Map<string, Route>();
  private patterns: CompiledRoute[] = [];
  private defaultRoute?: Route;

  constructor(routes: Route[]) {
    for (const route of routes) {
      if (route.RouteKey === '$default') {
        this.defaultRoute = route;
        continue;
      }
      const compiled = compile(route);
      if (!compiled) continue;
      if (compiled.segments.every((s) => s.kind === 0)) {
        this.literal.set(`${compiled.method} /${compiled.segments.map((s) => (s as { value: string }).value).join('/')}`, route);
      } else {
        this.patterns.push(compiled);
      }
    }
    this.patterns.sort(specificity);
  }

  match(method: string, segments: string[]): RouteMatch | undefined {
    const path = `/${segments.join('/')}`;
    const exact = this.literal.get(`${method} ${path}`) ?? this.literal.get(`ANY ${path}`);
    if (exact) return { route: exact };
    for (const candidate of this.patterns) {
      if (candidate.method !== method && candidate.method !== 'ANY') continue;
      const params = matchSegments(candidate.segments, segments);
      if (params) return { route: candidate.route, pathParameters: params };
    }
    return this.defaultRoute && { route: this.defaultRoute };
  }
}

function matchSegments(pattern: Segment[], segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p.kind === 2) {
      if (i >= segments.length) return undefined; // a greedy variable takes at least one segment
      params[p.name] = segments.slice(i).join('/');
      return params;
    }
    const s = segments[i];
    if (s === undefined) return undefined;
    if (p.kind === 0) {
      if (p.value !== s) return undefined;
    } else {
      if (s === '') return undefined;
      params[p.name] = s;
    }
  }
  return pattern.length === segments.length ? params : undefined;
}
