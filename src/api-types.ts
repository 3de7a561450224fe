// The types of localgate's programmatic API (src/api.ts). Declarations only, no values: the
// build copies this file as the package's type declarations (dist/index.d.ts and .d.cts), so it
// must import nothing. Options have the names of LocalgateConfig's members (src/config.ts), the
// settings `localgate start` takes as flags; test/api.test.ts checks they stay the same set.

export interface LocalgateOptions {
  /** Port to listen on; default 0: a free port, read it back from `port` or `endpoint`. */
  port?: number;
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  /** No request or function logs; default true (the CLI's default is false). */
  quiet?: boolean;
  /** Execution environments per function; default 10. */
  lambdaMaxEnvironments?: number;
  /** An idle execution environment is stopped after this many milliseconds; default 600000. */
  lambdaIdleMs?: number;
  /** Refuse runtimes AWS no longer accepts for new functions; default false. */
  strictRuntimes?: boolean;
  /** CloudWatch Logs events kept, the oldest dropped first; default 100000. */
  logsMaxEvents?: number;
  /** CreateFunction refuses an execution role IAM does not hold; default false. */
  lambdaCheckRoles?: boolean;
  /** Account of requests whose access key is not a 12-digit account id; default 000000000000. */
  accountId?: string;
  /** Region of requests that name none; default us-east-1. */
  region?: string;
  /** Browser origins allowed to call the control plane besides loopback ones. */
  allowedOrigins?: string[];
  /** Host names the control plane answers to besides loopback names and IP addresses. */
  allowedHosts?: string[];
  /** Requests for AWS services localgate does not serve are proxied to this URL (e.g. a DynamoDB Local). */
  forwardUrl?: string;
  /** Keep state in this directory and restore it at the next start; default: nothing kept. */
  stateDir?: string;
  /** How long a CloudFormation custom resource waits for its response without a ServiceTimeout; default 3600000. */
  customResourceTimeoutMs?: number;
  /** Where `nodejs*` functions run: `process` (default) or `worker` (worker threads inside localgate; see the README for its limits). */
  lambdaExecutor?: 'process' | 'worker';
}

export interface DeployOptions {
  /** Stack name (a template: default its folder's name; cdk.out: deploy only this stack; .serverless: default {service}-{stage}). */
  stackName?: string;
  /** Template parameter values. */
  parameters?: Record<string, string>;
  /** Region to deploy into; default the instance's region. */
  region?: string;
  /** Deploy the resources localgate serves and skip the others (with a warning) instead of failing. */
  skipUnsupported?: boolean;
  /** Receives the lines `localgate deploy` prints; default: nothing is printed. */
  log?: (line: string) => void;
}

export interface DeployedStack {
  stackName: string;
  /** CloudFormation's status, e.g. CREATE_COMPLETE or UPDATE_COMPLETE. */
  status: string;
  /** The stack's outputs by OutputKey. */
  outputs: Record<string, string>;
  /** Every stage of every API the stack created, with its local invoke URL. */
  apis: { kind: 'REST' | 'HTTP' | 'WebSocket'; logicalId: string; apiId: string; stage: string; url: string }[];
}

export interface LocalgateInstance {
  /** Where AWS SDK clients and the CLI reach this instance, e.g. http://localhost:53211. */
  endpoint: string;
  port: number;
  /** Clears all state (APIs, functions, stacks, objects, ...), as POST /_localgate/reset does. */
  reset(): Promise<void>;
  /** Stops the server and ends every function process it started. Calling it again does nothing. */
  stop(): Promise<void>;
  /** Deploys a CloudFormation or SAM template, a cdk.out folder or a .serverless folder, as
   * `localgate deploy PATH` does; rejects with CloudFormation's reason when a stack fails. */
  deploy(path: string, options?: DeployOptions): Promise<DeployedStack[]>;
}

/** Starts a localgate in this process. Each call starts an independent instance. */
export type StartLocalgate = (options?: LocalgateOptions) => Promise<LocalgateInstance>;
