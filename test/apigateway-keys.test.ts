// API Gateway v1 account-wide resources end to end: API keys, usage plans and their keys,
// custom domain names with base path mappings, account settings and tags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateBasePathMappingCommand,
  CreateDeploymentCommand,
  CreateDomainNameCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteBasePathMappingCommand,
  DeleteDomainNameCommand,
  DeleteUsagePlanCommand,
  DeleteUsagePlanKeyCommand,
  GetAccountCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetBasePathMappingCommand,
  GetBasePathMappingsCommand,
  GetDomainNameCommand,
  GetTagsCommand,
  GetUsagePlanCommand,
  GetUsagePlanKeyCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  ImportApiKeysCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAccountCommand,
  UpdateApiKeyCommand,
  UpdateBasePathMappingCommand,
  UpdateUsagePlanCommand,
} from '@aws-sdk/client-api-gateway';
import { clientConfig } from './helpers.ts';
import { rejectsWithMessage, useApiGatewayV1 } from './apigateway-setup.ts';

const gw = useApiGatewayV1();

const rejects = rejectsWithMessage;

async function apiWithStage(stageName = 'prod') {
  const api = await gw.client.send(new CreateRestApiCommand({ name: 'k' }));
  const base = { restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod: 'GET' };
  await gw.client.send(new PutMethodCommand({ ...base, authorizationType: 'NONE', apiKeyRequired: true }));
  await gw.client.send(new PutIntegrationCommand({ ...base, type: 'MOCK' }));
  await gw.client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName }));
  return api.id!;
}

test('API keys: generated 40-char value, includeValue, filters, patch, delete', async () => {
  const restApiId = await apiWithStage();
  const key = await gw.client.send(new CreateApiKeyCommand({ name: 'alpha', enabled: true, stageKeys: [{ restApiId, stageName: 'prod' }], customerId: 'c1' }));
  assert.match(key.id!, /^[a-z0-9]{10}$/);
  assert.match(key.value!, /^[A-Za-z0-9]{40}$/);
  assert.equal(key.enabled, true);
  assert.deepEqual(key.stageKeys, [`${restApiId}/prod`]);
  const given = await gw.client.send(new CreateApiKeyCommand({ name: 'beta', value: 'a-given-key-of-twenty-chars' }));
  assert.equal(given.value, 'a-given-key-of-twenty-chars');
  assert.equal(given.enabled, false);
  await rejects(gw.client.send(new CreateApiKeyCommand({ value: 'short' })), 'BadRequestException', 'API Key value should be at least 20 characters');

  assert.equal((await gw.client.send(new GetApiKeyCommand({ apiKey: key.id }))).value, undefined);
  assert.equal((await gw.client.send(new GetApiKeyCommand({ apiKey: key.id, includeValue: true }))).value, key.value);
  const byName = await gw.client.send(new GetApiKeysCommand({ nameQuery: 'al', includeValues: true }));
  assert.deepEqual(byName.items!.map((k) => [k.name, k.value]), [['alpha', key.value]]);
  const byCustomer = await gw.client.send(new GetApiKeysCommand({ customerId: 'c1' }));
  assert.deepEqual(byCustomer.items!.map((k) => k.name), ['alpha']);

  const updated = await gw.client.send(new UpdateApiKeyCommand({ apiKey: given.id, patchOperations: [{ op: 'replace', path: '/enabled', value: 'true' }, { op: 'replace', path: '/name', value: 'gamma' }, { op: 'add', path: '/stages', value: `${restApiId}/prod` }] }));
  assert.equal(updated.enabled, true);
  assert.equal(updated.name, 'gamma');
  assert.deepEqual(updated.stageKeys, [`${restApiId}/prod`]);
  await rejects(gw.client.send(new UpdateApiKeyCommand({ apiKey: given.id, patchOperations: [{ op: 'add', path: '/stages', value: `${restApiId}/nope` }] })), 'NotFoundException', 'Invalid stage identifier specified');

  await gw.client.send(new DeleteApiKeyCommand({ apiKey: given.id }));
  await rejects(gw.client.send(new GetApiKeyCommand({ apiKey: given.id })), 'NotFoundException', 'Invalid API Key identifier specified');
});

