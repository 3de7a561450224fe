// How other parts of localgate (API Gateway integrations and authorizers) call a function.
// Implemented by the Lambda service; faults are thrown as AwsError with Lambda's codes
// (ResourceNotFoundException, TooManyRequestsException, ...).
import type { RequestTrace } from '../../console/trace.ts';

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
  trace?: RequestTrace;
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
