/**
 * `$context` for a template, with the writable override maps API Gateway offers:
 * `$context.requestOverride.{header,querystring,path}.NAME` (request templates) and
 * `$context.responseOverride.status` / `.header.NAME` (response templates). AWS: "Overrides
 * are final. An override may only be applied to each parameter once. Trying to override the
 * same parameter multiple times will result in 5XX responses" — a second #set fails the template.
 */
import { TemplateError } from './errors.ts';
import { toJavaString } from './json-model.ts';

export interface RequestOverride {
  header: Record<string, string>;
  querystring: Record<string, string>;
  path: Record<string, string>;
}

export interface ResponseOverride {
  status?: number;
  header: Record<string, string>;
}

interface ContextVariable {
  context: Record<string, unknown>;
  /** Reads what the template set; undefined when it set nothing of that kind. */
  overrides(): { requestOverride?: RequestOverride; responseOverride?: ResponseOverride };
}

/** A deep copy of plain data (objects, arrays, primitives): much cheaper than structuredClone. */
function copyPlain(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(copyPlain);
  const out: Record<string, unknown> = {};
  for (const key in v) out[key] = copyPlain((v as Record<string, unknown>)[key]);
  return out;
}

/** A map each key of which a template may set once. */
function setOnce(what: string, target: Record<string, unknown> = {}): Record<string, unknown> {
  const assigned = new Set<string>();
  return new Proxy(target, {
    set(obj, key, value) {
      const name = String(key);
      if (assigned.has(name)) throw new TemplateError(`${what}.${name} may only be overridden once`);
      assigned.add(name);
      obj[name] = value;
      return true;
    },
    deleteProperty: () => false,
  });
}

/**
 * `base.requestOverride` / `base.responseOverride`, when given, are what the request template
 * set: a response template sees them (and may still set each key once itself), as on AWS.
 */
export function buildContext(base: Record<string, unknown>): ContextVariable {
  const seed = base as { requestOverride?: RequestOverride; responseOverride?: ResponseOverride };
  const request = {
    header: setOnce('requestOverride.header', { ...seed.requestOverride?.header }),
    querystring: setOnce('requestOverride.querystring', { ...seed.requestOverride?.querystring }),
    path: setOnce('requestOverride.path', { ...seed.requestOverride?.path }),
  };
  const responseHeader = setOnce('responseOverride.header', { ...seed.responseOverride?.header });
  // `header` (and a seeded `status`) are defined on the target, not through the proxy, so only
  // the template's own sets count.
  const responseTarget: Record<string, unknown> = { header: responseHeader };
  if (seed.responseOverride?.status !== undefined) responseTarget.status = seed.responseOverride.status;
  const response = setOnce('responseOverride', responseTarget);
  const context: Record<string, unknown> = { ...(copyPlain(base) as Record<string, unknown>), requestOverride: request, responseOverride: response };

  return {
    context,
    overrides() {
      const strings = (m: Record<string, unknown>): Record<string, string> =>
        Object.fromEntries(Object.entries(m).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, toJavaString(v)]));
      const req: RequestOverride = { header: strings(request.header), querystring: strings(request.querystring), path: strings(request.path) };
      const res: ResponseOverride = { header: strings(responseHeader) };
      const status = response.status;
      if (status !== undefined && status !== null && toJavaString(status) !== '') {
        const text = toJavaString(status).trim();
        if (!/^\d{3}$/.test(text)) throw new TemplateError(`Invalid status code override: ${text}`);
        res.status = Number(text);
      }
      const any = (o: Record<string, string>): boolean => Object.keys(o).length > 0;
      return {
        requestOverride: any(req.header) || any(req.querystring) || any(req.path) ? req : undefined,
        responseOverride: res.status !== undefined || any(res.header) ? res : undefined,
      };
    },
  };
}
