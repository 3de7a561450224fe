// Lambda code from S3 end to end: functions and layers created from S3Bucket/S3Key (and
// S3ObjectVersion) uploaded with @aws-sdk/client-s3, and Lambda's error for missing code.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateFunctionCommand, LambdaClient, PublishLayerVersionCommand, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { clientConfig, useClient } from './helpers.ts';
import { invokeJson, makeZip, ROLE } from './fixtures/lambda/zips.ts';

const handler = (answer: string) => makeZip({ 'index.js': `exports.handler = async () => (${JSON.stringify(answer)});` });

describe('Lambda code from S3', () => {
  let lambda: LambdaClient;
  let s3: S3Client;
  useClient((server) => new LambdaClient(clientConfig(server)), (server, client) => {
    lambda = client;
    s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
  });
  after(() => s3.destroy());

  it('creates and updates a function from S3 objects, by version too', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'code-bucket' }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'code-bucket', VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await s3.send(new PutObjectCommand({ Bucket: 'code-bucket', Key: 'fn.zip', Body: handler('first') }));
    await s3.send(new PutObjectCommand({ Bucket: 'code-bucket', Key: 'fn.zip', Body: handler('second') }));
    const created = await lambda.send(
      new CreateFunctionCommand({ FunctionName: 's3-code', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { S3Bucket: 'code-bucket', S3Key: 'fn.zip' } }),
    );
    assert.equal(created.CodeSize, handler('second').length);
    assert.equal((await invokeJson(lambda, 's3-code')).json, 'second');
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 's3-code', S3Bucket: 'code-bucket', S3Key: 'fn.zip', S3ObjectVersion: v1.VersionId }));
    assert.equal((await invokeJson(lambda, 's3-code')).json, 'first');
  });

  it('publishes a layer from S3', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'layer-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'layer-bucket', Key: 'layer.zip', Body: makeZip({ 'nodejs/node_modules/shout/index.js': 'module.exports = (s) => s.toUpperCase();' }) }));
    const layer = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'shout', Content: { S3Bucket: 'layer-bucket', S3Key: 'layer.zip' } }));
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 's3-layer-user',
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Role: ROLE,
        Layers: [layer.LayerVersionArn!],
        Code: { ZipFile: makeZip({ 'index.js': 'exports.handler = async () => require("shout")("loud");' }) },
      }),
    );
    assert.equal((await invokeJson(lambda, 's3-layer-user')).json, 'LOUD');
  });

  it('answers Lambda\'s error for a missing bucket, key or version', async () => {
    const create = (Code: { S3Bucket: string; S3Key: string; S3ObjectVersion?: string }) =>
      lambda.send(new CreateFunctionCommand({ FunctionName: 's3-missing', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code }));
    await assert.rejects(create({ S3Bucket: 'no-such-code-bucket', S3Key: 'fn.zip' }), {
      name: 'InvalidParameterValueException',
      message: 'Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist',
    });
    await assert.rejects(create({ S3Bucket: 'code-bucket', S3Key: 'missing.zip' }), {
      name: 'InvalidParameterValueException',
      message: 'Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.',
    });
    await assert.rejects(create({ S3Bucket: 'code-bucket', S3Key: 'fn.zip', S3ObjectVersion: 'A'.repeat(32) }), {
      message: 'Error occurred while GetObject. S3 Error Code: NoSuchVersion. S3 Error Message: The specified version does not exist.',
    });
  });
});
