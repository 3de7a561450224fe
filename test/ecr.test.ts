// ECR repositories with the AWS CLI (the one in the machine's Python), as a script or a
// deploy tool (`serverless remove`) asks for them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Localgate } from '../src/app.ts';
import { startTestServer } from './helpers.ts';

const run = promisify(execFile);
let app: Localgate;
before(async () => {
  app = await startTestServer();
});
after(() => app.close());

/** The CLI's JSON answer, or its error text. */
async function aws(...args: string[]): Promise<{ out?: any; error?: string }> {
  // Asynchronous on purpose: the server answering the CLI runs in this process.
  const env = { ...process.env, AWS_ENDPOINT_URL: app.url, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'eu-west-1', AWS_PAGER: '' };
  try {
    const { stdout } = await run('aws', ['ecr', ...args, '--output', 'json'], { env });
    return { out: stdout.trim() ? JSON.parse(stdout) : undefined };
  } catch (err) {
    return { error: (err as { stderr: string }).stderr.trim() };
  }
}

test('create, describe (by name and paged), delete; ECR errors for missing and duplicate names', async () => {
  const created = (await aws('create-repository', '--repository-name', 'team/app', '--image-scanning-configuration', 'scanOnPush=true')).out.repository;
  assert.equal(created.repositoryArn, 'arn:aws:ecr:eu-west-1:000000000000:repository/team/app');
  assert.equal(created.repositoryUri, '000000000000.dkr.ecr.eu-west-1.amazonaws.com/team/app');
  assert.equal(created.registryId, '000000000000');
  assert.equal(created.imageTagMutability, 'MUTABLE');
  assert.deepEqual(created.imageScanningConfiguration, { scanOnPush: true });
  assert.deepEqual(created.encryptionConfiguration, { encryptionType: 'AES256' });
  assert.equal(typeof created.createdAt, 'number');

  assert.equal(
    (await aws('create-repository', '--repository-name', 'team/app')).error,
    "An error occurred (RepositoryAlreadyExistsException) when calling the CreateRepository operation: The repository with name 'team/app' already exists in the registry with id '000000000000'",
  );
  assert.match((await aws('create-repository', '--repository-name', 'Upper')).error!, /\(InvalidParameterException\)/);
  await aws('create-repository', '--repository-name', 'other');

  const byName = (await aws('describe-repositories', '--repository-names', 'other')).out.repositories;
  assert.deepEqual(byName.map((r: { repositoryName: string }) => r.repositoryName), ['other']);
  const firstPage = (await aws('describe-repositories', '--max-items', '1', '--page-size', '1')).out;
  assert.equal(firstPage.repositories.length, 1);
  assert.ok(firstPage.NextToken);
  const all = (await aws('describe-repositories')).out.repositories;
  assert.deepEqual(all.map((r: { repositoryName: string }) => r.repositoryName), ['team/app', 'other']);

  assert.equal((await aws('delete-repository', '--repository-name', 'team/app')).out.repository.repositoryName, 'team/app');
  assert.equal(
    (await aws('describe-repositories', '--repository-names', 'team/app')).error,
    "An error occurred (RepositoryNotFoundException) when calling the DescribeRepositories operation: The repository with name 'team/app' does not exist in the registry with id '000000000000'",
  );
  assert.match((await aws('delete-repository', '--repository-name', 'team/app')).error!, /\(RepositoryNotFoundException\)/);
});
