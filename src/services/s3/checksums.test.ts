import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checksumOf, createDigest } from './checksums.ts';

const check = Buffer.from('123456789');

test('CRC32 and CRC32C match the standard check values for "123456789"', () => {
  assert.equal(Buffer.from(checksumOf('CRC32', check), 'base64').toString('hex'), 'cbf43926');
  assert.equal(Buffer.from(checksumOf('CRC32C', check), 'base64').toString('hex'), 'e3069283');
});

test('the empty body has the checksums S3 reports for it', () => {
  assert.equal(checksumOf('CRC32', Buffer.alloc(0)), 'AAAAAA==');
  assert.equal(checksumOf('MD5', Buffer.alloc(0)), '1B2M2Y8AsgTpgAmY7PhCfg==');
  assert.equal(checksumOf('SHA256', Buffer.alloc(0)), '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
});

test('a digest fed in chunks equals the digest of the whole', () => {
  for (const algorithm of ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'MD5'] as const) {
    const digest = createDigest(algorithm);
    digest.update(check.subarray(0, 4));
    digest.update(check.subarray(4));
    assert.equal(digest.digest().toString('base64'), checksumOf(algorithm, check), algorithm);
  }
});

test('CRC32 of "test-delete" is the value S3 returned for it', () => {
  // Recorded on AWS: PutObject of "test-delete" answered ChecksumCRC32 "1jy6qw==".
  assert.equal(checksumOf('CRC32', Buffer.from('test-delete')), '1jy6qw==');
});
