// The node:http listener: gives every request an id and a context, then runs the
// handler chain in order until one answers. Nothing a client sends may crash it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { hostnameOf, readBody, sendJson, type Handler, type HttpContext } from './http-context.ts';
import { RecordableResponse } from './recordable-response.ts';
import type { AwsDefaults } from '../protocol/sigv4.ts';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

interface ServerOptions {
  handlers: Handler[];
  upgradeHandlers?: UpgradeHandler[];
  /** Computes the public base URL from the bound port, e.g. http://localhost:4566 */
  baseUrl: () => string;
  awsDefaults: AwsDefaults;
}

export function createLocalgateServer(opts: ServerOptions): Server {
  const server = createServer({ keepAliveTimeout: 65_000, ServerResponse: RecordableResponse }, (req, res) => {
    const requestId = randomUUID();
    res.sendRequestId(requestId);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const rawQuery = q === -1 ? '' : url.slice(q + 1);
    const ctx = new ServerContext(req, res, rawPath, rawQuery, requestId, opts.baseUrl(), opts.awsDefaults);
    runChain(opts.handlers, ctx, 0).catch((err) => {
      // The client went away mid-request (e.g. a body shorter than its Content-Length).
      if (req.destroyed && (err as NodeJS.ErrnoException).code === 'ECONNRESET') {
        res.destroy();
        return;
      }
      console.error('[localgate] unhandled error:', err);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal server error' });
      else res.destroy();
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    for (const handler of opts.upgradeHandlers ?? []) {
      try {
        if (handler(req, socket, head)) return;
      } catch (err) {
        console.error('[localgate] upgrade failed:', err);
        break;
      }
    }
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  return server;
}

/** A handler's answer from a plain function is used as is: awaiting it would cost every
 * request a promise and a microtask per handler that passes it on. */
function runChain(handlers: Handler[], ctx: HttpContext, from: number): Promise<void> {
  try {
    for (let i = from; i < handlers.length; i++) {
      const answered = handlers[i](ctx);
      if (answered === true) return Promise.resolve();
      if (answered !== false) return answered.then((done) => (done ? undefined : runChain(handlers, ctx, i + 1)));
    }
    sendJson(ctx.res, 404, { message: `No route for ${ctx.method} ${ctx.rawPath}` }, { 'x-amzn-ErrorType': 'UnknownOperationException' });
    return Promise.resolve();
  } catch (err) {
    return Promise.reject(err);
  }
}

/** The query string is parsed only for handlers that read it (the data plane has its own). */
class ServerContext implements HttpContext {
  readonly method: string;
  readonly hostname: string;
  private parsedQuery?: URLSearchParams;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly rawPath: string,
    readonly rawQuery: string,
    readonly requestId: string,
    readonly baseUrl: string,
    readonly awsDefaults: AwsDefaults,
  ) {
    this.method = req.method ?? 'GET';
    this.hostname = hostnameOf(req.headers.host);
  }

  get query(): URLSearchParams {
    return (this.parsedQuery ??= new URLSearchParams(this.rawQuery));
  }

  readBody(limit: number): Promise<Buffer> {
    return readBody(this.req, limit);
  }
}

export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}
