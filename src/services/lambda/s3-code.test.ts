// Code from S3: the object's bytes, or S3's error quoted in Lambda's
// InvalidParameterValueException as Lambda words it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../protocol/errors.ts';
import type { S3ObjectRef } from '../s3/index.ts';
import { NO_CODE_OBJECTS, readS3Code } from './s3-code.ts';

test('reads the bucket, key and version named', () => {
  const asked: S3ObjectRef[] = [];
  const source = { read: (ref: S3ObjectRef) => (asked.push(ref), Buffer.from('zip')) };
  assert.deepEqual(readS3Code(source, { S3Bucket: 'b', S3Key: 'k.zip', S3ObjectVersion: 'v1' }), Buffer.from('zip'));
  assert.deepEqual(asked, [{ bucket: 'b', key: 'k.zip', versionId: 'v1' }]);
});

test("S3's error becomes Lambda's InvalidParameterValueException quoting it", () => {
  assert.throws(() => readS3Code(NO_CODE_OBJECTS, { S3Bucket: 'missing', S3Key: 'k' }), {
    code: 'InvalidParameterValueException',
    status: 400,
    message: 'Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist',
  });
  const noKey = { read: () => { throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404); } };
  assert.throws(() => readS3Code(noKey, { S3Bucket: 'b', S3Key: 'gone' }), {
    message: 'Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.',
  });
});

test('a fault that is not an AWS error passes through as it is', () => {
  const broken = { read: () => { throw new TypeError('disk gone'); } };
  assert.throws(() => readS3Code(broken, { S3Bucket: 'b', S3Key: 'k' }), TypeError);
});
