// Issue 17 items 4 and 5: MemorySize is enforced as Lambda does (the process killed,
// Runtime.OutOfMemory, REPORT's Max Memory Used from the peak) for node, python and
// provided; function output is streamed, so localgate does not grow by what a function
// writes, and what an invocation keeps is bounded.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { zipSync, strToU8 } from 'fflate';
import { CreateFunctionCommand, InvokeCommand, LambdaClient, type Runtime } from '@aws-sdk/client-lambda';
import { clientConfig, useClient } from './helpers.ts';
import type { Localgate } from '../src/app.ts';

let app: Localgate;
let lambda: LambdaClient;
useClient((server) => new LambdaClient(clientConfig(server)), (server, client) => {
  app = server;
  lambda = client;
});

async function create(name: string, runtime: Runtime, handler: string, files: Record<string, string>, memory = 128) {
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([n, text]) => [n, [strToU8(text), { os: 3, attrs: (0o100755 << 16) >>> 0 }]])));
  await lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: runtime, Handler: handler, Role: 'arn:aws:iam::000000000000:role/r', MemorySize: memory, Timeout: 60, Code: { ZipFile: zip } }));
}

async function invoke(name: string, payload: unknown = {}) {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, LogType: 'Tail', Payload: Buffer.from(JSON.stringify(payload)) }));
  return { error: out.FunctionError, json: JSON.parse(Buffer.from(out.Payload!).toString()), tail: Buffer.from(out.LogResult!, 'base64').toString() };
}

/** A provided runtime written in Python: serves the Runtime API itself. */
const PROVIDED_BOOTSTRAP = `#!/usr/bin/env python3
import json, os, urllib.request
api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/invocation/"
while True:
    with urllib.request.urlopen(api + "next") as r:
        rid = r.headers["Lambda-Runtime-Aws-Request-Id"]
        event = json.loads(r.read())
    hog = b"x" * (event["mb"] << 20)
    urllib.request.urlopen(urllib.request.Request(api + rid + "/response", data=json.dumps(len(hog)).encode(), method="POST")).read()
`;

const HOGS: Array<[string, Runtime, string, Record<string, string>]> = [
  ['node-hog', 'nodejs20.x', 'index.handler', { 'index.js': 'exports.handler = async (e) => Buffer.alloc(e.mb << 20, 1).length;' }],
  ['python-hog', 'python3.12', 'app.handler', { 'app.py': 'def handler(event, context):\n    return len(b"x" * (event["mb"] << 20))\n' }],
  ['provided-hog', 'provided.al2023', 'x', { bootstrap: PROVIDED_BOOTSTRAP }],
];

describe('MemorySize is enforced', () => {
  for (const [name, runtime, handler, files] of HOGS) {
    test(`${runtime}: over 128 MB the process is killed with Runtime.OutOfMemory; under it REPORT has the peak`, async () => {
      await create(name, runtime, handler, files);
      const small = await invoke(name, { mb: 8 });
      assert.equal(small.error, undefined);
      assert.equal(small.json, 8 << 20);
      const used = Number(/\tMemory Size: 128 MB\tMax Memory Used: (\d+) MB\t/.exec(small.tail)?.[1]);
      assert.ok(used >= 8 && used <= 128, small.tail);

      const big = await invoke(name, { mb: 400 });
      assert.equal(big.error, 'Unhandled');
      assert.deepEqual(Object.keys(big.json), ['errorType', 'errorMessage']);
      assert.equal(big.json.errorType, 'Runtime.OutOfMemory');
      assert.match(big.json.errorMessage, /^RequestId: [0-9a-f-]{36} Error: Runtime exited with error: signal: killed$/);
      assert.match(big.tail, /\tMemory Size: 128 MB\tMax Memory Used: 128 MB\t/);
      assert.ok(big.tail.endsWith(`${big.json.errorMessage}\nRuntime.OutOfMemory\n`), big.tail);

      // The next invocation gets a fresh environment.
      assert.equal((await invoke(name, { mb: 1 })).json, 1 << 20);
    });
  }
});

describe('function output is streamed', () => {
  test('200 MB written to stdout does not grow localgate; the tail is the last 4 KB with REPORT', async () => {
    await create('chatty', 'nodejs20.x', 'index.handler', {
      'index.js': `const fs = require('fs');
exports.handler = async (e) => { const line = Buffer.alloc(1 << 20, 'y'); line[line.length - 1] = 10; for (let i = 0; i < e.mb; i++) fs.writeSync(1, line); return 'done'; };`,
    });
    assert.equal((await invoke('chatty', { mb: 1 })).json, 'done'); // warm: code loaded, buffers sized
    const rssBefore = process.resourceUsage().maxRSS; // peak so far, in KB
    const out = await invoke('chatty', { mb: 200 });
    const grewMb = (process.resourceUsage().maxRSS - rssBefore) / 1024;
    assert.equal(out.json, 'done');
    assert.ok(grewMb < 40, `localgate's peak memory grew by ${grewMb.toFixed(1)} MB`);
    assert.equal(Buffer.byteLength(out.tail), 4096);
    assert.match(out.tail, /^y+\nEND RequestId: [0-9a-f-]{36}\nREPORT RequestId: /m);
  });
});
