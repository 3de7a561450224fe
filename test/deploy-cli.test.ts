// `localgate deploy` end to end: the CLI (run as users run it) deploys a cdk.out, a
// .serverless directory and a SAM template into a localgate, whose APIs then answer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CloudFormationClient, DeleteStackCommand, waitUntilStackDeleteComplete } from '@aws-sdk/client-cloudformation';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { packageRoot } from '../src/paths.ts';
import type { Localgate } from '../src/app.ts';
import { clientConfig, startTestServer } from './helpers.ts';

const run = promisify(execFile);
const fixtures = join(packageRoot, 'test', 'fixtures');

/** Runs `localgate deploy ARGS` against the server; resolves with its output. */
async function deploy(app: Localgate, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(packageRoot, 'src', 'cli.ts'), 'deploy', ...args, '--endpoint', app.url], {
    cwd: packageRoot,
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
    timeout: 120_000,
  });
  return stdout;
}

/** The invoke URL the deploy printed for an API of this kind and stage. */
function printedUrl(output: string, kind: 'REST' | 'HTTP', stage: string): string {
  const line = output.split('\n').find((l) => l.trim().startsWith(`${kind} `) && l.includes(` ${stage}: `));
  assert.ok(line, `no ${kind} ${stage} invoke URL in:\n${output}`);
  return line.slice(line.indexOf(': ') + 2).trim();
}

describe('localgate deploy', { concurrency: false }, () => {
  let app: Localgate;
  let cfn: CloudFormationClient;
  let lambda: LambdaClient;
  let s3: S3Client;
  before(async () => {
    app = await startTestServer();
    cfn = new CloudFormationClient(clientConfig(app));
    lambda = new LambdaClient(clientConfig(app));
    s3 = new S3Client({ ...clientConfig(app), forcePathStyle: true });
  });
  after(async () => {
    cfn.destroy();
    lambda.destroy();
    s3.destroy();
    await app.close();
  });

  async function remove(stackName: string) {
    await cfn.send(new DeleteStackCommand({ StackName: stackName }));
    await waitUntilStackDeleteComplete({ client: cfn, maxWaitTime: 60, minDelay: 1 }, { StackName: stackName });
  }

  it('deploys a cdk.out without cdk bootstrap: its REST and HTTP APIs answer from the asset code', async () => {
    const output = await deploy(app, join(fixtures, 'cdk-app', 'cdk.out'));
    assert.match(output, /LocalgateCdkFixture: CREATE_COMPLETE/);
    assert.match(output, /RestApiUrl = http/);
    const rest = await fetch(`${printedUrl(output, 'REST', 'prod')}things`);
    assert.equal(rest.status, 200);
    assert.deepEqual(await rest.json(), { greeting: 'hello from cdk', path: '/things' });
    const http = await fetch(`${printedUrl(output, 'HTTP', '$default')}other`);
    assert.deepEqual(await http.json(), { greeting: 'hello from cdk', path: '/other' });

    const again = await deploy(app, join(fixtures, 'cdk-app', 'cdk.out'));
    assert.match(again, /LocalgateCdkFixture: no changes/);

    await remove('LocalgateCdkFixture');
    assert.equal((await fetch(`${printedUrl(output, 'REST', 'prod')}things`)).status, 404);
  });

  it('deploys a .serverless directory as serverless deploy does: bucket, artifacts, then the service', async () => {
    const output = await deploy(app, join(fixtures, 'serverless-app'));
    assert.match(output, /localgate-sls-fixture-dev: (CREATE|UPDATE)_COMPLETE/);
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: 'localgate-sls-fixture-dev-hello' }));
    assert.equal(fn.Configuration?.Handler, 'handler.hello');
    const http = await fetch(`${printedUrl(output, 'HTTP', '$default')}hello`);
    assert.deepEqual(await http.json(), { greeting: 'hello from serverless', path: '/hello' });
    const rest = await fetch(`${printedUrl(output, 'REST', 'dev')}hello`);
    assert.deepEqual(await rest.json(), { greeting: 'hello from serverless', path: '/hello' });
    // As `serverless remove` does: empty the deployment bucket (a bucket with objects cannot be deleted), then the stack.
    const bucket = /ServerlessDeploymentBucketName = (\S+)/.exec(output)![1];
    const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    assert.equal(Contents.length, 1);
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: Contents.map((o) => ({ Key: o.Key })) } }));
    await remove('localgate-sls-fixture-dev');
  });

  it('deploys a SAM template with local code and API definition', async () => {
    const output = await deploy(app, join(fixtures, 'deploy', 'sam-app', 'template.yaml'), '--stack-name', 'sam-app');
    assert.match(output, /sam-app: CREATE_COMPLETE/);
    const http = await fetch(`${printedUrl(output, 'HTTP', '$default')}hello`);
    assert.deepEqual(await http.json(), { hello: '/hello' });
    const mock = await fetch(`${printedUrl(output, 'REST', 'prod')}ping`);
    assert.equal(mock.status, 200);
    await remove('sam-app');
  });

  it('fails with the reason CloudFormation gives, and exits non-zero', async () => {
    await assert.rejects(deploy(app, join(fixtures, 'deploy', 'sam-app', 'api', 'openapi.yaml'), '--stack-name', 'not-a-template'), (err: any) => {
      assert.equal(err.code, 1);
      assert.match(err.stderr, /localgate deploy: /);
      return true;
    });
  });
});
