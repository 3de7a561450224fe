import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from './model.ts';
import { ServiceDetector } from './detect.ts';
import type { Protocol, ServiceDefinition } from './engine.ts';

const def = (name: string, protocol: Protocol): ServiceDefinition => ({
  name,
  protocol,
  model: loadModel(name),
  provider: {},
  validationErrorCode: 'V',
  malformedBodyCode: 'M',
  maxBodyBytes: 1,
  signingNames: [name],
});
const detector = new ServiceDetector([def('cloudformation', 'query'), def('iam', 'query'), def('sts', 'query'), def('ssm', 'json'), def('logs', 'json'), def('s3', 'rest-xml')]);

test('X-Amz-Target names a json service and, when the model has it, the operation', () => {
  assert.equal(detector.jsonTarget('AmazonSSM.GetParameter')?.operation, 'GetParameter');
  assert.equal(detector.jsonTarget('Logs_20140328.PutLogEvents')?.service.name, 'logs');
  assert.deepEqual(detector.jsonTarget('AmazonSSM.toString'), { service: detector.jsonTarget('AmazonSSM.X')!.service, operation: undefined });
  assert.equal(detector.jsonTarget('DynamoDB_20120810.GetItem'), undefined);
});

test('query services: the SigV4 scope first, then the action, then the Version', () => {
  assert.equal(detector.queryService('GetCallerIdentity', undefined, undefined).name, 'sts');
  assert.equal(detector.queryService('CreateRole', undefined, undefined).name, 'iam');
  assert.equal(detector.queryService('CreateRole', undefined, 'sts').name, 'sts');
  assert.equal(detector.queryService('Nope', '2010-05-08', undefined).name, 'iam');
  assert.equal(detector.isQueryRequest('GET', '/', undefined, new URLSearchParams('Action=ListRoles')), true);
  assert.equal(detector.isQueryRequest('POST', '/', 'application/x-www-form-urlencoded; charset=utf-8', new URLSearchParams()), true);
  assert.equal(detector.isQueryRequest('POST', '/v2/apis', 'application/x-www-form-urlencoded', new URLSearchParams()), false);
});

test('S3 hosts and the s3 scope select S3; the bucket moves from the host into the path', () => {
  assert.equal(detector.s3Path('my-bucket.s3.localhost', '/a/b', undefined), '/my-bucket/a/b');
  assert.equal(detector.s3Path('my.bucket.s3.localhost.localstack.cloud', '/', undefined), '/my.bucket/');
  assert.equal(detector.s3Path('s3.localhost.localstack.cloud', '/bk/k', undefined), '/bk/k');
  assert.equal(detector.s3Path('bk.localhost', '/k', 's3'), '/bk/k');
  assert.equal(detector.s3Path('localhost', '/bk/k', 's3'), '/bk/k');
  assert.equal(detector.s3Path('localhost', '/v2/apis', 'apigateway'), undefined);
  assert.equal(detector.s3Path('abc.execute-api.localhost', '/prod', undefined), undefined);
});
