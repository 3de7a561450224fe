// Route key syntax as API Gateway accepts it. HTTP APIs: `$default` or `METHOD /path`
// whose parts are literals or `{name}` variables, a greedy `{name+}` only last. WebSocket
// APIs: `$connect`, `$disconnect`, `$default` or a custom key matched against the route
// selection expression.
import { badRequest, conflict } from '../../protocol/errors.ts';

const HTTP_METHODS = new Set(['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const PATH_PART = /^(\{[\w.-]+\+?\}|[a-zA-Z0-9._-]+)$/;
const WEBSOCKET_RESERVED = new Set(['$connect', '$disconnect', '$default']);

interface ParsedRouteKey {
  method: string;
  /** Path parts without slashes; empty for `/`. */
  parts: string[];
}

/** Parses an HTTP API route key; undefined for `$default`. */
export function parseHttpRouteKey(key: string): ParsedRouteKey | undefined {
  if (key === '$default') return undefined;
  const m = /^([A-Z]+) (\/.*)$/.exec(key);
  if (!m || !HTTP_METHODS.has(m[1])) throw badRequest(`Invalid route key: ${key}. A route key must be $default or an HTTP method followed by a path, e.g. 'GET /pets'`);
  const path = m[2];
  const parts = path === '/' ? [] : path.slice(1).split('/');
  if (parts.some((p) => !PATH_PART.test(p))) {
    throw badRequest(
      'One or more path parts appear to be invalid. Parts are validated against this regular expression: ^(\\{[\\w.-]+\\+?\\}|[a-zA-Z0-9._-]+)$',
    );
  }
  const greedy = parts.findIndex((p) => p.endsWith('+}'));
  if (greedy !== -1 && greedy !== parts.length - 1) {
    throw badRequest(`Invalid route key: ${key}. A greedy path variable must be the last part of the path`);
  }
  return { method: m[1], parts };
}

export function validateRouteKey(protocol: string, key: string) {
  if (protocol === 'HTTP') {
    parseHttpRouteKey(key);
    return;
  }
  if (key.startsWith('$') && !WEBSOCKET_RESERVED.has(key)) {
    throw badRequest(`Invalid route key: ${key}. Route keys starting with $ are reserved: $connect, $disconnect, $default`);
  }
}

/** Throws ConflictException when `key` duplicates an existing route key or, for HTTP APIs,
 * names a path variable differently from another route at the same level. */
export function checkRouteKeyConflicts(protocol: string, key: string, existing: string[]) {
  if (existing.includes(key)) throw conflict(`Route with key ${key} already exists for this API`);
  if (protocol !== 'HTTP') return;
  const parsed = parseHttpRouteKey(key);
  if (!parsed) return;
  for (const other of existing) {
    const theirs = parseHttpRouteKey(other);
    if (!theirs) continue;
    for (let i = 0; i < Math.min(parsed.parts.length, theirs.parts.length); i++) {
      const a = parsed.parts[i];
      const b = theirs.parts[i];
      if (isPlainVariable(a) && isPlainVariable(b) && a !== b) {
        throw conflict(`The provided route key "${key}" has a conflicting variable on the same hierarchical level as "${other}"`);
      }
      if (a !== b) break;
    }
  }
}

const isPlainVariable = (part: string) => part.startsWith('{') && !part.endsWith('+}');
