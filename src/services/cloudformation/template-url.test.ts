import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import type { ResourceServices } from '../../cloudformation/resource.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import { readTemplateUrl, s3Location } from './template-url.ts';

const base = 'http://localhost:4566';

test('TemplateURL forms name a bucket and key', () => {
  assert.deepEqual(s3Location('https://my-bucket.s3.amazonaws.com/t/stack.yaml', base), { Bucket: 'my-bucket', Key: 't/stack.yaml' });
  assert.deepEqual(s3Location('https://my-bucket.s3.eu-west-1.amazonaws.com/stack.yaml', base), { Bucket: 'my-bucket', Key: 'stack.yaml' });
  assert.deepEqual(s3Location('https://s3.amazonaws.com/my-bucket/a%20b.yaml', base), { Bucket: 'my-bucket', Key: 'a b.yaml' });
  assert.deepEqual(s3Location('https://s3.us-west-2.amazonaws.com/my-bucket/x.json', base), { Bucket: 'my-bucket', Key: 'x.json' });
  assert.deepEqual(s3Location('http://localhost:4566/my-bucket/x.json', base), { Bucket: 'my-bucket', Key: 'x.json' });
  assert.equal(s3Location('https://example.com/x.yaml', base), undefined);
});

test('a TemplateURL is read through the S3 provider; missing objects and other URLs are CloudFormation errors', async () => {
  const objects: Record<string, string> = { 'b/t.yaml': 'Resources: {}' };
  const services = {
    s3: {
      getObject: ({ Bucket, Key }: { Bucket: string; Key: string }) => {
        const text = objects[`${Bucket}/${Key}`];
        if (text === undefined) throw Object.assign(new Error('The specified key does not exist.'), { code: 'NoSuchKey' });
        return { Body: Readable.from([Buffer.from(text)]) };
      },
    },
  } as unknown as ResourceServices;
  const ctx = { baseUrl: base } as RequestContext;
  assert.equal(await readTemplateUrl('https://b.s3.amazonaws.com/t.yaml', services, ctx), 'Resources: {}');
  await assert.rejects(readTemplateUrl('https://b.s3.amazonaws.com/nope.yaml', services, ctx), (err: any) => err.code === 'ValidationError' && err.message === 'TemplateURL must reference a valid S3 object to which you have access.');
  // Recorded on AWS (localstack tests/aws/services/cloudformation/api/test_templates.snapshot.json#test_create_stack_from_s3_template_url[s3_url]).
  await assert.rejects(readTemplateUrl('s3://b/t.yaml', services, ctx), (err: any) => err.message === 'S3 error: Domain name specified in b is not a valid S3 domain');
  await assert.rejects(readTemplateUrl('https://example.com/dummy.yml', services, ctx), (err: any) => err.message === 'TemplateURL must be a supported URL.');
  objects['b/big.yaml'] = 'x'.repeat(1_000_001);
  await assert.rejects(readTemplateUrl('https://b.s3.amazonaws.com/big.yaml', services, ctx), (err: any) => err.message === 'Template may not exceed 1000000 bytes in size.');
});
