// The server's response class. It puts the request's x-amzn-RequestId on every answer, and
// lets the console record what a data-plane request was answered (status line, headers,
// body) without wrapping each response's methods: a recorder is attached only while a
// console watches, and each method checks for it.
import { ServerResponse, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';

interface ResponseRecorder {
  /** The arguments given to writeHead() (headers given there never show in getHeaders()). */
  head(args: unknown[]): void;
  chunk(chunk: unknown): void;
  /** Called once, before the last chunk goes out. */
  end(res: ServerResponse): void;
}

const REQUEST_ID = 'x-amzn-RequestId';
const REQUEST_ID_LOWER = 'x-amzn-requestid';

export class RecordableResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  recorder?: ResponseRecorder;
  /** The x-amzn-RequestId still to send: added when the head goes out, unless removed. */
  private pendingRequestId?: string;
  /** Whether a header was set one by one (setHeader) before the head went out. */
  private headersSetOneByOne = false;

  /** Every answer carries `id` as x-amzn-RequestId unless a handler removes the header.
   * It is added when the head goes out: a header set at the start would make node merge
   * every header given to writeHead() into its header map one setHeader() at a time
   * (microseconds per answer). Given along with them, it goes out first, where a setHeader()
   * at the start would have put it. */
  sendRequestId(id: string) {
    this.pendingRequestId = id;
  }

  override setHeader(name: string, value: number | string | readonly string[]): this {
    this.headersSetOneByOne = true;
    return super.setHeader(name, value);
  }

  override removeHeader(name: string): void {
    if (name.toLowerCase() === REQUEST_ID_LOWER) this.pendingRequestId = undefined;
    super.removeHeader(name);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override writeHead(...args: any[]): this {
    if (this.pendingRequestId !== undefined) args = this.withRequestId(args, this.pendingRequestId);
    this.recorder?.head(args);
    return (super.writeHead as (...a: unknown[]) => this)(...args);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override write(chunk: any, ...rest: any[]): boolean {
    this.recorder?.chunk(chunk);
    return (super.write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override end(...args: any[]): this {
    if (this.recorder) {
      if (typeof args[0] !== 'function') this.recorder.chunk(args[0]);
      this.recorder.end(this);
      this.recorder = undefined;
    }
    return (super.end as (...a: unknown[]) => this)(...args);
  }

  /** writeHead()'s arguments with the request id among the headers (status[, reason][, headers]). */
  private withRequestId(args: unknown[], id: string): unknown[] {
    this.pendingRequestId = undefined;
    const at = args.length > 1 && typeof args[args.length - 1] === 'object' ? args.length - 1 : -1;
    const given = at === -1 ? undefined : (args[at] as OutgoingHttpHeaders | unknown[] | null);
    if (!this.headersSetOneByOne && !Array.isArray(given)) {
      const headers = given ? requestIdFirst(given, id) : { [REQUEST_ID]: id };
      if (headers) {
        const out = args.slice();
        if (at === -1) out.push(headers);
        else out[at] = headers;
        return out;
      }
    }
    // Headers set one by one, headers as a list, or names that differ only in case (node
    // keeps the last of those): node merges them into its header map, after the request id.
    if (!this.hasHeader(REQUEST_ID)) super.setHeader(REQUEST_ID, id);
    return args;
  }
}

/** `given` with x-amzn-RequestId first (its own value if it has one); undefined when two of
 * its names differ only in case. */
function requestIdFirst(given: OutgoingHttpHeaders, id: string): OutgoingHttpHeaders | undefined {
  const lower: string[] = [];
  let own: string | undefined;
  for (const name in given) {
    const l = name.toLowerCase();
    if (lower.includes(l)) return undefined;
    lower.push(l);
    if (l === REQUEST_ID_LOWER) own = name;
  }
  const headers: OutgoingHttpHeaders = own === undefined ? { [REQUEST_ID]: id } : { [own]: given[own] };
  for (const name in given) if (name !== own) headers[name] = given[name];
  return headers;
}
