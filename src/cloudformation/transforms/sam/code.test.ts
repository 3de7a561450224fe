import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { s3Location } from './code.ts';

describe('SAM CodeUri / ContentUri', () => {
  it('reads S3 URIs with an optional versionId, and {Bucket, Key, Version} objects', () => {
    assert.deepEqual(s3Location('F', 'CodeUri', 's3://bucket/path/to/code.zip'), { S3Bucket: 'bucket', S3Key: 'path/to/code.zip' });
    assert.deepEqual(s3Location('F', 'CodeUri', 's3://bucket/code.zip?versionId=abc'), { S3Bucket: 'bucket', S3Key: 'code.zip', S3ObjectVersion: 'abc' });
    assert.deepEqual(s3Location('F', 'CodeUri', { Bucket: { Ref: 'B' }, Key: 'k', Version: '2' }), { S3Bucket: { Ref: 'B' }, S3Key: 'k', S3ObjectVersion: '2' });
  });

  it("maps an absolute local directory to Lambda's hot-reload bucket", () => {
    assert.deepEqual(s3Location('F', 'CodeUri', '/home/me/app/src'), { S3Bucket: 'hot-reload', S3Key: '/home/me/app/src' });
  });

  it("refuses a relative path, an intrinsic and an incomplete object with SAM's messages", () => {
    assert.throws(() => s3Location('F', 'CodeUri', 'src/'), { message: "Resource with id [F] is invalid. 'CodeUri' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter." });
    assert.throws(() => s3Location('L', 'ContentUri', { 'Fn::Sub': 's3://${B}/k' }), { message: "Resource with id [L] is invalid. 'ContentUri' requires Bucket and Key properties to be specified." });
    assert.throws(() => s3Location('F', 'CodeUri', { Bucket: 'b' }), /'CodeUri' requires Bucket and Key properties to be specified/);
  });
});
