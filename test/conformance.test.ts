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

// The scripts are independent (their names carry a random suffix), so they run side by side.
describe('AWS tutorials with the AWS CLI and boto3', { concurrency: true }, () => {
  let app: Localgate;
  before(async () => {
    app = await startTestServer();
  });
  after(async () => {
    await app.close();
  });

  for (const script of SCRIPTS) {
    it(script, async () => {
      // Asynchronous on purpose: the server answering the script runs in this process.
      const result = await run('python3', [join(DIR, script)], {
        cwd: DIR,
        env: { ...process.env, LOCALGATE_ENDPOINT: app.url },
        timeout: 50_000,
      }).catch((err: { stdout?: string; stderr?: string; message: string }) => {
        assert.fail(`${script} failed:\n${err.stderr || err.message}${err.stdout ?? ''}`);
      });
      assert.match(result.stdout, /^ok: /m);
    });
  }
});
