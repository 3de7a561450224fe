// The console's live request log: a ring buffer of the last 1,000 data-plane requests and
// WebSocket events ($connect, messages, $disconnect).
// Recording is cheap on purpose (references to the request, the body Buffer and the
// response chunks already in memory); formatting happens only when the console asks.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { HttpContext } from '../server/http-context.ts';
import { RecordableResponse } from '../server/recordable-response.ts';
import type { TargetInfo, WebSocketFinish, WebSocketStart } from '../execute/shared/observe.ts';
import type { RecordedTrace } from './trace.ts';

const LOG_CAPACITY = 1000;
/** Bodies are kept up to 64 KB. */
export const BODY_LIMIT = 64 * 1024;

export interface LogEntry {
  id: number;
  time: number;
  method: string;
  hostname: string;
  rawPath: string;
  rawQuery: string;
  /** The gateway's request id. */
  requestId: string;
  /** node's rawHeaders array (name, value, name, value, ...). */
  requestHeaders: string[];
  requestBody?: Buffer;
  requestBodySize?: number;
  target?: TargetInfo;
  /** For WebSocket events: which connection, and what became of the event. */
  websocket?: WebSocketInfo;
  trace: RecordedTrace;
  status?: number;
  responseHeaders?: OutgoingHttpHeaders;
  /** The arguments writeHead() was called with (status, [message], headers). */
  responseHeadArgs?: unknown[];
  responseChunks: Array<Buffer | string>;
  responseSize: number;
  /** Bodies and headers were copied (a console was connected when the request came). */
  detailed?: boolean;
  latencyMs?: number;
  started: number;
}

/** A WebSocket event as the request log keeps it (there is no HTTP exchange behind a message). */
interface WebSocketInfo {
  eventType: WebSocketStart['eventType'];
  connectionId: string;
  /** What the gateway did, e.g. "connected", "replied", "no reply (one-way route)". */
  outcome?: string;
}

/** Records one WebSocket event; `trace` is filled in from the data plane's steps like an HTTP request's. */
export interface WebSocketRecording {
  trace: RecordedTrace;
  finish(result: WebSocketFinish): void;
}

type Listener = (entry: LogEntry) => void;

/** Keeps the first BODY_LIMIT bytes of a buffer without pinning a larger one in memory. */
export function clip(buf: Buffer): Buffer {
  return buf.length > BODY_LIMIT ? Buffer.from(buf.subarray(0, BODY_LIMIT)) : buf;
}

export class RequestLog {
  private ring: Array<LogEntry | undefined> = new Array(LOG_CAPACITY);
  private next = 0;
  private seq = 0;
  private listeners = new Set<Listener>();

  /** `watched` says whether a console is connected. Copying request and response bodies
   * and headers is the costly part of recording (it wraps the response's methods), so it
   * happens only then; otherwise an entry keeps the summary and the trace. */
  constructor(private readonly watched: () => boolean = () => true) {}

  /** Starts recording a data-plane request; the entry is logged when the response closes. */
  begin(ctx: HttpContext, requestId: string, target: TargetInfo | undefined): RecordedTrace {
    const entry = this.newEntry({
      method: ctx.method,
      hostname: ctx.hostname,
      rawPath: ctx.rawPath,
      rawQuery: ctx.rawQuery,
      requestId,
      requestHeaders: ctx.req.rawHeaders,
      target,
    });
    if (this.watched()) {
      entry.detailed = true;
      const read = ctx.readBody.bind(ctx);
      ctx.readBody = async (limit) => {
        const body = await read(limit);
        entry.requestBody = clip(body);
        entry.requestBodySize = body.length;
        return body;
      };
      captureResponse(ctx.res, entry);
    }
    ctx.res.once('close', () => this.finish(entry, ctx.res));
    return entry.trace;
  }

  /** Starts recording a WebSocket event; logged when `finish` is called. */
  beginWebSocket(start: WebSocketStart): WebSocketRecording {
    const entry = this.newEntry({
      method: start.eventType,
      hostname: start.domainName,
      rawPath: start.path,
      rawQuery: start.query ?? '',
      requestId: start.requestId,
      requestHeaders: start.headers ?? [],
      requestBody: start.body && clip(start.body),
      requestBodySize: start.body?.length,
      target: { apiId: start.apiId, kind: 'websocket', stage: start.stage, path: start.path },
      websocket: { eventType: start.eventType, connectionId: start.connectionId },
      detailed: true,
    });
    return {
      trace: entry.trace,
      finish: (result) => {
        entry.websocket!.outcome = result.outcome;
        entry.responseHeaders = result.headers;
        if (result.reply !== undefined) {
          entry.responseChunks.push(result.reply.length > BODY_LIMIT ? result.reply.slice(0, BODY_LIMIT) : result.reply);
          entry.responseSize = Buffer.byteLength(result.reply);
        }
        this.log(entry, result.status);
      },
    };
  }

  /** An entry for a request or event that starts now: numbered, timed, nothing answered yet. */
  private newEntry(r: Omit<LogEntry, 'id' | 'time' | 'started' | 'trace' | 'responseChunks' | 'responseSize'>): LogEntry {
    // Field by field: every entry gets one shape, and an object spread mixed with other
    // properties costs microseconds in node 20.
    return {
      id: ++this.seq,
      time: Date.now(),
      started: performance.now(),
      method: r.method,
      hostname: r.hostname,
      rawPath: r.rawPath,
      rawQuery: r.rawQuery,
      requestId: r.requestId,
      requestHeaders: r.requestHeaders,
      requestBody: r.requestBody,
      requestBodySize: r.requestBodySize,
      target: r.target,
      websocket: r.websocket,
      detailed: r.detailed,
      trace: {},
      responseChunks: [],
      responseSize: 0,
    };
  }

  private finish(entry: LogEntry, res: ServerResponse) {
    this.log(entry, res.headersSent ? res.statusCode : undefined);
  }

  private log(entry: LogEntry, status: number | undefined) {
    entry.latencyMs = performance.now() - entry.started;
    entry.status = status;
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % LOG_CAPACITY;
    for (const listener of this.listeners) listener(entry);
  }

  /** Newest first. */
  entries(): LogEntry[] {
    const out: LogEntry[] = [];
    for (let i = 1; i <= LOG_CAPACITY; i++) {
      const e = this.ring[(this.next - i + LOG_CAPACITY) % LOG_CAPACITY];
      if (!e) break;
      out.push(e);
    }
    return out;
  }

  get(id: number): LogEntry | undefined {
    return this.entries().find((e) => e.id === id);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear() {
    this.ring = new Array(LOG_CAPACITY);
    this.next = 0;
  }
}

/** Remembers the status, headers and the first BODY_LIMIT bytes written, without delaying
 * anything: each call goes straight through to node. */
function captureResponse(res: ServerResponse, entry: LogEntry) {
  if (!(res instanceof RecordableResponse)) return;
  res.recorder = {
    head(args) {
      entry.responseHeadArgs = args;
    },
    chunk(chunk) {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const size = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk instanceof Uint8Array ? chunk.byteLength : 0;
      if (entry.responseSize < BODY_LIMIT) {
        if (typeof chunk === 'string') entry.responseChunks.push(chunk);
        else if (Buffer.isBuffer(chunk)) entry.responseChunks.push(clip(chunk));
        else if (chunk instanceof Uint8Array) entry.responseChunks.push(clip(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
      }
      entry.responseSize += size;
    },
    end(response) {
      entry.responseHeaders = response.getHeaders();
    },
  };
}
