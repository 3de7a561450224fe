// Issue 17 item 2: nothing outlives localgate. localgate runs as a child process (the CLI);
// functions loop (for(;;){}), block (Atomics.wait) and spawn detached children in node,
// python and provided runtimes; localgate is then killed with SIGKILL (or stopped with
// SIGTERM) and no process of theirs may remain. Processes are found by a variable of the
// test's own in their environment (inherited by every descendant), not by localgate's tag.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { zipSync, strToU8 } from 'fflate';
import { CreateFunctionCommand, InvokeCommand, LambdaClient, type Runtime } from '@aws-sdk/client-lambda';
import { startLocalgate } from '../src/app.ts';

const CLI = new URL('../src/cli.ts', import.meta.url).pathname;
// Under the worker executor (lambda-runtimes-worker-processes.test.ts) a node runtime is a
// thread of localgate, not a process: only the processes it starts are counted.
const NODE_RUNTIME_PROCESSES = process.env.LOCALGATE_LAMBDA_EXECUTOR === 'worker' ? 0 : 1;
const started: ChildProcess[] = [];
after(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Pids of live processes whose environment holds `marker` (zombies are not alive). */
function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (!readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(marker)) continue;
      if (/^State:\s+Z/m.test(readFileSync(`/proc/${name}/status`, 'latin1'))) continue;
      pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** How many of them run `sleep 1000`. */
function sleeping(marker: string): number {
  return processesWith(marker).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'latin1') === 'sleep\x001000\x00';
    } catch {
      return false;
    }
  }).length;
}

/** Polls until `done()` or `limitMs` passes (a bounded wait, not a timing assertion). */
async function waitFor(done: () => boolean, limitMs: number) {
  const end = Date.now() + limitMs;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
}

async function startCli(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'start', '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`localgate exited: ${out}`)));
  });
  return { child, url };
}

interface Fn {
  name: string;
  runtime: Runtime;
  files: Record<string, string>;
  handler: string;
}

const NODE_DETACHED = `const { spawn } = require('child_process');
exports.handler = async () => { spawn('sleep', ['1000'], { detached: true, stdio: 'ignore' }).unref(); for (;;) {} };`;

const FUNCTIONS: Fn[] = [
  { name: 'node-loop', runtime: 'nodejs20.x', handler: 'index.handler', files: { 'index.js': 'exports.handler = async () => { for (;;) {} };' } },
  { name: 'node-block', runtime: 'nodejs20.x', handler: 'index.handler', files: { 'index.js': 'exports.handler = async () => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); };' } },
  { name: 'node-detached', runtime: 'nodejs20.x', handler: 'index.handler', files: { 'index.js': NODE_DETACHED } },
  {
    name: 'python-detached',
    runtime: 'python3.12',
    handler: 'app.handler',
    files: { 'app.py': 'import subprocess\ndef handler(event, context):\n    subprocess.Popen(["sleep", "1000"], start_new_session=True)\n    while True:\n        pass\n' },
  },
  {
    name: 'provided-detached',
    runtime: 'provided.al2023',
    handler: 'x',
    files: { bootstrap: '#!/bin/sh\nsetsid sleep 1000 &\nwhile :; do :; done\n' },
  },
];

function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, [strToU8(text), { os: 3, attrs: (0o100755 << 16) >>> 0 }]])));
}

async function deploy(url: string, marker: string, fns: Fn[]) {
  const lambda = new LambdaClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  const [key, value] = marker.split('=');
  for (const fn of fns) {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: fn.name,
        Runtime: fn.runtime,
        Handler: fn.handler,
        Role: 'arn:aws:iam::000000000000:role/r',
        Timeout: 900,
        Environment: { Variables: { [key]: value } },
        Code: { ZipFile: zipOf(fn.files) },
      }),
    );
    await lambda.send(new InvokeCommand({ FunctionName: fn.name, InvocationType: 'Event' }));
  }
  lambda.destroy();
}

describe('nothing outlives localgate', () => {
  test('SIGKILL while functions loop, block and leave detached children: every process ends', async () => {
    const marker = `SECURITY_TEST_RUN=${randomUUID()}`;
    const { child, url } = await startCli();
    await deploy(url, marker, FUNCTIONS);
    // 5 runtimes (2 under the worker executor) + 3 detached sleeps (counted once each has
    // exec'd sleep: a shell or python forking one has the marker for a moment too).
    const ready = () => sleeping(marker) === 3 && processesWith(marker).length === 5 + 3 * NODE_RUNTIME_PROCESSES;
    await waitFor(ready, 30_000);
    assert.ok(ready(), `running: ${processesWith(marker).length}, sleeping: ${sleeping(marker)}`);
    child.kill('SIGKILL');
    await waitFor(() => processesWith(marker).length === 0, 10_000);
    assert.deepEqual(processesWith(marker), []);
  });

  test('SIGTERM ends detached children too', async () => {
    const marker = `SECURITY_TEST_RUN=${randomUUID()}`;
    const { child, url } = await startCli();
    await deploy(url, marker, [FUNCTIONS[2]]);
    await waitFor(() => sleeping(marker) === 1 && processesWith(marker).length >= 1 + NODE_RUNTIME_PROCESSES, 30_000);
    assert.equal(processesWith(marker).length, 1 + NODE_RUNTIME_PROCESSES);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await waitFor(() => processesWith(marker).length === 0, 10_000);
    assert.deepEqual(processesWith(marker), []);
  });

  test('a start ends processes a killed localgate left behind', async () => {
    const marker = `SECURITY_TEST_RUN=${randomUUID()}`;
    const [key, value] = marker.split('=');
    // A process tagged by a localgate that no longer runs (pid of an exited child). Any
    // localgate that starts meanwhile (test files run side by side) ends it too: spawn
    // another until one is still running when this test's localgate starts.
    let orphanRunning = false;
    for (let attempt = 0; attempt < 5 && !orphanRunning; attempt++) {
      const gone = spawn('true');
      await new Promise((r) => gone.once('exit', r));
      const orphan = spawn('sleep', ['1000'], { detached: true, stdio: 'ignore', env: { ...process.env, [key]: value, LOCALGATE_PROCESS_TAG: `${gone.pid}.12345.abcd.1` } });
      orphan.unref();
      await waitFor(() => processesWith(marker).length === 1 || orphan.exitCode !== null || orphan.signalCode !== null, 10_000);
      orphanRunning = orphan.exitCode === null && orphan.signalCode === null && processesWith(marker).length === 1;
    }
    assert.ok(orphanRunning, 'an orphan kept running until the start');
    const app = await startLocalgate({ port: 0, quiet: true });
    // The first pool of this test process reaped at start (this is the first localgate here).
    await waitFor(() => processesWith(marker).length === 0, 10_000);
    await app.close();
    assert.deepEqual(processesWith(marker), []);
  });
});
