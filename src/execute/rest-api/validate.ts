// Request validators: required method request parameters (400 "Missing required request
// parameters: [...]") and the body against the method's model for the request's content
// type (400 "Invalid request body"). Models are JSON Schema draft 4; ajv speaks draft 7, so
// schemas are converted first: `id` becomes `$id`, boolean exclusiveMinimum/Maximum become
// numbers, and a model's $ref to another model of the API
// (https://apigateway.amazonaws.com/restapis/{id}/models/{name}) resolves to that model.
import { Ajv, type ValidateFunction } from 'ajv';
import type { RestApiSnapshot } from '../../services/apigateway/store.ts';
import { restErrors } from './errors.ts';
import type { Invocation } from './invocation.ts';
import { mediaType } from './request.ts';

/** Converts a draft-04 schema (in place on a copy) to draft 07. */
export function draft4to7(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(draft4to7);
  if (typeof schema !== 'object' || schema === null) return schema;
  const src = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(src)) {
    if (key === '$schema') continue;
    if (key === 'id' && typeof value === 'string') out.$id = value;
    else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') continue;
    else if (['properties', 'patternProperties', 'definitions', 'dependencies'].includes(key) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, draft4to7(v)]));
    } else out[key] = draft4to7(value);
  }
  if (src.exclusiveMinimum === true && typeof src.minimum === 'number') {
    out.exclusiveMinimum = src.minimum;
    delete out.minimum;
  }
  if (src.exclusiveMaximum === true && typeof src.maximum === 'number') {
    out.exclusiveMaximum = src.maximum;
    delete out.maximum;
  }
  return out;
}

/** Compiled model validators, one ajv instance per snapshot. */
const compiled = new WeakMap<RestApiSnapshot, { ajv: Ajv; byModel: Map<string, ValidateFunction | null> }>();

function modelValidator(snapshot: RestApiSnapshot, name: string): ValidateFunction | null {
  let entry = compiled.get(snapshot);
  if (!entry) {
    const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
    for (const model of Object.values(snapshot.models)) {
      const schema = parseSchema(model.schema);
      if (schema && typeof schema === 'object') {
        const { $id: _ignored, ...rest } = schema as Record<string, unknown>;
        try {
          ajv.addSchema(rest, `https://apigateway.amazonaws.com/restapis/${snapshot.restApiId}/models/${model.name}`);
        } catch {
          // An unusable model schema validates nothing (see below).
        }
      }
    }
    entry = { ajv, byModel: new Map() };
    compiled.set(snapshot, entry);
  }
  if (!entry.byModel.has(name)) {
    let fn: ValidateFunction | null = null;
    try {
      fn = entry.ajv.getSchema(`https://apigateway.amazonaws.com/restapis/${snapshot.restApiId}/models/${name}`) ?? null;
    } catch {
      fn = null;
    }
    entry.byModel.set(name, fn);
  }
  return entry.byModel.get(name)!;
}

function parseSchema(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return draft4to7(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** AWS lists missing parameters headers first, then path, then query string (each in the
 * method's order); see test/recorded/rest-data-plane.test.ts. */
const KIND_ORDER: Record<string, number> = { header: 0, multivalueheader: 0, path: 1, querystring: 2, multivaluequerystring: 2 };

export function missingInAwsOrder(missing: Array<{ kind: string; name: string }>): string[] {
  return missing.map((m, i) => ({ ...m, i })).sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.i - b.i).map((m) => m.name);
}

export function validateRequest(inv: Invocation) {
  const method = inv.match!.method;
  const validator = method.requestValidatorId ? inv.snapshot.requestValidators[method.requestValidatorId] : undefined;
  if (!validator) return;
  if (validator.validateRequestParameters) {
    const missing: Array<{ kind: string; name: string }> = [];
    for (const [key, required] of Object.entries(method.requestParameters ?? {})) {
      if (!required) continue;
      const m = /^method\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.(.+)$/.exec(key);
      if (!m) continue;
      const [, kind, name] = m;
      const present =
        kind === 'path'
          ? Boolean(inv.match!.pathParameters[name])
          : kind.endsWith('querystring')
            ? inv.req.query.has(name)
            : inv.req.headers.has(name.toLowerCase());
      if (!present) missing.push({ kind, name });
    }
    if (missing.length) throw restErrors.missingParameters(missingInAwsOrder(missing));
  }
  if (validator.validateRequestBody) {
    const models = method.requestModels ?? {};
    const type = mediaType(inv.req.headers.get('content-type')?.at(-1)) ?? 'application/json';
    const modelName = models[type] ?? models.$default;
    if (!modelName) return;
    const fn = modelValidator(inv.snapshot, modelName);
    if (!fn) return;
    let body: unknown;
    try {
      body = JSON.parse(inv.req.body.length ? inv.req.body.toString('utf8') : '{}');
    } catch {
      throw restErrors.badBody();
    }
    if (!fn(body)) throw restErrors.badBody();
  }
}
