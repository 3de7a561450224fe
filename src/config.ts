// localgate's settings: defaults, overridden by LOCALGATE_* environment variables, then by
// command-line flags (see cli.ts).
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
  /** Keep state in this directory and restore it at start (state/persistence.ts); none by default. */
  stateDir?: string;
}

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

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<LocalgateConfig> {
  const out: Partial<LocalgateConfig> = {};
  if (env.LOCALGATE_PORT) out.port = Number(env.LOCALGATE_PORT);
  if (env.LOCALGATE_HOST) out.host = env.LOCALGATE_HOST;
  if (env.LOCALGATE_LAMBDA_MAX_ENVIRONMENTS) out.lambdaMaxEnvironments = Number(env.LOCALGATE_LAMBDA_MAX_ENVIRONMENTS);
  if (env.LOCALGATE_LAMBDA_IDLE_MS) out.lambdaIdleMs = Number(env.LOCALGATE_LAMBDA_IDLE_MS);
  if (env.LOCALGATE_QUIET) out.quiet = env.LOCALGATE_QUIET === '1' || env.LOCALGATE_QUIET === 'true';
  if (env.LOCALGATE_CUSTOM_RESOURCE_TIMEOUT_MS) out.customResourceTimeoutMs = Number(env.LOCALGATE_CUSTOM_RESOURCE_TIMEOUT_MS);
  if (env.LOCALGATE_STRICT_RUNTIMES) out.strictRuntimes = env.LOCALGATE_STRICT_RUNTIMES === '1' || env.LOCALGATE_STRICT_RUNTIMES === 'true';
  if (env.LOCALGATE_ALLOWED_ORIGINS) out.allowedOrigins = listValue(env.LOCALGATE_ALLOWED_ORIGINS);
  if (env.LOCALGATE_ALLOWED_HOSTS) out.allowedHosts = listValue(env.LOCALGATE_ALLOWED_HOSTS);
  if (env.LOCALGATE_LOGS_MAX_EVENTS) out.logsMaxEvents = Number(env.LOCALGATE_LOGS_MAX_EVENTS);
  if (env.LOCALGATE_LAMBDA_CHECK_ROLES) out.lambdaCheckRoles = env.LOCALGATE_LAMBDA_CHECK_ROLES === '1' || env.LOCALGATE_LAMBDA_CHECK_ROLES === 'true';
  if (env.LOCALGATE_ACCOUNT_ID) out.accountId = env.LOCALGATE_ACCOUNT_ID;
  if (env.LOCALGATE_REGION) out.region = env.LOCALGATE_REGION;
  if (env.LOCALGATE_STATE_DIR) out.stateDir = env.LOCALGATE_STATE_DIR;
  return out;
}
