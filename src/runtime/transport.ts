// How an execution environment and the runtime in its process talk. Two transports carry
// the same exchange, the Lambda Runtime API's:
// - runtime-api.ts: the HTTP Runtime API (AWS_LAMBDA_RUNTIME_API), for `provided*` runtimes
//   and any bootstrap that speaks HTTP; every environment has one, for code that reads the
//   variable;
// - channel.ts: frames on a socket given to the process at spawn, which localgate's own node
//   and python bootstraps use instead (no HTTP parsing on either side).
// The environment (environment.ts) sees only this interface.

/** What the runtime gets with each event (the Runtime API's /next answer and headers). */
export interface InvocationEvent {
  requestId: string;
  /** Epoch milliseconds (Lambda-Runtime-Deadline-Ms). */
  deadlineMs: number;
  invokedArn: string;
  traceId: string;
  /** The client context as JSON text (decoded from the Invoke call's base64). */
  clientContext?: string;
  cognitoIdentity?: string;
  payload: Buffer;
}

/** What a transport reports to its environment. */
export interface RuntimeCallbacks {
  /** The runtime asks for work: `transport.deliver()` answers it, now or when an event arrives. */
  next(transport: RuntimeTransport): void;
  /** Returns undefined when `requestId` is not the invocation in flight, else what settles
   * it, run once the runtime has its acknowledgement (so it can ask for the next event meanwhile).
   * `peakKb`: the process's peak resident memory as the runtime read it (VmHWM, kB), sent
   * with the result on the channel; without it the environment reads /proc itself. */
  response(requestId: string, body: Buffer, peakKb?: number): (() => void) | undefined;
  error(requestId: string, body: Buffer, errorType: string | undefined, peakKb?: number): (() => void) | undefined;
  initError(body: Buffer, errorType: string | undefined): void;
}

export interface RuntimeTransport {
  /** Hands the runtime its next event; only after `next()` named this transport. */
  deliver(event: InvocationEvent): void;
  close(): void;
}

/** Largest response a function may return (AWS: 6 MB synchronous response payload). */
export const MAX_RESPONSE_BYTES = 6_291_556;

/** The invocation's error when the function's response is over MAX_RESPONSE_BYTES. */
export const RESPONSE_TOO_LARGE = {
  errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
  errorType: 'Function.ResponseSizeTooLarge',
};
