import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { AwsError } from './errors.ts';
import { loadModel } from './model.ts';
import { invokeRestXml, matchRawPath, renderRestXmlError, restXmlResponse, RestXmlRouter, type RestXmlRequest } from './rest-xml.ts';
import { compileTemplate } from './uri-template.ts';
import type { RequestContext, ServiceDefinition } from './engine.ts';

const s3 = (provider: object = {}): ServiceDefinition => ({
  name: 's3',
  protocol: 'rest-xml',
  model: loadModel('s3'),
  provider,
  validationErrorCode: 'InvalidArgument',
  malformedBodyCode: 'MalformedXML',
  maxBodyBytes: 1 << 20,
  blobContentType: 'binary/octet-stream',
  signingNames: ['s3'],
  xmlNamespace: 'http://s3.amazonaws.com/doc/2006-03-01/',
  xmlRootNames: { ListObjectsV2: 'ListBucketResult', GetBucketLocation: 'LocationConstraint', DeleteObjects: 'DeleteResult' },
});
const router = new RestXmlRouter(s3());
const ctx = { requestId: 'req-1' } as RequestContext;
const q = (s = '') => new URLSearchParams(s);

test('S3 operations are told apart by method, path, query and the headers they require', () => {
  const op = (method: string, path: string, query = '', headers: Record<string, string> = {}) => {
    const m = router.match(method, path, q(query), headers);
    return typeof m === 'object' ? m.operation : m;
  };
  assert.equal(op('GET', '/'), 'ListBuckets');
  assert.equal(op('PUT', '/b'), 'CreateBucket');
  assert.equal(op('HEAD', '/b'), 'HeadBucket');
  assert.equal(op('GET', '/b'), 'ListObjects');
  assert.equal(op('GET', '/b', 'list-type=2&prefix=a'), 'ListObjectsV2');
  assert.equal(op('GET', '/b', 'location'), 'GetBucketLocation');
  assert.equal(op('POST', '/b', 'delete'), 'DeleteObjects');
  assert.equal(op('PUT', '/b/k'), 'PutObject');
  assert.equal(op('PUT', '/b/k', '', { 'x-amz-copy-source': '/a/b' }), 'CopyObject');
  assert.equal(op('PUT', '/b/k', 'partNumber=1&uploadId=u'), 'UploadPart');
  assert.equal(op('PUT', '/b/k', 'partNumber=1&uploadId=u', { 'x-amz-copy-source': '/a/b' }), 'UploadPartCopy');
  assert.equal(op('POST', '/b/k', 'uploads'), 'CreateMultipartUpload');
  assert.equal(op('POST', '/b/k', 'uploadId=u'), 'CompleteMultipartUpload');
  assert.equal(op('GET', '/b/k', 'uploadId=u'), 'ListParts');
  assert.equal(op('DELETE', '/b/k', 'uploadId=u'), 'AbortMultipartUpload');
  assert.equal(op('DELETE', '/b/k'), 'DeleteObject');
  assert.equal(op('PATCH', '/b/k'), 'wrong-method');
});

test('object keys keep empty segments, trailing slashes and encoded characters', () => {
  const t = compileTemplate('GET', '/{Bucket}/{Key+}');
  assert.deepEqual(matchRawPath(t, '/b/dir/', q()), { Bucket: 'b', Key: 'dir/' });
  assert.deepEqual(matchRawPath(t, '/b/a//b%20c%2Bd', q()), { Bucket: 'b', Key: 'a//b c+d' });
  assert.equal(matchRawPath(t, '/b/', q()), undefined);
  assert.deepEqual(matchRawPath(compileTemplate('PUT', '/{Bucket}'), '/b/', q()), { Bucket: 'b' });
});

function request(method: string, body: string | Buffer, headers: Record<string, string> = {}): RestXmlRequest {
  const bytes = Buffer.from(body);
  return { method, headers, query: q(), stream: Readable.from([bytes]), readBody: async () => bytes };
}