test('usage plans and usage plan keys', async () => {
  const restApiId = await apiWithStage();
  const plan = await gw.client.send(new CreateUsagePlanCommand({ name: 'basic', apiStages: [{ apiId: restApiId, stage: 'prod' }], throttle: { burstLimit: 10, rateLimit: 5 }, quota: { limit: 1000, period: 'MONTH' } }));
  assert.match(plan.id!, /^[a-z0-9]{6}$/);
  await rejects(
    gw.client.send(new DeleteUsagePlanCommand({ usagePlanId: plan.id })),
    'BadRequestException',
    `Cannot delete Usage Plan ${plan.id} because there are API Stages associated with it, including ${restApiId}:prod`,
  );
  assert.deepEqual(plan.quota, { limit: 1000, period: 'MONTH', offset: 0 });
  await rejects(gw.client.send(new CreateUsagePlanCommand({ name: 'x', apiStages: [{ apiId: restApiId, stage: 'nope' }] })), 'NotFoundException', 'Invalid stage identifier specified');

  const patched = await gw.client.send(
    new UpdateUsagePlanCommand({
      usagePlanId: plan.id,
      patchOperations: [
        { op: 'replace', path: '/throttle/burstLimit', value: '20' },
        { op: 'replace', path: '/quota/limit', value: '500' },
        { op: 'replace', path: '/name', value: 'pro' },
        { op: 'replace', path: `/apiStages/${restApiId}:prod/throttle/~1/GET/rateLimit`, value: '2' },
      ],
    }),
  );
  assert.deepEqual(patched.throttle, { burstLimit: 20, rateLimit: 5 });
  assert.equal(patched.quota!.limit, 500);
  assert.equal(patched.name, 'pro');
  assert.deepEqual(patched.apiStages, [{ apiId: restApiId, stage: 'prod', throttle: { '~1/GET': { rateLimit: 2 } } }]);
  const removed = await gw.client.send(new UpdateUsagePlanCommand({ usagePlanId: plan.id, patchOperations: [{ op: 'remove', path: '/apiStages', value: `${restApiId}:prod` }, { op: 'remove', path: '/quota' }] }));
  assert.deepEqual(removed.apiStages, []);
  assert.equal(removed.quota, undefined);
  await rejects(gw.client.send(new UpdateUsagePlanCommand({ usagePlanId: plan.id, patchOperations: [{ op: 'add', path: '/apiStages', value: `${restApiId}:nope` }] })), 'NotFoundException', 'Invalid stage identifier specified');

  const key = await gw.client.send(new CreateApiKeyCommand({ name: 'k1', enabled: true }));
  const upk = await gw.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' }));
  assert.deepEqual([upk.id, upk.type, upk.name, upk.value], [key.id, 'API_KEY', 'k1', key.value]);
  await rejects(gw.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' })), 'ConflictException', /already exists/);
  await rejects(gw.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: 'nope000000', keyType: 'API_KEY' })), 'NotFoundException', 'Invalid API Key identifier specified');
  assert.equal((await gw.client.send(new GetUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id }))).name, 'k1');
  assert.deepEqual((await gw.client.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id }))).items!.map((k) => k.id), [key.id]);
  assert.deepEqual((await gw.client.send(new GetUsagePlansCommand({ keyId: key.id }))).items!.map((p) => p.id), [plan.id]);
  await gw.client.send(new DeleteUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id }));
  await rejects(gw.client.send(new GetUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id })), 'NotFoundException', 'Invalid Usage Plan Key identifier specified');

  await gw.client.send(new DeleteUsagePlanCommand({ usagePlanId: plan.id }));
  await rejects(gw.client.send(new GetUsagePlanCommand({ usagePlanId: plan.id })), 'NotFoundException', 'Invalid Usage Plan ID specified');
});

