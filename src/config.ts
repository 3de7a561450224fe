// localgate's settings and their defaults; LOCALGATE_* environment variables, then
// command-line flags override them (settings.ts has the table of both).
export interface LocalgateConfig {
  port: number;
  host: string;
  /** Most execution environments (child processes) alive per function. */
  lambdaMaxEnvironments: number;
  /** An idle execution environment is stopped after this many milliseconds. */
  lambdaIdleMs: number;
  /** Print each data-plane request and function log line. */
  quiet: boolean;
  /** How long a CloudFormation custom resource waits for its response when it sets no ServiceTimeout. */
  customResourceTimeoutMs: number;
  /** Refuse runtimes AWS no longer accepts for new functions, with AWS's error (else a warning). */
  strictRuntimes: boolean;
  /** Browser origins, besides loopback ones, allowed to call the control plane (see server/origin-guard.ts). */
  allowedOrigins: string[];
  /** Host names, besides loopback names and IP addresses, the control plane answers to. */
  allowedHosts: string[];
  /** CloudWatch Logs keeps at most this many events (all groups); the oldest go first. */
  logsMaxEvents: number;
  /** Lambda refuses execution roles IAM does not hold (AWS's behaviour; off by default). */
  lambdaCheckRoles: boolean;
  /** The account of requests whose access key is not a 12-digit account id. */
  accountId: string;
  /** The region of requests that name none (unsigned ones). */
  region: string;
  /** Where requests for AWS services localgate does not serve are proxied (server/forward.ts); none: they get an error. */
  forwardUrl?: string;
  /** Keep state in this directory and restore it at start (state/persistence.ts); none by default. */
  stateDir?: string;
  /** Where `nodejs*` functions run: `process` (one per environment) or `worker` (a worker thread each); none: LOCALGATE_LAMBDA_EXECUTOR, else `process`. */
  lambdaExecutor?: LambdaExecutor;
}

/** Where `nodejs*` execution environments run (runtime/worker-runtime.ts). */
export type LambdaExecutor = 'process' | 'worker';
export const LAMBDA_EXECUTORS: readonly LambdaExecutor[] = ['process', 'worker'];

export const DEFAULT_CONFIG: LocalgateConfig = {
  port: 4566,
  host: '127.0.0.1',
  lambdaMaxEnvironments: 10,
  lambdaIdleMs: 10 * 60_000,
  quiet: false,
  customResourceTimeoutMs: 60 * 60_000,
  strictRuntimes: false,
  allowedOrigins: [],
  allowedHosts: [],
  logsMaxEvents: 100_000,
  lambdaCheckRoles: false,
  accountId: '000000000000',
  region: 'us-east-1',
};

/** A comma-separated list, e.g. "http://a:3000, http://b:8080". */
export function listValue(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}
