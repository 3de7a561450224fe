// Issue 17 item 3: deployment packages are unpacked as a stream. A zip bomb that lies about
// its sizes is refused at 250 MB of real bytes while the server keeps answering; a file and
// a folder of the same name is a 400; symbolic links are kept as links but never written
// through; 100,000 entries unpack.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { CreateFunctionCommand, InvokeCommand, LambdaClient, ListFunctionsCommand, type CreateFunctionCommandInput } from '@aws-sdk/client-lambda';
import { clientConfig, useClient } from './helpers.ts';
import { buildZip } from './zip-builder.ts';
import type { Localgate } from '../src/app.ts';

// Unpacked code goes to memory-backed /dev/shm where there is one: on a busy shared disk,
// creating 100,000 files takes minutes whatever the code does.
if (existsSync('/dev/shm')) process.env.TMPDIR = '/dev/shm';

let app: Localgate;
let lambda: LambdaClient;
useClient((server) => new LambdaClient(clientConfig(server)), (server, client) => {
  app = server;
  lambda = client;
});

const fnInput = (name: string, zip: Buffer): CreateFunctionCommandInput => ({
  FunctionName: name,
  Runtime: 'nodejs20.x',
  Handler: 'index.handler',
  Role: 'arn:aws:iam::000000000000:role/r',
  Code: { ZipFile: zip },
});

async function refusal(name: string, zip: Buffer) {
  const err = await lambda.send(new CreateFunctionCommand(fnInput(name, zip))).then(
    () => assert.fail('expected a refusal'),
    (e) => e,
  );
  return { name: err.name as string, status: err.$metadata.httpStatusCode as number, message: err.message as string };
}

async function invokeJson(name: string, payload: unknown = {}) {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(payload)) }));
  assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload ?? []).toString());
  return JSON.parse(Buffer.from(out.Payload!).toString());
}

/** A handler that reports what its code directory holds. */
const INSPECT = `const fs = require('fs'), path = require('path');
exports.handler = async (e) => {
  const root = process.env.LAMBDA_TASK_ROOT;
  if (e.count) { let n = 0; for (const d of fs.readdirSync(root, { withFileTypes: true })) n += d.isDirectory() ? fs.readdirSync(path.join(root, d.name)).length : 1; return n; }
  if (e.link) return { link: fs.readlinkSync(path.join(root, e.link)), content: fs.readFileSync(path.join(root, e.link), 'utf8') };
  return fs.readdirSync(root).sort();
};`;

describe('zip bombs and odd zips', () => {
  test('a bomb that lies about its sizes is refused at 250 MB of real bytes, and health answers meanwhile', async () => {
    const chunk = deflateRawSync(Buffer.alloc(100 * 1024 * 1024)); // ~100 KB on the wire
    const bomb = buildZip([1, 2, 3, 4].map((i) => ({ name: `zeros${i}.bin`, deflated: chunk, size: 10 })));
    const order: string[] = [];
    const bombDone = refusal('bomb', bomb).then((r) => (order.push('bomb'), r));
    let settled = false;
    void bombDone.finally(() => (settled = true));
    while (!settled) {
      const res = await fetch(`${app.url}/_localgate/health`);
      assert.equal(res.status, 200);
      await res.text();
      if (!settled) order.push('health');
    }
    const r = await bombDone;
    assert.deepEqual(r, { name: 'InvalidParameterValueException', status: 400, message: 'Unzipped size must be smaller than 262144000 bytes' });
    assert.equal(order[0], 'health', `answers in order: ${order.join(',')}`);
    assert.deepEqual((await lambda.send(new ListFunctionsCommand({}))).Functions, []);
  });

  test('a file and a folder of the same name: 400 InvalidParameterValueException', async () => {
    for (const entries of [
      [{ name: 'lib', data: Buffer.from('x') }, { name: 'lib/a.js', data: Buffer.from('y') }],
      [{ name: 'lib/' }, { name: 'lib', data: Buffer.from('x') }],
      [{ name: 'lib/a.js', data: Buffer.from('y') }, { name: 'lib', data: Buffer.from('x') }],
    ]) {
      assert.deepEqual(await refusal('same-name', buildZip([{ name: 'index.js', data: Buffer.from(INSPECT) }, ...entries])), {
        name: 'InvalidParameterValueException',
        status: 400,
        message: 'Could not unzip uploaded file. Please check your file, then try to upload again.',
      });
    }
  });

  test('symbolic links are kept as links; nothing is written through one', async () => {
    const zip = buildZip([
      { name: 'index.js', data: Buffer.from(INSPECT) },
      { name: 'data.txt', data: Buffer.from('hello') },
      { name: 'alias.txt', data: Buffer.from('data.txt'), mode: 0o120777 },
    ]);
    await lambda.send(new CreateFunctionCommand(fnInput('links', zip)));
    assert.deepEqual(await invokeJson('links', { link: 'alias.txt' }), { link: 'data.txt', content: 'hello' });
    for (const escape of [
      [{ name: 'out', data: Buffer.from('/tmp'), mode: 0o120777 }, { name: 'out/planted.txt', data: Buffer.from('x') }],
      [{ name: 'out', data: Buffer.from('/tmp/localgate-planted.txt'), mode: 0o120777 }, { name: 'out', data: Buffer.from('x') }],
    ]) {
      const r = await refusal('escape', buildZip([{ name: 'index.js', data: Buffer.from(INSPECT) }, ...escape]));
      assert.equal(r.name, 'InvalidParameterValueException');
    }
    assert.throws(() => execFileSync('ls', ['/tmp/planted.txt', '/tmp/localgate-planted.txt'], { stdio: 'pipe' }));
  });

  test('a zip with 100,000 entries unpacks', async () => {
    const script = `import io, sys, zipfile
buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('index.js', sys.stdin.read())
    for i in range(99999):
        z.writestr('d%d/f%d.txt' % (i % 100, i), 'x')
sys.stdout.buffer.write(buf.getvalue())`;
    const zip = execFileSync('python3', ['-c', script], { input: INSPECT, maxBuffer: 64 << 20 });
    await lambda.send(new CreateFunctionCommand({ ...fnInput('many', zip), Timeout: 30 }));
    assert.equal(await invokeJson('many', { count: true }), 100_000);
  });
});
