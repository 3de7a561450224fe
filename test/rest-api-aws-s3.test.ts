// REST API AWS integrations to S3 by path URI ("API Gateway as an S3 proxy", e.g.
// aws-samples/serverless-patterns apigw-s3): path parameters mapped into
// arn:aws:apigateway:{region}:s3:path/{bucket}/{object}, the integration's httpMethod as
// S3's method, and S3's status code selecting the integration response (for AWS back ends
// other than Lambda, selectionPattern matches the HTTP status code: API Gateway's
// IntegrationResponse.selectionPattern reference).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  TestInvokeMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { clientConfig, startTestServer } from './helpers.ts';
import type { Localgate } from '../src/app.ts';

let app: Localgate;
let gw: APIGatewayClient;
let s3: S3Client;
let apiId: string;
let itemId: string;
const ROLE = 'arn:aws:iam::000000000000:role/apigw-s3';
const S3_PATH = 'arn:aws:apigateway:us-east-1:s3:path/{bucket}/{object}';
const PATH_PARAMS = { 'integration.request.path.bucket': 'method.request.path.folder', 'integration.request.path.object': 'method.request.path.item' };

interface Route {
  resourceId: string;
  httpMethod: string;
  uri?: string;
  requestParameters?: Record<string, string>;
  /** Integration responses besides the default 200 one: selectionPattern -> status code. */
  errors?: Record<string, string>;
}

/** A method whose AWS integration calls S3 with the same HTTP method, passing bodies through. */
async function s3Method({ resourceId, httpMethod, uri = S3_PATH, requestParameters = PATH_PARAMS, errors = {} }: Route) {
  await gw.send(new PutMethodCommand({ restApiId: apiId, resourceId, httpMethod, authorizationType: 'NONE' }));
  await gw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId, httpMethod, type: 'AWS', integrationHttpMethod: httpMethod, uri, credentials: ROLE, requestParameters }));
  const headers = { 'method.response.header.Content-Type': 'integration.response.header.Content-Type', 'method.response.header.ETag': 'integration.response.header.ETag' };
  for (const [pattern, statusCode] of Object.entries({ '': '200', ...errors })) {
    await gw.send(new PutMethodResponseCommand({ restApiId: apiId, resourceId, httpMethod, statusCode, responseParameters: { 'method.response.header.Content-Type': false, 'method.response.header.ETag': false } }));
    await gw.send(new PutIntegrationResponseCommand({ restApiId: apiId, resourceId, httpMethod, statusCode, selectionPattern: pattern || undefined, responseParameters: headers }));
  }
}

const invoke = (path: string, init?: RequestInit) => fetch(`${app.url}/execute-api/${apiId}/prod${path}`, init);

before(async () => {
  app = await startTestServer();
  gw = new APIGatewayClient(clientConfig(app));
  s3 = new S3Client({ ...clientConfig(app), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'photos' }));
  await s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'cat.txt', Body: 'meow', ContentType: 'text/plain' }));
  apiId = (await gw.send(new CreateRestApiCommand({ name: 's3-proxy' }))).id!;
  const rootId = (await gw.send(new GetResourcesCommand({ restApiId: apiId }))).items!.find((r) => r.path === '/')!.id!;
  const folderId = (await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: '{folder}' }))).id!;
  itemId = (await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: folderId, pathPart: '{item}' }))).id!;
  await s3Method({ resourceId: itemId, httpMethod: 'GET', errors: { '404': '404' } });
  await s3Method({ resourceId: itemId, httpMethod: 'HEAD', errors: { '4\\d{2}': '404' } });
  await s3Method({ resourceId: itemId, httpMethod: 'PUT', requestParameters: { ...PATH_PARAMS, 'integration.request.header.Content-Type': 'method.request.header.Content-Type' } });
  await s3Method({ resourceId: itemId, httpMethod: 'DELETE' });
  // Only a default integration response: S3's errors come back as 200s, as on AWS.
  const rawId = (await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: 'raw' }))).id!;
  const rawItemId = (await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rawId, pathPart: '{item}' }))).id!;
  await s3Method({ resourceId: rawItemId, httpMethod: 'GET', uri: 'arn:aws:apigateway:us-east-1:photos.s3:path/{object}', requestParameters: { 'integration.request.path.object': 'method.request.path.item' } });
  // Services localgate does not serve to AWS integrations, and S3's action form.
  const sqsId = (await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rawId, pathPart: 'sqs' }))).id!;
  await s3Method({ resourceId: sqsId, httpMethod: 'POST', uri: 'arn:aws:apigateway:us-east-1:sqs:path/000000000000/orders', requestParameters: {} });
  const actionId = (await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rawId, pathPart: 'action' }))).id!;
  await s3Method({ resourceId: actionId, httpMethod: 'GET', uri: 'arn:aws:apigateway:us-east-1:s3:action/ListBuckets', requestParameters: {} });
  await gw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'prod' }));
});

