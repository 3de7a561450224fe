// Matches request paths against the model's request-URI templates, e.g.
// "/v2/apis/{apiId}/routes/{routeId}", "/2015-03-31/functions/{FunctionName}/invocations",
// greedy "{proxy+}" labels and query-qualified templates such as "/restapis?mode=import".
export interface UriTemplate {
  method: string;
  segments: Array<{ literal: string } | { label: string; greedy: boolean }>;
  /** Query members the template requires, as [name, value] pairs, e.g. [['mode', 'import']]
   * (an empty value: present with any value). */
  query: Array<[string, string]>;
  /** Index of the greedy "{label+}" segment, which takes the rest of the path; -1 when none. */
  greedyAt: number;
  /** Higher wins when several templates match one request. */
  specificity: number;
}

export function compileTemplate(method: string, requestUri: string): UriTemplate {
  const [path, queryText] = requestUri.split('?');
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      const m = /^\{([^}+]+)(\+)?\}$/.exec(s);
      return m ? { label: m[1], greedy: Boolean(m[2]) } : { literal: s };
    });
  const query = (queryText ?? '')
    .split('&')
    .filter(Boolean)
    .map((pair): [string, string] => {
      const [k, v = ''] = pair.split('=');
      return [k, v];
    });
  const literals = segments.filter((s) => 'literal' in s).length;
  const greedyAt = segments.findIndex((s) => 'label' in s && s.greedy);
  return { method, segments, query, greedyAt, specificity: literals * 10 + query.length * 5 + segments.length };
}

/** Splits a raw (still percent-encoded) path into decoded segments. */
export function splitPath(rawPath: string): string[] {
  const segments: string[] = [];
  for (const s of rawPath.split('/')) if (s !== '') segments.push(s.includes('%') ? safeDecode(s) : s);
  return segments;
}

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Whether the request's query carries what the template requires. */
export function matchesQuery(t: UriTemplate, query: URLSearchParams): boolean {
  for (const [k, v] of t.query) if (!query.has(k) || (v !== '' && query.get(k) !== v)) return false;
  return true;
}

/** Returns the labels when the template matches, else undefined. The segment count and
 * literals are checked before any label is taken (most templates fail there). */
export function matchTemplate(t: UriTemplate, segments: string[], query: URLSearchParams): Record<string, string> | undefined {
  const fixed = t.greedyAt === -1 ? t.segments.length : t.greedyAt;
  if (t.greedyAt === -1 ? segments.length !== fixed : segments.length <= fixed) return undefined;
  for (let i = 0; i < fixed; i++) {
    const seg = t.segments[i];
    if ('literal' in seg && seg.literal !== segments[i]) return undefined;
  }
  if (!matchesQuery(t, query)) return undefined;
  const labels: Record<string, string> = {};
  for (let i = 0; i < fixed; i++) {
    const seg = t.segments[i];
    if ('label' in seg) labels[seg.label] = segments[i];
  }
  if (t.greedyAt !== -1) labels[(t.segments[fixed] as { label: string }).label] = segments.slice(fixed).join('/');
  return labels;
}
