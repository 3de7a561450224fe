// WebSocket selection expressions (route, template and integration response selection).
// An expression is either one reference (`$request.body.action`), a template of references
// (`${request.body.service}/${request.body.action}`) or a constant (`$default`, `\$default`).
// References this data plane knows: request.body.<path> (the message as JSON) and
// integration.response.statuscode / integration.response.body.<path>.
import { fullMatch } from '../languages/java-regex/java-regex.ts';
import { selectJsonValue } from '../languages/jsonpath/index.ts';

interface SelectionSources {
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

/** Evaluates an expression; undefined when a reference it needs has no value. */
export function evaluateSelection(expression: string | undefined, sources: SelectionSources): string | undefined {
  if (expression === undefined || expression === '') return undefined;
  const single = SINGLE.exec(expression);
  if (single) return reference(single[1], sources);
  if (expression.includes('${')) {
    let missing = false;
    const out = expression.replace(TEMPLATE, (_, name: string) => {
      const v = reference(name.trim(), sources);
      if (v === undefined) missing = true;
      return v ?? '';
    });
    return missing ? undefined : out;
  }
  return expression.replace(/\\\$/g, '$');
}

/** Picks a key of a map of responses or templates: an exact key, a /regex/ key that
 * matches, else `$default`. */
export function selectKey(keys: Iterable<string>, value: string | undefined): string | undefined {
  const all = [...keys];
  if (value !== undefined) {
    if (all.includes(value)) return value;
    for (const key of all) {
      if (key.length > 2 && key.startsWith('/') && key.endsWith('/') && fullMatch(key.slice(1, -1), value)) return key;
    }
  }
  return all.includes('$default') ? '$default' : undefined;
}
