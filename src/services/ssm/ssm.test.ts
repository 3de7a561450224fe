import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as T from '../../models/ssm.types.ts';
import { fails, requestContext } from '../provider-testing.ts';
import { createSsmService } from './index.ts';

const ctx = requestContext();

function setup() {
  const svc = createSsmService();
  return { svc, ssm: svc.provider as T.Operations };
}

test('PutParameter versions a parameter; Overwrite is needed to change it', async () => {
  const { ssm } = setup();
  assert.deepEqual(await ssm.putParameter({ Name: '/app/db/host', Value: 'a', Type: 'String' }, ctx), { Version: 1, Tier: 'Standard' });
  await fails(() => ssm.putParameter({ Name: '/app/db/host', Value: 'b', Type: 'String' }, ctx), 'ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
  assert.equal((await ssm.putParameter({ Name: '/app/db/host', Value: 'b', Overwrite: true }, ctx)).Version, 2);
  const { Parameter } = await ssm.getParameter({ Name: '/app/db/host' }, ctx);
  assert.equal(Parameter!.Value, 'b');
  assert.equal(Parameter!.Version, 2);
  assert.equal(Parameter!.ARN, 'arn:aws:ssm:eu-west-1:111111111111:parameter/app/db/host');
  assert.equal(Parameter!.DataType, 'text');
  const v1 = (await ssm.getParameter({ Name: '/app/db/host:1' }, ctx)).Parameter!;
  assert.equal(v1.Value, 'a');
  assert.equal(v1.Selector, ':1');
  await fails(() => ssm.getParameter({ Name: '/app/db/host:9' }, ctx), 'ParameterVersionNotFound');
  // By ARN too.
  assert.equal((await ssm.getParameter({ Name: Parameter!.ARN! }, ctx)).Parameter!.Value, 'b');
  await fails(() => ssm.getParameter({ Name: '/nope' }, ctx), 'ParameterNotFound');
  await fails(() => ssm.putParameter({ Name: 'new', Value: 'x' }, ctx), 'ValidationException', 'A parameter type is required when you create a parameter.');
  await fails(() => ssm.putParameter({ Name: 'a/b', Value: 'x', Type: 'String' }, ctx), 'ValidationException');
  await fails(() => ssm.putParameter({ Name: '/aws/x', Value: 'x', Type: 'String' }, ctx), 'ValidationException');
});

test('a root-level name is the same parameter with or without its slash', async () => {
  const { ssm } = setup();
  await ssm.putParameter({ Name: 'flag', Value: 'on', Type: 'String' }, ctx);
  assert.equal((await ssm.getParameter({ Name: '/flag' }, ctx)).Parameter!.Name, '/flag');
  assert.equal((await ssm.getParameter({ Name: 'flag' }, ctx)).Parameter!.ARN, 'arn:aws:ssm:eu-west-1:111111111111:parameter/flag');
});

test('SecureString values are encrypted unless WithDecryption', async () => {
  const { ssm, svc } = setup();
  await ssm.putParameter({ Name: '/s', Value: 'hunter2', Type: 'SecureString' }, ctx);
  const hidden = (await ssm.getParameter({ Name: '/s' }, ctx)).Parameter!.Value!;
  assert.notEqual(hidden, 'hunter2');
  assert.ok(!hidden.includes('hunter2'));
  assert.equal((await ssm.getParameter({ Name: '/s', WithDecryption: true }, ctx)).Parameter!.Value, 'hunter2');
  const meta = (await ssm.describeParameters({}, ctx)).Parameters!;
  assert.equal(meta[0].KeyId, 'alias/aws/ssm');
  assert.deepEqual(svc.readParameter('111111111111', 'eu-west-1', '/s'), { Name: '/s', Type: 'SecureString', Value: 'hunter2', Version: 1 });
  assert.equal(svc.readParameter('111111111111', 'us-east-1', '/s'), undefined);
});

test('GetParameters splits found and invalid names; DeleteParameters likewise', async () => {
  const { ssm } = setup();
  await ssm.putParameter({ Name: '/a', Value: '1', Type: 'String' }, ctx);
  await ssm.putParameter({ Name: '/b', Value: 'x,y', Type: 'StringList' }, ctx);
  const got = await ssm.getParameters({ Names: ['/a', '/b', '/c', '/a:7'] }, ctx);
  assert.deepEqual(got.Parameters!.map((p) => [p.Name, p.Value, p.Type]), [['/a', '1', 'String'], ['/b', 'x,y', 'StringList']]);
  assert.deepEqual(got.InvalidParameters, ['/c', '/a:7']);
  assert.deepEqual(await ssm.deleteParameters({ Names: ['/a', '/c'] }, ctx), { DeletedParameters: ['/a'], InvalidParameters: ['/c'] });
  await ssm.deleteParameter({ Name: '/b' }, ctx);
  await fails(() => ssm.deleteParameter({ Name: '/b' }, ctx), 'ParameterNotFound');
});

test('GetParametersByPath: one level or recursive, paged, filtered', async () => {
  const { ssm } = setup();
  for (const name of ['/app/a', '/app/b', '/app/sub/c', '/app/sub/deep/d', '/other/e']) {
    await ssm.putParameter({ Name: name, Value: name, Type: name.endsWith('b') ? 'SecureString' : 'String' }, ctx);
  }
  const names = async (req: Partial<T.GetParametersByPathRequest>) => ((await ssm.getParametersByPath({ Path: '/app', ...req }, ctx)).Parameters ?? []).map((p) => p.Name);
  assert.deepEqual(await names({}), ['/app/a', '/app/b']);
  assert.deepEqual(await names({ Recursive: true }), ['/app/a', '/app/b', '/app/sub/c', '/app/sub/deep/d']);
  assert.deepEqual(await names({ Recursive: true, ParameterFilters: [{ Key: 'Type', Values: ['SecureString'] }] }), ['/app/b']);
  const first = await ssm.getParametersByPath({ Path: '/app/', Recursive: true, MaxResults: 3 }, ctx);
  assert.equal(first.Parameters!.length, 3);
  const rest = await ssm.getParametersByPath({ Path: '/app/', Recursive: true, MaxResults: 3, NextToken: first.NextToken }, ctx);
  assert.deepEqual(rest.Parameters!.map((p) => p.Name), ['/app/sub/deep/d']);
  assert.equal(rest.NextToken, undefined);
  await fails(() => ssm.getParametersByPath({ Path: '/app', ParameterFilters: [{ Key: 'Name', Values: ['x'] }] }, ctx), 'InvalidFilterKey');
  await fails(() => ssm.getParametersByPath({ Path: '/app', NextToken: 'garbage!' }, ctx), 'InvalidNextToken');
});

test('DescribeParameters filters by name, path, type and tag', async () => {
  const { ssm } = setup();
  await ssm.putParameter({ Name: '/cdk-bootstrap/hnb659fds/version', Value: '21', Type: 'String', Tags: [{ Key: 'team', Value: 'x' }] }, ctx);
  await ssm.putParameter({ Name: '/app/key', Value: 'k', Type: 'SecureString', Description: 'the key' }, ctx);
  const names = async (req: T.DescribeParametersRequest) => (await ssm.describeParameters(req, ctx)).Parameters!.map((p) => p.Name);
  assert.deepEqual(await names({ ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/cdk'] }] }), ['/cdk-bootstrap/hnb659fds/version']);
  assert.deepEqual(await names({ ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/cdk-bootstrap'] }] }), ['/cdk-bootstrap/hnb659fds/version']);
  assert.deepEqual(await names({ ParameterFilters: [{ Key: 'Type', Values: ['SecureString'] }] }), ['/app/key']);
  assert.deepEqual(await names({ ParameterFilters: [{ Key: 'tag:team', Values: ['x'] }] }), ['/cdk-bootstrap/hnb659fds/version']);
  assert.deepEqual(await names({ Filters: [{ Key: 'Name', Values: ['/app'] }] }), ['/app/key']);
  await fails(() => ssm.describeParameters({ ParameterFilters: [{ Key: 'Path', Option: 'Equals', Values: ['/'] }] }, ctx), 'InvalidFilterOption');
  const meta = (await ssm.describeParameters({ ParameterFilters: [{ Key: 'Name', Values: ['/app/key'] }] }, ctx)).Parameters![0];
  assert.equal(meta.Description, 'the key');
  assert.equal((meta as { Value?: string }).Value, undefined);
});

test('history, labels and tags', async () => {
  const { ssm } = setup();
  await ssm.putParameter({ Name: '/h', Value: 'one', Type: 'String' }, ctx);
  await ssm.putParameter({ Name: '/h', Value: 'two', Type: 'String', Overwrite: true }, ctx);
  const history = (await ssm.getParameterHistory({ Name: '/h' }, ctx)).Parameters!;
  assert.deepEqual(history.map((h) => [h.Version, h.Value]), [[1, 'one'], [2, 'two']]);
  assert.deepEqual(await ssm.labelParameterVersion({ Name: '/h', ParameterVersion: 1, Labels: ['prod', '1bad'] }, ctx), { InvalidLabels: ['1bad'], ParameterVersion: 1 });
  assert.equal((await ssm.getParameter({ Name: '/h:prod' }, ctx)).Parameter!.Value, 'one');
  await ssm.labelParameterVersion({ Name: '/h', Labels: ['prod'] }, ctx);
  assert.equal((await ssm.getParameter({ Name: '/h:prod' }, ctx)).Parameter!.Value, 'two');
  await ssm.addTagsToResource({ ResourceType: 'Parameter', ResourceId: '/h', Tags: [{ Key: 'a', Value: '1' }] }, ctx);
  assert.deepEqual((await ssm.listTagsForResource({ ResourceType: 'Parameter', ResourceId: '/h' }, ctx)).TagList, [{ Key: 'a', Value: '1' }]);
  await fails(() => ssm.putParameter({ Name: '/h', Value: 'x', Overwrite: true, Tags: [{ Key: 'b', Value: '2' }] }, ctx), 'ValidationException');
  await fails(() => ssm.putParameter({ Name: '/p', Value: 'abc', Type: 'String', AllowedPattern: '\\d+' }, ctx), 'ParameterPatternMismatchException');
});
