#!/usr/bin/env node
// `localgate start [--port N] [--host H] ...`: serves every service on one port.
import { parseArgs } from 'node:util';
import { startLocalgate } from './app.ts';
import { configFromEnv, DEFAULT_CONFIG, listValue, type LocalgateConfig } from './config.ts';
import { invokeUrlForms } from './invoke-urls.ts';

const USAGE = `Usage: localgate start [options]
       localgate deploy PATH [options]   (see localgate deploy --help)

Options (environment variable in brackets):
  --port <n>                  port to listen on [LOCALGATE_PORT] (default ${DEFAULT_CONFIG.port})
  --host <addr>               address to bind [LOCALGATE_HOST] (default ${DEFAULT_CONFIG.host})
  --lambda-max-environments <n>  execution environments per function [LOCALGATE_LAMBDA_MAX_ENVIRONMENTS] (default ${DEFAULT_CONFIG.lambdaMaxEnvironments})
  --lambda-idle-ms <ms>       stop idle environments after this long [LOCALGATE_LAMBDA_IDLE_MS] (default ${DEFAULT_CONFIG.lambdaIdleMs})
  --quiet                     no request or function logs [LOCALGATE_QUIET]
  --strict-runtimes           refuse runtimes AWS no longer accepts for new functions [LOCALGATE_STRICT_RUNTIMES]
  --allowed-origins <list>    browser origins (comma-separated) allowed to call the control plane,
                              besides loopback ones [LOCALGATE_ALLOWED_ORIGINS]
  --allowed-hosts <list>      Host names (comma-separated) the control plane answers to, besides
                              loopback names and IP addresses [LOCALGATE_ALLOWED_HOSTS]
  --lambda-check-roles        CreateFunction refuses roles IAM does not hold [LOCALGATE_LAMBDA_CHECK_ROLES]
  --logs-max-events <n>       CloudWatch Logs events kept, oldest dropped first [LOCALGATE_LOGS_MAX_EVENTS] (default ${DEFAULT_CONFIG.logsMaxEvents})
  --account-id <id>           account of requests whose access key is not a 12-digit id [LOCALGATE_ACCOUNT_ID] (default ${DEFAULT_CONFIG.accountId})
  --region <name>             region of requests that name none [LOCALGATE_REGION] (default ${DEFAULT_CONFIG.region})
  --state-dir <dir>           keep APIs, functions, stacks, buckets, ... in this directory and
                              restore them at start [LOCALGATE_STATE_DIR] (default: nothing kept)
  -h, --help                  show this help`;

async function main() {
  if (process.argv[2] === 'deploy') {
    // Loaded only for this command (its own chunk in the bundle): the server never pays for it.
    const { runDeploy } = await import('./deploy/command.ts');
    process.exit(await runDeploy(process.argv.slice(3)));
  }
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'lambda-max-environments': { type: 'string' },
      'lambda-idle-ms': { type: 'string' },
      quiet: { type: 'boolean' },
      'strict-runtimes': { type: 'boolean' },
      'allowed-origins': { type: 'string' },
      'allowed-hosts': { type: 'string' },
      'logs-max-events': { type: 'string' },
      'lambda-check-roles': { type: 'boolean' },
      'account-id': { type: 'string' },
      region: { type: 'string' },
      'state-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0] ?? 'start';
  if (values.help || command !== 'start') {
    console.log(USAGE);
    process.exit(values.help ? 0 : 1);
  }
  const config: Partial<LocalgateConfig> = configFromEnv();
  if (values.port) config.port = Number(values.port);
  if (values.host) config.host = values.host;
  if (values['lambda-max-environments']) config.lambdaMaxEnvironments = Number(values['lambda-max-environments']);
  if (values['lambda-idle-ms']) config.lambdaIdleMs = Number(values['lambda-idle-ms']);
  if (values.quiet) config.quiet = true;
  if (values['strict-runtimes']) config.strictRuntimes = true;
  if (values['allowed-origins']) config.allowedOrigins = listValue(values['allowed-origins']);
  if (values['allowed-hosts']) config.allowedHosts = listValue(values['allowed-hosts']);
  if (values['logs-max-events']) config.logsMaxEvents = Number(values['logs-max-events']);
  if (values['lambda-check-roles']) config.lambdaCheckRoles = true;
  if (values['account-id']) config.accountId = values['account-id'];
  if (values.region) config.region = values.region;
  if (values['state-dir']) config.stateDir = values['state-dir'];
  if (config.accountId !== undefined && !/^\d{12}$/.test(config.accountId)) {
    console.error(`localgate: invalid account id ${config.accountId} (12 digits expected)`);
    process.exit(1);
  }
  if (!Number.isInteger(config.port ?? 0) || (config.port ?? 0) < 0 || (config.port ?? 0) > 65535) {
    console.error(`localgate: invalid port ${values.port ?? process.env.LOCALGATE_PORT}`);
    process.exit(1);
  }

  const app = await startLocalgate(config);
  const listenHost = app.config.host.includes(':') ? `[${app.config.host}]` : app.config.host;
  console.log(`localgate listening on http://${listenHost}:${app.port}`);
  console.log(`  AWS endpoint:  ${app.url}   (AWS_ENDPOINT_URL=${app.url})`);
  console.log(`  Defaults:      account ${app.config.accountId}, region ${app.config.region}`);
  invokeUrlForms(app.url).http.forEach((form, i) => console.log(`${i ? '                 ' : '  Invoke URLs:   '}${form}`));
  console.log(`  Console:       ${app.url}/_localgate/`);
  if (app.state) console.log(`  State:         ${app.state.dir} (restored in ${Math.round(app.state.restoreMs)} ms)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`localgate: ${signal}, shutting down`);
    await app.close();
    process.exit(0);
  };
  // Last line of defence: a bug must not take down every API a developer is running.
  // Request handlers already turn faults into AWS errors; anything that escapes is logged.
  process.on('uncaughtException', (err) => console.error('localgate: internal error (still running):', err));
  process.on('unhandledRejection', (err) => console.error('localgate: internal error (still running):', err));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(`localgate: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
