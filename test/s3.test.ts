// S3 end to end with @aws-sdk/client-s3 (path-style and virtual-host addressing): buckets
// and their configurations, objects with metadata, checksums, ranges and conditions,
// listings, copies, versions, multipart uploads and S3's errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { clientConfig, fakeAuth, useClient } from './helpers.ts';
import type { Localgate } from '../src/app.ts';

const md5 = (data: string | Buffer) => createHash('md5').update(data).digest('hex');
/** An SDK error with this HTTP status (and name, when S3 sends a body to name it). */
const failsWith = (status: number, name?: string) => (err: { name?: string; $metadata?: { httpStatusCode?: number } }) =>
  err.$metadata?.httpStatusCode === status && (name === undefined || err.name === name);

describe('S3 with the AWS SDK', () => {
  let s3: S3Client;
  let app: Localgate;
  useClient((server) => new S3Client({ ...clientConfig(server), forcePathStyle: true }), (server, client) => {
    app = server;
    s3 = client;
  });

  it('creates, lists, heads and deletes buckets with S3\'s errors', async () => {
    assert.equal((await s3.send(new CreateBucketCommand({ Bucket: 'sdk-buckets' }))).Location, '/sdk-buckets');
    await s3.send(new HeadBucketCommand({ Bucket: 'sdk-buckets' }));
    const listed = await s3.send(new ListBucketsCommand({}));
    assert.ok(listed.Buckets!.some((b) => b.Name === 'sdk-buckets' && b.BucketRegion === 'us-east-1'));
    assert.equal((await s3.send(new GetBucketLocationCommand({ Bucket: 'sdk-buckets' }))).LocationConstraint, undefined);
    await assert.rejects(s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })), { name: 'InvalidBucketName', message: 'The specified bucket is not valid.' });
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket-x', Key: 'k' })), {
      name: 'NoSuchBucket',
      message: 'The specified bucket does not exist',
      BucketName: 'no-such-bucket-x',
    });
    await s3.send(new PutObjectCommand({ Bucket: 'sdk-buckets', Key: 'k', Body: 'x' }));
    await assert.rejects(s3.send(new DeleteBucketCommand({ Bucket: 'sdk-buckets' })), failsWith(409, 'BucketNotEmpty'));
    await s3.send(new DeleteObjectCommand({ Bucket: 'sdk-buckets', Key: 'k' }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'sdk-buckets' }));
    await assert.rejects(s3.send(new HeadBucketCommand({ Bucket: 'sdk-buckets' })), failsWith(404));
  });

  it('stores objects with metadata and the SDK\'s default CRC32, serves ranges and conditions', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'sdk-objects' }));
    const put = await s3.send(new PutObjectCommand({ Bucket: 'sdk-objects', Key: 'dir/hello world.txt', Body: 'hello world', ContentType: 'text/plain', Metadata: { owner: 'me' } }));
    assert.equal(put.ETag, `"${md5('hello world')}"`);
    assert.equal(put.ChecksumCRC32, 'DUoRhQ==');
    const got = await s3.send(new GetObjectCommand({ Bucket: 'sdk-objects', Key: 'dir/hello world.txt' }));
    assert.equal(await got.Body!.transformToString(), 'hello world');
    assert.deepEqual([got.ContentType, got.ContentLength, got.Metadata, got.ETag], ['text/plain', 11, { owner: 'me' }, put.ETag]);
    const ranged = await s3.send(new GetObjectCommand({ Bucket: 'sdk-objects', Key: 'dir/hello world.txt', Range: 'bytes=6-' }));
    assert.deepEqual([ranged.$metadata.httpStatusCode, ranged.ContentRange, await ranged.Body!.transformToString()], [206, 'bytes 6-10/11', 'world']);
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: 'sdk-objects', Key: 'dir/hello world.txt', Range: 'bytes=50-60' })), failsWith(416, 'InvalidRange'));
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: 'sdk-objects', Key: 'dir/hello world.txt', IfNoneMatch: put.ETag })), failsWith(304));
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: 'sdk-objects', Key: 'dir/hello world.txt', IfMatch: '"nope"' })), failsWith(412, 'PreconditionFailed'));
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: 'sdk-objects', Key: 'missing' })), { name: 'NoSuchKey', message: 'The specified key does not exist.' });
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'sdk-objects', Key: 'dir/hello world.txt' }));
    assert.deepEqual([head.ContentLength, head.ETag, head.ServerSideEncryption], [11, put.ETag, 'AES256']);
  });

  it('decodes a streamed aws-chunked upload with its trailing checksum', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'sdk-stream' }));
    const data = Buffer.alloc(300_000, 'z');
    const put = await s3.send(new PutObjectCommand({ Bucket: 'sdk-stream', Key: 'stream.bin', Body: Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]), ContentLength: data.length }));
    assert.equal(put.ETag, `"${md5(data)}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'sdk-stream', Key: 'stream.bin' }));
    assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(data));
  });

  it('lists with prefix, delimiter and continuation; copies and deletes in bulk', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'sdk-list' }));
    for (const key of ['a.txt', 'logs/1.log', 'logs/2.log', 'src/app.js', 'z.txt']) await s3.send(new PutObjectCommand({ Bucket: 'sdk-list', Key: key, Body: key }));
    const page1 = await s3.send(new ListObjectsV2Command({ Bucket: 'sdk-list', Delimiter: '/', MaxKeys: 2 }));
    assert.deepEqual([page1.Contents?.map((o) => o.Key), page1.CommonPrefixes?.map((p) => p.Prefix), page1.IsTruncated, page1.KeyCount], [['a.txt'], ['logs/'], true, 2]);
    const page2 = await s3.send(new ListObjectsV2Command({ Bucket: 'sdk-list', Delimiter: '/', MaxKeys: 2, ContinuationToken: page1.NextContinuationToken }));
    assert.deepEqual([page2.Contents?.map((o) => o.Key), page2.CommonPrefixes?.map((p) => p.Prefix), page2.IsTruncated], [['z.txt'], ['src/'], false]);
    const v1 = await s3.send(new ListObjectsCommand({ Bucket: 'sdk-list', Prefix: 'logs/' }));
    assert.deepEqual(v1.Contents?.map((o) => o.Key), ['logs/1.log', 'logs/2.log']);
    const copy = await s3.send(new CopyObjectCommand({ Bucket: 'sdk-list', Key: 'copy.txt', CopySource: 'sdk-list/a.txt' }));
    assert.equal(copy.CopyObjectResult?.ETag, `"${md5('a.txt')}"`);
    const deleted = await s3.send(new DeleteObjectsCommand({ Bucket: 'sdk-list', Delete: { Objects: [{ Key: 'a.txt' }, { Key: 'copy.txt' }] } }));
    assert.deepEqual(deleted.Deleted?.map((d) => d.Key), ['a.txt', 'copy.txt']);
    const after = await s3.send(new ListObjectsV2Command({ Bucket: 'sdk-list', StartAfter: 'logs/2.log' }));
    assert.deepEqual(after.Contents?.map((o) => o.Key), ['src/app.js', 'z.txt']);
  });

  it('keeps versions once versioning is enabled; stores policy and tags', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'sdk-versions' }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'sdk-versions', VersioningConfiguration: { Status: 'Enabled' } }));
    assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket: 'sdk-versions' }))).Status, 'Enabled');
    const one = await s3.send(new PutObjectCommand({ Bucket: 'sdk-versions', Key: 'v', Body: 'one' }));
    await s3.send(new PutObjectCommand({ Bucket: 'sdk-versions', Key: 'v', Body: 'two' }));
    const old = await s3.send(new GetObjectCommand({ Bucket: 'sdk-versions', Key: 'v', VersionId: one.VersionId }));
    assert.deepEqual([await old.Body!.transformToString(), old.VersionId], ['one', one.VersionId]);
    const marker = await s3.send(new DeleteObjectCommand({ Bucket: 'sdk-versions', Key: 'v' }));
    assert.equal(marker.DeleteMarker, true);
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: 'sdk-versions', Key: 'v' })), { name: 'NoSuchKey' });

    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::sdk-versions/*' }] });
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'sdk-versions', Policy: policy }));
    assert.equal((await s3.send(new GetBucketPolicyCommand({ Bucket: 'sdk-versions' }))).Policy, policy);
    await assert.rejects(s3.send(new GetBucketTaggingCommand({ Bucket: 'sdk-versions' })), { name: 'NoSuchTagSet' });
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'sdk-versions', Tagging: { TagSet: [{ Key: 'env', Value: 'dev' }] } }));
    assert.deepEqual((await s3.send(new GetBucketTaggingCommand({ Bucket: 'sdk-versions' }))).TagSet, [{ Key: 'env', Value: 'dev' }]);
  });

  it('assembles a multipart upload; a too-small part is EntityTooSmall', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'sdk-multipart' }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'sdk-multipart', Key: 'big' }));
    const first = Buffer.alloc(5 * 1024 * 1024, 1);
    const p1 = await s3.send(new UploadPartCommand({ Bucket: 'sdk-multipart', Key: 'big', UploadId, PartNumber: 1, Body: first }));
    const p2 = await s3.send(new UploadPartCommand({ Bucket: 'sdk-multipart', Key: 'big', UploadId, PartNumber: 2, Body: 'end' }));
    const parts = await s3.send(new ListPartsCommand({ Bucket: 'sdk-multipart', Key: 'big', UploadId }));
    assert.deepEqual(parts.Parts?.map((p) => [p.PartNumber, p.Size]), [[1, first.length], [2, 3]]);
    await assert.rejects(
      s3.send(new CompleteMultipartUploadCommand({ Bucket: 'sdk-multipart', Key: 'big', UploadId, MultipartUpload: { Parts: [{ PartNumber: 2, ETag: p2.ETag }, { PartNumber: 1, ETag: p1.ETag }] } })),
      { name: 'InvalidPartOrder' },
    );
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'sdk-multipart', Key: 'big', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }] } }));
    assert.match(done.ETag!, /^"[0-9a-f]{32}-2"$/);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'sdk-multipart', Key: 'big' }));
    assert.equal(head.ContentLength, first.length + 3);
    await assert.rejects(s3.send(new UploadPartCommand({ Bucket: 'sdk-multipart', Key: 'big', UploadId, PartNumber: 3, Body: 'x' })), { name: 'NoSuchUpload' });

    const small = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'sdk-multipart', Key: 'small' }));
    const s1 = await s3.send(new UploadPartCommand({ Bucket: 'sdk-multipart', Key: 'small', UploadId: small.UploadId, PartNumber: 1, Body: 'a' }));
    const s2 = await s3.send(new UploadPartCommand({ Bucket: 'sdk-multipart', Key: 'small', UploadId: small.UploadId, PartNumber: 2, Body: 'b' }));
    await assert.rejects(
      s3.send(new CompleteMultipartUploadCommand({ Bucket: 'sdk-multipart', Key: 'small', UploadId: small.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: s1.ETag }, { PartNumber: 2, ETag: s2.ETag }] } })),
      failsWith(400, 'EntityTooSmall'),
    );
  });

  it('answers virtual-host addressing ({bucket}.s3.localhost)', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'sdk-vhost' }));
    await s3.send(new PutObjectCommand({ Bucket: 'sdk-vhost', Key: 'v.txt', Body: 'virtual' }));
    const body = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: app.port, path: '/v.txt', headers: { host: `sdk-vhost.s3.localhost:${app.port}` } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(`${res.statusCode} ${text}`));
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(body, '200 virtual');
  });

  it('a bad DeleteObjects document is MalformedXML and changes nothing', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'sdk-bad' }));
    await s3.send(new PutObjectCommand({ Bucket: 'sdk-bad', Key: 'keep', Body: 'kept' }));
    const res = await fetch(`${app.url}/sdk-bad?delete`, { method: 'POST', body: '<Delete><Object><Key>keep', headers: { authorization: fakeAuth('s3') } });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /<Code>MalformedXML<\/Code>/);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'sdk-bad', Key: 'keep' }));
    assert.equal(await got.Body!.transformToString(), 'kept');
  });
});
