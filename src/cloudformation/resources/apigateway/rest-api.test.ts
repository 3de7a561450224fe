import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { createS3Service } from '../../../services/s3/index.ts';
import type { ResourceServices } from '../../resource.ts';
import { restApi } from './rest-api.ts';
import { contextFactory, Deployed } from './testing.ts';

const PETSTORE = {
  openapi: '3.0.1',
  info: { title: 'Pets', version: '1.0' },
  paths: {
    '/pets': { get: { 'x-amazon-apigateway-integration': { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }, responses: {} } },
  },
};

test('RestApi: created with every top-level property (coerced from strings), Ref and attributes', async () => {
  const env = contextFactory();
  const api = await Deployed.create(restApi, env, 'Api', {
    Name: 'shop',
    Description: 'the shop',
    ApiKeySourceType: 'AUTHORIZER',
    BinaryMediaTypes: ['image/png'],
    DisableExecuteApiEndpoint: 'true',
    MinimumCompressionSize: '1024',
    EndpointConfiguration: { Types: ['REGIONAL'] },
    Policy: { Version: '2012-10-17', Statement: [] },
    Tags: [{ Key: 'team', Value: 'a' }],
  });
  const got = await env.gateway.getRestApi({ restApiId: api.ref }, env.request);
  assert.equal(api.ref, got.id);
  assert.equal(api.attr('RestApiId'), got.id);
  assert.equal(api.attr('RootResourceId'), got.rootResourceId);
  assert.equal(got.name, 'shop');
  assert.equal(got.description, 'the shop');
  assert.equal(got.apiKeySource, 'AUTHORIZER');
  assert.deepEqual(got.binaryMediaTypes, ['image/png']);
  assert.equal(got.disableExecuteApiEndpoint, true);
  assert.equal(got.minimumCompressionSize, 1024);
  assert.deepEqual(got.endpointConfiguration?.types, ['REGIONAL']);
  assert.equal(got.policy, '{"Version":"2012-10-17","Statement":[]}');
  assert.deepEqual(got.tags, {
    team: 'a',
    'aws:cloudformation:logical-id': 'Api',
    'aws:cloudformation:stack-id': 'arn:aws:cloudformation:us-east-1:000000000000:stack/teststack/0f3b9a10-1111-2222-3333-444455556666',
    'aws:cloudformation:stack-name': 'teststack',
  });
});

test('RestApi: updates become UpdateRestApi patches and tag changes; removed settings return to defaults', async () => {
  const env = contextFactory();
  const api = await Deployed.create(restApi, env, 'Api', { Name: 'a', Description: 'd', BinaryMediaTypes: ['image/png'], MinimumCompressionSize: 10, Tags: [{ Key: 'x', Value: '1' }] });
  await api.update({ Name: 'b', BinaryMediaTypes: ['image/gif', 'application/pdf'], EndpointConfiguration: { Types: ['REGIONAL'] }, Tags: [{ Key: 'y', Value: '2' }] });
  const got = await env.gateway.getRestApi({ restApiId: api.ref }, env.request);
  assert.equal(got.id, api.ref);
  assert.equal(got.name, 'b');
  assert.equal(got.description, undefined);
  assert.equal(got.minimumCompressionSize, undefined);
  assert.deepEqual(got.binaryMediaTypes, ['image/gif', 'application/pdf']);
  assert.deepEqual(got.endpointConfiguration?.types, ['REGIONAL']);
  assert.equal(got.tags?.x, undefined);
  assert.equal(got.tags?.y, '2');
  assert.equal(got.tags?.['aws:cloudformation:logical-id'], 'Api');
});

test('RestApi: Body imports the OpenAPI definition; Name overrides its title; a new Body is put (overwrite)', async () => {
  const env = contextFactory();
  const api = await Deployed.create(restApi, env, 'Api', { Body: PETSTORE, Name: 'named', Parameters: { endpointConfigurationTypes: 'REGIONAL' } });
  const got = await env.gateway.getRestApi({ restApiId: api.ref }, env.request);
  assert.equal(got.name, 'named');
  assert.deepEqual(got.endpointConfiguration?.types, ['REGIONAL']);
  const paths = async () => (await env.gateway.getResources({ restApiId: api.ref }, env.request)).items!.map((r) => r.path).sort();
  assert.deepEqual(await paths(), ['/', '/pets']);

  const next = structuredClone(PETSTORE) as any;
  next.paths = { '/toys': next.paths['/pets'] };
  await api.update({ Body: next, Name: 'named', Parameters: { endpointConfigurationTypes: 'REGIONAL' } });
  assert.deepEqual(await paths(), ['/', '/toys']);
  assert.equal((await env.gateway.getRestApi({ restApiId: api.ref }, env.request)).name, 'named');
});

