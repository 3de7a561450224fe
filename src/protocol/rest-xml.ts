// The rest-xml protocol (S3): operations found by method + URI template like rest-json
// (plus the query parameters and headers an operation requires, which is how S3 tells
// PutObject from UploadPart and CopyObject), members from labels, query and headers, and
// XML payloads in and out. Streaming payloads are never buffered: see streaming.ts.
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { AwsError } from './errors.ts';
import { operationHandler, toAwsError, type EngineResponse, type RequestContext, type ServiceDefinition } from './engine.ts';
import type { ServiceModel, Shape } from './model.ts';
import { decodeUtf8, readBoundMembers, ValueReader } from './parse.ts';
import { writeBoundMembers } from './serialize.ts';
import { AwsChunkedDecoder, isAwsChunked, MalformedChunkError, type StreamingBody } from './streaming.ts';
import { compileTemplate, matchesQuery, safeDecode, type UriTemplate } from './uri-template.ts';
import { escapeXml, parseXml, scalarText, XmlReader, XmlWriter } from './xml.ts';

interface RestXmlOperation {
  name: string;
  template: UriTemplate;
  /** Query parameters and headers the operation requires (wire names, headers lower-case). */
  requiredQuery: string[];
  requiredHeaders: string[];
  rank: number;
}

export interface RestXmlMatch {
  operation: string;
  labels: Record<string, string>;
}

export class RestXmlRouter {
  private ops: RestXmlOperation[] = [];

  constructor(readonly service: ServiceDefinition) {
    const { model } = service;
    for (const [name, op] of Object.entries(model.operations)) {
      const template = compileTemplate(op.http.method, op.http.requestUri);
      const input = op.input ? model.shapes[op.input] : undefined;
      const required = (input?.required ?? []).map((m) => input!.members![m]);
      const requiredQuery = required.filter((r) => r.location === 'querystring').map((r) => r.locationName!);
      const requiredHeaders = required.filter((r) => r.location === 'header').map((r) => r.locationName!.toLowerCase());
      const rank = template.specificity + 5 * (requiredQuery.length + requiredHeaders.length);
      this.ops.push({ name, template, requiredQuery, requiredHeaders, rank });
    }
    this.ops.sort((a, b) => b.rank - a.rank);
  }

  match(method: string, rawPath: string, query: URLSearchParams, headers: IncomingHttpHeaders): RestXmlMatch | 'wrong-method' | undefined {
    let pathMatched = false;
    for (const op of this.ops) {
      const labels = matchRawPath(op.template, rawPath, query);
      if (!labels) continue;
      if (op.template.method !== method) {
        pathMatched = true;
        continue;
      }
      if (op.requiredQuery.some((q) => !query.has(q)) || op.requiredHeaders.some((h) => headers[h] === undefined)) continue;
      return { operation: op.name, labels };
    }
    return pathMatched ? 'wrong-method' : undefined;
  }
}

/** Like matchTemplate, but a greedy label takes the rest of the raw path as is (S3 keys
 * may hold empty segments and end in "/"), decoded once. */
