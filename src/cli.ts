#!/usr/bin/env node
// `localgate start [--port N] [--host H] ...`: serves every service on one port;
// `localgate deploy` is deploy/command.ts; --help and --version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalgate } from './app.ts';
import type { LocalgateConfig } from './config.ts';
import { invokeUrlForms } from './invoke-urls.ts';
import { packageRoot } from './paths.ts';
import { checkConfig, configFromEnv, configFromFlags, flagOptions, settingsHelp } from './settings.ts';

const USAGE = `Usage: localgate [start] [options]       serve every API and function on one port
       localgate deploy PATH [options]   deploy a template, cdk.out or .serverless (see localgate deploy --help)
       localgate --version

Options of start (environment variable in brackets; flags win over it):
${settingsHelp()}
  -h, --help
      show this help
  -v, --version
      print localgate's version`;

/** A mistake in how localgate was called: said on stderr, exit status 2. */
class UsageError extends Error {}

function readStartConfig(args: string[]): Partial<LocalgateConfig> | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { ...flagOptions(), help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
    });
  } catch (err) {
    const unknown = /^Unknown option '([^']+)'/.exec((err as Error).message);
    throw new UsageError(unknown ? `unknown option ${unknown[1]} (see localgate --help)` : (err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (values.version) return 'version';
  const command = positionals[0] ?? 'start';
  if (command !== 'start') throw new UsageError(`unknown command '${command}' (see localgate --help)`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}' (see localgate --help)`);
  try {
    const config = { ...configFromEnv(), ...configFromFlags(values) };
    checkConfig(config);
    return config;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function main() {
  if (process.argv[2] === 'deploy') {
    // Loaded only for this command (its own chunk in the bundle): the server never pays for it.
    const { runDeploy } = await import('./deploy/command.ts');
    process.exit(await runDeploy(process.argv.slice(3)));
  }
  let config: ReturnType<typeof readStartConfig>;
  try {
    config = readStartConfig(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`localgate: ${err.message}`);
    process.exit(2);
  }
  if (config === 'help') {
    console.log(USAGE);
    process.exit(0);
  }
  if (config === 'version') {
    console.log(JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version);
    process.exit(0);
  }

  const app = await startLocalgate(config);
  const listenHost = app.config.host.includes(':') ? `[${app.config.host}]` : app.config.host;
  console.log(`localgate listening on http://${listenHost}:${app.port}`);
  console.log(`  AWS endpoint:  ${app.url}   (AWS_ENDPOINT_URL=${app.url})`);
  console.log(`  Defaults:      account ${app.config.accountId}, region ${app.config.region}`);
  invokeUrlForms(app.url).http.forEach((form, i) => console.log(`${i ? '                 ' : '  Invoke URLs:   '}${form}`));
  console.log(`  Console:       ${app.url}/_localgate/`);
  if (app.config.forwardUrl) console.log(`  Forwarding:    requests for other AWS services to ${app.config.forwardUrl}`);
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
