import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyMappings, compileMappings, compileValue, evaluate, type MappingSources } from './parameter-mapping.ts';

const sources: MappingSources = {
  requestHeader: (n) => ({ 'x-in': 'hv' })[n.toLowerCase()],
  requestQuery: (n) => ({ q: 'qv' })[n],
  requestPath: (n) => (n === undefined ? '/a/b' : ({ id: '42' })[n]),
  requestBody: () => ({ user: { name: 'ann' }, list: [1, 2] }),
  context: (n) => ({ requestId: 'rid' })[n],
  stageVariable: (n) => ({ env: 'dev' })[n],
};

test('values mix static text and variables in both syntaxes', () => {
  assert.equal(evaluate(compileValue('static'), sources), 'static');
  assert.equal(evaluate(compileValue('$request.header.X-In'), sources), 'hv');
  assert.equal(evaluate(compileValue('${request.path.id} ${request.querystring.q}'), sources), '42 qv');
  assert.equal(evaluate(compileValue('$request.path'), sources), '/a/b');
  assert.equal(evaluate(compileValue('$request.body.user.name'), sources), 'ann');
  assert.equal(evaluate(compileValue('$request.body.list[1]'), sources), '2');
  assert.equal(evaluate(compileValue('id-$context.requestId-${stageVariables.env}'), sources), 'id-rid-dev');
});

test('append, overwrite and remove on headers, query and path', () => {
  const target = { headers: new Map([['x-in', ['hv']], ['x-gone', ['1']], ['x-list', ['a']]]), query: new Map([['q', ['qv']]]), path: undefined as string | undefined };
  applyMappings(
    compileMappings({
      'overwrite:header.X-In': 'new',
      'remove:header.x-gone': "''",
      'append:header.x-list': '$request.header.x-in',
      'append:querystring.q': 'more',
      'overwrite:querystring.n': '$request.path.id',
      'overwrite:path': 'items/$request.path.id',
    }),
    target,
    sources,
  );
  assert.deepEqual(Object.fromEntries(target.headers), { 'x-in': ['new'], 'x-list': ['a', 'hv'] });
  assert.deepEqual(Object.fromEntries(target.query), { q: ['qv', 'more'], n: ['42'] });
  assert.equal(target.path, '/items/42');
});

test('response mappings may overwrite the status code', () => {
  const target = { headers: new Map<string, string[]>(), status: undefined as number | undefined };
  applyMappings(compileMappings({ 'overwrite:statuscode': '204', 'append:header.x-r': '$response.header.x-up' }), target, { ...sources, responseHeader: () => 'up' });
  assert.equal(target.status, 204);
  assert.deepEqual(target.headers.get('x-r'), ['up']);
});
