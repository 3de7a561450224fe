// The per-request context handed down the server's handler chain.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AwsDefaults } from '../protocol/sigv4.ts';

export interface HttpContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** The path as sent, still percent-encoded, without the query string. */
  rawPath: string;
  query: URLSearchParams;
  rawQuery: string;
  /** Host header without the port, lower-cased. */
  hostname: string;
  requestId: string;
  /** Where localgate is reached, e.g. "http://localhost:4566", for URLs in answers. */
  baseUrl: string;
  /** This localgate's default account and region (for requests whose credentials name none). */
  awsDefaults: AwsDefaults;
  /** Reads the whole body; rejects with BodyTooLargeError past `limit` bytes. */
  readBody(limit: number): Promise<Buffer>;
}

/** A handler answers the request and returns true, or returns false to pass it on. */
export type Handler = (ctx: HttpContext) => Promise<boolean> | boolean;

/** The Host header without the port, lower-cased. */
export function hostnameOf(host: string | undefined): string {
  return (host ?? '').replace(/:\d+$/, '').toLowerCase();
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body is larger than ${limit} bytes`);
  }
}

/** Whether a request declares no body: without Transfer-Encoding and with no or a zero
 * Content-Length, HTTP/1.1 has no way to send one (RFC 9112, section 6.3). Such a body need
 * not be waited for: node drains it once the answer is sent. */
export function declaresNoBody(req: IncomingMessage): boolean {
  const { headers } = req;
  return headers['transfer-encoding'] === undefined && (headers['content-length'] === undefined || headers['content-length'] === '0');
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      req.resume();
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Ends a response with `body` in one socket write. Node writes headers and a string body
 * together but a Buffer body as a second chunk (a writev per response, ~10% of a MOCK
 * route's throughput); latin1 maps bytes one to one, so any body survives the trip. */
export function endWithBody(res: ServerResponse, body: Buffer) {
  if (body.length <= 64 * 1024) res.end(body.toString('latin1'), 'latin1');
  else res.end(body);
}
