import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RequestContext } from '../protocol/engine.ts';
import { StackEngine } from './engine.ts';
import type { ExportBook } from './operation.ts';
import { prepareTemplate } from './prepare.ts';
import type { ResourceType } from './resource.ts';
import { newStack, type StackRecord } from './stack.ts';

/** An in-memory world of "things" behind a test resource type. */
function world() {
  const live = new Map<string, Record<string, any>>();
  let n = 0;
  let running = 0;
  const stats = { maxConcurrent: 0, log: [] as string[] };
  const thing: ResourceType = {
    type: 'Test::Thing',
    replaceOn: ['Name'],
    async create(props) {
      running++;
      stats.maxConcurrent = Math.max(stats.maxConcurrent, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (props.Fail) throw new Error(`thing ${props.Name} refused`);
      const id = `thing-${++n}`;
      live.set(id, props);
      stats.log.push(`create ${props.Name}`);
      return { physicalId: id, attributes: { Arn: `arn:thing:${props.Name}`, Name: props.Name } };
    },
    async update(id, _old, props) {
      if (props.FailUpdate) throw new Error(`thing ${props.Name} cannot update`);
      stats.log.push(`update ${props.Name}`);
      // A thing asked to rotate answers a new physical id, as a custom resource may.
      const next = props.Rotate ? `thing-${++n}` : id;
      live.set(next, props);
      return { physicalId: next, attributes: { Arn: `arn:thing:${props.Name}`, Name: props.Name } };
    },
    async delete(id) {
      stats.log.push(`delete ${live.get(id)?.Name}`);
      live.delete(id);
    },
  };
  const exports = new Map<string, { value: string; stackId: string; stackName: string }>();
  const stacks: StackRecord[] = [];
  const book: ExportBook = {
    get: (name) => exports.get(name),
    importers: (name) => stacks.filter((s) => s.status !== 'DELETE_COMPLETE' && s.imports.has(name)).map((s) => s.stackName),
    publish: (stack) => {
      for (const [k, v] of exports) if (v.stackId === stack.stackId) exports.delete(k);
      for (const o of stack.outputs) if (o.ExportName) exports.set(o.ExportName, { value: o.OutputValue!, stackId: stack.stackId, stackName: stack.stackName });
    },
    withdraw: (stack) => { for (const [k, v] of exports) if (v.stackId === stack.stackId) exports.delete(k); },
  };
  const engine = new StackEngine({ types: (t) => (t === 'Test::Thing' ? thing : undefined), services: {} as any, exports: () => book });
  const request = { account: '123456789012', region: 'us-east-1', requestId: 'r', baseUrl: 'http://localhost', caller: {} } as unknown as RequestContext;
  const prepare = (stack: StackRecord, body: unknown, parameters = {}) => prepareTemplate({
    body: JSON.stringify(body), parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue: String(ParameterValue) })),
    pseudo: { AccountId: request.account, Region: request.region, StackName: stack.stackName, StackId: stack.stackId, Partition: 'aws', URLSuffix: 'amazonaws.com', NotificationARNs: [] },
  });
  const stack = (name: string) => { const s = newStack(`arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/x`, name); stacks.push(s); return s; };
  const create = async (s: StackRecord, body: unknown, opts = {}) => engine.create(s, await prepare(s, body), request, { disableRollback: false, deleteOnFailure: false, skipUnsupported: false, ...opts });
  const update = async (s: StackRecord, body: unknown) => engine.update(s, await prepare(s, body), request, { disableRollback: false, skipUnsupported: false });
  return { live, stats, engine, request, stack, create, update, exports };
}

const statuses = (s: StackRecord) => s.events.filter((e) => e.ResourceType === 'AWS::CloudFormation::Stack').map((e) => e.ResourceStatus).reverse();
const resourceEvents = (s: StackRecord, id: string) => s.events.filter((e) => e.LogicalResourceId === id).map((e) => `${e.ResourceStatus}${e.ResourceStatusReason ? `:${e.ResourceStatusReason}` : ''}`).reverse();

const chain = {
  Resources: {
    A: { Type: 'Test::Thing', Properties: { Name: 'a' } },
    B: { Type: 'Test::Thing', Properties: { Name: { 'Fn::Sub': '${A}-b' }, Peer: { 'Fn::GetAtt': ['A', 'Arn'] } } },
    C: { Type: 'Test::Thing', DependsOn: 'B', Properties: { Name: 'c' } },
    D: { Type: 'Test::Thing', Properties: { Name: 'd' } },
  },
  Outputs: { BArn: { Value: { 'Fn::GetAtt': ['B', 'Arn'] }, Export: { Name: 'b-arn' } } },
};

