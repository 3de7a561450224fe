// The one contract every integration implements, whatever the API kind: `invoke(input)`
// answers the kind's result or a neutral failure. An integration says WHAT went wrong
// (the function timed out, failed, answered something malformed, the upstream could not be
// reached, the integration is misconfigured); each kind decides what the client sees
// (HTTP APIs a 503 or 500, REST APIs a gateway response type, WebSocket APIs a failed route).
// Each kind keeps a table of its integrations by IntegrationType: adding a type is one
// file and one table row.

export type FailureKind =
  /** The integration outlasted its timeout. */
  | 'timeout'
  /** The function ran and failed (an unhandled or handled error). */
  | 'function-error'
  /** Lambda could not run the function (no such function, not allowed, ...). */
  | 'invoke-failed'
  /** Lambda refused to run the function for now: its concurrency is used up
   * (TooManyRequestsException). API Gateway answers it like any invoke failure (500);
   * function URLs answer Lambda's 429. */
  | 'throttled'
  /** The function's or upstream's answer is not what the integration expects. */
  | 'bad-response'
  /** The HTTP upstream could not be reached or broke off. */
  | 'upstream-error'
  /** The integration's own settings cannot work (an unparsable URI, an unsupported subtype). */
  | 'misconfigured';

export interface IntegrationFailure {
  readonly failure: FailureKind;
  /** Why, for localgate's log and the console (clients see only the kind's answer). */
  readonly reason?: string;
}

export const failed = (failure: FailureKind, reason?: string): IntegrationFailure => ({ failure, reason });

export function isFailure(value: unknown): value is IntegrationFailure {
  return typeof value === 'object' && value !== null && 'failure' in value;
}

export interface Integration<Input, Output> {
  /** An integration that answers without waiting (a REST MOCK) may answer directly: callers await. */
  invoke(input: Input): Output | IntegrationFailure | Promise<Output | IntegrationFailure>;
}

/** A kind's integrations by IntegrationType. */
export type IntegrationTable<Input, Output> = Readonly<Record<string, Integration<Input, Output>>>;

/** The table's integration for a type; undefined for types the kind does not serve. */
export function integrationFor<Input, Output>(table: IntegrationTable<Input, Output>, type: string | undefined): Integration<Input, Output> | undefined {
  return type !== undefined && Object.hasOwn(table, type) ? table[type] : undefined;
}
