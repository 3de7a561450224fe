// Writing a REST API answer: every response carries x-amzn-RequestId (the request's UUID)
// and x-amz-apigw-id (the extended request id), as API Gateway sends them.
import type { ServerResponse } from 'node:http';
import { endWithBody } from '../../server/http-context.ts';

export interface RestResponse {
  status: number;
  /** Header names as they should go out; lists for repeated headers. */
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export interface ResponseIds {
  requestId: string;
  extendedRequestId: string;
}

/** Headers the server sets itself from the answer it writes. */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection']);

export function sendRest(res: ServerResponse, ids: ResponseIds, out: RestResponse) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const name in out.headers) if (!FRAMING.has(name.toLowerCase())) headers[name] = out.headers[name];
  headers['x-amzn-RequestId'] = ids.requestId;
  headers['x-amz-apigw-id'] = ids.extendedRequestId;
  headers['Content-Length'] = String(out.body.length);
  try {
    res.writeHead(out.status, headers);
  } catch {
    // A header value a function returned that node refuses (control characters): 502.
    const body = Buffer.from('{"message": "Internal server error"}');
    res.writeHead(502, { 'Content-Type': 'application/json', 'Content-Length': String(body.length), 'x-amzn-RequestId': ids.requestId, 'x-amz-apigw-id': ids.extendedRequestId });
    res.end(body);
    return;
  }
  endWithBody(res, out.body);
}
