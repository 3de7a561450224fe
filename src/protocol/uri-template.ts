// Matches request paths against the model's request-URI templates, e.g.
// "/v2/apis/{apiId}/routes/{routeId}", "/2015-03-31/functions/{FunctionName}/invocations",
// greedy "{proxy+}" labels and query-qualified templates such as "/restapis?mode=import".
export interface UriTemplate {
  method: string;
  segments: Array<{ literal: string } | { label: string; greedy: boolean }>;
  /** Query members the template requires, e.g. { mode: 'import' }. */
  query: Record<string, string>;
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
  const query: Record<string, string> = {};
  for (const pair of (queryText ?? '').split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=');
    query[k] = v;
  }
  const literals = segments.filter((s) => 'literal' in s).length;
  return { method, segments, query, specificity: literals * 10 + Object.keys(query).length * 5 + segments.length };
}

/** Splits a raw (still percent-encoded) path into decoded segments. */
export function splitPath(rawPath: string): string[] {
  return rawPath
    .split('/')
    .filter((s) => s !== '')
    .map(safeDecode);
}

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Returns the labels when the template matches, else undefined. */
export function matchTemplate(
  t: UriTemplate,
  segments: string[],
  query: URLSearchParams,
): Record<string, string> | undefined {
  for (const [k, v] of Object.entries(t.query)) {
    if (!query.has(k) || (v !== '' && query.get(k) !== v)) return undefined;
  }
  const labels: Record<string, string> = {};
  for (let i = 0; i < t.segments.length; i++) {
    const seg = t.segments[i];
    if ('label' in seg && seg.greedy) {
      if (i >= segments.length) return undefined;
      labels[seg.label] = segments.slice(i).join('/');
      return labels;
    }
    if (i >= segments.length) return undefined;
    if ('literal' in seg) {
      if (seg.literal !== segments[i]) return undefined;
    } else {
      labels[seg.label] = segments[i];
    }
  }
  return segments.length === t.segments.length ? labels : undefined;
}
