import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, beforeEach, describe, test } from 'node:test';
import { checksumOf } from './checksums.ts';
import { body, bodyBytes, chunked, ctx, newService } from './test-support.ts';

const s3 = newService();
const p = s3.provider;
const c = ctx();
const md5hex = (s: string) => createHash('md5').update(s).digest('hex');

after(() => s3.shutdown());
beforeEach(() => {
  s3.reset();
  p.createBucket({ Bucket: 'objects' }, c);
});

describe('PutObject / GetObject / HeadObject', () => {
  test('a streamed body is stored with its MD5 ETag, metadata and default content type', async () => {
    const put = await p.putObject({ Bucket: 'objects', Key: 'a/b.txt', Body: body('hello ', 'world'), Metadata: { color: 'blue' } }, c);
    assert.deepEqual(put, { ETag: `"${md5hex('hello world')}"`, ServerSideEncryption: 'AES256' });
    const got = p.getObject({ Bucket: 'objects', Key: 'a/b.txt' }, c);
    assert.equal((await bodyBytes(got.Body)).toString(), 'hello world');
    const { Body, LastModified, ...rest } = got;
    assert.ok(LastModified instanceof Date);
    assert.deepEqual(rest, {
      AcceptRanges: 'bytes',
      ContentLength: 11,
      ETag: `"${md5hex('hello world')}"`,
      ContentType: 'binary/octet-stream',
      Metadata: { color: 'blue' },
      ServerSideEncryption: 'AES256',
    });
    assert.equal(p.headObject({ Bucket: 'objects', Key: 'a/b.txt' }, c).ContentLength, 11);
  });

  test('missing bucket and key are S3 errors', async () => {
    await assert.rejects(p.putObject({ Bucket: 'nope', Key: 'k', Body: body('x') }, c), { code: 'NoSuchBucket', status: 404, fields: { BucketName: 'nope' } });
    assert.throws(() => p.getObject({ Bucket: 'objects', Key: 'missing' }, c), {
      code: 'NoSuchKey',
      message: 'The specified key does not exist.',
      fields: { Key: 'missing' },
    });
  });

  test('Content-MD5 mismatch is BadDigest and stores nothing; a malformed one is InvalidDigest', async () => {
    const wrong = createHash('md5').update('other').digest('base64');
    await assert.rejects(p.putObject({ Bucket: 'objects', Key: 'k', Body: body('data'), ContentMD5: wrong }, c), { code: 'BadDigest', status: 400 });
    await assert.rejects(p.putObject({ Bucket: 'objects', Key: 'k', Body: body('data'), ContentMD5: 'zz' }, c), { code: 'InvalidDigest' });
    assert.throws(() => p.headObject({ Bucket: 'objects', Key: 'k' }, c), { code: 'NoSuchKey' });
    const right = createHash('md5').update('data').digest('base64');
    await p.putObject({ Bucket: 'objects', Key: 'k', Body: body('data'), ContentMD5: right }, c);
  });

  test('x-amz-checksum-* values are checked, stored and returned with ChecksumMode ENABLED', async () => {
    const crc = checksumOf('CRC32', Buffer.from('test-delete'));
    assert.equal(crc, '1jy6qw==');
    await assert.rejects(p.putObject({ Bucket: 'objects', Key: 'k', Body: body('test-delete'), ChecksumCRC32: 'AAAAAA==' }, c), {
      code: 'BadDigest',
      message: 'The CRC32 you specified did not match the calculated checksum.',
    });
    await assert.rejects(p.putObject({ Bucket: 'objects', Key: 'k', Body: body('x'), ChecksumSHA256: 'abc' }, c), {
      code: 'InvalidRequest',
      message: 'Value for x-amz-checksum-sha256 header is invalid.',
    });
    const put = await p.putObject({ Bucket: 'objects', Key: 'k', Body: body('test-delete'), ChecksumCRC32: crc }, c);
    assert.equal(put.ChecksumCRC32, crc);
    assert.equal(put.ChecksumType, 'FULL_OBJECT');
    assert.equal(p.headObject({ Bucket: 'objects', Key: 'k' }, c).ChecksumCRC32, undefined);
    assert.equal(p.headObject({ Bucket: 'objects', Key: 'k', ChecksumMode: 'ENABLED' }, c).ChecksumCRC32, crc);
  });

  test('an aws-chunked body with a trailing checksum is decoded and verified', async () => {
    const crc = checksumOf('CRC32C', Buffer.from('hello world'));
    const framed = `5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32c:${crc}\r\n\r\n`;
    const put = await p.putObject(
      { Bucket: 'objects', Key: 'chunked', Body: chunked(framed), ContentEncoding: 'aws-chunked', ChecksumAlgorithm: 'CRC32C' },
      c,
    );
    assert.equal(put.ChecksumCRC32C, crc);
    const got = p.getObject({ Bucket: 'objects', Key: 'chunked' }, c);
    assert.equal((await bodyBytes(got.Body)).toString(), 'hello world');
    assert.equal(got.ContentEncoding, undefined);
    const bad = framed.replace(crc, checksumOf('CRC32C', Buffer.from('x')));
    await assert.rejects(
      p.putObject({ Bucket: 'objects', Key: 'chunked', Body: chunked(bad), ContentEncoding: 'aws-chunked', ChecksumAlgorithm: 'CRC32C' }, c),
      { code: 'BadDigest' },
    );
  });

  test('Range reads serve the bytes with ContentRange; conditions answer 304 / 412', async () => {
    const { ETag } = await p.putObject({ Bucket: 'objects', Key: 'r', Body: body('0123456789') }, c);
    const ranged = p.getObject({ Bucket: 'objects', Key: 'r', Range: 'bytes=-2' }, c);
    assert.equal(ranged.ContentRange, 'bytes 8-9/10');
    assert.equal(ranged.ContentLength, 2);
    assert.equal((await bodyBytes(ranged.Body)).toString(), '89');
    assert.throws(() => p.getObject({ Bucket: 'objects', Key: 'r', Range: 'bytes=100-200' }, c), { code: 'InvalidRange', status: 416 });
    assert.throws(() => p.getObject({ Bucket: 'objects', Key: 'r', IfNoneMatch: ETag }, c), { status: 304 });
    assert.throws(() => p.getObject({ Bucket: 'objects', Key: 'r', IfMatch: '"x"' }, c), { code: 'PreconditionFailed', status: 412 });
    assert.equal((await bodyBytes(p.getObject({ Bucket: 'objects', Key: 'r', IfMatch: ETag }, c).Body)).toString(), '0123456789');
  });

  test('write conditions: If-None-Match * refuses an existing key, If-Match needs the current ETag', async () => {
    await p.putObject({ Bucket: 'objects', Key: 'w', Body: body('one'), IfNoneMatch: '*' }, c);
    await assert.rejects(p.putObject({ Bucket: 'objects', Key: 'w', Body: body('two'), IfNoneMatch: '*' }, c), {
      code: 'PreconditionFailed',
      fields: { Condition: 'If-None-Match' },
    });
    await assert.rejects(p.putObject({ Bucket: 'objects', Key: 'new', Body: body('x'), IfMatch: '"abc"' }, c), { code: 'NoSuchKey' });
    await p.putObject({ Bucket: 'objects', Key: 'w', Body: body('two'), IfMatch: `"${md5hex('one')}"` }, c);
  });
});