test('domain names and base path mappings', async () => {
  const restApiId = await apiWithStage();
  const edge = await gw.client.send(new CreateDomainNameCommand({ domainName: 'api.example.com', certificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/x' }));
  assert.deepEqual(edge.endpointConfiguration?.types, ['EDGE']);
  assert.match(edge.distributionDomainName!, /\.cloudfront\.net$/);
  assert.equal(edge.distributionHostedZoneId, 'Z2FDTNDATAQYW2');
  assert.equal(edge.domainNameStatus, 'AVAILABLE');
  const regional = await gw.client.send(new CreateDomainNameCommand({ domainName: 'r.example.com', regionalCertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/y', endpointConfiguration: { types: ['REGIONAL'] } }));
  assert.match(regional.regionalDomainName!, /^d-[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/);
  await rejects(gw.client.send(new CreateDomainNameCommand({ domainName: 'api.example.com' })), 'ConflictException', 'The domain name you provided already exists.');

  const none = await gw.client.send(new CreateBasePathMappingCommand({ domainName: 'api.example.com', restApiId, stage: 'prod' }));
  assert.deepEqual([none.basePath, none.restApiId, none.stage], ['(none)', restApiId, 'prod']);
  await gw.client.send(new CreateBasePathMappingCommand({ domainName: 'api.example.com', restApiId, basePath: 'v1' }));
  await rejects(gw.client.send(new CreateBasePathMappingCommand({ domainName: 'api.example.com', restApiId, basePath: 'v1' })), 'ConflictException', 'Base path already exists for this domain name');
  await rejects(gw.client.send(new CreateBasePathMappingCommand({ domainName: 'api.example.com', restApiId, basePath: 'v2', stage: 'nope' })), 'BadRequestException', 'Invalid stage identifier specified');
  const moved = await gw.client.send(new UpdateBasePathMappingCommand({ domainName: 'api.example.com', basePath: 'v1', patchOperations: [{ op: 'replace', path: '/basePath', value: 'v2' }, { op: 'replace', path: '/stage', value: 'prod' }] }));
  assert.deepEqual([moved.basePath, moved.stage], ['v2', 'prod']);
  assert.deepEqual((await gw.client.send(new GetBasePathMappingsCommand({ domainName: 'api.example.com' }))).items!.map((m) => m.basePath), ['(none)', 'v2']);
  await gw.client.send(new DeleteBasePathMappingCommand({ domainName: 'api.example.com', basePath: 'v2' }));
  await rejects(gw.client.send(new GetBasePathMappingCommand({ domainName: 'api.example.com', basePath: 'v2' })), 'NotFoundException', 'Invalid base path mapping identifier specified');
  await gw.client.send(new DeleteDomainNameCommand({ domainName: 'r.example.com' }));
  await rejects(gw.client.send(new GetDomainNameCommand({ domainName: 'r.example.com' })), 'NotFoundException', 'Invalid domain name identifier specified');
});

test('GetAccount and UpdateAccount', async () => {
  const other = new APIGatewayClient(clientConfig(gw.app, { region: 'ap-south-1' }));
  const account = await other.send(new GetAccountCommand({}));
  assert.deepEqual(account.throttleSettings, { burstLimit: 5000, rateLimit: 10000 });
  assert.deepEqual(account.features, ['UsagePlans']);
  const role = 'arn:aws:iam::000000000000:role/apigw-logs';
  const updated = await other.send(new UpdateAccountCommand({ patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: role }] }));
  assert.equal(updated.cloudwatchRoleArn, role);
  assert.equal((await other.send(new GetAccountCommand({}))).cloudwatchRoleArn, role);
  await rejects(other.send(new UpdateAccountCommand({ patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: 'nope' }] })), 'BadRequestException', 'The role ARN is not well formed');
  await rejects(other.send(new UpdateAccountCommand({ patchOperations: [{ op: 'replace', path: '/throttleSettings/burstLimit', value: '1' }] })), 'BadRequestException', /^Invalid patch path/);
  other.destroy();
});

test('tags on REST APIs, stages, API keys, usage plans and domain names', async () => {
  const restApiId = await apiWithStage();
  const arns = [
    `arn:aws:apigateway:us-east-1::/restapis/${restApiId}`,
    `arn:aws:apigateway:us-east-1::/restapis/${restApiId}/stages/prod`,
    `arn:aws:apigateway:us-east-1::/apikeys/${(await gw.client.send(new CreateApiKeyCommand({ name: 't' }))).id}`,
    `arn:aws:apigateway:us-east-1::/usageplans/${(await gw.client.send(new CreateUsagePlanCommand({ name: 't' }))).id}`,
    `arn:aws:apigateway:us-east-1::/domainnames/${(await gw.client.send(new CreateDomainNameCommand({ domainName: 'tags.example.com' }))).domainName}`,
  ];
  for (const resourceArn of arns) {
    await gw.client.send(new TagResourceCommand({ resourceArn, tags: { a: '1', b: '2' } }));
    await gw.client.send(new UntagResourceCommand({ resourceArn, tagKeys: ['a'] }));
    assert.deepEqual((await gw.client.send(new GetTagsCommand({ resourceArn }))).tags, { b: '2' }, resourceArn);
  }
  await rejects(gw.client.send(new GetTagsCommand({ resourceArn: 'arn:aws:apigateway:us-east-1::/restapis/nope000000' })), 'NotFoundException', /Invalid resource identifier specified/);
  await rejects(gw.client.send(new GetTagsCommand({ resourceArn: 'not-an-arn' })), 'BadRequestException', /Invalid ARN/);
});

test('ImportApiKeys from the API key CSV file format', async () => {
  const plan = await gw.client.send(new CreateUsagePlanCommand({ name: 'import' }));
  const plan2 = await gw.client.send(new CreateUsagePlanCommand({ name: 'import2' }));
  const csv = [
    'Enabled,Name,key,UsageplanIds,description',
    `true,first,apikey1234abcdefghij0123456789,"${plan.id},${plan2.id}",An imported key`,
    'FALSE,second,apikey1234abcdefghij9876543210,,',
    ',third,apikey1234abcdefghij5555555555,,',
  ].join('\n');
  const out = await gw.client.send(new ImportApiKeysCommand({ body: Buffer.from(csv), format: 'csv' }));
  assert.equal(out.ids!.length, 3);
  assert.equal(out.warnings, undefined);
  const first = await gw.client.send(new GetApiKeyCommand({ apiKey: out.ids![0], includeValue: true }));
  assert.deepEqual([first.name, first.value, first.enabled, first.description], ['first', 'apikey1234abcdefghij0123456789', true, 'An imported key']);
  assert.equal((await gw.client.send(new GetApiKeyCommand({ apiKey: out.ids![1] }))).enabled, false);
  assert.equal((await gw.client.send(new GetApiKeyCommand({ apiKey: out.ids![2] }))).enabled, true);
  assert.deepEqual((await gw.client.send(new GetUsagePlanKeysCommand({ usagePlanId: plan2.id }))).items!.map((k) => k.id), [out.ids![0]]);

  // The same key value again overwrites that key; a bad row is a warning.
  const again = await gw.client.send(new ImportApiKeysCommand({ body: Buffer.from('key,name\napikey1234abcdefghij0123456789,renamed\nshort,bad'), format: 'csv' }));
  assert.deepEqual(again.ids, [out.ids![0]]);
  assert.equal(again.warnings!.length, 1);
  assert.equal((await gw.client.send(new GetApiKeyCommand({ apiKey: out.ids![0] }))).name, 'renamed');
  await rejects(gw.client.send(new ImportApiKeysCommand({ body: Buffer.from('key,name\nshort,bad'), format: 'csv', failOnWarnings: true })), 'BadRequestException', /Key must be between 20 and 128 characters/);
  await rejects(gw.client.send(new ImportApiKeysCommand({ body: Buffer.from('name\nx'), format: 'csv' })), 'BadRequestException', /Name and Key columns are required/);
  await rejects(gw.client.send(new ImportApiKeysCommand({ body: Buffer.from('key,name,usageplanids\napikey1234abcdefghij7777777777,x,nope00'), format: 'csv' })), 'NotFoundException', 'Invalid Usage Plan ID specified');
});