export function matchRawPath(t: UriTemplate, rawPath: string, query: URLSearchParams): Record<string, string> | undefined {
  if (!matchesQuery(t, query)) return undefined;
  const labels: Record<string, string> = {};
  let rest = rawPath.replace(/^\//, '');
  for (const seg of t.segments) {
    if ('label' in seg && seg.greedy) {
      if (rest === '') return undefined;
      labels[seg.label] = safeDecode(rest);
      return labels;
    }
    const slash = rest.indexOf('/');
    const part = slash === -1 ? rest : rest.slice(0, slash);
    rest = slash === -1 ? '' : rest.slice(slash + 1);
    if (part === '') return undefined;
    if ('literal' in seg) {
      if (seg.literal !== part) return undefined;
    } else {
      labels[seg.label] = safeDecode(part);
    }
  }
  return rest === '' ? labels : undefined;
}

export interface RestXmlRequest {
  method: string;
  headers: IncomingHttpHeaders;
  query: URLSearchParams;
  /** The request body as it arrives, for streaming payloads. */
  stream: Readable;
  /** Reads the whole body (non-streaming payloads), up to the service's limit. */
  readBody(): Promise<Buffer>;
}

export const malformedXml = () => new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.', 400);

export async function invokeRestXml(service: ServiceDefinition, match: RestXmlMatch, req: RestXmlRequest, ctx: RequestContext): Promise<EngineResponse> {
  const { operation } = match;
  const op = service.model.operations[operation];
  let body: StreamingBody | undefined;
  try {
    const handler = operationHandler(service, operation, 'NotImplemented');
    const input: Record<string, unknown> = {};
    if (op.input) body = await readInput(service, op.input, match, req, input);
    const output = await handler(input, ctx);
    return restXmlResponse(service, operation, output);
  } catch (err) {
    const e = err instanceof MalformedChunkError ? new AwsError('IncompleteBody', err.message, 400) : err;
    return renderRestXmlError(toAwsError(e, service.name, operation), ctx.requestId, service.model);
  } finally {
    // A provider that failed before reading a streamed body leaves it unread: drain it.
    if (body && !body.readableEnded) {
      req.stream.unpipe();
      req.stream.resume();
    }
  }
}

/** Fills `input`; returns the streaming body handed to the provider, if any. */
async function readInput(service: ServiceDefinition, shapeName: string, match: RestXmlMatch, req: RestXmlRequest, input: Record<string, unknown>): Promise<StreamingBody | undefined> {
  const { model } = service;
  const shape = model.shapes[shapeName];
  const reader = new ValueReader(model, service).forInput(shape);
  const bodyMembers = readBoundMembers(model, shape, { labels: match.labels, query: req.query, headers: req.headers }, reader, input);
  let stream: StreamingBody | undefined;
  const payloadRef = shape.payload ? shape.members![shape.payload] : undefined;
  if (shape.payload && payloadRef?.streaming) {
    stream = streamingBody(req, input);
    input[shape.payload] = stream;
  } else if (shape.payload) {
    const bytes = await req.readBody();
    const target = model.shapes[payloadRef!.shape];
    if (bytes.length && target.type === 'blob') input[shape.payload] = bytes;
    else if (bytes.length && target.type === 'string') input[shape.payload] = textOf(bytes);
    else if (bytes.length) {
      // The document must be the one the operation takes (S3 checks it against its schema).
      const root = parseXml(textOf(bytes), malformedXml);
      const rootName = payloadRef!.locationName ?? shape.payload;
      if (root.name !== rootName) throw malformedXml();
      input[shape.payload] = new XmlReader(model, reader).structure(target, root, rootName);
    }
  } else if (Object.keys(bodyMembers).length) {
    const bytes = await req.readBody();
    if (bytes.length) Object.assign(input, new XmlReader(model, reader).structure({ type: 'structure', members: bodyMembers }, parseXml(textOf(bytes), malformedXml), ''));
  }
  reader.checkRequired(shape, input, '');
  reader.finish();
  return stream;
}

function textOf(bytes: Buffer): string {
  const text = decodeUtf8(bytes);
  if (text === undefined) throw malformedXml();
  return text;
}

/** The object bytes: the request itself, or decoded from aws-chunked framing (then the
 * decoded length replaces the framed Content-Length in the input). */
function streamingBody(req: RestXmlRequest, input: Record<string, unknown>): StreamingBody {
  if (!isAwsChunked(req.headers)) return req.stream as unknown as StreamingBody;
  const decoded = Number(req.headers['x-amz-decoded-content-length']);
  if (Number.isFinite(decoded)) input.ContentLength = decoded;
  const decoder = new AwsChunkedDecoder();
  req.stream.on('error', (err) => decoder.destroy(err));
  return req.stream.pipe(decoder);
}

export function restXmlResponse(service: ServiceDefinition, operation: string, output: unknown): EngineResponse {
  const { model } = service;
  const op = model.operations[operation];
  const res: EngineResponse = { status: op.http.responseCode ?? 200, headers: {} };
  if (!op.output || typeof output !== 'object' || output === null) return res;
  const values = output as Record<string, unknown>;
  const shape = model.shapes[op.output];
  writeBoundMembers(model, shape, values, res);
  // S3 answers a ranged GetObject with 206 Partial Content (the model has no status member).
  if (operation === 'GetObject' && values.ContentRange !== undefined) res.status = 206;
  const xmlns = service.xmlNamespace ? ` xmlns="${escapeXml(service.xmlNamespace)}"` : '';
  const writer = new XmlWriter(model);
  if (shape.payload) {
    const ref = shape.members![shape.payload];
    const value = values[shape.payload];
    if (value === undefined || value === null) return res;
    const target = model.shapes[ref.shape];
    if (target.type === 'structure') {
      res.body = withRootNamespace(writer.value(ref, value, ref.locationName ?? shape.payload), xmlns);
      res.headers['Content-Type'] = 'application/xml';
    } else {
      res.body = typeof value === 'string' || Buffer.isBuffer(value) || isReadable(value) ? value : Buffer.from(value as Uint8Array);
      res.headers['Content-Type'] ??= service.blobContentType ?? 'binary/octet-stream';
    }
    return res;
  }
  const names = Object.keys(shape.members ?? {}).filter((m) => !shape.members![m].location);
  if (!names.length) return res;
  const root = service.xmlRootNames?.[operation] ?? op.output.replace(/(Output|Response)$/, '') + 'Result';
  res.body = document(model, shape, values, root, names, xmlns, writer);
  res.headers['Content-Type'] = 'application/xml';
  return res;
}

function document(model: ServiceModel, shape: Shape, values: Record<string, unknown>, root: string, names: string[], xmlns: string, writer: XmlWriter): string {
  // A single scalar member named like the root is the root's text, as in S3's
  // <LocationConstraint>eu-west-1</LocationConstraint>.
  const only = names.length === 1 ? shape.members![names[0]] : undefined;
  if (only && (only.locationName ?? names[0]) === root && !['structure', 'list', 'map'].includes(model.shapes[only.shape].type)) {
    const v = values[names[0]];
    return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${xmlns}>${v === undefined || v === null ? '' : escapeXml(scalarText(model.shapes[only.shape], v))}</${root}>`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${xmlns}>${writer.members(shape, values)}</${root}>`;
}

function withRootNamespace(element: string, xmlns: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element.replace(/^<([^\s>/]+)/, `<$1${xmlns}`)}`;
}

const isReadable = (v: unknown): v is Readable => typeof (v as Readable)?.pipe === 'function';

/** S3's error document: <Error><Code/><Message/>(resource fields)<RequestId/></Error>. */
export function renderRestXmlError(err: AwsError, requestId: string, model?: ServiceModel): EngineResponse {
  const status = err.status ?? model?.shapes[err.code]?.error?.httpStatusCode ?? 400;
  let extra = '';
  for (const [k, v] of Object.entries(err.fields)) extra += `<${k}>${escapeXml(String(v))}</${k}>`;
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message>${extra}<RequestId>${requestId}</RequestId></Error>`;
  return { status, headers: { 'Content-Type': 'application/xml' }, body };
}
