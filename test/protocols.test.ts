// The query, json and rest-xml engines end to end: boto3 and the AWS CLI
// (test/protocols/boto3_protocols.py) against a control plane whose new services have the
// small test providers of test/protocols/providers.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startProtocolServer } from './protocols/providers.ts';

const run = promisify(execFile);
let server: Awaited<ReturnType<typeof startProtocolServer>>;
before(async () => {
  server = await startProtocolServer();
});
after(() => server.close());

test('boto3 and the AWS CLI speak query, json 1.1 and rest-xml with localgate', async () => {
  const script = join(import.meta.dirname, 'protocols', 'boto3_protocols.py');
  // Asynchronous on purpose: the server answering the script runs in this process.
  const result = await run('python3', [script], { env: { ...process.env, LOCALGATE_ENDPOINT: server.url }, timeout: 120_000 }).catch(
    (err: { stdout?: string; stderr?: string; message: string }) => assert.fail(`${err.stderr || err.message}${err.stdout ?? ''}`),
  );
  assert.match(result.stdout, /^ok: /m);
});
