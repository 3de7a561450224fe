// CloudWatch Logs end to end: the SDK v3 client, function output written to
// /aws/lambda/{name} after an invoke through an HTTP API, and `aws logs tail` (AWS CLI v2,
// which reads with FilterLogEvents; the Debian awscli package, installed when absent).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { Localgate } from '../src/app.ts';
import { clientConfig, startTestServer } from './helpers.ts';
import { createFunction, createHttpApi, lambdaProxy, rawRequest } from './http-api-setup.ts';

const run = promisify(execFile);
const AWS_V2 = '/usr/bin/aws';

const LOGGING = `exports.handler = async (event) => {
  console.log('handling', event.rawPath);
  return { statusCode: 200, body: 'ok' };
};`;

describe('CloudWatch Logs end to end', () => {
  let app: Localgate;
  let logs: CloudWatchLogsClient;
  before(async () => {
    app = await startTestServer();
    logs = new CloudWatchLogsClient(clientConfig(app));
  });
  after(async () => {
    logs.destroy();
    await app.close();
  });

  it('stores and reads events with the SDK, with its errors', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/app/api' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/app/api', logStreamName: 'web-1' }));
    const now = Date.now();
    await logs.send(new PutLogEventsCommand({ logGroupName: '/app/api', logStreamName: 'web-1', logEvents: [{ timestamp: now, message: 'GET / 200' }, { timestamp: now + 1, message: 'GET /x 500 ERROR' }] }));
    const got = await logs.send(new GetLogEventsCommand({ logGroupName: '/app/api', logStreamName: 'web-1', startFromHead: true }));
    assert.deepEqual(got.events!.map((e) => e.message), ['GET / 200', 'GET /x 500 ERROR']);
    const errors = await logs.send(new FilterLogEventsCommand({ logGroupName: '/app/api', filterPattern: 'ERROR' }));
    assert.deepEqual(errors.events!.map((e) => [e.logStreamName, e.message]), [['web-1', 'GET /x 500 ERROR']]);
    await assert.rejects(logs.send(new CreateLogGroupCommand({ logGroupName: '/app/api' })), (err: any) => err.name === 'ResourceAlreadyExistsException' && err.$metadata.httpStatusCode === 400);
    await assert.rejects(logs.send(new GetLogEventsCommand({ logGroupName: '/none', logStreamName: 'x' })), (err: any) => err.name === 'ResourceNotFoundException' && err.message === 'The specified log group does not exist.');
  });

  it('writes what a function logs to /aws/lambda/{name}, one stream per execution environment', async () => {
    await createFunction(app, 'logger', LOGGING);
    const apiId = await createHttpApi(app, [{ routeKey: 'GET /hello', integration: lambdaProxy('logger') }]);
    const res = await rawRequest(`${app.url}/execute-api/${apiId}/hello`);
    assert.equal(res.status, 200);
    const streams = (await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/logger' }))).logStreams!;
    assert.equal(streams.length, 1);
    assert.match(streams[0].logStreamName!, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    const events = (await logs.send(new GetLogEventsCommand({ logGroupName: '/aws/lambda/logger', logStreamName: streams[0].logStreamName, startFromHead: true }))).events!;
    const messages = events.map((e) => e.message!);
    assert.match(messages.find((m) => m.startsWith('START'))!, /^START RequestId: [0-9a-f-]{36} Version: \$LATEST\n$/);
    assert.ok(messages.some((m) => m.includes('handling /hello')));
    assert.ok(messages.some((m) => m.startsWith('END RequestId: ')));
    assert.ok(messages.some((m) => m.startsWith('REPORT RequestId: ')));
    // console.log lines carry the runtime's prefix (time, request id, level), as on AWS.
    const found = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/logger', filterPattern: '"handling /hello" INFO' }));
    assert.equal(found.events!.length, 1);
    assert.match(found.events![0].message!, /^\S+Z\t[0-9a-f-]{36}\tINFO\thandling \/hello\n$/);
  });

  // .ci/run installs Debian's awscli (v2); the machine's Python CLI (v1) has no `logs tail`.
  const noCliV2 = !existsSync(AWS_V2) && `needs AWS CLI v2 at ${AWS_V2} (Debian's awscli package)`;
  it('`aws logs tail` shows the START, END, REPORT lines and the function output', { skip: noCliV2 }, async () => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
    const { stdout } = await run(AWS_V2, ['logs', 'tail', '/aws/lambda/logger', '--endpoint-url', app.url, '--format', 'short'], { env });
    const lines = stdout.trim().split('\n');
    assert.ok(lines.some((l) => / START RequestId: [0-9a-f-]{36} Version: \$LATEST$/.test(l)), stdout);
    assert.ok(lines.some((l) => /handling \/hello$/.test(l)), stdout);
    assert.ok(lines.some((l) => / END RequestId: /.test(l)), stdout);
    assert.ok(lines.some((l) => / REPORT RequestId: .*Duration: /.test(l)), stdout);
  });
});
