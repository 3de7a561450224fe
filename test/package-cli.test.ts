// The command line as a user meets it: --help lists every flag and variable the README's
// configuration table lists (both come from src/settings.ts), --version prints the package's
// version, and mistakes (unknown flags, bad values) are said clearly with exit status 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../src/paths.ts';
import { configFromEnv, SETTINGS, settingsMarkdown } from '../src/settings.ts';

const run = promisify(execFile);
const CLI = join(packageRoot, 'src', 'cli.ts');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err: any) {
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

test('the README\'s configuration table is the settings table', () => {
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
  assert.ok(readme.includes(`## Configuration\n\n${settingsMarkdown()}\n\n`), 'README.md\'s configuration table differs from settingsMarkdown() in src/settings.ts');
});

test('--help names every flag and environment variable, with its default', async () => {
  const { code, stdout } = await cli('--help');
  assert.equal(code, 0);
  for (const setting of SETTINGS) {
    if (setting.flag) assert.match(stdout, new RegExp(`\\n  ${setting.flag}\\b`), setting.flag);
    assert.ok(stdout.includes(setting.env), setting.env);
  }
  assert.match(stdout, /\n  --port <n>\n      port to listen on \(0: any free port\)\n      \[LOCALGATE_PORT\] default: 4566\n/);
  assert.match(stdout, /\n  LOCALGATE_PYTHON \(environment only\)\n      the interpreter that runs python3\.x functions\n      default: python3\n/);
  assert.match(stdout, /\n  -v, --version\n/);
  assert.equal((await cli('start', '-h')).stdout, stdout);
});

test('--version prints package.json\'s version', async () => {
  const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
  assert.deepEqual(await cli('--version'), { code: 0, stdout: `${version}\n`, stderr: '' });
  assert.equal((await cli('-v')).stdout, `${version}\n`);
});

test('unknown flags, commands and bad values are refused with exit status 2', async () => {
  assert.deepEqual(await cli('start', '--prot', '4567'), { code: 2, stdout: '', stderr: 'localgate: unknown option --prot (see localgate --help)\n' });
  assert.deepEqual(await cli('serve'), { code: 2, stdout: '', stderr: 'localgate: unknown command \'serve\' (see localgate --help)\n' });
  assert.deepEqual(await cli('--port', 'abc'), { code: 2, stdout: '', stderr: 'localgate: --port takes a whole number, not \'abc\'\n' });
  assert.deepEqual(await cli('--port', '70000'), { code: 2, stdout: '', stderr: 'localgate: invalid port 70000\n' });
  assert.deepEqual(await cli('--account-id', '42'), { code: 2, stdout: '', stderr: 'localgate: invalid account id 42 (12 digits expected)\n' });
  assert.deepEqual(await cli('--forward-unknown-services', 'localhost:8000'), { code: 2, stdout: '', stderr: 'localgate: --forward-unknown-services takes an http:// or https:// URL, not \'localhost:8000\'\n' });
});

test('environment variables are read through the same table', () => {
  assert.deepEqual(
    configFromEnv({ LOCALGATE_PORT: '0', LOCALGATE_QUIET: '1', LOCALGATE_ALLOWED_HOSTS: 'a.test, b.test', LOCALGATE_FORWARD_URL: 'http://localhost:8000', LOCALGATE_PYTHON: 'python3.12', LOCALGATE_STRICT_RUNTIMES: 'no' }),
    { port: 0, quiet: true, allowedHosts: ['a.test', 'b.test'], forwardUrl: 'http://localhost:8000', strictRuntimes: false },
  );
  assert.throws(() => configFromEnv({ LOCALGATE_LAMBDA_IDLE_MS: '10s' }), { message: 'LOCALGATE_LAMBDA_IDLE_MS takes a whole number, not \'10s\'' });
});