after(async () => {
  gw.destroy();
  s3.destroy();
  await app.close();
});

const md5 = (text: string) => `"${createHash('md5').update(text).digest('hex')}"`;

test('GET maps the path parameters into the S3 path and passes the object through', async () => {
  const res = await invoke('/photos/cat.txt');
  assert.equal(res.status, 200);
  assert.equal(await res.text(), 'meow');
  assert.equal(res.headers.get('content-type'), 'text/plain');
  assert.equal(res.headers.get('etag'), md5('meow'));
});

test('PUT uploads the body with the mapped Content-Type; S3 then holds it', async () => {
  const res = await invoke('/photos/dog.json', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"woof":true}' });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('etag'), md5('{"woof":true}'));
  const stored = await s3.send(new GetObjectCommand({ Bucket: 'photos', Key: 'dog.json' }));
  assert.equal(await stored.Body!.transformToString(), '{"woof":true}');
  assert.equal(stored.ContentType, 'application/json');
});

test("a missing key is S3's 404, selected by the '404' pattern, S3's error document passed through", async () => {
  const res = await invoke('/photos/nothing.txt');
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('content-type'), 'application/xml');
  const body = await res.text();
  assert.match(body, /<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist\.<\/Message><Key>nothing\.txt<\/Key>/);
});

test('without a matching pattern the default integration response answers 200 with the S3 error', async () => {
  const res = await invoke('/raw/nothing.txt');
  assert.equal(res.status, 200);
  assert.match(await res.text(), /<Code>NoSuchKey<\/Code>/);
  // The bucket as the URI's subdomain ({bucket}.s3) reads the same objects.
  const found = await invoke('/raw/cat.txt');
  assert.equal(await found.text(), 'meow');
});

test('HEAD answers the object headers, and 404 for a missing key', async () => {
  const res = await invoke('/photos/cat.txt', { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('etag'), md5('meow'));
  assert.equal(res.headers.get('content-type'), 'text/plain');
  assert.equal((await invoke('/photos/nothing.txt', { method: 'HEAD' })).status, 404);
});

test("DELETE removes the object (S3's 204 falls to the default 200)", async () => {
  await s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'old.txt', Body: 'x' }));
  const res = await invoke('/photos/old.txt', { method: 'DELETE' });
  assert.equal(res.status, 200);
  await assert.rejects(s3.send(new HeadObjectCommand({ Bucket: 'photos', Key: 'old.txt' })), { name: 'NotFound' });
});

test('a key with a space is percent-encoded into the S3 path', async () => {
  await s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'my cat.txt', Body: 'purr' }));
  const res = await invoke('/photos/my%20cat.txt');
  assert.equal(res.status, 200);
  assert.equal(await res.text(), 'purr');
});

test('TestInvokeMethod calls S3 through the integration', async () => {
  const out = await gw.send(new TestInvokeMethodCommand({ restApiId: apiId, resourceId: itemId, httpMethod: 'GET', pathWithQueryString: '/photos/cat.txt' }));
  assert.equal(out.status, 200);
  assert.equal(out.body, 'meow');
  assert.equal(out.headers!['Content-Type'], 'text/plain');
  const missing = await gw.send(new TestInvokeMethodCommand({ restApiId: apiId, resourceId: itemId, httpMethod: 'GET', pathWithQueryString: '/photos/none.txt' }));
  assert.equal(missing.status, 404);
});

