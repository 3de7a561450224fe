// What the data plane tells the console about one request. The pipelines fill a trace in
// as the request moves through its steps; every field holds a cheap reference (an object,
// a Buffer) that is only serialised when someone opens the request in the console.

/** One Lambda invocation as the console shows it (per function, and inside a trace). */
export interface InvocationRecord {
  functionName: string;
  functionArn: string;
  version: string;
  requestId: string;
  /** Epoch ms when the invocation started. */
  start: number;
  durationMs: number;
  /** The event the function received. */
  payload: Buffer;
  /** What the function returned (or its error object). */
  response: Buffer;
  functionError?: string;
  /** START ... END ... REPORT lines with the function's own output between them. */
  log: string;
}

/** Told about every finished invocation by the Lambda service; `trace` is the data-plane
 * request's trace when the invocation was made for one. */
export type InvocationObserver = (record: InvocationRecord, trace?: RequestTrace) => void;

export interface RequestTrace {
  /** Route key (HTTP and WebSocket APIs) or "METHOD /resource/path" (REST APIs). */
  route?: string;
  /** Integration type, e.g. AWS_PROXY, HTTP_PROXY, MOCK. */
  integration?: string;
  /** How authorization went, e.g. "allowed (JWT)" or "denied (Lambda REQUEST)". */
  authorizer?: string;
  /** The event the function received (an object, serialised when shown). */
  event?: unknown;
  /** The request sent to an HTTP upstream. */
  upstream?: { method: string; url: string };
  /** What the function returned. */
  functionResponse?: Buffer;
  /** Invocations made for this request (authorizer and integration). */
  invocations?: InvocationRecord[];
  /** Why the request failed, in API Gateway's words where it has them. */
  error?: string;
}
