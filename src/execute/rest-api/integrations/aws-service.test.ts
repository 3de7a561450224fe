import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillPath, parseServicePathUri } from './aws-service.ts';

test('a path URI names its region, service and path', () => {
  assert.deepEqual(parseServicePathUri('arn:aws:apigateway:eu-west-1:s3:path/{bucket}/{object}'), { region: 'eu-west-1', service: 's3', path: '/{bucket}/{object}' });
});

test("a subdomain ({bucket}.s3) becomes the path's first segment", () => {
  assert.deepEqual(parseServicePathUri('arn:aws:apigateway:us-east-1:photos.s3:path/{key}'), { region: 'us-east-1', service: 's3', path: '/photos/{key}' });
});

test('action URIs and Lambda URIs are not path URIs', () => {
  assert.equal(parseServicePathUri('arn:aws:apigateway:us-east-1:s3:action/ListBuckets'), undefined);
  assert.equal(parseServicePathUri('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:f/invocations')?.service, 'lambda');
  assert.equal(parseServicePathUri('https://example.com/x'), undefined);
});

test('{NAME} takes the mapped value, encoded per segment; unmapped names stay', () => {
  assert.equal(fillPath('/{bucket}/{object}', { bucket: 'b', object: 'a dir/my file+1.txt' }), '/b/a%20dir/my%20file%2B1.txt');
  assert.equal(fillPath('/{bucket}/{key+}', { bucket: 'b', key: 'x/y' }), '/b/x/y');
  assert.equal(fillPath('/{bucket}/{object}', { bucket: 'b' }), '/b/{object}');
});
