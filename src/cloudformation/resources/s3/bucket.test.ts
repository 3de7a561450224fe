import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { ResourceContext } from '../../resource.ts';
import { generateName } from '../../operation.ts';
import { createS3Service } from '../../../services/s3/index.ts';
import { ctx as requestContext } from '../../../services/s3/test-support.ts';
import { bucket, bucketAttributes } from './bucket.ts';
import { bucketPolicy } from './bucket-policy.ts';

const s3 = createS3Service();
after(() => s3.shutdown());

function context(logicalId: string, region = 'us-east-1'): ResourceContext {
  return {
    request: requestContext('000000000000', region),
    services: { apigateway: {}, apigatewayv2: {}, lambda: {}, s3: s3.provider, iam: {}, ssm: {}, logs: {}, ecr: {} },
    stackName: 'MyStack',
    stackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/MyStack/1',
    logicalId,
    generateName: (max) => generateName('MyStack', logicalId, max),
  };
}

test('attributes follow the CloudFormation reference formats', () => {
  assert.deepEqual(bucketAttributes('my-bucket', 'us-east-2'), {
    Arn: 'arn:aws:s3:::my-bucket',
    DomainName: 'my-bucket.s3.amazonaws.com',
    RegionalDomainName: 'my-bucket.s3.us-east-2.amazonaws.com',
    DualStackDomainName: 'my-bucket.s3.dualstack.us-east-2.amazonaws.com',
    WebsiteURL: 'http://my-bucket.s3-website.us-east-2.amazonaws.com',
  });
  assert.equal(bucketAttributes('b', 'us-east-1').WebsiteURL, 'http://b.s3-website-us-east-1.amazonaws.com');
});

test('a bucket is created with a generated lower-case name and its configuration, updated and deleted', async () => {
  const ctx = context('DeploymentBucket');
  const props = {
    AccessControl: 'Private',
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }] },
    VersioningConfiguration: { Status: 'Enabled' },
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    LifecycleConfiguration: {
      Rules: [
        { Id: 'CleanupOldVersions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } },
        { Id: 'AbortIncompleteMultipartUploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
      ],
    },
    Tags: [{ Key: 'team', Value: 'core' }],
  };
  const created = await bucket.create(props, ctx);
  const name = created.physicalId;
  assert.match(name, /^mystack-deploymentbucket-[a-z0-9]{12}$/);
  assert.equal(created.attributes.Arn, `arn:aws:s3:::${name}`);
  const r = ctx.request;
  assert.deepEqual(s3.provider.getBucketVersioning({ Bucket: name }, r), { Status: 'Enabled' });
  assert.equal(s3.provider.getBucketEncryption({ Bucket: name }, r).ServerSideEncryptionConfiguration?.Rules?.[0].ApplyServerSideEncryptionByDefault?.SSEAlgorithm, 'aws:kms');
  assert.deepEqual(s3.provider.getBucketLifecycleConfiguration({ Bucket: name }, r).Rules, [
    { ID: 'CleanupOldVersions', Status: 'Enabled', Filter: {}, NoncurrentVersionExpiration: { NoncurrentDays: 30 } },
    { ID: 'AbortIncompleteMultipartUploads', Status: 'Enabled', Filter: {}, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
  ]);
  assert.deepEqual(s3.provider.getBucketTagging({ Bucket: name }, r), { TagSet: [{ Key: 'team', Value: 'core' }] });

  const { LifecycleConfiguration: _l, Tags: _t, ...fewer } = props;
  await bucket.update!(name, props, fewer, ctx, created);
  assert.throws(() => s3.provider.getBucketLifecycleConfiguration({ Bucket: name }, r), { code: 'NoSuchLifecycleConfiguration' });
  assert.throws(() => s3.provider.getBucketTagging({ Bucket: name }, r), { code: 'NoSuchTagSet' });

  const policy = await bucketPolicy.create({ Bucket: name, PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] } }, ctx);
  assert.equal(policy.physicalId, name);
  assert.equal(JSON.parse(s3.provider.getBucketPolicy({ Bucket: name }, r).Policy!).Statement[0].Effect, 'Deny');
  await bucketPolicy.delete(name, {}, ctx, policy);
  assert.throws(() => s3.provider.getBucketPolicy({ Bucket: name }, r), { code: 'NoSuchBucketPolicy' });

  await bucket.delete(name, fewer, ctx, created);
  assert.throws(() => s3.provider.headBucket({ Bucket: name }, r), { code: 'NoSuchBucket' });
  // Deleting again (already gone) succeeds.
  await bucket.delete(name, fewer, ctx, created);
});

test('a named bucket in another region; unsupported properties are refused by name', async () => {
  const ctx = context('Named', 'eu-west-1');
  const created = await bucket.create({ BucketName: 'named-eu-bucket' }, ctx);
  assert.equal(created.physicalId, 'named-eu-bucket');
  assert.deepEqual(s3.provider.getBucketLocation({ Bucket: 'named-eu-bucket' }, ctx.request), { LocationConstraint: 'eu-west-1' });
  await assert.rejects(bucket.create({ BucketName: 'other-bucket', WebsiteConfiguration: {} }, ctx), {
    code: 'ValidationError',
    message: 'localgate does not support AWS::S3::Bucket properties yet: WebsiteConfiguration',
  });
  await assert.rejects(bucket.create({ BucketName: 'named-eu-bucket' }, ctx), { code: 'BucketAlreadyOwnedByYou' });
  await assert.rejects(bucket.create({ BucketName: 'public-bucket', AccessControl: 'PublicRead' }, ctx), { code: 'InvalidBucketAclWithObjectOwnership' });
});
