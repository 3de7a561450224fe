import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeAwsChunked, splitContentEncoding } from './aws-chunked.ts';

async function decode(parts: string[]) {
  const trailers: Record<string, string> = {};
  const out: Buffer[] = [];
  async function* source() {
    for (const p of parts) yield Buffer.from(p, 'latin1');
  }
  for await (const chunk of decodeAwsChunked(source(), trailers)) out.push(chunk);
  return { body: Buffer.concat(out).toString('latin1'), trailers };
}

const body = '5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n';

test('decodes chunks and trailers in one piece', async () => {
  assert.deepEqual(await decode([body]), { body: 'hello world', trailers: { 'x-amz-checksum-crc32': 'DUoRhQ==' } });
});

test('decodes the same body split at every byte', async () => {
  const parts = [...body];
  assert.deepEqual(await decode(parts), { body: 'hello world', trailers: { 'x-amz-checksum-crc32': 'DUoRhQ==' } });
});

test('ignores chunk signatures (signed streaming payloads)', async () => {
  const signed = `5;chunk-signature=${'a'.repeat(64)}\r\nhello\r\n0;chunk-signature=${'b'.repeat(64)}\r\n\r\n`;
  assert.deepEqual(await decode([signed]), { body: 'hello', trailers: {} });
});

test('a truncated body is IncompleteBody; a bad size is InvalidRequest', async () => {
  await assert.rejects(decode(['5\r\nhel']), { code: 'IncompleteBody' });
  await assert.rejects(decode(['zz\r\nhello\r\n']), { code: 'InvalidRequest' });
  await assert.rejects(decode(['2\r\nhello\r\n0\r\n\r\n']), { code: 'InvalidRequest' });
});

test('splitContentEncoding drops aws-chunked and keeps the rest', () => {
  assert.deepEqual(splitContentEncoding('aws-chunked'), { chunked: true, rest: undefined });
  assert.deepEqual(splitContentEncoding('gzip, aws-chunked'), { chunked: true, rest: 'gzip' });
  assert.deepEqual(splitContentEncoding('gzip'), { chunked: false, rest: 'gzip' });
});
