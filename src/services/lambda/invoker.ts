// How other parts of localgate (API Gateway integrations and authorizers) call a function.
// Implemented by the Lambda service; faults are thrown as AwsError with Lambda's codes
// (ResourceNotFoundException, TooManyRequestsException, ...). Every finished invocation
// is published on the `localgate:lambda:invocation` diagnostics channel (the console's
// recent invocations listen there).
import { channel } from 'node:diagnostics_channel';

export interface InvokeRequest {
  account: string;
  region: string;
  /** A function name, full or partial ARN, optionally with ":qualifier". */
  functionName: string;
  qualifier?: string;
  /** A client's bytes (checked to be JSON, as Lambda's Invoke does), or an event the data
   * plane built itself (serialised once here, never parsed again). */
  payload: Buffer | BuiltEvent;
  invocationType?: 'RequestResponse' | 'Event' | 'DryRun';
  logType?: 'None' | 'Tail';
  /** Base64 JSON, as the X-Amz-Client-Context header carries it. */
  clientContext?: string;
  /** The Invoke call's own request id: Lambda answers it as x-amzn-RequestId and the function
   * sees it as its awsRequestId (START/END/REPORT name it); a fresh one when absent. */
  requestId?: string;
}

/** An event object localgate built (an API Gateway proxy event, a function URL's event). */
export interface BuiltEvent {
  event: unknown;
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

/** One finished invocation, as the console shows it (per function, and inside a request's trace). */
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

export interface InvocationMessage {
  /** The Lambda store (one per localgate instance) of the function. */
  store: object;
  record: InvocationRecord;
}

/** Carries InvocationMessages; published in the invoking caller's async context. */
export const invocationChannel = channel('localgate:lambda:invocation');

/** Publishes a finished invocation (the record is built only when anyone listens). */
export function publishInvocation(store: object, record: () => InvocationRecord) {
  if (invocationChannel.hasSubscribers) invocationChannel.publish({ store, record: record() } satisfies InvocationMessage);
}
