// The Lambda Runtime API one execution environment talks to (loopback, ephemeral port):
// GET  /2018-06-01/runtime/invocation/next            long-polls for the next event
// POST /2018-06-01/runtime/invocation/{id}/response   the function's result
// POST /2018-06-01/runtime/invocation/{id}/error      a function error
// POST /2018-06-01/runtime/init/error                 the runtime could not initialise
// An HTTP transport (transport.ts): one server per execution environment.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BodyTooLargeError, readBody, sendJson } from '../server/http-context.ts';
import { MAX_RESPONSE_BYTES, RESPONSE_TOO_LARGE, type InvocationEvent, type RuntimeCallbacks, type RuntimeTransport } from './transport.ts';

const PREFIX = '/2018-06-01/runtime/';

export class RuntimeApi implements RuntimeTransport {
  /** The runtime's GET /next, held until an event arrives (the latest one if it asked twice). */
  private waiting?: ServerResponse;

  private constructor(
    private readonly server: Server,
    /** "127.0.0.1:port", the value of AWS_LAMBDA_RUNTIME_API. */
    readonly address: string,
  ) {}

  static async start(cb: RuntimeCallbacks): Promise<RuntimeApi> {
    const server: Server = createServer({ keepAliveTimeout: 0, requestTimeout: 0 }, (req, res) => {
      api.handle(cb, req, res).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { errorMessage: 'Internal error', errorType: 'ServiceException' });
      });
    });
    server.on('clientError', (_err, socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const api = new RuntimeApi(server, `127.0.0.1:${(server.address() as AddressInfo).port}`);
    return api;
  }

  deliver(event: InvocationEvent) {
    const res = this.waiting;
    if (!res) return;
    this.waiting = undefined;
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/json',
      'Content-Length': event.payload.length,
      'Lambda-Runtime-Aws-Request-Id': event.requestId,
      'Lambda-Runtime-Deadline-Ms': event.deadlineMs,
      'Lambda-Runtime-Invoked-Function-Arn': event.invokedArn,
      'Lambda-Runtime-Trace-Id': event.traceId,
    };
    if (event.clientContext) headers['Lambda-Runtime-Client-Context'] = event.clientContext;
    if (event.cognitoIdentity) headers['Lambda-Runtime-Cognito-Identity'] = event.cognitoIdentity;
    res.writeHead(200, headers);
    res.end(event.payload);
  }

  close() {
    this.waiting?.destroy();
    this.waiting = undefined;
    this.server.closeAllConnections();
    this.server.close();
  }

  private async handle(cb: RuntimeCallbacks, req: IncomingMessage, res: ServerResponse) {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0];
    if (!path.startsWith(PREFIX)) return notFound(res);
    const rest = path.slice(PREFIX.length).split('/');
    if (method === 'GET' && rest.length === 2 && rest[0] === 'invocation' && rest[1] === 'next') {
      this.waiting = res;
      cb.next(this);
      return;
    }
    return handlePost(cb, method, rest, req, res);
  }
}

async function handlePost(cb: RuntimeCallbacks, method: string, rest: string[], req: IncomingMessage, res: ServerResponse) {
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
    const settle = cb.error(requestId, Buffer.from(JSON.stringify(RESPONSE_TOO_LARGE)), RESPONSE_TOO_LARGE.errorType);
    sendJson(res, 413, RESPONSE_TOO_LARGE, { Connection: 'close' });
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
