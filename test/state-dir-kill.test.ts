// --state-dir under `kill -9`: the CLI is started, hammered with state-changing calls
// (APIs with integrations and routes, objects written and deleted, functions created and
// deleted), killed with SIGKILL mid-way, and started again, several times over. Each start
// must succeed and find a consistent state: every route's integration exists, every
// object reads back with its own body, every function's zip is served, nothing restored
// goes missing later.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { zipSync, strToU8 } from 'fflate';
import { ApiGatewayV2Client, CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, GetApisCommand, GetIntegrationCommand, GetRoutesCommand } from '@aws-sdk/client-apigatewayv2';
import { CreateFunctionCommand, DeleteFunctionCommand, GetFunctionCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const root = fileURLToPath(new URL('..', import.meta.url));
const stateDir = mkdtempSync(join(tmpdir(), 'localgate-kill-test-'));
after(() => rmSync(stateDir, { recursive: true, force: true }));

const ROUNDS = 4;

interface Running {
  child: ChildProcess;
  url: string;
}

/** Starts the CLI and waits for the address it prints. */
function startCli(): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start', '--port', '0', '--quiet', '--state-dir', stateDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (found) resolve({ child, url: found[1].replace('127.0.0.1', 'localhost') });
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk));
    child.on('exit', (code) => reject(new Error(`localgate exited with ${code} before listening: ${err}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code))));

function clients(url: string) {
  const config = { region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  return { v2: new ApiGatewayV2Client(config), s3: new S3Client({ ...config, forcePathStyle: true }), lambda: new LambdaClient(config) };
}
type Clients = ReturnType<typeof clients>;

const bodyOf = (key: string) => `body of ${key} `.repeat(50);
// A fixed mtime: the zip is rebuilt to compare, and a different second would change its bytes.
const zipOf = (name: string) => zipSync({ 'index.js': strToU8(`exports.handler = async () => ${JSON.stringify(name)};`) }, { mtime: new Date('2024-01-01T00:00:00Z') });

/** What a consistent state looks like; returns how many of each thing it holds. */
async function checkConsistent(c: Clients, url: string) {
  const apis = (await c.v2.send(new GetApisCommand({}))).Items ?? [];
  for (const api of apis) {
    for (const route of (await c.v2.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items ?? []) {
      const integrationId = route.Target!.replace('integrations/', '');
      assert.equal((await c.v2.send(new GetIntegrationCommand({ ApiId: api.ApiId, IntegrationId: integrationId }))).IntegrationId, integrationId);
    }
  }
  const objects = (await c.s3.send(new ListObjectsV2Command({ Bucket: 'hammer' }))).Contents ?? [];
  for (const object of objects) {
    const body = await (await c.s3.send(new GetObjectCommand({ Bucket: 'hammer', Key: object.Key }))).Body!.transformToString();
    assert.equal(body, bodyOf(object.Key!), `object ${object.Key}`);
  }
  const functions = (await c.lambda.send(new ListFunctionsCommand({}))).Functions ?? [];
  for (const fn of functions) {
    const location = (await c.lambda.send(new GetFunctionCommand({ FunctionName: fn.FunctionName }))).Code!.Location!;
    const zip = await fetch(location.replace(/^https?:\/\/[^/]+/, url));
    assert.equal(zip.status, 200, `zip of ${fn.FunctionName}`);
    assert.deepEqual(Buffer.from(await zip.arrayBuffer()), Buffer.from(zipOf(fn.FunctionName!)));
  }
  return { apis: apis.map((a) => a.ApiId!), objects: objects.map((o) => o.Key!), functions: functions.map((f) => f.FunctionName!) };
}

/** State-changing calls in a loop until the server goes away. */
async function hammer(c: Clients, round: number, worker: number, progress: { iterations: number }) {
  try {
    for (let i = 0; ; i++, progress.iterations++) {
      const tag = `r${round}w${worker}i${i}`;
      const { ApiId } = await c.v2.send(new CreateApiCommand({ Name: tag, ProtocolType: 'HTTP' }));
      const { IntegrationId } = await c.v2.send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'GET', IntegrationUri: 'http://example.com', PayloadFormatVersion: '1.0' }));
      await c.v2.send(new CreateRouteCommand({ ApiId, RouteKey: `GET /${tag}`, Target: `integrations/${IntegrationId}` }));
      await c.s3.send(new PutObjectCommand({ Bucket: 'hammer', Key: tag, Body: bodyOf(tag) }));
      if (i % 3 === 0) await c.s3.send(new DeleteObjectCommand({ Bucket: 'hammer', Key: tag }));
      if (i % 4 === 0) {
        await c.lambda.send(new CreateFunctionCommand({ FunctionName: tag, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: zipOf(tag) } }));
        if (i % 8 === 0) await c.lambda.send(new DeleteFunctionCommand({ FunctionName: tag }));
      }
    }
  } catch (err) {
    // The server was killed; anything else is a failure.
    const code = (err as NodeJS.ErrnoException).code ?? (err as { cause?: NodeJS.ErrnoException }).cause?.code;
    if (!['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].includes(code ?? '')) throw err;
  }
}

test('kill -9 at any moment leaves a state that starts and is consistent', { timeout: 180_000 }, async () => {
  let seen = { apis: [] as string[], objects: [] as string[], functions: [] as string[] };
  for (let round = 0; round <= ROUNDS; round++) {
    const { child, url } = await startCli();
    const c = clients(url);
    try {
      if (round === 0) await c.s3.send(new CreateBucketCommand({ Bucket: 'hammer' }));
      const now = await checkConsistent(c, url);
      // What a start restored was saved: a later kill cannot take it away (nothing deletes it).
      for (const id of seen.apis) assert.ok(now.apis.includes(id), `API ${id} restored before`);
      for (const key of seen.objects) assert.ok(now.objects.includes(key), `object ${key} restored before`);
      for (const name of seen.functions) assert.ok(now.functions.includes(name), `function ${name} restored before`);
      seen = now;
      if (round === ROUNDS) {
        assert.ok(seen.apis.length > 0 && seen.objects.length > 0, 'the rounds saved something');
        child.kill('SIGTERM');
        assert.equal(await exited(child), 0);
        break;
      }
      const progress = { iterations: 0 };
      const workers = [0, 1, 2].map((w) => hammer(c, round, w, progress));
      // Some complete iterations (whatever the machine's load), then a kill at a different
      // point of the write cycle each round.
      while (progress.iterations < 6) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, round * 23));
      child.kill('SIGKILL');
      await Promise.all(workers);
      await exited(child);
    } finally {
      child.kill('SIGKILL');
      Object.values(c).forEach((client) => client.destroy());
    }
  }
});
