// The generic rest-json engine: finds the operation a request is for from the service
// models' URI templates, parses its input, calls the provider method of the same name
// and writes the output or error back. Providers never see HTTP. The other protocols
// (query.ts, json-rpc.ts, rest-xml.ts) share the ServiceDefinition and callProvider here.
import type { Readable } from 'node:stream';
import { AwsError } from './errors.ts';
import type { ServiceModel } from './model.ts';
import { parseInput, type ValidationStyle } from './parse.ts';
import { serializeOutput } from './serialize.ts';
import { compileTemplate, matchTemplate, splitPath, type UriTemplate } from './uri-template.ts';
import type { Caller } from './sigv4.ts';

export interface RequestContext {
  caller: Caller;
  account: string;
  region: string;
  requestId: string;
  /** e.g. "http://localhost:4566", for URLs in answers (ApiEndpoint, Code.Location). */
  baseUrl: string;
  /** Labels from the path that routed here, e.g. apiId and stage for @connections. */
  routeLabels?: Record<string, string>;
}

type OperationHandler = (input: any, ctx: RequestContext) => unknown;

/** AWS's wire protocols, as botocore's models name them (metadata.protocol). */
export type Protocol = 'rest-json' | 'json' | 'query' | 'rest-xml';

export interface ServiceDefinition {
  /** Model file name and service id, e.g. "apigatewayv2". */
  name: string;
  /** The model's wire protocol; rest-json when absent. */
  protocol?: Protocol;
  model: ServiceModel;
  provider: object;
  validationErrorCode: string;
  validationStyle?: ValidationStyle;
  malformedBodyCode: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  listAliases?: boolean;
  blobContentType?: string;
  /** Signing names that pick this service when paths alone are ambiguous. */
  signingNames: string[];
  /** rest-xml: the namespace of response documents (S3's model does not carry it). */
  xmlNamespace?: string;
  /** rest-xml: root element names of output documents the model leaves unnamed, by
   * operation (e.g. S3's ListObjectsV2 answers <ListBucketResult>). */
  xmlRootNames?: Record<string, string>;
}

interface CompiledOperation {
  name: string;
  template: UriTemplate;
}

interface OperationMatch {
  service: ServiceDefinition;
  operation: string;
  labels: Record<string, string>;
}

export class ServiceRouter {
  private byFirstSegment = new Map<string, Array<{ service: ServiceDefinition; ops: CompiledOperation[] }>>();

  constructor(readonly services: ServiceDefinition[]) {
    for (const service of services) {
      if ((service.protocol ?? 'rest-json') !== 'rest-json') continue; // routed by protocol/detect.ts
      const groups = new Map<string, CompiledOperation[]>();
      for (const [name, op] of Object.entries(service.model.operations)) {
        const template = compileTemplate(op.http.method, op.http.requestUri);
        const first = template.segments[0];
        const key = first && 'literal' in first ? first.literal : '';
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key)!.push({ name, template });
      }
      for (const [key, ops] of groups) {
        ops.sort((a, b) => b.template.specificity - a.template.specificity);
        if (!this.byFirstSegment.has(key)) this.byFirstSegment.set(key, []);
        this.byFirstSegment.get(key)!.push({ service, ops });
      }
    }
  }

  /** Whether any served service has operations under this first path segment. */
  serves(firstSegment: string): boolean {
    return this.byFirstSegment.has(firstSegment);
  }

  match(method: string, rawPath: string, query: URLSearchParams, signingService?: string): OperationMatch | 'wrong-method' | undefined {
    const segments = splitPath(rawPath);
    let candidates = this.byFirstSegment.get(segments[0] ?? '') ?? [];
    if (candidates.length > 1 && signingService) {
      const signed = candidates.filter((c) => c.service.signingNames.includes(signingService));
      if (signed.length) candidates = signed;
    }
    let pathMatched = false;
    for (const { service, ops } of candidates) {
      for (const op of ops) {
        const labels = matchTemplate(op.template, segments, query);
        if (!labels) continue;
        if (op.template.method === method) return { service, operation: op.name, labels };
        pathMatched = true;
      }
    }
    return pathMatched ? 'wrong-method' : undefined;
  }
}

