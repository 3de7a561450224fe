import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, beforeEach, test } from 'node:test';
import { checksumOf } from './checksums.ts';
import { body, bodyBytes, ctx, newService } from './test-support.ts';

const s3 = newService();
const p = s3.provider;
const c = ctx();
const MB = 1024 * 1024;
const part1 = Buffer.alloc(5 * MB, 'a');
const part2 = Buffer.from('tail');

after(() => s3.shutdown());
beforeEach(() => {
  s3.reset();
  p.createBucket({ Bucket: 'uploads' }, c);
});

async function uploadTwoParts(checksum?: 'CRC32' | 'SHA256') {
  const { UploadId } = p.createMultipartUpload({ Bucket: 'uploads', Key: 'big.bin', ContentType: 'application/zip', Metadata: { m: '1' }, ChecksumAlgorithm: checksum }, c);
  const r1 = await p.uploadPart({ Bucket: 'uploads', Key: 'big.bin', UploadId: UploadId!, PartNumber: 1, Body: body(part1) }, c);
  const r2 = await p.uploadPart({ Bucket: 'uploads', Key: 'big.bin', UploadId: UploadId!, PartNumber: 2, Body: body(part2) }, c);
  return { UploadId: UploadId!, parts: [{ PartNumber: 1, ETag: r1.ETag }, { PartNumber: 2, ETag: r2.ETag }], r1, r2 };
}

test('parts assemble in order with the md5-of-md5s-N ETag', async () => {
  const { UploadId, parts } = await uploadTwoParts();
  const listed = p.listParts({ Bucket: 'uploads', Key: 'big.bin', UploadId }, c);
  assert.deepEqual(listed.Parts?.map((x) => [x.PartNumber, x.Size]), [[1, 5 * MB], [2, 4]]);
  assert.equal(p.listMultipartUploads({ Bucket: 'uploads' }, c).Uploads?.[0].UploadId, UploadId);
  const done = await p.completeMultipartUpload({ Bucket: 'uploads', Key: 'big.bin', UploadId, MultipartUpload: { Parts: parts } }, c);
  const md5 = (b: Buffer) => createHash('md5').update(b).digest();
  const expected = createHash('md5').update(Buffer.concat([md5(part1), md5(part2)])).digest('hex');
  assert.equal(done.ETag, `"${expected}-2"`);
  assert.equal(done.Location, 'http://localhost:4566/uploads/big.bin');
  const got = p.getObject({ Bucket: 'uploads', Key: 'big.bin' }, c);
  assert.deepEqual([got.ContentLength, got.ContentType, got.Metadata, got.PartsCount], [5 * MB + 4, 'application/zip', { m: '1' }, 2]);
  assert.ok((await bodyBytes(got.Body)).equals(Buffer.concat([part1, part2])));
  const second = p.getObject({ Bucket: 'uploads', Key: 'big.bin', PartNumber: 2 }, c);
  assert.equal((await bodyBytes(second.Body)).toString(), 'tail');
  assert.throws(() => p.listParts({ Bucket: 'uploads', Key: 'big.bin', UploadId }, c), { code: 'NoSuchUpload', status: 404 });
  assert.deepEqual(p.listMultipartUploads({ Bucket: 'uploads' }, c).Uploads, []);
});

test('a composite CRC32 checksum is the checksum of the part checksums, -N', async () => {
  const { UploadId, parts, r1, r2 } = await uploadTwoParts('CRC32');
  assert.equal(r1.ChecksumCRC32, checksumOf('CRC32', part1));
  const listed = [{ ...parts[0], ChecksumCRC32: r1.ChecksumCRC32 }, { ...parts[1], ChecksumCRC32: 'AAAAAA==' }];
  await assert.rejects(p.completeMultipartUpload({ Bucket: 'uploads', Key: 'big.bin', UploadId, MultipartUpload: { Parts: listed } }, c), { code: 'InvalidPart' });
  listed[1].ChecksumCRC32 = r2.ChecksumCRC32!;
  const done = await p.completeMultipartUpload({ Bucket: 'uploads', Key: 'big.bin', UploadId, MultipartUpload: { Parts: listed } }, c);
  const composite = checksumOf('CRC32', Buffer.concat([Buffer.from(r1.ChecksumCRC32!, 'base64'), Buffer.from(r2.ChecksumCRC32!, 'base64')]));
  assert.deepEqual([done.ChecksumCRC32, done.ChecksumType], [`${composite}-2`, 'COMPOSITE']);
});

test('completion errors: InvalidPartOrder, InvalidPart, EntityTooSmall, no parts', async () => {
  const { UploadId, parts } = await uploadTwoParts();
  const complete = (list: typeof parts) => p.completeMultipartUpload({ Bucket: 'uploads', Key: 'big.bin', UploadId, MultipartUpload: { Parts: list } }, c);
  await assert.rejects(complete([parts[1], parts[0]]), { code: 'InvalidPartOrder', status: 400 });
  await assert.rejects(complete([parts[0], { PartNumber: 3, ETag: parts[1].ETag }]), {
    code: 'InvalidPart',
    fields: { UploadId, PartNumber: '3', ETag: parts[1].ETag },
  });
  await assert.rejects(complete([parts[0], { PartNumber: 2, ETag: '"0000"' }]), { code: 'InvalidPart' });
  await assert.rejects(complete([]), { code: 'InvalidRequest', message: 'You must specify at least one part' });
  // A small part may only be the last one.
  const small = await p.uploadPart({ Bucket: 'uploads', Key: 'big.bin', UploadId, PartNumber: 3, Body: body('x') }, c);
  await assert.rejects(complete([parts[1], { PartNumber: 3, ETag: small.ETag }]), {
    code: 'EntityTooSmall',
    fields: { ProposedSize: '4', MinSizeAllowed: '5242880', PartNumber: '2', ETag: parts[1].ETag },
  });
  // The upload is intact after every failed completion.
  await complete(parts);
});

test('bad part numbers, unknown uploads and aborts', async () => {
  const { UploadId } = p.createMultipartUpload({ Bucket: 'uploads', Key: 'k' }, c);
  await assert.rejects(p.uploadPart({ Bucket: 'uploads', Key: 'k', UploadId: UploadId!, PartNumber: 10001, Body: body(part2) }, c), { code: 'InvalidArgument' });
  await assert.rejects(p.uploadPart({ Bucket: 'uploads', Key: 'k', UploadId: 'nope', PartNumber: 1, Body: body(part2) }, c), {
    code: 'NoSuchUpload',
    fields: { UploadId: 'nope' },
  });
  await assert.rejects(p.uploadPart({ Bucket: 'uploads', Key: 'other', UploadId: UploadId!, PartNumber: 1, Body: body(part2) }, c), { code: 'NoSuchUpload' });
  await p.uploadPart({ Bucket: 'uploads', Key: 'k', UploadId: UploadId!, PartNumber: 1, Body: body(part2) }, c);
  assert.deepEqual(p.abortMultipartUpload({ Bucket: 'uploads', Key: 'k', UploadId: UploadId! }, c), {});
  assert.throws(() => p.abortMultipartUpload({ Bucket: 'uploads', Key: 'k', UploadId: UploadId! }, c), { code: 'NoSuchUpload' });
});
