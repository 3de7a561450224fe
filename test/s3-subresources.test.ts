// S3 object tagging, object ACLs (disabled, as on buckets that enforce bucket-owner
// ownership, S3's default), ListObjectVersions and UploadPartCopy, with @aws-sdk/client-s3.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectTaggingCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { canonicalUserId } from '../src/services/s3/store.ts';
import { clientConfig, useClient } from './helpers.ts';

describe('S3 object subresources and versions listing', () => {
  let s3: S3Client;
  useClient((server) => new S3Client({ ...clientConfig(server), forcePathStyle: true }), (_server, client) => {
    s3 = client;
  });

  it('puts, gets and deletes object tags, with S3\'s tag rules', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'tagging' }));
    await s3.send(new PutObjectCommand({ Bucket: 'tagging', Key: 'a.txt', Body: 'a', Tagging: 'team=web' }));
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: 'tagging', Key: 'a.txt' }))).TagSet, [{ Key: 'team', Value: 'web' }]);
    await s3.send(new PutObjectTaggingCommand({ Bucket: 'tagging', Key: 'a.txt', Tagging: { TagSet: [{ Key: 'env', Value: 'dev' }, { Key: 'owner', Value: '' }] } }));
    const tagged = await s3.send(new GetObjectTaggingCommand({ Bucket: 'tagging', Key: 'a.txt' }));
    assert.deepEqual(tagged.TagSet, [{ Key: 'env', Value: 'dev' }, { Key: 'owner', Value: '' }]);
    assert.equal(tagged.VersionId, undefined);
    assert.equal((await s3.send(new GetObjectCommand({ Bucket: 'tagging', Key: 'a.txt' }))).TagCount, 2);

    const eleven = Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await assert.rejects(s3.send(new PutObjectTaggingCommand({ Bucket: 'tagging', Key: 'a.txt', Tagging: { TagSet: eleven } })), { name: 'BadRequest', message: 'Object tags cannot be greater than 10' });
    await assert.rejects(s3.send(new PutObjectTaggingCommand({ Bucket: 'tagging', Key: 'a.txt', Tagging: { TagSet: [{ Key: 'aws:x', Value: 'v' }] } })), { name: 'InvalidTag', message: 'Your TagKey cannot be prefixed with aws:' });
    await assert.rejects(s3.send(new GetObjectTaggingCommand({ Bucket: 'tagging', Key: 'missing' })), { name: 'NoSuchKey' });
    // A refused write leaves the tags as they were.
    assert.equal((await s3.send(new GetObjectTaggingCommand({ Bucket: 'tagging', Key: 'a.txt' }))).TagSet!.length, 2);

    await s3.send(new DeleteObjectTaggingCommand({ Bucket: 'tagging', Key: 'a.txt' }));
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: 'tagging', Key: 'a.txt' }))).TagSet, []);
  });

  it('reads an object ACL as the owner\'s FULL_CONTROL; refuses ACLs beyond that', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'acls' }));
    await s3.send(new PutObjectCommand({ Bucket: 'acls', Key: 'k', Body: 'x' }));
    const owner = canonicalUserId('000000000000');
    const acl = await s3.send(new GetObjectAclCommand({ Bucket: 'acls', Key: 'k' }));
    assert.deepEqual(acl.Owner, { ID: owner });
    assert.deepEqual(acl.Grants, [{ Grantee: { ID: owner, Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' }]);
    await s3.send(new PutObjectAclCommand({ Bucket: 'acls', Key: 'k', ACL: 'bucket-owner-full-control' }));
    await s3.send(new PutObjectAclCommand({ Bucket: 'acls', Key: 'k', ACL: 'private' }));
    await assert.rejects(s3.send(new PutObjectAclCommand({ Bucket: 'acls', Key: 'k', ACL: 'public-read' })), { name: 'AccessControlListNotSupported', message: 'The bucket does not allow ACLs' });
    await assert.rejects(s3.send(new PutObjectAclCommand({ Bucket: 'acls', Key: 'k', GrantRead: `id=${owner}` })), { name: 'AccessControlListNotSupported' });
    await assert.rejects(s3.send(new GetObjectAclCommand({ Bucket: 'acls', Key: 'nope' })), { name: 'NoSuchKey' });
  });

  it('lists every version and delete marker, newest first per key, paged by key and version markers', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'versions' }));
    await s3.send(new PutObjectCommand({ Bucket: 'versions', Key: 'before', Body: 'unversioned' }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'versions', VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = (await s3.send(new PutObjectCommand({ Bucket: 'versions', Key: 'doc', Body: 'one' }))).VersionId!;
    const v2 = (await s3.send(new PutObjectCommand({ Bucket: 'versions', Key: 'doc', Body: 'two!' }))).VersionId!;
    const marker = (await s3.send(new DeleteObjectCommand({ Bucket: 'versions', Key: 'doc' }))).VersionId!;
    await s3.send(new PutObjectCommand({ Bucket: 'versions', Key: 'dir/x', Body: 'x' }));

    const all = await s3.send(new ListObjectVersionsCommand({ Bucket: 'versions' }));
    assert.deepEqual(all.Versions!.map((v) => [v.Key, v.VersionId, v.IsLatest, v.Size]), [
      ['before', 'null', true, 11],
      ['dir/x', all.Versions![1].VersionId, true, 1],
      ['doc', v2, false, 4],
      ['doc', v1, false, 3],
    ]);
    assert.deepEqual(all.DeleteMarkers!.map((m) => [m.Key, m.VersionId, m.IsLatest]), [['doc', marker, true]]);
    assert.equal(all.IsTruncated, false);

    assert.match(all.Versions![0].ETag!, /^"[0-9a-f]{32}"$/);
    // Three at a time: the markers name where the next page starts, within a key if need be.
    const first = await s3.send(new ListObjectVersionsCommand({ Bucket: 'versions', MaxKeys: 3 }));
    assert.equal(first.IsTruncated, true);
    assert.equal(first.NextKeyMarker, 'doc');
    assert.equal(first.NextVersionIdMarker, marker);
    const second = await s3.send(new ListObjectVersionsCommand({ Bucket: 'versions', MaxKeys: 3, KeyMarker: first.NextKeyMarker, VersionIdMarker: first.NextVersionIdMarker }));
    assert.deepEqual(second.Versions!.map((v) => v.VersionId), [v2, v1]);
    assert.equal(second.IsTruncated, false);

    const rolled = await s3.send(new ListObjectVersionsCommand({ Bucket: 'versions', Delimiter: '/' }));
    assert.deepEqual(rolled.CommonPrefixes, [{ Prefix: 'dir/' }]);
    assert.deepEqual((await s3.send(new ListObjectVersionsCommand({ Bucket: 'versions', Prefix: 'dir/' }))).Versions!.map((v) => v.Key), ['dir/x']);
    await assert.rejects(s3.send(new ListObjectVersionsCommand({ Bucket: 'versions', VersionIdMarker: v1 })), { name: 'InvalidArgument', message: 'A version-id marker cannot be specified without a key marker.' });
  });

  it('copies parts from byte ranges of other objects into a multipart upload', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'part-copy' }));
    const big = Buffer.alloc(6 * 1024 * 1024, 'a');
    await s3.send(new PutObjectCommand({ Bucket: 'part-copy', Key: 'big', Body: big }));
    await s3.send(new PutObjectCommand({ Bucket: 'part-copy', Key: 'small', Body: '0123456789' }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'part-copy', Key: 'joined' }));
    const whole = await s3.send(new UploadPartCopyCommand({ Bucket: 'part-copy', Key: 'joined', UploadId, PartNumber: 1, CopySource: 'part-copy/big' }));
    const md5 = (b: Buffer | string) => createHash('md5').update(b).digest('hex');
    assert.equal(whole.CopyPartResult!.ETag, `"${md5(big)}"`);
    assert.ok(whole.CopyPartResult!.LastModified instanceof Date);
    const slice = await s3.send(new UploadPartCopyCommand({ Bucket: 'part-copy', Key: 'joined', UploadId, PartNumber: 2, CopySource: 'part-copy/small', CopySourceRange: 'bytes=2-5' }));
    assert.equal(slice.CopyPartResult!.ETag, `"${md5('2345')}"`);
    // Parts before the last must be 5 MB: a copied slice counts as any part does.
    await s3.send(new UploadPartCommand({ Bucket: 'part-copy', Key: 'joined', UploadId, PartNumber: 3, Body: '!' }));
    await assert.rejects(
      s3.send(new CompleteMultipartUploadCommand({ Bucket: 'part-copy', Key: 'joined', UploadId, MultipartUpload: { Parts: [{ PartNumber: 2, ETag: slice.CopyPartResult!.ETag }, { PartNumber: 3, ETag: `"${md5('!')}"` }] } })),
      { name: 'EntityTooSmall' },
    );

    await assert.rejects(s3.send(new UploadPartCopyCommand({ Bucket: 'part-copy', Key: 'joined', UploadId, PartNumber: 4, CopySource: 'part-copy/small', CopySourceRange: 'bytes=5-' })), { name: 'InvalidArgument' });
    await assert.rejects(s3.send(new UploadPartCopyCommand({ Bucket: 'part-copy', Key: 'joined', UploadId, PartNumber: 4, CopySource: 'part-copy/small', CopySourceRange: 'bytes=5-10' })), { name: 'InvalidRange' });
    await assert.rejects(s3.send(new UploadPartCopyCommand({ Bucket: 'part-copy', Key: 'joined', UploadId, PartNumber: 4, CopySource: 'part-copy/missing' })), { name: 'NoSuchKey' });
    await assert.rejects(s3.send(new UploadPartCopyCommand({ Bucket: 'part-copy', Key: 'joined', UploadId, PartNumber: 4, CopySource: 'part-copy/small', CopySourceIfMatch: '"nope"' })), { name: 'PreconditionFailed' });
    await assert.rejects(s3.send(new UploadPartCopyCommand({ Bucket: 'part-copy', Key: 'joined', UploadId: 'nope', PartNumber: 1, CopySource: 'part-copy/small' })), { name: 'NoSuchUpload' });

    await s3.send(new CompleteMultipartUploadCommand({
      Bucket: 'part-copy',
      Key: 'joined',
      UploadId,
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: whole.CopyPartResult!.ETag }, { PartNumber: 2, ETag: slice.CopyPartResult!.ETag }] },
    }));
    const joined = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: 'part-copy', Key: 'joined' }))).Body!.transformToByteArray());
    assert.equal(joined.length, big.length + 4);
    assert.ok(joined.subarray(0, big.length).equals(big));
    assert.equal(joined.subarray(big.length).toString(), '2345');
  });
});
