import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResourceRecord } from '../../services/apigateway/store.ts';
import { ResourceTree, splitPath } from './resources.ts';

const res = (id: string, path: string, methods: string[]): ResourceRecord => ({
  id,
  path,
  resourceMethods: Object.fromEntries(methods.map((m) => [m, { httpMethod: m }])),
});

const tree = new ResourceTree([
  res('root', '/', ['GET']),
  res('pets', '/pets', ['GET']),
  res('pet', '/pets/{petId}', ['ANY']),
  res('mine', '/pets/mine', ['GET']),
  res('proxy', '/{proxy+}', ['ANY']),
]);

test('a literal beats a parameter, a parameter beats a greedy proxy', () => {
  assert.equal(tree.match('GET', ['pets', 'mine'])?.resource.id, 'mine');
  const pet = tree.match('DELETE', ['pets', '7'])!;
  assert.equal(pet.resource.id, 'pet');
  assert.deepEqual(pet.pathParameters, { petId: '7' });
  const deep = tree.match('GET', ['pets', '7', 'toys'])!;
  assert.equal(deep.resource.id, 'proxy');
  assert.deepEqual(deep.pathParameters, { proxy: 'pets/7/toys' });
});

test('a method beats ANY and a resource without the method falls to a less specific one', () => {
  assert.equal(tree.match('GET', [])?.resource.id, 'root');
  assert.equal(tree.match('POST', [])?.resource.id, undefined);
  assert.equal(tree.match('POST', ['pets'])?.resource.id, 'proxy');
  assert.equal(tree.match('POST', ['pets', 'mine'])?.resource.id, 'pet');
});

test('no resource and no greedy fallback is no match', () => {
  const small = new ResourceTree([res('root', '/', ['GET']), res('a', '/a', ['GET'])]);
  assert.equal(small.match('GET', ['b']), undefined);
  assert.equal(small.match('PUT', ['a']), undefined);
});

test('segments are decoded; a bad escape is refused', () => {
  assert.deepEqual(splitPath('/a%20b/c'), { raw: ['a%20b', 'c'], decoded: ['a b', 'c'] });
  assert.deepEqual(splitPath('/a/b/'), { raw: ['a', 'b'], decoded: ['a', 'b'] });
  assert.deepEqual(splitPath('/a//b'), { raw: ['a', '', 'b'], decoded: ['a', '', 'b'] });
  assert.deepEqual(splitPath('/'), { raw: [], decoded: [] });
  assert.deepEqual(splitPath('//'), { raw: [], decoded: [] });
  assert.equal(splitPath('/%E0%A4%A'), undefined);
});

test('parameters keep the path as sent beside their decoded values; a greedy one keeps // and drops a trailing /', () => {
  // Recorded on AWS: localstack/localstack tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json
  // #test_lambda_aws_proxy_integration (invocation-payload-with-path-encoded-email, -with-trailing-slash).
  const at = (path: string) => {
    const { raw, decoded } = splitPath(path)!;
    return tree.match('GET', decoded, raw);
  };
  const email = at('/user/test%2Balias@gmail.com/plus/test+alias@gmail.com')!;
  assert.deepEqual(email.rawPathParameters, { proxy: 'user/test%2Balias@gmail.com/plus/test+alias@gmail.com' });
  assert.deepEqual(email.pathParameters, { proxy: 'user/test+alias@gmail.com/plus/test+alias@gmail.com' });
  assert.deepEqual(at('/test-path/')!.rawPathParameters, { proxy: 'test-path' });
  assert.deepEqual(at('/a//b')!.rawPathParameters, { proxy: 'a//b' });
  assert.deepEqual(at('/pets/a%20b')!.rawPathParameters, { petId: 'a%20b' });
  assert.deepEqual(at('/pets/a%20b')!.pathParameters, { petId: 'a b' });
  assert.equal(at('/pets//mine')!.resource.id, 'mine');
  assert.equal(at('/')!.resource.id, 'root');
  assert.equal(splitPath('/%E0%A4%A'), undefined);
});
