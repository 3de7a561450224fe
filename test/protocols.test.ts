// The query, json and rest-xml engines end to end: boto3 and the AWS CLI
// (test/protocols/boto3_protocols.py) against a control plane whose new services have the
// small test providers of test/protocols/providers.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Readable } from 'node:stream';
import { CreateBucketCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startProtocolServer } from './protocols/providers.ts';

const run = promisify(execFile);
let server: Awaited<ReturnType<typeof startProtocolServer>>;
before(async () => {
  server = await startProtocolServer();
});
after(() => server.close());

test('boto3 and the AWS CLI speak query, json 1.1 and rest-xml with localgate', async () => {
  const script = join(import.meta.dirname, 'protocols', 'boto3_protocols.py');
  // Asynchronous on purpose: the server answering the script runs in this process.
  const result = await run('python3', [script], { env: { ...process.env, LOCALGATE_ENDPOINT: server.url }, timeout: 120_000 }).catch(
    (err: { stdout?: string; stderr?: string; message: string }) => assert.fail(`${err.stderr || err.message}${err.stdout ?? ''}`),
  );
  assert.match(result.stdout, /^ok: /m);
});

test('the AWS SDK v3 streams an upload with aws-chunked framing and a trailing checksum', async () => {
  const s3 = new S3Client({ endpoint: server.url, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  try {
    await s3.send(new CreateBucketCommand({ Bucket: 'js-sdk' }));
    const body = Buffer.alloc(200_000, 'q');
    await s3.send(new PutObjectCommand({ Bucket: 'js-sdk', Key: 'streamed', Body: Readable.from([body.subarray(0, 1000), body.subarray(1000)]), ContentLength: body.length }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'js-sdk', Key: 'streamed' }));
    assert.equal(await got.Body!.transformToString(), body.toString());
    assert.equal(got.ContentLength, body.length);
    assert.deepEqual(got.Metadata, { 'x-test-arrived-as-stream': 'true', 'x-test-trailers': 'x-amz-checksum-crc32' });
    const stored = server.providers.s3.buckets.get('js-sdk')!.objects.get('streamed')!;
    assert.equal(stored.body.length, body.length);
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: 'js-sdk', Key: 'nope' })), (err: NoSuchKey) => {
      assert.equal(err.name, 'NoSuchKey');
      assert.equal(err.$metadata.httpStatusCode, 404);
      return true;
    });
  } finally {
    s3.destroy();
  }
});
