// `cdk bootstrap`, `cdk deploy` and `cdk destroy` (the real aws-cdk CLI) of test/fixtures/cdk-app
// against localgate through AWS_ENDPOINT_URL. The CLI is large, so it is installed once into a
// cache folder outside the repository; the test skips, saying so, when npm cannot install it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../src/paths.ts';
import type { Localgate } from '../src/app.ts';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { clientConfig, startTestServer } from './helpers.ts';

const run = promisify(execFile);
const tools = join(tmpdir(), 'localgate-cdk-tools');
const cdkBin = join(tools, 'node_modules', '.bin', 'cdk');

/** Installs the aws-cdk CLI into the cache folder unless it is there; false when npm cannot. */
async function installCdk(): Promise<boolean> {
  if (existsSync(cdkBin)) return true;
  mkdirSync(tools, { recursive: true });
  try {
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefix', tools, 'aws-cdk'], { timeout: 300_000 });
    return existsSync(cdkBin);
  } catch {
    return false;
  }
}

describe('the aws-cdk CLI pointed at localgate', { concurrency: false }, () => {
  let app: Localgate;
  let installed = false;
  before(async () => {
    installed = await installCdk();
    app = await startTestServer();
  });
  after(async () => {
    rmSync(join(packageRoot, 'test', 'fixtures', 'cdk-app', 'cdk.out', '.cache'), { recursive: true, force: true }); // the CLI's own cache
    await app.close();
  });

  async function cdk(...args: string[]): Promise<string> {
    // Asynchronous on purpose: the server answering the CLI runs in this process.
    const { stdout, stderr } = await run(cdkBin, [...args, '--no-notices', '--no-version-reporting'], {
      cwd: join(packageRoot, 'test', 'fixtures', 'cdk-app'),
      env: { ...process.env, AWS_ENDPOINT_URL: app.url, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', CDK_DISABLE_VERSION_CHECK: '1' },
      timeout: 300_000,
    }).catch((err: { stdout?: string; stderr?: string; message: string }) => assert.fail(`cdk ${args.join(' ')} failed:\n${err.stderr || err.message}${err.stdout ?? ''}`));
    return stdout + stderr;
  }

  it('bootstraps, deploys the synthesized app (whose APIs answer), then destroys it', async (t) => {
    if (!installed) return t.skip(`npm could not install aws-cdk into ${tools}`);
    assert.match(await cdk('bootstrap', 'aws://000000000000/us-east-1', '--app', 'cdk.out'), /Environment aws:\/\/000000000000\/us-east-1 bootstrapped/);
    const deployed = await cdk('deploy', '--app', 'cdk.out', '--require-approval', 'never');
    const httpUrl = /LocalgateCdkFixture\.HttpApiUrl = (\S+)/.exec(deployed)?.[1];
    const restId = /LocalgateCdkFixture\.RestApiUrl = https:\/\/(\w+)\.execute-api/.exec(deployed)?.[1];
    assert.ok(httpUrl && restId, deployed);
    assert.deepEqual(await (await fetch(`${httpUrl}/other`)).json(), { greeting: 'hello from cdk', path: '/other' });
    assert.deepEqual(await (await fetch(`${app.url}/execute-api/${restId}/prod/things`)).json(), { greeting: 'hello from cdk', path: '/things' });
    // logRetention: aws-cdk-lib's Custom::LogRetention handler set it, answering its ResponseURL
    // with node's https module (see src/runtime/bootstraps/node/response-url.cjs).
    const logs = new CloudWatchLogsClient(clientConfig(app));
    const { logGroups = [] } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/LocalgateCdkFixture-Hello' }));
    logs.destroy();
    assert.deepEqual(logGroups.map((g) => g.retentionInDays), [7]);

    assert.match(await cdk('destroy', '--app', 'cdk.out', '--force'), /LocalgateCdkFixture: destroyed/);
    assert.equal((await fetch(`${app.url}/execute-api/${restId}/prod/things`)).status, 404);
  });
});
