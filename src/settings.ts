// Every setting a user can give `localgate start`: its flag, its environment variable, its
// default and what it means. This one table drives the CLI's parsing and its --help, the
// reading of LOCALGATE_* variables, and the README's configuration table (test/package-cli.test.ts
// checks the README holds exactly `settingsMarkdown()`).
import { DEFAULT_CONFIG, LAMBDA_EXECUTORS, listValue, type LocalgateConfig } from './config.ts';

type Kind = 'number' | 'string' | 'boolean' | 'list' | 'url';

export interface Setting {
  /** The config member it sets; absent for variables read where they are used (the runtimes). */
  key?: keyof LocalgateConfig;
  /** e.g. `--port`; absent for settings given by environment only. */
  flag?: string;
  env: string;
  kind: Kind;
  /** How the default reads in the help and README, when it is not DEFAULT_CONFIG's value. */
  defaultText?: string;
  meaning: string;
}

export const SETTINGS: Setting[] = [
  { key: 'port', flag: '--port', env: 'LOCALGATE_PORT', kind: 'number', meaning: 'port to listen on (0: any free port)' },
  { key: 'host', flag: '--host', env: 'LOCALGATE_HOST', kind: 'string', meaning: 'address to bind (loopback by default)' },
  { key: 'lambdaMaxEnvironments', flag: '--lambda-max-environments', env: 'LOCALGATE_LAMBDA_MAX_ENVIRONMENTS', kind: 'number', meaning: 'execution environments per function; more concurrent invokes queue' },
  { key: 'lambdaIdleMs', flag: '--lambda-idle-ms', env: 'LOCALGATE_LAMBDA_IDLE_MS', kind: 'number', meaning: 'an idle environment is stopped after this many milliseconds' },
  { key: 'quiet', flag: '--quiet', env: 'LOCALGATE_QUIET', kind: 'boolean', meaning: 'no request or function logs' },
  { key: 'strictRuntimes', flag: '--strict-runtimes', env: 'LOCALGATE_STRICT_RUNTIMES', kind: 'boolean', meaning: 'refuse runtimes AWS no longer accepts for new functions, with AWS\'s error (else a warning)' },
  { key: 'logsMaxEvents', flag: '--logs-max-events', env: 'LOCALGATE_LOGS_MAX_EVENTS', kind: 'number', meaning: 'CloudWatch Logs events kept (all groups together); the oldest are dropped first' },
  { key: 'lambdaCheckRoles', flag: '--lambda-check-roles', env: 'LOCALGATE_LAMBDA_CHECK_ROLES', kind: 'boolean', meaning: 'CreateFunction and UpdateFunctionConfiguration refuse an execution role IAM does not hold, as AWS does' },
  { key: 'accountId', flag: '--account-id', env: 'LOCALGATE_ACCOUNT_ID', kind: 'string', meaning: 'account of requests whose access key is not a 12-digit account id (it appears in ARNs and `AWS::AccountId`)' },
  { key: 'region', flag: '--region', env: 'LOCALGATE_REGION', kind: 'string', meaning: 'region of requests that name none (unsigned requests); a signed request\'s own region always wins' },
  { key: 'allowedOrigins', flag: '--allowed-origins', env: 'LOCALGATE_ALLOWED_ORIGINS', kind: 'list', meaning: 'browser origins (comma-separated, e.g. `http://devbox:3000`) allowed to call the control plane besides loopback ones; `*` allows any (see Security)' },
  { key: 'allowedHosts', flag: '--allowed-hosts', env: 'LOCALGATE_ALLOWED_HOSTS', kind: 'list', meaning: '`Host` names the control plane answers to besides loopback names and IP addresses; `.example.com` covers its subdomains, `*` allows any' },
  { key: 'forwardUrl', flag: '--forward-unknown-services', env: 'LOCALGATE_FORWARD_URL', kind: 'url', meaning: 'requests for AWS services localgate does not serve (DynamoDB, SQS, ...) are proxied unchanged to this endpoint (e.g. a DynamoDB Local at `http://localhost:8000`) and its answer returned; without it they get an error naming the service' },
  { key: 'stateDir', flag: '--state-dir', env: 'LOCALGATE_STATE_DIR', kind: 'string', meaning: 'keep every API, function, stack, bucket, parameter, ... in this directory and restore it at the next start (see "State that survives a restart"); without it nothing is written' },
  { key: 'lambdaExecutor', flag: '--lambda-executor', env: 'LOCALGATE_LAMBDA_EXECUTOR', kind: 'string', defaultText: '`process`', meaning: '`worker` runs each `nodejs*` execution environment in a worker thread inside localgate instead of a process: faster and smaller, with the limits in "Sizing and speed of Lambda environments"; `python3.*` and `provided*` always run as processes' },
  { key: 'customResourceTimeoutMs', env: 'LOCALGATE_CUSTOM_RESOURCE_TIMEOUT_MS', kind: 'number', meaning: 'how long a CloudFormation custom resource waits for its function\'s response when the resource sets no `ServiceTimeout`' },
  { env: 'LOCALGATE_PYTHON', kind: 'string', defaultText: '`python3`', meaning: 'the interpreter that runs `python3.x` functions' },
  { env: 'LOCALGATE_NODE', kind: 'string', defaultText: 'the node running localgate', meaning: 'the interpreter that runs `nodejs*` functions' },
  { env: 'LOCALGATE_LAMBDA_RUNTIME_TRANSPORT', kind: 'string', defaultText: '`channel`', meaning: '`http` makes localgate\'s own `nodejs*` and `python3.*` runtimes talk to it over the HTTP Runtime API, as `provided*` runtimes always do, instead of their framed channel' },
];

