import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInvokeLocation, selectStage, ExecuteRegistry, type ApiHandle } from './entry.ts';

const handle = (stages: string[], disabled = false): ApiHandle => ({ hasStage: (n) => stages.includes(n), executeApiDisabled: disabled });

test('path and host forms name the API', () => {
  assert.deepEqual(parseInvokeLocation('localhost', '/execute-api/abc123/prod/x'), { apiId: 'abc123', rest: '/prod/x', stageRequired: false, domainName: 'abc123.execute-api.localhost' });
  assert.deepEqual(parseInvokeLocation('localhost', '/_aws/execute-api/abc123/prod/x')?.rest, '/prod/x');
  assert.deepEqual(parseInvokeLocation('abc123.execute-api.localhost', '/prod/x'), { apiId: 'abc123', rest: '/prod/x', stageRequired: false, domainName: 'abc123.execute-api.localhost' });
  assert.equal(parseInvokeLocation('abc123.execute-api.localhost.localstack.cloud', '/x')?.apiId, 'abc123');
  assert.deepEqual(parseInvokeLocation('localhost', '/restapis/abc123/prod/_user_request_/a/b'), { apiId: 'abc123', rest: '/prod/a/b', stageRequired: true, domainName: 'abc123.execute-api.localhost' });
  assert.equal(parseInvokeLocation('localhost', '/restapis/abc123/prod/_user_request_')?.rest, '/prod');
});

test('control-plane paths are not invoke URLs', () => {
  assert.equal(parseInvokeLocation('localhost', '/restapis/abc123/resources'), undefined);
  assert.equal(parseInvokeLocation('localhost', '/restapis/abc123/stages/prod'), undefined);
  assert.equal(parseInvokeLocation('localhost', '/restapis/abc123/prod/_user_request_x'), undefined);
  assert.equal(parseInvokeLocation('localhost', '/v2/apis'), undefined);
  assert.equal(parseInvokeLocation('localhost', '/execute-api/'), undefined);
});

test('the first segment is a stage only when it names one', () => {
  const loc = (rest: string, stageRequired = false) => ({ apiId: 'a', rest, stageRequired, domainName: 'a.execute-api.localhost' });
  assert.deepEqual(selectStage(loc('/prod/x/y'), handle(['prod', '$default'])), { stage: 'prod', path: '/x/y' });
  assert.deepEqual(selectStage(loc('/other/x'), handle(['prod', '$default'])), { stage: '$default', path: '/other/x' });
  assert.deepEqual(selectStage(loc('/$default/hello'), handle(['$default'])), { stage: '$default', path: '/hello' });
  assert.deepEqual(selectStage(loc('/%24default/hello'), handle(['$default'])), { stage: '$default', path: '/hello' });
  assert.deepEqual(selectStage(loc('/prod'), handle(['prod'])), { stage: 'prod', path: '/' });
  assert.deepEqual(selectStage(loc(''), handle(['$default'])), { stage: '$default', path: '/' });
  assert.equal(selectStage(loc('/other/x'), handle(['prod'])), undefined);
  assert.equal(selectStage(loc('/x', true), handle(['$default'])), undefined);
});

test('the registry asks each kind and reports unknown or disabled APIs', () => {
  const registry = new ExecuteRegistry();
  registry.register({ name: 'a', claim: (id) => (id === 'one' ? handle(['prod']) : undefined) });
  registry.register({ name: 'b', claim: (id) => (id === 'two' ? handle(['$default'], true) : undefined) });
  const found = registry.resolve('localhost', '/execute-api/one/prod/p');
  assert.ok(typeof found !== 'string');
  assert.equal(found.stage, 'prod');
  assert.equal(found.path, '/p');
  assert.equal(found.domainPrefix, 'one');
  assert.equal(registry.resolve('localhost', '/execute-api/one/dev/p'), 'not-found');
  assert.equal(registry.resolve('localhost', '/execute-api/three/prod/p'), 'not-found');
  assert.equal(registry.resolve('localhost', '/execute-api/two/p'), 'forbidden');
  assert.equal(registry.resolve('localhost', '/v2/apis'), 'not-invoke-url');
  const upgrade = registry.resolveUpgrade({ headers: { host: 'one.execute-api.localhost:4566' }, url: '/prod?x=1' } as never);
  assert.equal(upgrade?.stage, 'prod');
  assert.equal(upgrade?.path, '/');
});

test('the REST user-request form needs an API id, a stage and exactly the _user_request_ segment', () => {
  assert.equal(parseInvokeLocation('localhost', '/restapis//prod/_user_request_/a'), undefined);
  assert.equal(parseInvokeLocation('localhost', '/restapis/abc123//_user_request_/a'), undefined);
  assert.equal(parseInvokeLocation('localhost', '/restapis/abc123/prod'), undefined);
  assert.equal(parseInvokeLocation('localhost', '/restapis/abc123'), undefined);
  assert.equal(parseInvokeLocation('localhost', '/restapis/abc123/prod/_user_request'), undefined);
  assert.equal(parseInvokeLocation('localhost', '/restapis/abc123/prod/x/_user_request_/a'), undefined);
  assert.deepEqual(parseInvokeLocation('localhost', '/restapis/abc123/prod/_user_request_/'), { apiId: 'abc123', rest: '/prod/', stageRequired: true, domainName: 'abc123.execute-api.localhost' });
});
