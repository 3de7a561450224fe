// Which Lambda runtime ids localgate runs, on what, and which ones AWS no longer accepts
// for new functions. Every nodejs* and python3.* id of the Lambda model runs on this
// machine's node / python3 (LOCALGATE_NODE / LOCALGATE_PYTHON choose the interpreter);
// provided* runs the zip's own bootstrap.
import { execFileSync } from 'node:child_process';

export type RuntimeFamily = 'node' | 'python' | 'provided';

export const SUPPORTED_RUNTIMES: Record<string, RuntimeFamily> = {
  nodejs: 'node',
  'nodejs4.3': 'node',
  'nodejs4.3-edge': 'node',
  'nodejs6.10': 'node',
  'nodejs8.10': 'node',
  'nodejs10.x': 'node',
  'nodejs12.x': 'node',
  'nodejs14.x': 'node',
  'nodejs16.x': 'node',
  'nodejs18.x': 'node',
  'nodejs20.x': 'node',
  'nodejs22.x': 'node',
  'nodejs24.x': 'node',
  'python3.6': 'python',
  'python3.7': 'python',
  'python3.8': 'python',
  'python3.9': 'python',
  'python3.10': 'python',
  'python3.11': 'python',
  'python3.12': 'python',
  'python3.13': 'python',
  'python3.14': 'python',
  provided: 'provided',
  'provided.al2': 'provided',
  'provided.al2023': 'provided',
};

/** The runtime AWS's refusal recommends instead, per family. */
const NEWEST: Record<RuntimeFamily, string> = { node: 'nodejs24.x', python: 'python3.14', provided: 'provided.al2023' };

/**
 * From when AWS refuses to create functions with a runtime ("Block function create" in the
 * Lambda developer guide's runtime table), as AWS's own template validator
 * (@aws/cloudformation-validate 1.14.0, rule W2531) lists them; the dates of nodejs16.x to
 * python3.9 and provided.al2 were moved to 2027-02-01 by AWS. Runtimes without a date are not listed.
 */
const BLOCK_FUNCTION_CREATE: Record<string, string> = {
  nodejs: '2016-09-30',
  'nodejs4.3': '2020-02-03',
  'nodejs6.10': '2019-07-12',
  'nodejs8.10': '2020-02-04',
  'nodejs10.x': '2021-07-30',
  'nodejs12.x': '2023-03-31',
  'nodejs14.x': '2024-01-09',
  'nodejs16.x': '2027-02-01',
  'nodejs18.x': '2027-02-01',
  'nodejs20.x': '2027-02-01',
  'python3.6': '2022-07-18',
  'python3.7': '2024-01-09',
  'python3.8': '2027-02-01',
  'python3.9': '2027-02-01',
  provided: '2024-02-08',
  'provided.al2': '2027-02-01',
};

export function runtimeFamily(runtime: string | undefined): RuntimeFamily | undefined {
  return runtime === undefined ? undefined : SUPPORTED_RUNTIMES[runtime];
}

/** The date (YYYY-MM-DD) from which AWS refuses new functions on this runtime, if it has passed. */
export function blockedSince(runtime: string, now = new Date()): string | undefined {
  const date = BLOCK_FUNCTION_CREATE[runtime];
  return date !== undefined && date <= now.toISOString().slice(0, 10) ? date : undefined;
}

/** AWS's InvalidParameterValueException message for a runtime past its block date. */
export function blockedRuntimeMessage(runtime: string): string {
  const family = runtimeFamily(runtime) ?? 'node';
  return `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (${NEWEST[family]}) while creating or updating functions.`;
}

export const NODE = process.env.LOCALGATE_NODE ?? process.execPath;
export const PYTHON = process.env.LOCALGATE_PYTHON ?? 'python3';

const interpreterVersions = new Map<RuntimeFamily, string>();
const mismatchesSaid = new Set<string>();

/** What runs a family on this machine, e.g. "node v20.20.2", asked once per family. */
export function interpreterVersion(family: RuntimeFamily): string {
  if (family === 'provided') return "the zip's own bootstrap";
  let version = interpreterVersions.get(family);
  if (version === undefined) {
    const command = family === 'node' ? NODE : PYTHON;
    try {
      version = `${command} ${execFileSync(command, ['--version'], { encoding: 'utf8' }).trim()}`;
    } catch {
      version = `${command} (not found)`;
    }
    interpreterVersions.set(family, version);
  }
  return version;
}

/** Once per runtime id: a note when the local interpreter's major version is not the runtime's. */
export function versionMismatchNote(runtime: string): string | undefined {
  const family = runtimeFamily(runtime);
  if (family === undefined || family === 'provided' || mismatchesSaid.has(runtime)) return undefined;
  const wanted = /^(?:nodejs|python)(\d+(?:\.\d+)?)/.exec(runtime)?.[1];
  const actual = interpreterVersion(family);
  const have = family === 'node' ? /v(\d+)\./.exec(actual)?.[1] : /Python (\d+\.\d+)/.exec(actual)?.[1];
  if (wanted === undefined || have === undefined || wanted === have) return undefined;
  mismatchesSaid.add(runtime);
  return `localgate: ${runtime} functions run on ${actual}, not ${family === 'node' ? 'Node.js' : 'Python'} ${wanted} (set LOCALGATE_${family.toUpperCase()} to choose the interpreter)`;
}