/** What a setting's value looks like after its flag: `<n>`, `<url>`, ... */
function valueName(setting: Setting): string {
  return { number: setting.key?.endsWith('Ms') ? '<ms>' : '<n>', string: setting.key === 'host' ? '<addr>' : setting.key === 'region' ? '<name>' : setting.key === 'stateDir' ? '<dir>' : '<id>', boolean: '', list: '<list>', url: '<url>' }[setting.kind];
}

function defaultText(setting: Setting): string {
  if (setting.defaultText) return setting.defaultText;
  const value = setting.key === undefined ? undefined : DEFAULT_CONFIG[setting.key];
  if (setting.kind === 'boolean') return 'off';
  if (value === undefined || (Array.isArray(value) && !value.length)) return 'none';
  return `\`${value}\``;
}

const flagText = (s: Setting) => (s.flag ? `${s.flag}${s.kind === 'boolean' ? '' : ` ${valueName(s)}`}` : '');
const envText = (s: Setting) => (s.kind === 'boolean' ? `${s.env}=1` : s.env);

/** The README's configuration table. */
export function settingsMarkdown(): string {
  const rows = SETTINGS.map((s) => `|${s.flag ? ` \`${flagText(s)}\` ` : ' '}| \`${envText(s)}\` | ${defaultText(s)} | ${s.meaning} |`);
  return ['| flag | environment | default | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The same table as plain text for `localgate --help`. */
export function settingsHelp(): string {
  const plain = (text: string) => text.replaceAll('`', '');
  return SETTINGS.map((s) => {
    const head = s.flag ? `  ${flagText(s)}` : `  ${s.env} (environment only)`;
    const env = s.flag ? `[${envText(s)}] ` : '';
    return `${head}\n      ${plain(s.meaning)}\n      ${env}default: ${plain(defaultText(s))}`;
  }).join('\n');
}

/** A user's value for a setting, checked; throws a message naming the setting on a bad one. */
function parseValue(setting: Setting, raw: string | boolean, source: string): LocalgateConfig[keyof LocalgateConfig] {
  if (setting.kind === 'boolean') return raw === true || raw === '1' || raw === 'true';
  const text = String(raw);
  if (setting.kind === 'number') {
    if (!/^\d+$/.test(text.trim())) throw new Error(`${source} takes a whole number, not '${text}'`);
    return Number(text);
  }
  if (setting.kind === 'list') return listValue(text);
  if (setting.kind === 'url' && !/^https?:$/.test(protocolOf(text))) throw new Error(`${source} takes an http:// or https:// URL, not '${text}'`);
  return text;
}

function assign(config: Partial<LocalgateConfig>, key: keyof LocalgateConfig, value: unknown) {
  (config as Record<string, unknown>)[key] = value;
}

/** The settings LOCALGATE_* variables give (empty ones are not set). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<LocalgateConfig> {
  const out: Partial<LocalgateConfig> = {};
  for (const setting of SETTINGS) {
    const raw = env[setting.env];
    if (setting.key && raw) assign(out, setting.key, parseValue(setting, raw, setting.env));
  }
  return out;
}

/** node:util parseArgs options for every flag. */
export function flagOptions(): Record<string, { type: 'string' | 'boolean' }> {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const s of SETTINGS) if (s.flag) options[s.flag.slice(2)] = { type: s.kind === 'boolean' ? 'boolean' : 'string' };
  return options;
}

/** The settings parsed flags give. */
export function configFromFlags(values: Record<string, string | boolean | undefined>): Partial<LocalgateConfig> {
  const out: Partial<LocalgateConfig> = {};
  for (const setting of SETTINGS) {
    const raw = setting.flag ? values[setting.flag.slice(2)] : undefined;
    if (setting.key && raw !== undefined) assign(out, setting.key, parseValue(setting, raw, setting.flag!));
  }
  return out;
}

/** Checks settings' values, however given (flags, environment, the programmatic API). */
export function checkConfig(config: Partial<LocalgateConfig>): void {
  if (config.accountId !== undefined && !/^\d{12}$/.test(config.accountId)) throw new Error(`invalid account id ${config.accountId} (12 digits expected)`);
  if (config.port !== undefined && !(Number.isInteger(config.port) && config.port >= 0 && config.port <= 65535)) throw new Error(`invalid port ${config.port}`);
  if (config.lambdaExecutor !== undefined && !LAMBDA_EXECUTORS.includes(config.lambdaExecutor)) {
    throw new Error(`the Lambda executor must be ${LAMBDA_EXECUTORS.join(' or ')}, not '${config.lambdaExecutor}'`);
  }
  if (config.forwardUrl !== undefined && !/^https?:$/.test(protocolOf(config.forwardUrl))) {
    throw new Error(`the forward URL must be an http:// or https:// URL, not '${config.forwardUrl}'`);
  }
}

function protocolOf(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}
