import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { codeSha256, extractZip, MAX_ZIPPED_BYTES } from './zip.ts';

const root = mkdtempSync(join(tmpdir(), 'localgate-zip-test-'));

describe('deployment packages', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('unpacks a zip and reports its base64 SHA-256 and size as Lambda does', async () => {
    const zip = Buffer.from(zipSync({ 'index.js': strToU8('exports.handler = 1;'), 'lib/a.txt': strToU8('a') }));
    const code = await extractZip(zip, join(root, 'one'));
    assert.equal(code.sha256, createHash('sha256').update(zip).digest('base64'));
    assert.equal(code.sha256, codeSha256(zip));
    assert.equal(code.size, zip.length);
    assert.equal(readFileSync(join(code.dir, 'lib', 'a.txt'), 'utf8'), 'a');
    assert.deepEqual(readFileSync(code.zipPath), zip);
  });

  it("refuses what is not a zip with Lambda's message", async () => {
    await assert.rejects(extractZip(Buffer.from('not a zip'), join(root, 'two')), {
      code: 'InvalidParameterValueException',
      message: 'Could not unzip uploaded file. Please check your file, then try to upload again.',
    });
  });

  // test_lambda_api.snapshot.json, TestLambdaSizeLimits::test_oversized_zipped_create_lambda
  it('refuses a package over 50 MB before unpacking it', async () => {
    await assert.rejects(extractZip(Buffer.alloc(MAX_ZIPPED_BYTES + 1), join(root, 'big')), {
      code: 'RequestTooLargeException',
      status: 413,
      message: 'Zipped size must be smaller than 52428800 bytes',
    });
  });
});