test('create runs in dependency order, independent resources concurrently, with CloudFormation events', async () => {
  const w = world();
  const s = w.stack('s1');
  await w.create(s, chain);
  assert.equal(s.status, 'CREATE_COMPLETE');
  assert.deepEqual(statuses(s), ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE']);
  assert.ok(w.stats.log.indexOf('create a') < w.stats.log.indexOf('create thing-1-b'));
  assert.ok(w.stats.log.indexOf('create thing-1-b') < w.stats.log.indexOf('create c'));
  assert.equal(w.stats.maxConcurrent, 2); // A and D together
  assert.deepEqual(s.resources.get('B')!.properties, { Name: 'thing-1-b', Peer: 'arn:thing:a' });
  assert.deepEqual(resourceEvents(s, 'A'), ['CREATE_IN_PROGRESS', 'CREATE_IN_PROGRESS:Resource creation Initiated', 'CREATE_COMPLETE']);
  assert.deepEqual(s.outputs, [{ OutputKey: 'BArn', OutputValue: 'arn:thing:thing-1-b', ExportName: 'b-arn' }]);
  assert.equal(w.exports.get('b-arn')?.value, 'arn:thing:thing-1-b');
});

test('a failed create rolls back everything it created', async () => {
  const w = world();
  const s = w.stack('s2');
  await w.create(s, { Resources: { ...chain.Resources, C: { Type: 'Test::Thing', DependsOn: 'B', Properties: { Name: 'c', Fail: true } } } });
  assert.equal(s.status, 'ROLLBACK_COMPLETE');
  assert.deepEqual(statuses(s), ['CREATE_IN_PROGRESS', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_COMPLETE']);
  assert.equal(s.events.find((e) => e.ResourceStatus === 'ROLLBACK_IN_PROGRESS')!.ResourceStatusReason, 'The following resource(s) failed to create: [C]. Rollback requested by user.');
  assert.deepEqual(resourceEvents(s, 'C'), ['CREATE_IN_PROGRESS', 'CREATE_FAILED:thing c refused', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE']);
  assert.equal(w.live.size, 0);
  assert.ok(w.stats.log.indexOf('delete thing-1-b') < w.stats.log.indexOf('delete a'), 'B (which depends on A) goes first');
});

test('unknown types fail the stack naming type and logical id, or are skipped when asked', async () => {
  const w = world();
  const s = w.stack('s3');
  const body = { Resources: { A: { Type: 'Test::Thing', Properties: { Name: 'a' } }, Q: { Type: 'AWS::SQS::Queue' } } };
  await w.create(s, body);
  assert.equal(s.status, 'ROLLBACK_COMPLETE');
  assert.match(s.events.find((e) => e.LogicalResourceId === 'Q' && e.ResourceStatus === 'CREATE_FAILED')!.ResourceStatusReason!, /^Resource type AWS::SQS::Queue of resource Q is not supported by localgate/);
  assert.equal(w.live.size, 0);
  const t = w.stack('s4');
  await w.create(t, body, { skipUnsupported: true });
  assert.equal(t.status, 'CREATE_COMPLETE');
  assert.equal(t.resources.get('Q')!.reason, 'Skipped: localgate does not support resource type AWS::SQS::Queue');
  await w.engine.delete(t, w.request);
  assert.equal(t.status, 'DELETE_COMPLETE');
  assert.equal(w.live.size, 0);
});

test('update adds, modifies in place, replaces and removes; cleanup deletes old halves', async () => {
  const w = world();
  const s = w.stack('s5');
  await w.create(s, chain);
  const aId = s.resources.get('A')!.physicalId;
  const dId = s.resources.get('D')!.physicalId;
  await w.update(s, { Resources: {
    A: { Type: 'Test::Thing', Properties: { Name: 'a', Extra: 1 } },
    B: chain.Resources.B,
    C: { Type: 'Test::Thing', DependsOn: 'B', Properties: { Name: 'c2' } },
    E: { Type: 'Test::Thing', Properties: { Name: 'e' } },
  } });
  assert.equal(s.status, 'UPDATE_COMPLETE');
  assert.deepEqual(statuses(s).slice(2), ['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_COMPLETE']);
  assert.equal(s.resources.get('A')!.physicalId, aId, 'in place');
  assert.notEqual(s.resources.get('C')!.physicalId, undefined);
  assert.deepEqual([...s.resources.keys()].sort(), ['A', 'B', 'C', 'E']);
  assert.ok(!w.live.has(dId!), 'D removed');
  assert.deepEqual([...w.live.values()].map((p) => p.Name).sort(), ['a', 'c2', 'e', 'thing-1-b']);
  assert.deepEqual(s.outputs, [], 'the new template has no outputs');
});

test('an update that answers a new physical id deletes the old resource during cleanup', async () => {
  const w = world();
  const s = w.stack('rotating');
  await w.create(s, { Resources: { A: { Type: 'Test::Thing', Properties: { Name: 'a' } } } });
  const oldId = s.resources.get('A')!.physicalId!;
  await w.update(s, { Resources: { A: { Type: 'Test::Thing', Properties: { Name: 'a', Rotate: true } } } });
  assert.equal(s.status, 'UPDATE_COMPLETE');
  const newId = s.resources.get('A')!.physicalId!;
  assert.notEqual(newId, oldId);
  assert.deepEqual([...w.live.keys()], [newId], 'the old physical resource is gone');
  assert.deepEqual(w.stats.log.slice(-2), ['update a', 'delete a']);
});

test('a failed update returns to the previous state', async () => {
  const w = world();
  const s = w.stack('s6');
  await w.create(s, chain);
  const before = new Map([...w.live].map(([k, v]) => [k, v.Name]));
  await w.update(s, { Resources: {
    A: { Type: 'Test::Thing', Properties: { Name: 'a', Extra: 2 } },
    B: chain.Resources.B,
    C: { Type: 'Test::Thing', DependsOn: 'B', Properties: { Name: 'c3' } },
    D: { Type: 'Test::Thing', DependsOn: 'C', Properties: { Name: 'd', FailUpdate: true } },
    F: { Type: 'Test::Thing', Properties: { Name: 'f' } },
  }, Outputs: chain.Outputs });
  assert.equal(s.status, 'UPDATE_ROLLBACK_COMPLETE');
  assert.deepEqual(statuses(s).slice(2), ['UPDATE_IN_PROGRESS', 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE']);
  assert.equal(s.events.find((e) => e.ResourceStatus === 'UPDATE_ROLLBACK_IN_PROGRESS')!.ResourceStatusReason, 'The following resource(s) failed to update: [D]. ');
  assert.deepEqual(new Map([...w.live].map(([k, v]) => [k, v.Name])), before);
  assert.deepEqual(w.live.get(s.resources.get('A')!.physicalId!), { Name: 'a' });
  assert.deepEqual([...s.resources.keys()].sort(), ['A', 'B', 'C', 'D']);
});

test('DeletionPolicy Retain; exports in use cannot be removed or deleted', async () => {
  const w = world();
  const producer = w.stack('producer');
  await w.create(producer, chain);
  const consumer = w.stack('consumer');
  await w.create(consumer, { Resources: { X: { Type: 'Test::Thing', DeletionPolicy: 'Retain', Properties: { Name: { 'Fn::ImportValue': 'b-arn' } } } } });
  assert.equal(consumer.resources.get('X')!.properties.Name, 'arn:thing:thing-1-b');
  await w.engine.delete(producer, w.request);
  assert.equal(producer.status, 'DELETE_FAILED');
  assert.equal(producer.reason, 'Delete canceled. Cannot delete export b-arn as it is in use by consumer.');
  await w.update(producer, { Resources: chain.Resources });
  assert.equal(producer.status, 'UPDATE_ROLLBACK_COMPLETE');
  assert.equal(producer.events.find((e) => e.ResourceStatus === 'UPDATE_ROLLBACK_IN_PROGRESS')!.ResourceStatusReason, 'Export b-arn cannot be deleted as it is in use by consumer');
  await w.engine.delete(consumer, w.request);
  assert.deepEqual(resourceEvents(consumer, 'X').slice(-1), ['DELETE_SKIPPED']);
  await w.engine.delete(producer, w.request);
  assert.equal(producer.status, 'DELETE_COMPLETE');
  assert.deepEqual([...w.live.values()].map((p) => p.Name), ['arn:thing:thing-1-b'], 'only the retained resource is left');
});