test('other services and the action form answer 500 (not served), leaving S3 untouched', async () => {
  for (const [path, method] of [['/raw/sqs', 'POST'], ['/raw/action', 'GET']]) {
    const res = await invoke(path, { method });
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { message: 'Internal server error' });
  }
  assert.equal(await (await invoke('/photos/cat.txt')).text(), 'meow');
});

/** test_apigateway_s3.snapshot.json's binary-support API: ANY /{object_path+} -> S3 ANY, the
 * Content-Type and the object path mapped. Answers the API's id, deployed to "prod". */
async function anyProxyApi(name: string, binaryMediaTypes?: string[]): Promise<string> {
  const restApiId = (await gw.send(new CreateRestApiCommand({ name, binaryMediaTypes }))).id!;
  const rootId = (await gw.send(new GetResourcesCommand({ restApiId }))).items![0].id!;
  const resourceId = (await gw.send(new CreateResourceCommand({ restApiId, parentId: rootId, pathPart: '{object_path+}' }))).id!;
  await gw.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: 'ANY', authorizationType: 'NONE' }));
  await gw.send(
    new PutIntegrationCommand({
      restApiId, resourceId, httpMethod: 'ANY', type: 'AWS', integrationHttpMethod: 'ANY', credentials: ROLE,
      uri: 'arn:aws:apigateway:us-east-1:s3:path/photos/{object_path}',
      requestParameters: { 'integration.request.header.Content-Type': 'method.request.header.Content-Type', 'integration.request.path.object_path': 'method.request.path.object_path' },
    }),
  );
  await gw.send(new PutMethodResponseCommand({ restApiId, resourceId, httpMethod: 'ANY', statusCode: '200' }));
  await gw.send(new PutIntegrationResponseCommand({ restApiId, resourceId, httpMethod: 'ANY', statusCode: '200' }));
  await gw.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
  return restApiId;
}

/** The gzip bytes test_apigw_s3_binary_support_request uploads ("put-obj-raw": 67 bytes). */
const GZIP = Buffer.from('H4sIABRs7mMC/0vOzy0oSi0uTk1RSEksSdRRKM7IL81JUUhKVcjMK0vMyUxRCA1x07VQKC4pysxLBwC4ORBXLwAAAA==', 'base64');

test('integration httpMethod ANY calls S3 with the request method (PUT, GET, DELETE, then NoSuchKey)', async () => {
  // Source: test_apigateway_s3.snapshot.json#test_apigateway_s3_any ("get-object-1", "get-object-deleted").
  const restApiId = await anyProxyApi('s3-any');
  const url = `${app.url}/execute-api/${restApiId}/prod/docs/test.json`;
  assert.equal((await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"put_id": 1}' })).status, 200);
  assert.deepEqual(await (await fetch(url)).json(), { put_id: 1 });
  assert.equal((await fetch(url, { method: 'DELETE' })).status, 200);
  const gone = await fetch(url);
  assert.equal(gone.status, 200);
  assert.match(await gone.text(), /<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist\.<\/Message><Key>docs\/test\.json<\/Key>/);
});

test('a binary body reaches S3 as UTF-8 text unless its type is a binary media type', async () => {
  // Source: test_apigateway_s3.snapshot.json#TestApiGatewayS3BinarySupport::test_apigw_s3_binary_support_request[None]
  // ("get-obj-no-binary-media-binary-raw": 99 bytes, ETag 7301f0a0...; "get-obj-binary-type-binary-raw": 67 bytes, ETag 1e5a1bfe...).
  const cases: Array<[string, string[] | undefined, number, string]> = [
    ['s3-text', undefined, 99, '"7301f0a0e8fc87c6f03320bf795ffde7"'],
    ['s3-binary', ['image/png'], 67, '"1e5a1bfed5308938e5549848bab02ac6"'],
  ];
  for (const [name, binaryMediaTypes, length, etag] of cases) {
    const restApiId = await anyProxyApi(name, binaryMediaTypes);
    const res = await fetch(`${app.url}/execute-api/${restApiId}/prod/${name}.gz`, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: GZIP });
    assert.equal(res.status, 200);
    const stored = await s3.send(new HeadObjectCommand({ Bucket: 'photos', Key: `${name}.gz` }));
    assert.equal(stored.ContentLength, length);
    assert.equal(stored.ETag, etag);
    assert.equal(stored.ContentType, 'image/png');
  }
});