interface EngineRequest {
  method: string;
  headers: import('node:http').IncomingHttpHeaders;
  query: URLSearchParams;
  body: Buffer;
}

export interface EngineResponse {
  status: number;
  headers: Record<string, string>;
  /** A Readable only for streaming payloads (S3 GetObject): see streaming.ts. */
  body?: Buffer | string | Readable;
}

/** The provider method for an operation, bound to its provider. A missing one throws
 * the protocol's own not-implemented error (`notImplementedCode`), before the input is parsed. */
export function operationHandler(service: ServiceDefinition, operation: string, notImplementedCode: string): OperationHandler {
  const handler = (service.provider as Record<string, unknown>)[lowerFirst(operation)];
  if (typeof handler !== 'function') throw new AwsError(notImplementedCode, `localgate does not implement ${service.name} ${operation} yet`, 501);
  return (input, ctx) => (handler as OperationHandler).call(service.provider, input, ctx);
}

export async function invokeOperation(match: OperationMatch, req: EngineRequest, ctx: RequestContext): Promise<{ status: number; headers: Record<string, string>; body?: Buffer | string }> {
  const { service, operation } = match;
  const op = service.model.operations[operation];
  let pascal = false;
  try {
    const handler = operationHandler(service, operation, 'NotImplementedException');
    const parsed = parseInput(service.model, op.input, { labels: match.labels, query: req.query, headers: req.headers, body: req.body }, service);
    pascal = parsed.pascal;
    const output = await handler(parsed.input, ctx);
    const wire = serializeOutput(service.model, op.output, output, {
      pascal,
      listAliases: service.listAliases ?? false,
      blobContentType: service.blobContentType ?? 'application/octet-stream',
    });
    return { status: wire.status ?? op.http.responseCode ?? 200, headers: wire.headers, body: wire.body };
  } catch (err) {
    return renderError(service.model, toAwsError(err, service.name, operation));
  }
}

export function toAwsError(err: unknown, service: string, operation: string): AwsError {
  if (err instanceof AwsError) return err;
  console.error(`[localgate] ${service} ${operation} failed:`, err);
  return new AwsError('InternalFailure', 'An internal error occurred', 500);
}

/** Renders an AwsError as the service does: status from the model's error shape, the
 * x-amzn-ErrorType header, and the shape's members (message under its own casing). */
export function renderError(model: ServiceModel | undefined, err: AwsError): { status: number; headers: Record<string, string>; body: string } {
  const { status, body } = errorDocument(model, err);
  return {
    status,
    headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': err.code },
    body: JSON.stringify(body),
  };
}

/** An error's status and JSON members as its model shape declares them (the json
 * protocol adds `__type` to the same members). */
export function errorDocument(model: ServiceModel | undefined, err: AwsError): { status: number; body: Record<string, unknown> } {
  const shape = model?.shapes[err.code];
  const status = err.status ?? shape?.error?.httpStatusCode ?? 400;
  const body: Record<string, unknown> = {};
  const members = shape?.exception ? Object.entries(shape.members ?? {}).map(([name, ref]) => ref.locationName ?? name) : [];
  const messageKey = members.find((m) => m.toLowerCase() === 'message') ?? 'message';
  // Lambda's `Type` is "User" or "Service" by status, unless the error says otherwise; a
  // `Type: undefined` field leaves it out, as Lambda does for its account-limit errors.
  const type = 'Type' in err.fields ? err.fields.Type : status >= 500 ? 'Service' : 'User';
  if (members.includes('Type') && type !== undefined) body.Type = type;
  body[messageKey] = err.message;
  for (const [k, v] of Object.entries(err.fields)) if (k !== 'Type') body[k] = v;
  return { status, body };
}

export const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);
