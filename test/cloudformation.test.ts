// The CloudFormation API end to end: boto3 (stacks, change sets, waiters, errors) and the
// AWS CLI's `cloudformation deploy` (change sets, the REVIEW_IN_PROGRESS flow, no-change
// and failed deploys). Resource types are other files' business: these stacks hold a type
// localgate lacks, skipped by tag, or failing the stack when not.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Localgate } from '../src/app.ts';
import { startTestServer } from './helpers.ts';

const run = promisify(execFile);
const DIR = join(import.meta.dirname, 'cloudformation');
const TEMPLATE = join(DIR, 'stack.yaml');

// The three flows use different stacks; each AWS CLI call costs seconds here, so they run side by side.
describe('CloudFormation API', { concurrency: true }, () => {
  let app: Localgate;
  const env = () => ({ ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', LOCALGATE_ENDPOINT: app.url });
  /** Runs the AWS CLI; resolves with its exit code and output (a failing command is an answer too). */
  const aws = (...args: string[]) =>
    run('aws', ['--endpoint-url', app.url, ...args], { env: env(), timeout: 60_000 }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (err: { code?: number; stdout?: string; stderr?: string }) => ({ code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' }),
    );

  /** Resolves once the clock's second has moved past the current one. */
  const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));

  before(async () => {
    app = await startTestServer();
  });
  after(async () => {
    await app.close();
  });

  it('boto3: create, describe, change set, update, errors, delete', async () => {
    const { stdout } = await run('python3', [join(DIR, 'boto3_stacks.py')], { env: env(), timeout: 60_000 });
    const out = JSON.parse(stdout);
    assert.match(out.stackId, /^arn:aws:cloudformation:eu-west-1:123456789012:stack\/boto\/[0-9a-f-]{36}$/);
    assert.equal(out.status, 'CREATE_COMPLETE');
    // In Java HashMap order, as CloudFormation lists parameters (see javaHashMapOrder).
    assert.deepEqual(out.parameters, [{ ParameterKey: 'Secret', ParameterValue: '****' }, { ParameterKey: 'Env', ParameterValue: 'prod' }]);
    assert.equal(out.outputs.length, 3);
    assert.deepEqual(out.outputs[0], ['Count', '3', null]);
    assert.match(out.outputs[1][1], /^boto-Queue-[A-Z0-9]{12}$/);
    assert.deepEqual([out.outputs[1][0], out.outputs[1][2]], ['QueueName', 'boto-queue']);
    assert.deepEqual(out.outputs[2], ['Where', 'eu-west-1/123456789012/production', null]);
    assert.deepEqual(out.resources, [['Queue', 'AWS::SQS::Queue', 'CREATE_COMPLETE']]);
    assert.deepEqual(out.events, [['boto', 'CREATE_IN_PROGRESS'], ['Queue', 'CREATE_IN_PROGRESS'], ['Queue', 'CREATE_COMPLETE'], ['boto', 'CREATE_COMPLETE']]);
    assert.equal(out.templateSame, true);
    assert.deepEqual(out.noUpdates, ['ValidationError', 'No updates are to be performed.']);
    assert.deepEqual(out.changeSet, ['CREATE_COMPLETE', 'AVAILABLE', [['Modify', 'Queue', 'True']]]);
    assert.deepEqual(out.changeSets, ['to-dev']);
    assert.equal(out.updated[0], 'UPDATE_COMPLETE');
    assert.deepEqual(out.updated[1][0], ['Count', '1']);
    assert.deepEqual(out.updated[1][2], ['Where', 'eu-west-1/123456789012/development']);
    assert.deepEqual(out.missing, ['ValidationError', 'Stack with id nope does not exist']);
    assert.deepEqual(out.exists, ['AlreadyExistsException', 'Stack [boto] already exists']);
    assert.deepEqual(out.badTemplate, ['ValidationError', 'Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template']);
    assert.equal(out.missingParam[0], 'ValidationError');
    assert.deepEqual(out.exports, [['boto-queue', out.updated[1][1][1]]]);
    assert.equal(out.deleted, 'DELETE_COMPLETE');
    assert.deepEqual(out.listed, [['boto', 'DELETE_COMPLETE']]);
  });

  it('boto3: a function behind an HTTP API is served, updated in place and removed', async () => {
    const { stdout } = await run('python3', [join(DIR, 'boto3_function_api.py')], { env: env(), timeout: 60_000 });
    const out = JSON.parse(stdout);
    assert.deepEqual(out.created, ['CREATE_COMPLETE', [200, 'hello /x/y']]);
    assert.equal(out.functions.length, 1);
    assert.match(out.functions[0], /^fnapi-Fn-[A-Z0-9]{12}$/);
    assert.equal(out.physicalFn, out.functions[0]);
    assert.deepEqual(out.updated, ['UPDATE_COMPLETE', true, [200, 'howdy /x/y']]);
    assert.deepEqual(out.updateEvents, [['fnapi', 'UPDATE_IN_PROGRESS'], ['Fn', 'UPDATE_IN_PROGRESS'], ['Fn', 'UPDATE_COMPLETE'], ['fnapi', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'], ['fnapi', 'UPDATE_COMPLETE']]);
    assert.equal(out.deleted[0], 404);
    assert.deepEqual(out.deleted[1], []);
  });

  const deploy = (stack: string, ...extra: string[]) => aws('cloudformation', 'deploy', '--template-file', TEMPLATE, '--stack-name', stack, ...extra);

  it('aws cloudformation deploy: create, no changes, update', async () => {
    let r = await deploy('cli', '--tags', 'localgate:skip-unsupported=true');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Successfully created\/updated stack - cli/);
    r = await deploy('cli', '--tags', 'localgate:skip-unsupported=true');
    assert.equal(r.code, 255);
    assert.match(r.stdout + r.stderr, /No changes to deploy\. Stack cli is up to date/);
    // The CLI names its change set after the current second, and the empty one above stays
    // (as on AWS), so a deploy started within the same second would collide with its name.
    await nextSecond();
    r = await deploy('cli', '--tags', 'localgate:skip-unsupported=true', '--parameter-overrides', 'Env=prod');
    assert.equal(r.code, 0, r.stderr);
    r = await aws('cloudformation', 'describe-stacks', '--stack-name', 'cli', '--query', 'Stacks[0].[StackStatus, Outputs[?OutputKey==`Count`].OutputValue | [0]]', '--output', 'text');
    assert.equal(r.stdout.trim(), 'UPDATE_COMPLETE\t3');
  });

  it('aws cloudformation deploy: a failed create rolls back and must be deleted before the next try', async () => {
    let r = await deploy('broken');
    assert.equal(r.code, 255);
    assert.match(r.stderr, /Failed to create\/update the stack/);
    r = await aws('cloudformation', 'describe-stack-events', '--stack-name', 'broken', '--output', 'json');
    const events = (JSON.parse(r.stdout).StackEvents as Array<Record<string, string>>).reverse();
    assert.deepEqual(events.map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}`), [
      'broken REVIEW_IN_PROGRESS', 'broken CREATE_IN_PROGRESS', 'Queue CREATE_IN_PROGRESS', 'Queue CREATE_FAILED',
      'broken ROLLBACK_IN_PROGRESS', 'Queue DELETE_IN_PROGRESS', 'Queue DELETE_COMPLETE', 'broken ROLLBACK_COMPLETE',
    ]);
    assert.match(events[3].ResourceStatusReason, /^Resource type AWS::SQS::Queue of resource Queue is not supported by localgate/);
    assert.equal(events[4].ResourceStatusReason, 'The following resource(s) failed to create: [Queue]. Rollback requested by user.');
    r = await deploy('broken');
    assert.equal(r.code, 255);
    assert.match(r.stderr, /ValidationError.*Stack:arn:aws:cloudformation:us-east-1:000000000000:stack\/broken\/[0-9a-f-]+ is in ROLLBACK_COMPLETE state and can not be updated\./);
    r = await aws('cloudformation', 'delete-stack', '--stack-name', 'broken');
    assert.equal(r.code, 0, r.stderr);
    // The waiter's success is DescribeStacks answering "Stack with id broken does not exist".
    r = await aws('cloudformation', 'wait', 'stack-delete-complete', '--stack-name', 'broken');
    assert.equal(r.code, 0, r.stderr);
  });
});