test('XML payloads are read by the model: flattened lists, booleans, required members', async () => {
  let seen: unknown;
  const service = s3({ deleteObjects: (input: unknown) => ((seen = input), { Deleted: [{ Key: 'a' }, { Key: 'b' }] }) });
  const xml = '<?xml version="1.0"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a</Key></Object><Object><Key>b &amp; c</Key><VersionId>v</VersionId></Object><Quiet>true</Quiet></Delete>';
  const res = await invokeRestXml(service, { operation: 'DeleteObjects', labels: { Bucket: 'bk' } }, request('POST', xml), ctx);
  assert.deepEqual(seen, { Bucket: 'bk', Delete: { Objects: [{ Key: 'a' }, { Key: 'b & c', VersionId: 'v' }], Quiet: true } });
  assert.equal(res.status, 200);
  assert.equal(res.body, '<?xml version="1.0" encoding="UTF-8"?>\n<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Deleted><Key>a</Key></Deleted><Deleted><Key>b</Key></Deleted></DeleteResult>');
});

test('malformed or non-UTF-8 XML is MalformedXML and the provider is not called', async () => {
  const service = s3({ deleteObjects: () => assert.fail('called') });
  for (const body of ['<Delete><Object>', 'not xml at all', Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e])]) {
    const res = await invokeRestXml(service, { operation: 'DeleteObjects', labels: { Bucket: 'bk' } }, request('POST', body), ctx);
    assert.equal(res.status, 400);
    assert.match(String(res.body), /<Code>MalformedXML<\/Code>/);
  }
});

test('a streaming Body is handed over unread, with aws-chunked framing removed', async () => {
  let text = '';
  let trailers: Record<string, string> = {};
  let length: unknown;
  const service = s3({
    putObject: async (input: { Body: Readable & { trailers: Record<string, string> }; ContentLength: number }) => {
      for await (const c of input.Body) text += c;
      trailers = input.Body.trailers;
      length = input.ContentLength;
      return { ETag: '"e"' };
    },
  });
  const framed = '3;chunk-signature=x\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n';
  const headers = { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '3', 'content-length': String(framed.length) };
  const res = await invokeRestXml(service, { operation: 'PutObject', labels: { Bucket: 'b', Key: 'k' } }, request('PUT', framed, headers), ctx);
  assert.equal(res.status, 200);
  assert.equal(res.headers.ETag, '"e"');
  assert.equal(text, 'abc');
  assert.equal(length, 3);
  assert.deepEqual(trailers, { 'x-amz-checksum-crc32': 'NSRBwg==' });
});

test('answers: a root named by the table, a scalar root, a streamed payload with its headers', () => {
  const service = s3();
  const list = restXmlResponse(service, 'ListObjectsV2', { Name: 'b', KeyCount: 1, Contents: [{ Key: 'k', Size: 3, LastModified: new Date('2024-01-02T03:04:05Z') }] });
  assert.equal(
    list.body,
    '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Contents><Key>k</Key>' +
      '<LastModified>2024-01-02T03:04:05.000Z</LastModified><Size>3</Size></Contents><Name>b</Name><KeyCount>1</KeyCount></ListBucketResult>',
  );
  assert.match(String(restXmlResponse(service, 'GetBucketLocation', { LocationConstraint: 'eu-west-1' }).body), /<LocationConstraint xmlns="[^"]+">eu-west-1<\/LocationConstraint>$/);
  const stream = Readable.from([Buffer.from('abc')]);
  const got = restXmlResponse(service, 'GetObject', { Body: stream, ContentLength: 3, Metadata: { color: 'blue' }, LastModified: new Date('2024-01-02T03:04:05Z') });
  assert.equal(got.body, stream);
  assert.deepEqual(got.headers, { 'Content-Length': '3', 'x-amz-meta-color': 'blue', 'Last-Modified': 'Tue, 02 Jan 2024 03:04:05 GMT', 'Content-Type': 'binary/octet-stream' });
  assert.equal(restXmlResponse(service, 'DeleteObject', {}).status, 204);
});

test('errors are S3 error documents with the resource fields', () => {
  const res = renderRestXmlError(new AwsError('NoSuchKey', 'The specified key does not exist.', undefined, { Key: 'a&b' }), 'r', loadModel('s3'));
  assert.equal(res.status, 404);
  assert.equal(res.body, '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>a&amp;b</Key><RequestId>r</RequestId></Error>');
});
