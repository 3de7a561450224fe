// AWS's own tutorials replayed with the AWS CLI and boto3 (test/conformance/*.py) against an
// in-process localgate. Each script exits non-zero naming the fact that differs from AWS.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestServer } from './helpers.ts';
import type { Localgate } from '../src/app.ts';

const run = promisify(execFile);
const DIR = join(import.meta.dirname, 'conformance');
const SCRIPTS = readdirSync(DIR).filter((f) => f.endsWith('.py') && f !== 'common.py').sort();

// Each script starts dozens of AWS CLI processes. Measured one at a time on the shared 2-core
// machine under load (load average 14): 2-42 s each (rest_api_mock 42 s, http_api_crud 33 s,
// rest_api_lambda_proxy 22 s, the rest under 5 s). So two run side by side (they are
// independent: their names carry a random suffix) and each gets a generous limit; a script
// that hangs still fails, saying it timed out.
const SCRIPT_TIMEOUT_MS = 240_000;

describe('AWS tutorials with the AWS CLI and boto3', { concurrency: 2 }, () => {
  let app: Localgate;
  before(async () => {
    app = await startTestServer();
  });
  after(async () => {
    await app.close();
  });

  for (const script of SCRIPTS) {
    it(script, { timeout: SCRIPT_TIMEOUT_MS + 10_000 }, async () => {
      // Asynchronous on purpose: the server answering the script runs in this process.
      const result = await run('python3', [join(DIR, script)], {
        cwd: DIR,
        env: { ...process.env, LOCALGATE_ENDPOINT: app.url },
        timeout: SCRIPT_TIMEOUT_MS,
      }).catch((err: { stdout?: string; stderr?: string; message: string; killed?: boolean }) => {
        const why = err.killed ? `timed out after ${SCRIPT_TIMEOUT_MS / 1000} s` : 'failed';
        assert.fail(`${script} ${why}:\n${err.stderr || err.message}${err.stdout ?? ''}`);
      });
      assert.match(result.stdout, /^ok: /m);
    });
  }
});
