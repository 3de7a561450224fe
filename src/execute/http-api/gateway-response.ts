// Errors the gateway itself answers ({"message": "..."} bodies, as API Gateway renders them)
// and the gateway's request ids.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** An id shaped like API Gateway's apigw-requestid (16 characters of base64). */
export function gatewayRequestId(): string {
  return randomBytes(11).toString('base64');
}

/** A gateway error: what the pipeline throws to stop with a fixed answer. */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
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
