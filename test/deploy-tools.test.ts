// The deploy tools users already run, unmodified, pointed at localgate with AWS_ENDPOINT_URL:
// the AWS CLI's `cloudformation package` + `cloudformation deploy` of a SAM app with local
// code, then the function's CloudWatch Logs read back with the AWS CLI.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../src/paths.ts';
import type { Localgate } from '../src/app.ts';
import { startTestServer } from './helpers.ts';

const run = promisify(execFile);
const samApp = join(packageRoot, 'test', 'fixtures', 'deploy', 'sam-app');

describe('deploy tools pointed at localgate', { concurrency: false }, () => {
  let app: Localgate;
  let work: string;
  before(async () => {
    app = await startTestServer();
    work = await mkdtemp(join(tmpdir(), 'localgate-deploy-tools-'));
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
    await app.close();
  });

  /** Runs the AWS CLI (the one in the machine's Python) as a user would, with the endpoint in the environment. */
  async function aws(...args: string[]): Promise<string> {
    // Asynchronous on purpose: the server answering the CLI runs in this process.
    const { stdout } = await run('aws', args, {
      cwd: work,
      env: { ...process.env, AWS_ENDPOINT_URL: app.url, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1' },
      timeout: 120_000,
    }).catch((err: { stdout?: string; stderr?: string; message: string }) => assert.fail(`aws ${args.join(' ')} failed:\n${err.stderr || err.message}${err.stdout ?? ''}`));
    return stdout;
  }

  async function physicalId(stack: string, logicalId: string): Promise<string> {
    const out = await aws('cloudformation', 'describe-stack-resource', '--stack-name', stack, '--logical-resource-id', logicalId, '--query', 'StackResourceDetail.PhysicalResourceId', '--output', 'text');
    return out.trim();
  }

  it('aws cloudformation package + deploy a SAM app with local code; its APIs answer and its logs read back', async () => {
    await aws('s3', 'mb', 's3://deploy-artifacts');
    const packaged = join(work, 'packaged.yaml');
    await aws('cloudformation', 'package', '--template-file', join(samApp, 'template.yaml'), '--s3-bucket', 'deploy-artifacts', '--output-template-file', packaged);
    const template = await readFile(packaged, 'utf8');
    assert.match(template, /CodeUri: s3:\/\/deploy-artifacts\/[0-9a-f]{32}\n/);
    assert.match(template, /DefinitionUri: s3:\/\/deploy-artifacts\/[0-9a-f]{32}\n/);

    const deployed = await aws('cloudformation', 'deploy', '--template-file', packaged, '--stack-name', 'sam-tools', '--capabilities', 'CAPABILITY_IAM');
    assert.match(deployed, /Successfully created\/updated stack - sam-tools/);

    const httpApi = await physicalId('sam-tools', 'ServerlessHttpApi');
    const hello = await fetch(`${app.url}/execute-api/${httpApi}/hello`);
    assert.equal(hello.status, 200);
    assert.deepEqual(await hello.json(), { hello: '/hello' });
    const restApi = await physicalId('sam-tools', 'Api');
    const ping = await fetch(`${app.url}/execute-api/${restApi}/prod/ping`);
    assert.equal(ping.status, 200);

    // `aws logs tail` exists only in AWS CLI v2; v1 reads the same events with filter-log-events.
    const fn = await physicalId('sam-tools', 'HelloFunction');
    const messages = (await aws('logs', 'filter-log-events', '--log-group-name', `/aws/lambda/${fn}`, '--query', 'events[].message', '--output', 'json'));
    const lines = (JSON.parse(messages) as string[]).map((m) => m.trimEnd());
    const start = lines.find((l) => l.startsWith('START RequestId: '));
    assert.ok(start, `no START line in ${messages}`);
    const requestId = /^START RequestId: (\S+) Version: \$LATEST$/.exec(start)![1];
    assert.ok(lines.includes(`END RequestId: ${requestId}`));
    assert.ok(lines.some((l) => l.startsWith(`REPORT RequestId: ${requestId}\tDuration: `)));

    await aws('cloudformation', 'delete-stack', '--stack-name', 'sam-tools');
    // (`aws cloudformation wait` polls every 30 s: poll the stack's status here instead.)
    for (let i = 0; i < 120 && (await fetch(`${app.url}/execute-api/${httpApi}/hello`)).status !== 404; i++) await new Promise((r) => setTimeout(r, 250));
    assert.equal((await fetch(`${app.url}/execute-api/${httpApi}/hello`)).status, 404);
  });
});
