// S3 with the AWS CLI and boto3 (test/fixtures/s3/cli_boto3.py): `aws s3 cp` of a 20 MB file
// (multipart from 8 MB) up and down, s3api calls and errors, boto3's managed transfers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestServer } from './helpers.ts';
import type { Localgate } from '../src/app.ts';

const run = promisify(execFile);

describe('S3 with the AWS CLI and boto3', () => {
  let app: Localgate;
  before(async () => {
    app = await startTestServer();
  });
  after(async () => {
    await app.close();
  });

  it('moves a 20 MB file up and down and answers S3 errors', async () => {
    // Asynchronous on purpose: the server answering the script runs in this process.
    const result = await run('python3', [join(import.meta.dirname, 'fixtures', 's3', 'cli_boto3.py')], {
      env: { ...process.env, LOCALGATE_ENDPOINT: app.url },
      timeout: 180_000,
    }).catch((err: { stdout?: string; stderr?: string; message: string }) => assert.fail(`cli_boto3.py failed:\n${err.stderr || err.message}${err.stdout ?? ''}`));
    assert.match(result.stdout, /^ok: /m);
  });
});
