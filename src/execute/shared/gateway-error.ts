// Errors the gateway itself answers ({"message": "..."} bodies, as API Gateway renders them)
// and the gateway's request ids.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { IntegrationFailure } from './integration.ts';

// Random bytes drawn in batches: one crypto call per 372 request ids, not one per request.
let pool = Buffer.alloc(0);
let offset = 0;

/** An id shaped like API Gateway's apigw-requestid (16 characters of base64). */
export function gatewayRequestId(): string {
  if (offset + 11 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  offset += 11;
  return pool.toString('base64', offset - 11, offset);
}

/** A gateway error: what the pipeline throws to stop with a fixed answer. */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Why, for localgate's log and console (the client sees only the message). */
    readonly reason?: string,
  ) {
    super(message);
  }
}

export const gatewayErrors = {
  notFound: () => new GatewayError(404, 'Not Found'),
  unauthorized: () => new GatewayError(401, 'Unauthorized'),
  forbidden: () => new GatewayError(403, 'Forbidden'),
  tooLarge: () => new GatewayError(413, 'Request Entity Too Large'),
  tooManyRequests: () => new GatewayError(429, 'Too Many Requests'),
  internal: () => new GatewayError(500, 'Internal Server Error'),
  unavailable: () => new GatewayError(503, 'Service Unavailable'),
};

/** How HTTP and WebSocket APIs answer a failed integration: 503 when it timed out, else 500. */
export function gatewayFailure(f: IntegrationFailure): GatewayError {
  const e = f.failure === 'timeout' ? gatewayErrors.unavailable() : gatewayErrors.internal();
  return new GatewayError(e.status, e.message, {}, f.reason);
}

export function sendGatewayError(res: ServerResponse, requestId: string, status: number, message: string, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ message });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.removeHeader('x-amzn-RequestId'); // the gateway's own id is apigw-requestid
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'apigw-requestid': requestId,
  });
  res.end(body);
}
