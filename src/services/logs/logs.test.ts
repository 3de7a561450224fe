import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as T from '../../models/logs.types.ts';
import { fails, requestContext } from '../provider-testing.ts';
import { createLogsService } from './index.ts';

const ctx = requestContext();

function setup(maxEvents = 1000) {
  const svc = createLogsService(maxEvents);
  return { svc, logs: svc.provider as T.Operations };
}

async function groupWithStream(logs: T.Operations, group = '/app', stream = 's1') {
  await logs.createLogGroup({ logGroupName: group }, ctx);
  await logs.createLogStream({ logGroupName: group, logStreamName: stream }, ctx);
}

test('groups and streams: create, describe, delete, errors', async () => {
  const { logs } = setup();
  await groupWithStream(logs);
  await fails(() => logs.createLogGroup({ logGroupName: '/app' }, ctx), 'ResourceAlreadyExistsException', 'The specified log group already exists');
  await fails(() => logs.createLogStream({ logGroupName: '/nope', logStreamName: 'x' }, ctx), 'ResourceNotFoundException', 'The specified log group does not exist.');
  await logs.createLogGroup({ logGroupName: '/other' }, ctx);
  const groups = (await logs.describeLogGroups({ logGroupNamePrefix: '/app' }, ctx)).logGroups!;
  assert.equal(groups.length, 1);
  assert.equal(groups[0].arn, 'arn:aws:logs:eu-west-1:111111111111:log-group:/app:*');
  assert.equal(groups[0].logGroupArn, 'arn:aws:logs:eu-west-1:111111111111:log-group:/app');
  assert.deepEqual((await logs.describeLogGroups({ logGroupNamePattern: 'OTH' }, ctx)).logGroups!.map((g) => g.logGroupName), ['/other']);
  const streams = (await logs.describeLogStreams({ logGroupName: '/app' }, ctx)).logStreams!;
  assert.equal(streams[0].arn, 'arn:aws:logs:eu-west-1:111111111111:log-group:/app:log-stream:s1');
  await logs.deleteLogStream({ logGroupName: '/app', logStreamName: 's1' }, ctx);
  await fails(() => logs.deleteLogStream({ logGroupName: '/app', logStreamName: 's1' }, ctx), 'ResourceNotFoundException', 'The specified log stream does not exist.');
  await logs.deleteLogGroup({ logGroupName: '/app' }, ctx);
  assert.deepEqual((await logs.describeLogGroups({}, ctx)).logGroups!.map((g) => g.logGroupName), ['/other']);
});

test('PutLogEvents then GetLogEvents from the head, from the tail, and with tokens', async () => {
  const { logs } = setup();
  await groupWithStream(logs);
  const now = Date.now();
  const put = await logs.putLogEvents({ logGroupName: '/app', logStreamName: 's1', logEvents: [1, 2, 3, 4, 5].map((i) => ({ timestamp: now + i, message: `m${i}` })) }, ctx);
  assert.match(put.nextSequenceToken!, /^\d{56}$/);
  const head = await logs.getLogEvents({ logGroupName: '/app', logStreamName: 's1', startFromHead: true, limit: 2 }, ctx);
  assert.deepEqual(head.events!.map((e) => e.message), ['m1', 'm2']);
  const next = await logs.getLogEvents({ logGroupName: '/app', logStreamName: 's1', nextToken: head.nextForwardToken, limit: 2 }, ctx);
  assert.deepEqual(next.events!.map((e) => e.message), ['m3', 'm4']);
  const tail = await logs.getLogEvents({ logGroupName: '/app', logStreamName: 's1', limit: 2 }, ctx);
  assert.deepEqual(tail.events!.map((e) => e.message), ['m4', 'm5']);
  const back = await logs.getLogEvents({ logGroupName: '/app', logStreamName: 's1', nextToken: tail.nextBackwardToken, limit: 2 }, ctx);
  assert.deepEqual(back.events!.map((e) => e.message), ['m2', 'm3']);
  // At the end the forward token stays put: that is how clients know they have read it all.
  const end = await logs.getLogEvents({ logGroupName: '/app', logStreamName: 's1', nextToken: tail.nextForwardToken }, ctx);
  assert.deepEqual(end.events, []);
  assert.equal(end.nextForwardToken, tail.nextForwardToken);
  const ranged = await logs.getLogEvents({ logGroupName: '/app', logStreamName: 's1', startTime: now + 2, endTime: now + 4, startFromHead: true }, ctx);
  assert.deepEqual(ranged.events!.map((e) => e.message), ['m2', 'm3']);
  await fails(() => logs.getLogEvents({ logGroupName: '/app', logStreamName: 's1', nextToken: 'nonsense' }, ctx), 'InvalidParameterException');
});

test('PutLogEvents rules: order, span, too old and too new', async () => {
  const { logs } = setup();
  await groupWithStream(logs);
  const now = Date.now();
  await fails(() => logs.putLogEvents({ logGroupName: '/app', logStreamName: 's1', logEvents: [{ timestamp: now, message: 'b' }, { timestamp: now - 1, message: 'a' }] }, ctx), 'InvalidParameterException', 'Log events in a single PutLogEvents request must be in chronological order.');
  const out = await logs.putLogEvents({ logGroupName: '/app', logStreamName: 's1', logEvents: [{ timestamp: now - 15 * 86_400_000, message: 'old' }, { timestamp: now - 14.5 * 86_400_000, message: 'old2' }] }, ctx);
  assert.deepEqual(out.rejectedLogEventsInfo, { tooOldLogEventEndIndex: 1 });
  const future = await logs.putLogEvents({ logGroupName: '/app', logStreamName: 's1', logEvents: [{ timestamp: now, message: 'ok' }, { timestamp: now + 3 * 3_600_000, message: 'future' }] }, ctx);
  assert.deepEqual(future.rejectedLogEventsInfo, { tooNewLogEventStartIndex: 1 });
  const all = await logs.getLogEvents({ logGroupName: '/app', logStreamName: 's1', startFromHead: true }, ctx);
  assert.deepEqual(all.events!.map((e) => e.message), ['ok']);
  await fails(() => logs.putLogEvents({ logGroupName: '/app', logStreamName: 'nope', logEvents: [{ timestamp: now, message: 'x' }] }, ctx), 'ResourceNotFoundException', 'The specified log stream does not exist.');
});

