// How an execution environment's process is started for each runtime family: the command,
// and the documented Lambda environment variables plus the function's own.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { packageRoot } from '../paths.ts';
import { CHANNEL_FD, CHANNEL_VARIABLE } from './channel.ts';
import { interpreterVersion, NODE, PYTHON, SUPPORTED_RUNTIMES, type RuntimeFamily } from './runtimes.ts';

export interface FunctionSpec {
  functionName: string;
  /** Unqualified function ARN. */
  functionArn: string;
  version: string;
  runtime: string;
  handler: string;
  /** Where the function's code lives (LAMBDA_TASK_ROOT). */
  codeDir: string;
  memoryMb: number;
  timeoutSec: number;
  variables: Record<string, string>;
  account: string;
  region: string;
  /** localgate's own URL, given to the function as AWS_ENDPOINT_URL. */
  endpointUrl: string;
  logGroup: string;
  /** The function's layers merged in order: its stand-in for /opt (localgate cannot write /opt). */
  optDir?: string;
}


// Found from the package root so that the bundled build (dist/) finds them too.
const BOOTSTRAPS = join(packageRoot, 'src', 'runtime', 'bootstraps');

/** How localgate's own runtimes talk to it: the framed channel, or HTTP like any other. */
export type TransportChoice = 'channel' | 'http';

/** LOCALGATE_LAMBDA_RUNTIME_TRANSPORT=http makes localgate's own runtimes speak HTTP too. */
export function defaultTransport(env: NodeJS.ProcessEnv = process.env): TransportChoice {
  return env.LOCALGATE_LAMBDA_RUNTIME_TRANSPORT === 'http' ? 'http' : 'channel';
}

interface Launch {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** The runtime speaks the framed channel on descriptor CHANNEL_FD. */
  channel: boolean;
  /** Set when the runtime cannot start at all (e.g. no bootstrap in a provided zip). */
  entrypointError?: { errorType: string; errorMessage: string };
}

export function launchFor(spec: FunctionSpec, runtimeApi: string, transport: TransportChoice = 'channel'): Launch {
  const family = SUPPORTED_RUNTIMES[spec.runtime];
  const env = lambdaEnvironment(spec, runtimeApi);
  if (spec.optDir) addLayerPaths(env, spec.optDir, spec.runtime, family);
  const channel = transport === 'channel' && family !== 'provided';
  // The bootstrap reads (and removes) the variable; without it, it speaks HTTP.
  if (channel) env[CHANNEL_VARIABLE] = String(CHANNEL_FD);
  if (family === 'node') {
    // Lambda's Node.js runtimes ship the AWS SDK v3 (NODE_PATH includes /var/runtime/node_modules);
    // localgate lends its own installed @aws-sdk clients the same way, for require().
    const nodePath = [env.NODE_PATH, join(packageRoot, 'node_modules')].filter(Boolean).join(':');
    return { command: NODE, args: [join(BOOTSTRAPS, 'node', 'bootstrap.cjs')], env: { ...env, NODE_PATH: nodePath }, channel };
  }
  if (family === 'python') {
    // Unbuffered so every line is in the log before the result is posted.
    return { command: PYTHON, args: [join(BOOTSTRAPS, 'python', 'bootstrap.py')], env: { ...env, PYTHONUNBUFFERED: '1' }, channel };
  }
  // As on Lambda, the function's own bootstrap wins over one a layer brings (/opt/bootstrap).
  const candidates = [join(spec.codeDir, 'bootstrap'), ...(spec.optDir ? [join(spec.optDir, 'bootstrap')] : [])];
  const bootstrap = candidates.find((path) => existsSync(path)) ?? candidates[0];
  const launch: Launch = { command: bootstrap, args: [], env, channel: false };
  if (!existsSync(bootstrap)) {
    launch.entrypointError = { errorType: 'Runtime.InvalidEntrypoint', errorMessage: `Couldn't find valid bootstrap(s): [${candidates.join(' ')}]` };
  }
  return launch;
}

/** Where Lambda's runtimes look inside /opt (AWS "Layer paths for each Lambda runtime"),
 * here inside the function's opt directory, which LOCALGATE_OPT_DIR also names. */
function addLayerPaths(env: Record<string, string>, opt: string, runtime: string, family: RuntimeFamily) {
  const join2 = (...parts: Array<string | undefined>) => parts.filter(Boolean).join(':');
  env.LOCALGATE_OPT_DIR = opt;
  env.PATH = join2(env.PATH, join(opt, 'bin'));
  env.LD_LIBRARY_PATH = join2(env.LD_LIBRARY_PATH, join(opt, 'lib'));
  if (family === 'node') {
    const major = /^nodejs(\d+)/.exec(runtime)?.[1];
    env.NODE_PATH = join2(join(opt, 'nodejs', `node${major}`, 'node_modules'), join(opt, 'nodejs', 'node_modules'), env.NODE_PATH);
  } else if (family === 'python') {
    env.PYTHONPATH = join2(join(opt, 'python', 'lib', runtime, 'site-packages'), join(opt, 'python'), env.PYTHONPATH);
  }
}

function lambdaEnvironment(spec: FunctionSpec, runtimeApi: string): Record<string, string> {
  const now = new Date();
  const day = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${String(now.getUTCDate()).padStart(2, '0')}`;
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    ...spec.variables,
    AWS_LAMBDA_RUNTIME_API: runtimeApi,
    _HANDLER: spec.handler,
    LAMBDA_TASK_ROOT: spec.codeDir,
    LAMBDA_RUNTIME_DIR: BOOTSTRAPS,
    AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: spec.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: spec.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: `${day}/[${spec.version}]${randomBytes(16).toString('hex')}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: spec.region,
    AWS_DEFAULT_REGION: spec.region,
    AWS_ENDPOINT_URL: spec.endpointUrl,
    // Dummy credentials; the account id as access key keeps SDK calls in the function's account.
    AWS_ACCESS_KEY_ID: spec.account,
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_SESSION_TOKEN: 'test',
  };
}

/** What actually runs a runtime on this machine, for the INIT_START log line. */
export function runtimeVersionLine(spec: FunctionSpec): string {
  return `INIT_START Runtime Version: ${spec.runtime} (localgate runs it with ${interpreterVersion(SUPPORTED_RUNTIMES[spec.runtime])})`;
}