describe('versioning and deletes', () => {
  test('unversioned deletes remove the key; versioned ones leave markers', async () => {
    await p.putObject({ Bucket: 'objects', Key: 'k', Body: body('v0') }, c);
    assert.deepEqual(p.deleteObject({ Bucket: 'objects', Key: 'k' }, c), {});
    assert.deepEqual(p.deleteObject({ Bucket: 'objects', Key: 'k' }, c), {});
    assert.throws(() => p.getObject({ Bucket: 'objects', Key: 'k', VersionId: 'abc' }, c), { code: 'InvalidArgument', message: 'Invalid version id specified' });

    p.putBucketVersioning({ Bucket: 'objects', VersioningConfiguration: { Status: 'Enabled' } }, c);
    const v1 = await p.putObject({ Bucket: 'objects', Key: 'k', Body: body('one') }, c);
    const v2 = await p.putObject({ Bucket: 'objects', Key: 'k', Body: body('two') }, c);
    assert.match(v1.VersionId!, /^[A-Za-z0-9_-]{32}$/);
    assert.notEqual(v1.VersionId, v2.VersionId);
    const marker = p.deleteObject({ Bucket: 'objects', Key: 'k' }, c);
    assert.equal(marker.DeleteMarker, true);
    assert.throws(() => p.getObject({ Bucket: 'objects', Key: 'k' }, c), { code: 'NoSuchKey', fields: { Key: 'k' } });
    assert.throws(() => p.getObject({ Bucket: 'objects', Key: 'k', VersionId: marker.VersionId }, c), { code: 'MethodNotAllowed', status: 405 });
    assert.equal((await bodyBytes(p.getObject({ Bucket: 'objects', Key: 'k', VersionId: v1.VersionId }, c).Body)).toString(), 'one');
    assert.throws(() => p.deleteBucket({ Bucket: 'objects' }, c), {
      code: 'BucketNotEmpty',
      message: 'The bucket you tried to delete is not empty. You must delete all versions in the bucket.',
    });
    assert.deepEqual(p.deleteObject({ Bucket: 'objects', Key: 'k', VersionId: marker.VersionId }, c), { VersionId: marker.VersionId, DeleteMarker: true });
    assert.equal((await bodyBytes(p.getObject({ Bucket: 'objects', Key: 'k' }, c).Body)).toString(), 'two');
  });

  test('DeleteObjects reports each key, bad version ids as NoSuchVersion errors', async () => {
    await p.putObject({ Bucket: 'objects', Key: 'a', Body: body('a') }, c);
    const out = p.deleteObjects({ Bucket: 'objects', Delete: { Objects: [{ Key: 'a' }, { Key: 'missing' }, { Key: 'a', VersionId: 'bad' }] } }, c);
    assert.deepEqual(out, {
      Deleted: [{ Key: 'a' }, { Key: 'missing' }],
      Errors: [{ Key: 'a', Code: 'NoSuchVersion', Message: 'The specified version does not exist.', VersionId: 'bad' }],
    });
    assert.deepEqual(p.deleteObjects({ Bucket: 'objects', Delete: { Objects: [{ Key: 'b' }], Quiet: true } }, c), {});
  });
});

