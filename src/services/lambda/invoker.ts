// How other parts of localgate (API Gateway integrations and authorizers) call a function.
// Implemented by the Lambda service; faults are thrown as AwsError with Lambda's codes
// (ResourceNotFoundException, TooManyRequestsException, ...).

/** One finished invocation, as the Lambda service reports it to its observer (the console's
 * recent invocations and request traces). */
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

/** What a caller may hand along with an invocation so that the observer can file the record
 * with it (the console's trace of a data-plane request). The Lambda service never reads it. */
export interface InvocationTrace {
  invocations?: InvocationRecord[];
}

/** Told about every finished invocation, with the trace its caller passed, if any. */
export type InvocationObserver = (record: InvocationRecord, trace?: InvocationTrace) => void;

export interface InvokeRequest {
  account: string;
  region: string;
  /** A function name, full or partial ARN, optionally with ":qualifier". */
  functionName: string;
  qualifier?: string;
  payload: Buffer;
  invocationType?: 'RequestResponse' | 'Event' | 'DryRun';
  logType?: 'None' | 'Tail';
  /** Base64 JSON, as the X-Amz-Client-Context header carries it. */
  clientContext?: string;
  /** The data-plane request this invocation serves, when the console traces it. */
  trace?: InvocationTrace;
}

export interface InvokeResult {
  /** 200 for RequestResponse, 202 for Event, 204 for DryRun. */
  statusCode: number;
  payload: Buffer;
  /** Set when the function failed: "Unhandled" (crash, timeout, thrown error) or "Handled". */
  functionError?: 'Unhandled' | 'Handled';
  executedVersion: string;
  /** Base64 of the last 4 KB of the log, when logType is "Tail". */
  logResult?: string;
}

export interface LambdaInvoker {
  invoke(req: InvokeRequest): Promise<InvokeResult>;
}
