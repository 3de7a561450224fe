// The query protocol (CloudFormation, IAM, STS): form-encoded parameters in (POST body or
// GET query string) with `Action` and `Version`, nested members flattened into dotted keys
// (`Tags.member.1.Key`, `Attributes.entry.1.key`), and XML out:
//   <{Op}Response xmlns="{ns}"><{Op}Result>...</{Op}Result>
//     <ResponseMetadata><RequestId>...</RequestId></ResponseMetadata></{Op}Response>
// Errors are <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>.
import { AwsError } from './errors.ts';
import { operationHandler, toAwsError, type EngineResponse, type RequestContext, type ServiceDefinition } from './engine.ts';
import type { MemberRef, ServiceModel, Shape } from './model.ts';
import { decodeUtf8, ValueReader } from './parse.ts';
import { escapeXml, XmlWriter } from './xml.ts';

/** Decodes a form body or query string strictly: undefined when it is not valid
 * percent-encoded UTF-8 (URLSearchParams would silently keep or replace bad bytes). */
export function parseForm(raw: Buffer | string): Map<string, string> | undefined {
  const text = typeof raw === 'string' ? raw : decodeUtf8(raw);
  if (text === undefined) return undefined;
  const params = new Map<string, string>();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    try {
      const key = decodeURIComponent((eq === -1 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
      const value = eq === -1 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
      if (!params.has(key)) params.set(key, value);
    } catch {
      return undefined;
    }
  }
  return params;
}

export const malformedQueryString = () => new AwsError('MalformedQueryString', 'The query string contains a syntax error.', 404);

/** Runs one query-protocol operation and renders its XML answer or error. */
export async function invokeQuery(service: ServiceDefinition, operation: string, params: Map<string, string>, ctx: RequestContext): Promise<EngineResponse> {
  const op = service.model.operations[operation];
  try {
    const handler = operationHandler(service, operation, 'NotImplemented');
    const input = op.input ? readQueryInput(service, op.input, params) : {};
    const output = await handler(input, ctx);
    return { status: 200, headers: { 'Content-Type': 'text/xml' }, body: queryResponse(service.model, operation, output, ctx.requestId) };
  } catch (err) {
    return renderQueryError(service.model, toAwsError(err, service.name, operation), ctx.requestId);
  }
}

export function queryResponse(model: ServiceModel, operation: string, output: unknown, requestId: string): string {
  const op = model.operations[operation];
  const ns = model.metadata.xmlNamespace;
  let result = '';
  if (op.output && isObject(output)) {
    const members = new XmlWriter(model).members(model.shapes[op.output], output);
    result = op.resultWrapper ? `<${op.resultWrapper}>${members}</${op.resultWrapper}>` : members;
  } else if (op.resultWrapper) {
    result = `<${op.resultWrapper}/>`;
  }
  const xmlns = ns ? ` xmlns="${escapeXml(ns)}"` : '';
  return `<${operation}Response${xmlns}>${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
}

/** The error's code on the wire is the shape's `error.code` when it has one (IAM's
 * NoSuchEntityException travels as "NoSuchEntity"); its status comes from the shape too. */
export function renderQueryError(model: ServiceModel, err: AwsError, requestId: string): EngineResponse {
  const shape = model.shapes[err.code];
  const status = err.status ?? shape?.error?.httpStatusCode ?? 400;
  const code = shape?.error?.code ?? err.code;
  let extra = '';
  for (const [k, v] of Object.entries(err.fields)) extra += `<${k}>${escapeXml(String(v))}</${k}>`;
  const ns = model.metadata.xmlNamespace ? ` xmlns="${escapeXml(model.metadata.xmlNamespace)}"` : '';
  const body =
    `<ErrorResponse${ns}><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(err.message)}</Message>${extra}</Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status, headers: { 'Content-Type': 'text/xml' }, body };
}

/** Reads the operation's input from the flattened parameters; unknown parameters are
 * ignored, as AWS does. Types and constraints are checked by the shared ValueReader. */
export function readQueryInput(service: ServiceDefinition, shapeName: string, params: Map<string, string>): Record<string, unknown> {
  const shape = service.model.shapes[shapeName];
  const reader = new ValueReader(service.model, service).forInput(shape);
  const prefixes = new Set<string>();
  for (const key of params.keys()) {
    const parts = key.split('.');
    for (let i = 1; i <= parts.length; i++) prefixes.add(parts.slice(0, i).join('.'));
  }
  const input = new QueryReader(service.model, reader, params, prefixes).structure(shape, '', '');
  reader.finish();
  return input;
}

class QueryReader {
  constructor(
    private model: ServiceModel,
    private reader: ValueReader,
    private params: Map<string, string>,
    private prefixes: Set<string>,
  ) {}

  structure(shape: Shape, prefix: string, path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      const wire = ref.locationName ?? name;
      this.reader.readInto(out, name, () => this.value(ref, prefix + wire, path ? `${path}.${wire}` : wire));
    }
    this.reader.checkRequired(shape, out, path);
    return out;
  }

  private value(ref: MemberRef, key: string, path: string): unknown {
    if (!this.prefixes.has(key)) return undefined;
    const shape = this.model.shapes[ref.shape];
    switch (shape.type) {
      case 'structure':
        return this.structure(shape, `${key}.`, path);
      case 'list': {
        // An empty list is sent as the bare key ("Tags="); items as key.member.N.
        const member = shape.member!;
        const base = ref.flattened || shape.flattened ? key : `${key}.${member.locationName ?? 'member'}`;
        const items: unknown[] = [];
        for (let i = 1; this.prefixes.has(`${base}.${i}`); i++) items.push(this.value(member, `${base}.${i}`, `${path}.${i}.member`));
        this.reader.checkLength(shape, items.length, items, path);
        return items;
      }
      case 'map': {
        const base = ref.flattened || shape.flattened ? key : `${key}.entry`;
        const keyName = shape.key!.locationName ?? 'key';
        const valueName = shape.value!.locationName ?? 'value';
        const out: Record<string, unknown> = {};
        for (let i = 1; this.prefixes.has(`${base}.${i}`); i++) {
          const k = this.params.get(`${base}.${i}.${keyName}`);
          if (k !== undefined) out[k] = this.value(shape.value!, `${base}.${i}.${valueName}`, `${path}.${k}`);
        }
        return out;
      }
      case 'blob': {
        const text = this.params.get(key);
        return text === undefined ? undefined : Buffer.from(text, 'base64');
      }
      default: {
        const text = this.params.get(key);
        return text === undefined ? undefined : this.reader.fromText(ref, text, path);
      }
    }
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
