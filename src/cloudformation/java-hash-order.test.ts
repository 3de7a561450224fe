import { test } from 'node:test';
import assert from 'node:assert/strict';
import { javaHashMapOrder, javaOrderedJson } from './java-hash-order.ts';

// Orders recorded on AWS (localstack/localstack tests/aws/services/cloudformation/api/test_stacks.snapshot.json
// #test_updating_an_updated_stack_sets_status, engine/test_conditions.snapshot.json#test_nested_conditions).
test('keys come in Java HashMap order', () => {
  assert.deepEqual(javaHashMapOrder(['Topic1Name', 'Topic2Name', 'Topic3Name']), ['Topic2Name', 'Topic1Name', 'Topic3Name']);
  assert.deepEqual(javaHashMapOrder(['EnvType', 'BucketName']), ['BucketName', 'EnvType']);
  assert.deepEqual(javaHashMapOrder(['Effect', 'Principal', 'Action', 'Resource']), ['Action', 'Resource', 'Effect', 'Principal']);
});

test('JSON text orders every nested object, arrays keep their order', () => {
  assert.equal(
    javaOrderedJson({ PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 's' }, Action: ['a'], Resource: ['r'] }], Version: 'v' }, Bucket: 'b' }),
    '{"Bucket":"b","PolicyDocument":{"Version":"v","Statement":[{"Action":["a"],"Resource":["r"],"Effect":"Allow","Principal":{"Service":"s"}}]}}',
  );
});
