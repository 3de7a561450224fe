import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { AwsChunkedDecoder, isAwsChunked } from './streaming.ts';

async function decode(parts: Buffer[]): Promise<{ body: Buffer; trailers: Record<string, string> }> {
  const decoder = Readable.from(parts).pipe(new AwsChunkedDecoder());
  const chunks: Buffer[] = [];
  for await (const c of decoder) chunks.push(c as Buffer);
  return { body: Buffer.concat(chunks), trailers: decoder.trailers };
}

const framed = Buffer.concat([
  Buffer.from('5;chunk-signature=abc\r\nhello\r\n'),
  Buffer.from('b\r\n, the world\r\n'),
  Buffer.from('0\r\nx-amz-checksum-crc32:AAAAAA==\r\nx-amz-trailer-signature:def\r\n\r\n'),
]);

test('aws-chunked framing is removed and trailing checksums kept, however the bytes are split', async () => {
  for (const size of [1, 2, 7, framed.length]) {
    const parts: Buffer[] = [];
    for (let i = 0; i < framed.length; i += size) parts.push(framed.subarray(i, i + size));
    const { body, trailers } = await decode(parts);
    assert.equal(body.toString(), 'hello, the world');
    assert.deepEqual(trailers, { 'x-amz-checksum-crc32': 'AAAAAA==', 'x-amz-trailer-signature': 'def' });
  }
});

test('a truncated or garbled aws-chunked body is an error, not a short object', async () => {
  await assert.rejects(decode([framed.subarray(0, 20)]), /ended early/);
  await assert.rejects(decode([Buffer.from('zz\r\nabc')]), /Invalid aws-chunked chunk header/);
  await assert.rejects(decode([Buffer.from('2\r\nabc\r\n0\r\n\r\n')]), /longer than its declared size/);
});

test('aws-chunked is recognised by Content-Encoding or the streaming payload hash', () => {
  assert.equal(isAwsChunked({ 'content-encoding': 'aws-chunked' }), true);
  assert.equal(isAwsChunked({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' }), true);
  assert.equal(isAwsChunked({ 'content-encoding': 'gzip', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }), false);
});
