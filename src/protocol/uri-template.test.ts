import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTemplate, matchTemplate, splitPath } from './uri-template.ts';

const q = (s = '') => new URLSearchParams(s);

test('labels are read from decoded segments', () => {
  const t = compileTemplate('GET', '/v2/apis/{apiId}/routes/{routeId}');
  assert.deepEqual(matchTemplate(t, splitPath('/v2/apis/abc/routes/r%2F1'), q()), { apiId: 'abc', routeId: 'r/1' });
  assert.equal(matchTemplate(t, splitPath('/v2/apis/abc/routes'), q()), undefined);
  assert.equal(matchTemplate(t, splitPath('/v2/apis/abc/routes/r/extra'), q()), undefined);
});

test('greedy labels take the rest of the path', () => {
  const t = compileTemplate('GET', '/files/{path+}');
  assert.deepEqual(matchTemplate(t, splitPath('/files/a/b/c'), q()), { path: 'a/b/c' });
  assert.equal(matchTemplate(t, splitPath('/files'), q()), undefined);
});

test('query-qualified templates need their query and rank higher', () => {
  const plain = compileTemplate('POST', '/restapis');
  const imp = compileTemplate('POST', '/restapis?mode=import');
  assert.equal(matchTemplate(imp, splitPath('/restapis'), q()), undefined);
  assert.deepEqual(matchTemplate(imp, splitPath('/restapis'), q('mode=import')), {});
  assert.ok(imp.specificity > plain.specificity);
});

test('a template matches only its own number of segments, literals in place', () => {
  const t = compileTemplate('POST', '/2015-03-31/functions/{FunctionName}/invocations');
  assert.deepEqual(matchTemplate(t, splitPath('/2015-03-31/functions/my%3Afn/invocations'), q()), { FunctionName: 'my:fn' });
  assert.equal(matchTemplate(t, splitPath('/2015-03-31/functions/f/invocation'), q()), undefined);
  assert.equal(matchTemplate(t, splitPath('/2015-03-31/functions/f'), q()), undefined);
  assert.equal(matchTemplate(t, splitPath('/2015-03-31/functions/f/invocations/x'), q()), undefined);
});

test('a query value in the template must be matched; an empty one only present', () => {
  const t = compileTemplate('GET', '/things?list&kind=big');
  assert.deepEqual(t.query, [['list', ''], ['kind', 'big']]);
  assert.deepEqual(matchTemplate(t, splitPath('/things'), q('list=1&kind=big')), {});
  assert.equal(matchTemplate(t, splitPath('/things'), q('kind=big')), undefined);
  assert.equal(matchTemplate(t, splitPath('/things'), q('list&kind=small')), undefined);
});

test('segments are decoded, undecodable ones kept as sent', () => {
  assert.deepEqual(splitPath('//a%20b/%E0%A4%A/c/'), ['a b', '%E0%A4%A', 'c']);
});
