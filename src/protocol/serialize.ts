// Writes an operation's output as the rest-json protocol places it: the status code
// member, header members, and a JSON body (or raw payload) keyed by wire names.
import type { MemberRef, ServiceModel, Shape } from './model.ts';
import { shapePlan } from './shape-plan.ts';

interface SerializeOptions {
  /** Key JSON members by model name ("ApiId") instead of wire name ("apiId"). */
  pascal: boolean;
  /** apigateway lists travel as "item"; also write them as "items" (the seed reads .items). */
  listAliases: boolean;
  blobContentType: string;
}

interface WireResponse {
  status?: number;
  headers: Record<string, string>;
  body?: Buffer | string;
}

export function serializeOutput(model: ServiceModel, shapeName: string | undefined, output: unknown, opts: SerializeOptions): WireResponse {
  const res: WireResponse = { headers: {} };
  if (!shapeName || !isObject(output)) return res;
  const shape = model.shapes[shapeName];
  const bodyMembers = writeBoundMembers(model, shape, output, res);

  if (shape.payload) {
    const ref = shape.members![shape.payload];
    const value = output[shape.payload];
    const target = model.shapes[ref.shape];
    if (value === undefined || value === null) return res;
    if (target.type === 'blob' || target.type === 'string') {
      res.body = Buffer.isBuffer(value) ? value : typeof value === 'string' ? value : Buffer.from(value as Uint8Array);
      res.headers['Content-Type'] ??= opts.blobContentType;
    } else {
      res.body = JSON.stringify(new ValueWriter(model, opts).write(ref, value));
      res.headers['Content-Type'] = 'application/json';
    }
    return res;
  }
  const body: Record<string, unknown> = {};
  new ValueWriter(model, opts).writeMembers(bodyMembers, output, body);
  res.body = JSON.stringify(body);
  res.headers['Content-Type'] = 'application/json';
  return res;
}

/** Writes the status code, header and header-map members of an output (rest-json and
 * rest-xml place them alike); returns the members left for the body. */
export function writeBoundMembers(model: ServiceModel, shape: Shape, output: Record<string, unknown>, res: { status?: number; headers: Record<string, string> }): Record<string, MemberRef> {
  const plan = shapePlan(shape);
  for (const { name, ref, location, wire } of plan.bound) {
    const value = output[name];
    if (value === undefined || value === null) continue;
    switch (location) {
      case 'statusCode':
        res.status = Number(value);
        break;
      case 'header':
        res.headers[wire] = headerText(model.shapes[ref.shape], value);
        break;
      case 'headers':
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) res.headers[wire + k] = String(v);
        break;
    }
  }
  return plan.body;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function headerText(shape: Shape, value: unknown): string {
  if (shape.type === 'timestamp') return toDate(value).toUTCString();
  return String(value);
}

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string | number);
}

export class ValueWriter {
  constructor(
    private model: ServiceModel,
    private opts: SerializeOptions,
  ) {}

  writeMembers(members: Record<string, MemberRef>, value: Record<string, unknown>, out: Record<string, unknown>) {
    for (const [name, ref] of Object.entries(members)) {
      const v = value[name];
      if (v === undefined || v === null) continue;
      const key = this.opts.pascal ? name : (ref.locationName ?? name);
      out[key] = this.write(ref, v);
      if (this.opts.listAliases && name === 'items' && key === 'item') out.items = out[key];
    }
  }

  write(ref: MemberRef, value: unknown): unknown {
    const shape = this.model.shapes[ref.shape];
    switch (shape.type) {
      case 'structure': {
        const out: Record<string, unknown> = {};
        if (isObject(value)) this.writeMembers(shape.members ?? {}, value, out);
        return out;
      }
      case 'list':
        return Array.isArray(value) ? value.map((v) => this.write(shape.member!, v)) : [];
      case 'map': {
        const out: Record<string, unknown> = {};
        if (isObject(value)) for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = this.write(shape.value!, v);
        return out;
      }
      case 'timestamp': {
        const d = toDate(value);
        // AWS writes ISO 8601 timestamps to the second ("2020-04-06T23:23:46Z").
        return shape.timestampFormat === 'iso8601' ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : d.getTime() / 1000;
      }
      case 'blob':
        return Buffer.from(value as Uint8Array).toString('base64');
      default:
        return value;
    }
  }
}
