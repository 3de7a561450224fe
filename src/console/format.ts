// Turns request-log entries and invocation records into the JSON the console API serves.
// Runs only when the console (or a user's script) asks, never on the data plane's path.
import type { OutgoingHttpHeaders } from 'node:http';
import { parseInvokeLocation } from '../execute/entry.ts';
import { BODY_LIMIT, type LogEntry } from './request-log.ts';
import type { InvocationRecord } from '../services/lambda/invoker.ts';

interface BodyView {
  size: number;
  truncated: boolean;
  /** The body as text when it is UTF-8 text. */
  text?: string;
  /** For binary bodies: the first bytes, base64-encoded. */
  base64Preview?: string;
}

const PREVIEW_BYTES = 256;

function bodyView(buf: Buffer | undefined, size = buf?.length ?? 0): BodyView {
  if (!buf || !buf.length) return { size, truncated: false, text: '' };
  const shown = buf.subarray(0, BODY_LIMIT);
  const truncated = size > shown.length;
  const text = shown.toString('utf8');
  // Binary: invalid UTF-8 (replacement characters) or control bytes other than whitespace.
  // A cut at 64 KB may split a character, so the very end is allowed one.
  const body = truncated ? text.replace(/\uFFFD$/, '') : text;
  if (!/[\uFFFD\x00-\x08\x0E-\x1F]/.test(body)) return { size, truncated, text: body };
  return { size, truncated, base64Preview: shown.subarray(0, PREVIEW_BYTES).toString('base64') };
}

function chunksToBuffer(chunks: Array<Buffer | string>): Buffer {
  return Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
}

function headerPairs(raw: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
}

function responseHeaders(entry: LogEntry): Array<[string, string]> {
  const merged: OutgoingHttpHeaders = { ...entry.responseHeaders };
  const args = entry.responseHeadArgs ?? [];
  const given = args.find((a, i) => i > 0 && typeof a === 'object' && a !== null);
  if (Array.isArray(given)) {
    for (let i = 0; i + 1 < given.length; i += 2) merged[String(given[i]).toLowerCase()] = given[i + 1] as string;
  } else if (given) {
    for (const [k, v] of Object.entries(given as OutgoingHttpHeaders)) merged[k.toLowerCase()] = v;
  }
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) out.push([k, String(one)]);
  }
  return out;
}

export function summary(entry: LogEntry) {
  const target = entry.target;
  const apiId = target?.apiId ?? parseInvokeLocation(entry.hostname, entry.rawPath)?.apiId;
  return {
    id: entry.id,
    time: new Date(entry.time).toISOString(),
    method: entry.method,
    path: entry.rawPath + (entry.rawQuery ? `?${entry.rawQuery}` : ''),
    host: entry.hostname,
    apiId,
    kind: target?.kind.toUpperCase(),
    stage: target?.stage,
    route: entry.trace.route,
    integration: entry.trace.integration,
    authorizer: entry.trace.authorizer,
    status: entry.status,
    latencyMs: entry.latencyMs === undefined ? undefined : Math.round(entry.latencyMs * 100) / 100,
    requestId: entry.requestId,
    error: entry.trace.error,
    connectionId: entry.websocket?.connectionId,
    outcome: entry.websocket?.outcome,
  };
}

function jsonOrText(buf: Buffer): unknown {
  const text = buf.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function invocationView(record: InvocationRecord) {
  return {
    functionName: record.functionName,
    functionArn: record.functionArn,
    version: record.version,
    requestId: record.requestId,
    time: new Date(record.start).toISOString(),
    durationMs: Math.round(record.durationMs * 100) / 100,
    event: jsonOrText(record.payload.subarray(0, BODY_LIMIT)),
    response: jsonOrText(record.response.subarray(0, BODY_LIMIT)),
    functionError: record.functionError,
    log: record.log,
  };
}

/** The full story of one request. */
export function detail(entry: LogEntry) {
  const trace = entry.trace;
  return {
    ...summary(entry),
    request: {
      method: entry.method,
      path: entry.rawPath,
      query: entry.rawQuery,
      headers: headerPairs(entry.requestHeaders),
      body: entry.detailed ? bodyView(entry.requestBody, entry.requestBodySize) : undefined,
    },
    target: entry.target,
    event: trace.event,
    upstream: trace.upstream,
    functionResponse: trace.functionResponse ? jsonOrText(trace.functionResponse.subarray(0, BODY_LIMIT)) : undefined,
    invocations: trace.invocations?.map(invocationView) ?? [],
    response: {
      status: entry.status,
      headers: entry.detailed ? responseHeaders(entry) : undefined,
      body: entry.detailed ? bodyView(chunksToBuffer(entry.responseChunks), entry.responseSize) : undefined,
    },
  };
}