describe('CopyObject', () => {
  test('copies bytes and metadata, or replaces metadata', async () => {
    await p.putObject({ Bucket: 'objects', Key: 'src', Body: body('payload'), ContentType: 'text/plain', Metadata: { a: '1' } }, c);
    const copied = await p.copyObject({ Bucket: 'objects', Key: 'dst', CopySource: 'objects/src' }, c);
    assert.equal(copied.CopyObjectResult?.ETag, `"${md5hex('payload')}"`);
    const dst = p.headObject({ Bucket: 'objects', Key: 'dst' }, c);
    assert.deepEqual([dst.ContentType, dst.Metadata], ['text/plain', { a: '1' }]);
    await p.copyObject({ Bucket: 'objects', Key: 'dst', CopySource: '/objects/src', MetadataDirective: 'REPLACE', Metadata: { b: '2' } }, c);
    assert.deepEqual(p.headObject({ Bucket: 'objects', Key: 'dst' }, c).Metadata, { b: '2' });
    await assert.rejects(p.copyObject({ Bucket: 'objects', Key: 'src', CopySource: 'objects/src' }, c), { code: 'InvalidRequest' });
    await assert.rejects(p.copyObject({ Bucket: 'objects', Key: 'x', CopySource: 'objects/none' }, c), { code: 'NoSuchKey' });
    await assert.rejects(p.copyObject({ Bucket: 'objects', Key: 'x', CopySource: 'objects/src', CopySourceIfMatch: '"no"' }, c), {
      code: 'PreconditionFailed',
      fields: { Condition: 'x-amz-copy-source-If-Match' },
    });
  });
});

describe('ListObjects / ListObjectsV2', () => {
  test('prefix, delimiter, max-keys and continuation', async () => {
    for (const key of ['a.txt', 'docs/1.md', 'docs/2.md', 'img/x.png', 'z z.txt']) await p.putObject({ Bucket: 'objects', Key: key, Body: body(key) }, c);
    const first = p.listObjectsV2({ Bucket: 'objects', Delimiter: '/', MaxKeys: 2 }, c);
    assert.deepEqual(first.Contents?.map((o) => o.Key), ['a.txt']);
    assert.deepEqual(first.CommonPrefixes, [{ Prefix: 'docs/' }]);
    assert.equal(first.KeyCount, 2);
    assert.equal(first.IsTruncated, true);
    const second = p.listObjectsV2({ Bucket: 'objects', Delimiter: '/', MaxKeys: 2, ContinuationToken: first.NextContinuationToken }, c);
    assert.deepEqual([second.CommonPrefixes, second.Contents?.map((o) => o.Key), second.IsTruncated], [[{ Prefix: 'img/' }], ['z z.txt'], false]);
    const encoded = p.listObjectsV2({ Bucket: 'objects', StartAfter: 'img/x.png', EncodingType: 'url' }, c);
    assert.deepEqual(encoded.Contents?.map((o) => o.Key), ['z%20z.txt']);
    const v1 = p.listObjects({ Bucket: 'objects', Prefix: 'docs/', Marker: 'docs/1.md' }, c);
    assert.deepEqual([v1.Contents?.map((o) => o.Key), v1.Marker, v1.Contents?.[0].Owner?.ID?.length], [['docs/2.md'], 'docs/1.md', 64]);
    assert.throws(() => p.listObjectsV2({ Bucket: 'objects', ContinuationToken: 'bogus' }, c), { code: 'InvalidArgument' });
  });
});