test('FilterLogEvents interleaves streams, applies patterns and pages', async () => {
  const { logs } = setup();
  await groupWithStream(logs, '/app', 'a');
  await logs.createLogStream({ logGroupName: '/app', logStreamName: 'b' }, ctx);
  const now = Date.now();
  await logs.putLogEvents({ logGroupName: '/app', logStreamName: 'a', logEvents: [{ timestamp: now + 1, message: 'ERROR one' }, { timestamp: now + 3, message: '{"level":"error","n":3}' }] }, ctx);
  await logs.putLogEvents({ logGroupName: '/app', logStreamName: 'b', logEvents: [{ timestamp: now + 2, message: 'INFO two' }, { timestamp: now + 4, message: 'ERROR four' }] }, ctx);
  const all = await logs.filterLogEvents({ logGroupName: '/app' }, ctx);
  assert.deepEqual(all.events!.map((e) => [e.logStreamName, e.message]), [['a', 'ERROR one'], ['b', 'INFO two'], ['a', '{"level":"error","n":3}'], ['b', 'ERROR four']]);
  assert.match(all.events![0].eventId!, /^\d{56}$/);
  assert.deepEqual((await logs.filterLogEvents({ logGroupName: '/app', filterPattern: 'ERROR' }, ctx)).events!.map((e) => e.message), ['ERROR one', 'ERROR four']);
  assert.deepEqual((await logs.filterLogEvents({ logGroupName: '/app', filterPattern: '{ $.n = 3 }' }, ctx)).events!.map((e) => e.message), ['{"level":"error","n":3}']);
  assert.deepEqual((await logs.filterLogEvents({ logGroupName: '/app', logStreamNames: ['b'], startTime: now + 3 }, ctx)).events!.map((e) => e.message), ['ERROR four']);
  const first = await logs.filterLogEvents({ logGroupName: '/app', limit: 3 }, ctx);
  assert.equal(first.events!.length, 3);
  const rest = await logs.filterLogEvents({ logGroupName: '/app', limit: 3, nextToken: first.nextToken }, ctx);
  assert.deepEqual(rest.events!.map((e) => e.message), ['ERROR four']);
  assert.equal(rest.nextToken, undefined);
});

test('retention drops old events; the cap drops the oldest ingested events', async () => {
  const { logs, svc } = setup(5);
  await groupWithStream(logs);
  const now = Date.now();
  await logs.putLogEvents({ logGroupName: '/app', logStreamName: 's1', logEvents: [{ timestamp: now - 2 * 86_400_000, message: 'two days' }] }, ctx);
  await logs.putLogEvents({ logGroupName: '/app', logStreamName: 's1', logEvents: [{ timestamp: now, message: 'now' }] }, ctx);
  await logs.putRetentionPolicy({ logGroupName: '/app', retentionInDays: 1 }, ctx);
  assert.equal((await logs.describeLogGroups({}, ctx)).logGroups![0].retentionInDays, 1);
  assert.deepEqual((await logs.getLogEvents({ logGroupName: '/app', logStreamName: 's1', startFromHead: true }, ctx)).events!.map((e) => e.message), ['now']);
  await fails(() => logs.putRetentionPolicy({ logGroupName: '/app', retentionInDays: 2 }, ctx), 'InvalidParameterException');
  await logs.deleteRetentionPolicy({ logGroupName: '/app' }, ctx);
  await logs.putLogEvents({ logGroupName: '/app', logStreamName: 's1', logEvents: [1, 2, 3, 4, 5, 6].map((i) => ({ timestamp: now + i, message: `e${i}` })) }, ctx);
  assert.equal(svc.store.size, 5);
  assert.deepEqual((await logs.getLogEvents({ logGroupName: '/app', logStreamName: 's1', startFromHead: true }, ctx)).events!.map((e) => e.message), ['e2', 'e3', 'e4', 'e5', 'e6']);
});

test('the function sink writes each line to the function group and environment stream, in batches', async () => {
  const { logs, svc } = setup();
  const stream = '2026/01/02/[$LATEST]0123456789abcdef0123456789abcdef';
  svc.functionLogs.write({ account: '111111111111', region: 'eu-west-1', logGroup: '/aws/lambda/fn', logStream: stream, log: 'START RequestId: r Version: $LATEST\nhello\nEND RequestId: r\n', timestamp: Date.now() });
  svc.functionLogs.write({ account: '111111111111', region: 'eu-west-1', logGroup: '/aws/lambda/fn', logStream: stream, log: 'second\n', timestamp: Date.now() });
  // Written in a batch: stored when an operation comes (or a second later), not per invocation.
  assert.equal(svc.store.size, 0);
  const events = await logs.getLogEvents({ logGroupName: '/aws/lambda/fn', logStreamName: stream, startFromHead: true }, ctx);
  assert.deepEqual(events.events!.map((e) => e.message), ['START RequestId: r Version: $LATEST\n', 'hello\n', 'END RequestId: r\n', 'second\n']);
});
