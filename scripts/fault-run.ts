// A bounded fuzz-and-fault run against a localgate CLI on loopback (issue 17's probe):
//  1. malformed and hostile requests (random methods, paths, Host/Origin, bodies, broken
//     request lines, invalid UTF-8, lying Content-Length), then health, RSS and state checks;
//  2. zip bombs sent while health latency is sampled;
//  3. kill -9 of localgate while invocations loop, block and spawn detached children, then
//     a count of the processes left.
// Run: node --import tsx scripts/fault-run.ts [requests=3000] [kill rounds=3]
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { zipSync, strToU8 } from 'fflate';
import { buildZip } from '../test/zip-builder.ts';

const REQUESTS = Number(process.argv[2] ?? 3000);
const KILL_ROUNDS = Number(process.argv[3] ?? 3);
const CLI = new URL('../src/cli.ts', import.meta.url).pathname;
const AUTH = 'AWS4-HMAC-SHA256 Credential=test/20260421/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=x';

async function startCli(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'start', '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error(out)));
  });
  return { child, port };
}

function rssMb(pid: number): number {
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))![1]) / 1024);
}

/** Sends raw bytes, returns the status code (0 when the connection closed without one). */
function raw(port: number, bytes: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    const done = () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(got)?.[1] ?? 0));
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (d) => {
      got += d.toString('latin1');
      if (/\r\n\r\n/.test(got)) socket.end();
    });
    socket.on('close', done);
    socket.on('error', () => {});
    socket.end(bytes);
  });
}

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];
const PATHS = ['/2015-03-31/functions', '/2015-03-31/functions/f/invocations', '/v2/apis', '/restapis', '/_localgate/reset', '/_localgate/api/functions', '/_localgate/health', '/execute-api/abc/x', '/%ff%fe', '/v2/apis/' + 'a'.repeat(5000), '/2015-03-31/functions/f/configuration?x=%zz'];
const BODIES = [() => randomBytes(Math.floor(Math.random() * 2000)), () => Buffer.from('{"FunctionName":"x","Runtime":"nodejs20.x"'), () => Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), () => Buffer.from('[]'), () => Buffer.from('{"Name":' + '['.repeat(5000) + '}')];

function hostileRequest(port: number): Buffer {
  const kind = Math.random();
  if (kind < 0.1) return randomBytes(200); // not HTTP at all
  const body = pick(BODIES)();
  const headers = [`Host: ${pick([`localhost:${port}`, 'evil.example', `127.0.0.1:${port}`, 'x.execute-api.localhost'])}`];
  if (Math.random() < 0.5) headers.push(`Origin: ${pick(['https://evil.example', 'null', 'http://localhost:3000', '%%%'])}`);
  if (Math.random() < 0.7) headers.push(`Authorization: ${AUTH}`);
  headers.push(`Content-Type: ${pick(['application/json', 'text/plain', 'image/png', 'application/x-amz-json-1.1'])}`);
  headers.push(`Content-Length: ${kind < 0.2 ? body.length + 1000 : body.length}`);
  const line = `${pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'BREW'])} ${pick(PATHS)} HTTP/1.1`;
  return Buffer.concat([Buffer.from(`${line}\r\n${headers.join('\r\n')}\r\nConnection: close\r\n\r\n`), body]);
}

async function fuzz() {
  const { child, port } = await startCli();
  const before = rssMb(child.pid!);
  const counts: Record<number, number> = {};
  const started = Date.now();
  for (let i = 0; i < REQUESTS; i += 20) {
    const batch = await Promise.all(Array.from({ length: 20 }, () => raw(port, hostileRequest(port))));
    for (const s of batch) counts[s] = (counts[s] ?? 0) + 1;
  }
  const health = await fetch(`http://127.0.0.1:${port}/_localgate/health`);
  const fns = await (await fetch(`http://127.0.0.1:${port}/2015-03-31/functions`, { headers: { Authorization: AUTH } })).json();
  console.log(`fuzz: ${REQUESTS} hostile requests in ${((Date.now() - started) / 1000).toFixed(1)} s; status counts ${JSON.stringify(counts)}; health ${health.status}; alive ${child.exitCode === null}; functions created ${fns.Functions.length}; RSS ${before} -> ${rssMb(child.pid!)} MB`);

  // Bombs while health is sampled.
  const chunk = deflateRawSync(Buffer.alloc(100 << 20));
  const bomb = buildZip([1, 2, 3, 4].map((n) => ({ name: `z${n}`, deflated: chunk, size: 1 })));
  const body = JSON.stringify({ FunctionName: 'bomb', Runtime: 'nodejs20.x', Handler: 'i.h', Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: bomb.toString('base64') } });
  let bombsDone = false;
  const bombs = Promise.all(Array.from({ length: 5 }, () => fetch(`http://127.0.0.1:${port}/2015-03-31/functions`, { method: 'POST', headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body }).then((r) => r.status))).finally(() => (bombsDone = true));
  const latencies: number[] = [];
  while (!bombsDone) {
    const t = performance.now();
    await (await fetch(`http://127.0.0.1:${port}/_localgate/health`)).text();
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  console.log(`bombs: 5 concurrent (4 x 100 MB real each, 1 byte declared) answered ${JSON.stringify(await bombs)}; ${latencies.length} health checks meanwhile, median ${latencies[latencies.length >> 1]?.toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms; RSS ${rssMb(child.pid!)} MB`);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

function processesWith(marker: string): number {
  let n = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(marker) && !/^State:\s+Z/m.test(readFileSync(`/proc/${name}/status`, 'latin1'))) n++;
    } catch {
      // gone
    }
  }
  return n;
}

async function killDuringInvokes() {
  for (let round = 1; round <= KILL_ROUNDS; round++) {
    const marker = `FAULT_RUN=${randomUUID()}`;
    const { child, port } = await startCli();
    const url = `http://127.0.0.1:${port}`;
    const codes = {
      loop: 'exports.handler = async () => { for (;;) {} };',
      block: 'exports.handler = async () => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); };',
      spawn: "const { spawn } = require('child_process'); exports.handler = async () => { spawn('sleep', ['1000'], { detached: true, stdio: 'ignore' }).unref(); await new Promise(() => {}); };",
      quick: 'exports.handler = async (e) => e;',
    };
    for (const [name, code] of Object.entries(codes)) {
      await fetch(`${url}/2015-03-31/functions`, {
        method: 'POST',
        headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
        body: JSON.stringify({ FunctionName: name, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/r', Timeout: 900, Environment: { Variables: { FAULT_RUN: marker.split('=')[1] } }, Code: { ZipFile: Buffer.from(zipSync({ 'index.js': strToU8(code) })).toString('base64') } }),
      });
    }
    const inflight = Array.from({ length: 40 }, (_, i) =>
      fetch(`${url}/2015-03-31/functions/${Object.keys(codes)[i % 4]}/invocations`, { method: 'POST', headers: { Authorization: AUTH }, body: '{}' }).catch(() => 'cut'),
    );
    const end = Date.now() + 20_000;
    while (processesWith(marker) < 30 && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
    const running = processesWith(marker);
    child.kill('SIGKILL');
    await Promise.all(inflight);
    const settle = Date.now() + 10_000;
    while (processesWith(marker) > 0 && Date.now() < settle) await new Promise((r) => setTimeout(r, 100));
    console.log(`kill -9 round ${round}: ${running} function processes running (40 invocations in flight), ${processesWith(marker)} left after`);
  }
}

await fuzz();
await killDuringInvokes();
