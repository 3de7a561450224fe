// The Lambda Runtime API one execution environment talks to (loopback, ephemeral port):
// GET  /2018-06-01/runtime/invocation/next            long-polls for the next event
// POST /2018-06-01/runtime/invocation/{id}/response   the function's result
// POST /2018-06-01/runtime/invocation/{id}/error      a function error
// POST /2018-06-01/runtime/init/error                 the runtime could not initialise
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BodyTooLargeError, readBody, sendJson } from '../server/http-context.ts';

/** Largest response a function may return (AWS: 6 MB synchronous response payload). */
const MAX_RESPONSE_BYTES = 6_291_556;

interface RuntimeApiCallbacks {
  /** The runtime asks for work: answer `res` now or hold it until an event arrives. */
  next(res: ServerResponse): void;
  /** Returns undefined when `requestId` is not the invocation in flight, else what settles
   * it, run after the runtime has its answer so that it can ask for the next event meanwhile. */
  response(requestId: string, body: Buffer): (() => void) | undefined;
  error(requestId: string, body: Buffer, errorType: string | undefined): (() => void) | undefined;
  initError(body: Buffer, errorType: string | undefined): void;
}

export interface RuntimeApi {
  /** "127.0.0.1:port", the value of AWS_LAMBDA_RUNTIME_API. */
  address: string;
  close(): void;
}

const PREFIX = '/2018-06-01/runtime/';

export async function startRuntimeApi(cb: RuntimeApiCallbacks): Promise<RuntimeApi> {
  const server: Server = createServer({ keepAliveTimeout: 0, requestTimeout: 0 }, (req, res) => {
    handle(cb, req.method ?? 'GET', req.url ?? '/', req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { errorMessage: 'Internal error', errorType: 'ServiceException' });
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

async function handle(cb: RuntimeApiCallbacks, method: string, url: string, req: import('node:http').IncomingMessage, res: ServerResponse) {
  const path = url.split('?')[0];
  if (!path.startsWith(PREFIX)) return notFound(res);
  const rest = path.slice(PREFIX.length).split('/');
  if (method === 'GET' && rest.length === 2 && rest[0] === 'invocation' && rest[1] === 'next') {
    cb.next(res);
    return;
  }
  if (method !== 'POST') return notFound(res);
  const errorType = req.headers['lambda-runtime-function-error-type'] as string | undefined;
  if (rest.length === 2 && rest[0] === 'init' && rest[1] === 'error') {
    cb.initError(await readBody(req, MAX_RESPONSE_BYTES), errorType);
    return accepted(res);
  }
  if (rest.length !== 3 || rest[0] !== 'invocation' || (rest[2] !== 'response' && rest[2] !== 'error')) return notFound(res);
  const requestId = decodeURIComponent(rest[1]);
  let body: Buffer;
  try {
    body = await readBody(req, MAX_RESPONSE_BYTES);
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err;
    const tooLarge = {
      errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
      errorType: 'Function.ResponseSizeTooLarge',
    };
    const settle = cb.error(requestId, Buffer.from(JSON.stringify(tooLarge)), tooLarge.errorType);
    sendJson(res, 413, tooLarge, { Connection: 'close' });
    settle?.();
    return;
  }
  const settle = rest[2] === 'response' ? cb.response(requestId, body) : cb.error(requestId, body, errorType);
  if (!settle) {
    sendJson(res, 400, { errorMessage: `Invalid request ID: ${requestId}`, errorType: 'InvalidRequestID' });
    return;
  }
  accepted(res);
  settle();
}

function accepted(res: ServerResponse) {
  sendJson(res, 202, { status: 'OK' });
}

function notFound(res: ServerResponse) {
  sendJson(res, 404, { errorMessage: 'Not found', errorType: 'NotFound' });
}
