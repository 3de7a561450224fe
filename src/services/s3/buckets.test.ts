import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, beforeEach, test } from 'node:test';
import { parseS3Url } from './read.ts';
import { body, ctx, newService } from './test-support.ts';

const s3 = newService();
const p = s3.provider;
const c = ctx();

after(() => s3.shutdown());
beforeEach(() => s3.reset());

test('bucket names follow S3 naming rules', () => {
  for (const bad of ['ab', 'UPPER', 'has_underscore', '-dash', 'a..b', '192.168.1.1', 'xn--abc', 'x'.repeat(64)]) {
    assert.throws(() => p.createBucket({ Bucket: bad }, c), { code: 'InvalidBucketName', message: 'The specified bucket is not valid.' }, bad);
  }
  p.createBucket({ Bucket: 'my.bucket-1' }, c);
});

test('re-creating: 200 for your own us-east-1 bucket, BucketAlreadyOwnedByYou elsewhere, BucketAlreadyExists for other accounts', () => {
  assert.deepEqual(p.createBucket({ Bucket: 'mine' }, c), { Location: '/mine' });
  assert.deepEqual(p.createBucket({ Bucket: 'mine' }, c), { Location: '/mine' });
  assert.throws(() => p.createBucket({ Bucket: 'mine' }, ctx('111111111111')), { code: 'BucketAlreadyExists', status: 409 });
  const eu = ctx('000000000000', 'eu-west-1');
  assert.deepEqual(p.createBucket({ Bucket: 'in-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }, eu), {
    Location: 'http://in-eu.s3.localhost:4566/',
  });
  assert.throws(() => p.createBucket({ Bucket: 'in-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }, eu), {
    code: 'BucketAlreadyOwnedByYou',
    status: 409,
  });
  assert.throws(() => p.createBucket({ Bucket: 'no-constraint' }, eu), { code: 'IllegalLocationConstraintException' });
  assert.deepEqual(p.getBucketLocation({ Bucket: 'in-eu' }, c), { LocationConstraint: 'eu-west-1' });
  assert.deepEqual(p.getBucketLocation({ Bucket: 'mine' }, c), {});
  assert.deepEqual(p.headBucket({ Bucket: 'in-eu' }, c), { BucketRegion: 'eu-west-1', AccessPointAlias: false });
});

test('ListBuckets lists the caller account\'s buckets by name; DeleteBucket removes an empty one', async () => {
  p.createBucket({ Bucket: 'b-two' }, c);
  p.createBucket({ Bucket: 'a-one' }, c);
  p.createBucket({ Bucket: 'other' }, ctx('111111111111'));
  assert.deepEqual(p.listBuckets({}, c).Buckets?.map((b) => b.Name), ['a-one', 'b-two']);
  await p.putObject({ Bucket: 'a-one', Key: 'k', Body: body('x') }, c);
  assert.throws(() => p.deleteBucket({ Bucket: 'a-one' }, c), { code: 'BucketNotEmpty', message: 'The bucket you tried to delete is not empty' });
  p.deleteObject({ Bucket: 'a-one', Key: 'k' }, c);
  p.deleteBucket({ Bucket: 'a-one' }, c);
  assert.throws(() => p.headBucket({ Bucket: 'a-one' }, c), { code: 'NoSuchBucket' });
});

test('policy, encryption, public access block, lifecycle, tagging and versioning are stored and returned', () => {
  p.createBucket({ Bucket: 'cfg' }, c);
  assert.throws(() => p.getBucketPolicy({ Bucket: 'cfg' }, c), { code: 'NoSuchBucketPolicy', message: 'The bucket policy does not exist' });
  assert.throws(() => p.putBucketPolicy({ Bucket: 'cfg', Policy: 'nope' }, c), { code: 'MalformedPolicy' });
  assert.throws(() => p.putBucketPolicy({ Bucket: 'cfg', Policy: '{}' }, c), { message: 'Missing required field Statement' });
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::cfg/*' }] });
  p.putBucketPolicy({ Bucket: 'cfg', Policy: policy }, c);
  assert.deepEqual(p.getBucketPolicy({ Bucket: 'cfg' }, c), { Policy: policy });

  assert.deepEqual(p.getBucketEncryption({ Bucket: 'cfg' }, c).ServerSideEncryptionConfiguration?.Rules?.[0].ApplyServerSideEncryptionByDefault, { SSEAlgorithm: 'AES256' });
  p.putBucketEncryption({ Bucket: 'cfg', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }] } }, c);
  assert.equal(p.getBucketEncryption({ Bucket: 'cfg' }, c).ServerSideEncryptionConfiguration?.Rules?.[0].BucketKeyEnabled, true);
  assert.throws(() => p.putBucketEncryption({ Bucket: 'cfg', ServerSideEncryptionConfiguration: { Rules: [] } }, c), { code: 'MalformedXML' });

  assert.equal(p.getPublicAccessBlock({ Bucket: 'cfg' }, c).PublicAccessBlockConfiguration?.BlockPublicAcls, true);
  p.putPublicAccessBlock({ Bucket: 'cfg', PublicAccessBlockConfiguration: { BlockPublicPolicy: true } }, c);
  assert.deepEqual(p.getPublicAccessBlock({ Bucket: 'cfg' }, c).PublicAccessBlockConfiguration, {
    BlockPublicAcls: false,
    IgnorePublicAcls: false,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: false,
  });

  assert.throws(() => p.getBucketLifecycleConfiguration({ Bucket: 'cfg' }, c), { code: 'NoSuchLifecycleConfiguration' });
  const rules = [{ ID: 'expire', Status: 'Enabled' as const, Filter: { Prefix: 'tmp/' }, Expiration: { Days: 1 } }];
  p.putBucketLifecycleConfiguration({ Bucket: 'cfg', LifecycleConfiguration: { Rules: rules } }, c);
  assert.deepEqual(p.getBucketLifecycleConfiguration({ Bucket: 'cfg' }, c).Rules, rules);

  assert.throws(() => p.getBucketTagging({ Bucket: 'cfg' }, c), { code: 'NoSuchTagSet', message: 'The TagSet does not exist' });
  assert.throws(() => p.putBucketTagging({ Bucket: 'cfg', Tagging: { TagSet: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] } }, c), {
    code: 'InvalidTag',
    message: 'Cannot provide multiple Tags with the same key',
  });
  p.putBucketTagging({ Bucket: 'cfg', Tagging: { TagSet: [{ Key: 'team', Value: 'core' }] } }, c);
  assert.deepEqual(p.getBucketTagging({ Bucket: 'cfg' }, c), { TagSet: [{ Key: 'team', Value: 'core' }] });

  assert.deepEqual(p.getBucketVersioning({ Bucket: 'cfg' }, c), {});
  assert.throws(() => p.putBucketVersioning({ Bucket: 'cfg', VersioningConfiguration: { Status: 'enabled' as never } }, c), { code: 'MalformedXML' });
  p.putBucketVersioning({ Bucket: 'cfg', VersioningConfiguration: { Status: 'Suspended' } }, c);
  assert.deepEqual(p.getBucketVersioning({ Bucket: 'cfg' }, c), { Status: 'Suspended' });
});

test('the reader returns an object\'s bytes or S3\'s error; reset removes the data directory', async () => {
  p.createBucket({ Bucket: 'code' }, c);
  await p.putObject({ Bucket: 'code', Key: 'fn.zip', Body: body('zip-bytes') }, c);
  assert.equal(s3.reader.read({ bucket: 'code', key: 'fn.zip' }).toString(), 'zip-bytes');
  assert.throws(() => s3.reader.read({ bucket: 'code', key: 'none' }), { code: 'NoSuchKey' });
  assert.throws(() => s3.reader.read({ bucket: 'none', key: 'x' }), { code: 'NoSuchBucket' });
  const path = [...s3.store.buckets.get('code')!.objects.values()][0][0].blobPath!;
  assert.ok(existsSync(path));
  s3.reset();
  assert.ok(!existsSync(path));
});

test('parseS3Url reads every S3 URL form', () => {
  const ref = { bucket: 'bkt', key: 'dir/t.json', versionId: undefined };
  for (const url of [
    's3://bkt/dir/t.json',
    'https://s3.amazonaws.com/bkt/dir/t.json',
    'https://s3.eu-west-1.amazonaws.com/bkt/dir/t.json',
    'https://bkt.s3.amazonaws.com/dir/t.json',
    'https://bkt.s3.us-east-2.amazonaws.com/dir/t.json',
    'https://bkt.s3-us-west-2.amazonaws.com/dir/t.json',
    'http://localhost:4566/bkt/dir/t.json',
    'http://bkt.s3.localhost:4566/dir/t.json',
    'http://bkt.s3.localhost.localstack.cloud:4566/dir/t.json',
  ]) {
    assert.deepEqual(parseS3Url(url), ref, url);
  }
  assert.deepEqual(parseS3Url('https://s3.amazonaws.com/bkt/a%20b.json?versionId=v1'), { bucket: 'bkt', key: 'a b.json', versionId: 'v1' });
  assert.equal(parseS3Url('https://s3.amazonaws.com/bkt'), undefined);
  assert.equal(parseS3Url('not a url'), undefined);
});