test('RestApi: a Body given as YAML text is imported; FailOnWarnings fails on a warning and leaves nothing', async () => {
  const env = contextFactory();
  const yaml = 'swagger: "2.0"\ninfo:\n  title: from-yaml\n  version: "1"\npaths:\n  /a:\n    get:\n      responses: {}\n';
  const api = await Deployed.create(restApi, env, 'Api', { Body: yaml });
  assert.equal((await env.gateway.getRestApi({ restApiId: api.ref }, env.request)).name, 'from-yaml');
  const warned = yaml.replace('responses: {}', "responses: {}\n      security: [{ nowhere: [] }]");
  await assert.rejects(Deployed.create(restApi, env, 'Strict', { Body: warned, FailOnWarnings: 'true' }), /Warnings found during import/);
  assert.equal((await env.gateway.getRestApis({}, env.request)).items!.length, 1);
});

test('RestApi: BodyS3Location is read with S3 GetObject (ETag checked); a changed location is put anew', async () => {
  const s3 = createS3Service();
  const env = contextFactory({ s3: s3.provider as ResourceServices['s3'] });
  await s3.provider.createBucket({ Bucket: 'specs' }, env.request);
  const put = (Key: string, doc: object) => s3.provider.putObject({ Bucket: 'specs', Key, Body: Object.assign(Readable.from([Buffer.from(JSON.stringify(doc))]), { trailers: {} }) }, env.request);
  const { ETag } = await put('pets.json', PETSTORE);
  const api = await Deployed.create(restApi, env, 'Api', { BodyS3Location: { Bucket: 'specs', Key: 'pets.json', ETag } });
  const paths = async () => (await env.gateway.getResources({ restApiId: api.ref }, env.request)).items!.map((r) => r.path).sort();
  assert.equal((await env.gateway.getRestApi({ restApiId: api.ref }, env.request)).name, 'Pets');
  assert.deepEqual(await paths(), ['/', '/pets']);

  const toys = structuredClone(PETSTORE) as any;
  toys.paths = { '/toys': toys.paths['/pets'] };
  await put('toys.json', toys);
  await api.update({ BodyS3Location: { Bucket: 'specs', Key: 'toys.json' } });
  assert.deepEqual(await paths(), ['/', '/toys']);

  await assert.rejects(Deployed.create(restApi, env, 'Missing', { BodyS3Location: { Bucket: 'specs', Key: 'nope.json' } }), { code: 'NoSuchKey' });
  await assert.rejects(Deployed.create(restApi, env, 'Stale', { BodyS3Location: { Bucket: 'specs', Key: 'pets.json', ETag: '"0123"' } }), { code: 'PreconditionFailed' });
  assert.equal((await env.gateway.getRestApis({}, env.request)).items!.length, 1);
});

test('RestApi: bad properties fail with the CloudFormation or API Gateway message and create nothing', async () => {
  const env = contextFactory();
  await assert.rejects(Deployed.create(restApi, env, 'Api', {}), { message: 'Properties validation failed for resource Api with message: #: required key [Name] not found' });
  await assert.rejects(Deployed.create(restApi, env, 'Api', { Name: 'x', DisableExecuteApiEndpoint: 'maybe' }), {
    message: 'Properties validation failed for resource Api with message: #/DisableExecuteApiEndpoint: expected type: Boolean, found: String',
  });
  await assert.rejects(Deployed.create(restApi, env, 'Api', { Name: 'x', EndpointConfiguration: { Types: ['MOON'] } }), {
    code: 'BadRequestException',
    message: "1 validation error detected: Value '[MOON]' at 'endpointConfiguration.types' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [REGIONAL, EDGE, PRIVATE], Member must not be null]",
  });
  assert.equal((await env.gateway.getRestApis({}, env.request)).items!.length, 0);
});

test('RestApi: the Serverless Framework shape (an empty Policy) creates an API without a policy', async () => {
  const env = contextFactory();
  const api = await Deployed.create(restApi, env, 'ApiGatewayRestApi', { Name: 'dev-app', EndpointConfiguration: { Types: ['EDGE'] }, Policy: '' });
  const got = await env.gateway.getRestApi({ restApiId: api.ref }, env.request);
  assert.equal(got.policy, undefined);
  assert.deepEqual(got.endpointConfiguration?.types, ['EDGE']);
});

test('RestApi: delete removes the API; deleting it again succeeds', async () => {
  const env = contextFactory();
  const api = await Deployed.create(restApi, env, 'Api', { Name: 'gone' });
  await api.delete();
  await assert.rejects(Promise.resolve().then(() => env.gateway.getRestApi({ restApiId: api.ref }, env.request)), { code: 'NotFoundException' });
  await api.delete();
});
