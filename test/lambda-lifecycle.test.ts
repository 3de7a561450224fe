// No execution environment outlives localgate: neither a clean stop (SIGTERM) nor a
// SIGKILL of the localgate process leaves function processes behind.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { createFunction, invokeJson } from './fixtures/lambda/zips.ts';
import { alive, stillRunning } from './processes.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function startChildLocalgate() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start', '--port', '0', '--quiet'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`localgate exited: ${out}`)));
  });
  return { child, url };
}

async function functionPids(url: string) {
  const client = new LambdaClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  await createFunction(client, 'node-fn', { 'index.js': 'exports.handler = async () => process.pid;' });
  await createFunction(client, 'py-fn', { 'app.py': 'import os\ndef handler(e, c):\n    return os.getpid()\n' }, { Runtime: 'python3.12', Handler: 'app.handler' });
  const pids = [(await invokeJson(client, 'node-fn')).json as number, (await invokeJson(client, 'py-fn')).json as number];
  client.destroy();
  return pids;
}

describe('lambda environments and the localgate process', () => {
  it('stop with localgate on SIGTERM', async () => {
    const { child, url } = await startChildLocalgate();
    const pids = await functionPids(url);
    assert.ok(pids.every(alive));
    child.kill('SIGTERM');
    assert.deepEqual(await stillRunning(pids, 10_000), []);
  });

  it('stop when localgate is killed with SIGKILL', async () => {
    const { child, url } = await startChildLocalgate();
    const pids = await functionPids(url);
    assert.ok(pids.every(alive));
    child.kill('SIGKILL');
    assert.deepEqual(await stillRunning(pids, 10_000), []);
  });
});
