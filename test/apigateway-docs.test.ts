// API Gateway v1 documentation parts and versions, VPC links and stage cache flushes, end
// to end through the real SDK.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDeploymentCommand,
  CreateDocumentationPartCommand,
  CreateDocumentationVersionCommand,
  CreateRestApiCommand,
  CreateVpcLinkCommand,
  DeleteDocumentationPartCommand,
  DeleteDocumentationVersionCommand,
  DeleteVpcLinkCommand,
  FlushStageAuthorizersCacheCommand,
  FlushStageCacheCommand,
  GetDocumentationPartCommand,
  GetDocumentationPartsCommand,
  GetDocumentationVersionsCommand,
  GetStageCommand,
  GetVpcLinkCommand,
  GetVpcLinksCommand,
  ImportDocumentationPartsCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateDocumentationPartCommand,
  UpdateDocumentationVersionCommand,
  UpdateVpcLinkCommand,
} from '@aws-sdk/client-api-gateway';
import { rejectsWithMessage as rejects, useApiGatewayV1 } from './apigateway-setup.ts';

const gw = useApiGatewayV1();

async function apiWithStage() {
  const api = await gw.client.send(new CreateRestApiCommand({ name: 'docs' }));
  const restApiId = api.id!;
  await gw.client.send(new PutMethodCommand({ restApiId, resourceId: api.rootResourceId!, httpMethod: 'GET', authorizationType: 'NONE' }));
  await gw.client.send(new PutIntegrationCommand({ restApiId, resourceId: api.rootResourceId!, httpMethod: 'GET', type: 'MOCK' }));
  await gw.client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
  return restApiId;
}

test('documentation parts: location rules and defaults, conflicts, filters, update, delete', async () => {
  const restApiId = await apiWithStage();
  const apiPart = await gw.client.send(new CreateDocumentationPartCommand({ restApiId, location: { type: 'API' }, properties: '{"info":{"description":"pets"}}' }));
  assert.match(apiPart.id!, /^[a-z0-9]{6}$/);
  assert.deepEqual(apiPart.location, { type: 'API' });
  const method = await gw.client.send(new CreateDocumentationPartCommand({ restApiId, location: { type: 'METHOD', path: '/pets' }, properties: '{"summary":"list"}' }));
  assert.deepEqual(method.location, { type: 'METHOD', path: '/pets', method: '*' });
  const header = await gw.client.send(new CreateDocumentationPartCommand({ restApiId, location: { type: 'RESPONSE_HEADER', name: 'x-next', statusCode: '200' }, properties: '{}' }));
  assert.deepEqual(header.location, { type: 'RESPONSE_HEADER', path: '/', method: '*', statusCode: '200', name: 'x-next' });

  await rejects(gw.client.send(new CreateDocumentationPartCommand({ restApiId, location: { type: 'METHOD', path: '/pets', method: '*' }, properties: '{}' })), 'ConflictException', 'Documentation part already exists for the specified location');
  await rejects(gw.client.send(new CreateDocumentationPartCommand({ restApiId, location: { type: 'MODEL' }, properties: '{}' })), 'BadRequestException', "Location field 'name' is required for documentation part of type MODEL");
  await rejects(gw.client.send(new CreateDocumentationPartCommand({ restApiId, location: { type: 'API', path: '/' }, properties: '{}' })), 'BadRequestException', "Invalid location field 'path' for documentation part of type API");
  await rejects(gw.client.send(new CreateDocumentationPartCommand({ restApiId, location: { type: 'API' }, properties: 'nope' })), 'BadRequestException', 'Documentation part properties must be a valid JSON object');

  const all = await gw.client.send(new GetDocumentationPartsCommand({ restApiId }));
  assert.deepEqual(all.items!.map((p) => p.id), [apiPart.id, method.id, header.id]);
  const methods = await gw.client.send(new GetDocumentationPartsCommand({ restApiId, type: 'METHOD' }));
  assert.deepEqual(methods.items!.map((p) => p.id), [method.id]);
  const named = await gw.client.send(new GetDocumentationPartsCommand({ restApiId, nameQuery: 'next' }));
  assert.deepEqual(named.items!.map((p) => p.id), [header.id]);

  const updated = await gw.client.send(new UpdateDocumentationPartCommand({ restApiId, documentationPartId: method.id!, patchOperations: [{ op: 'replace', path: '/properties', value: '{"summary":"all pets"}' }] }));
  assert.equal(updated.properties, '{"summary":"all pets"}');
  await rejects(gw.client.send(new UpdateDocumentationPartCommand({ restApiId, documentationPartId: method.id!, patchOperations: [{ op: 'replace', path: '/properties', value: '[' }] })), 'BadRequestException', 'Documentation part properties must be a valid JSON object');
  assert.equal((await gw.client.send(new GetDocumentationPartCommand({ restApiId, documentationPartId: method.id! }))).properties, '{"summary":"all pets"}');

  await gw.client.send(new DeleteDocumentationPartCommand({ restApiId, documentationPartId: header.id! }));
  await rejects(gw.client.send(new GetDocumentationPartCommand({ restApiId, documentationPartId: header.id! })), 'NotFoundException', 'Invalid Documentation part identifier specified');
});

test('ImportDocumentationParts merges by location or overwrites; a bad document changes nothing', async () => {
  const restApiId = await apiWithStage();
  const existing = await gw.client.send(new CreateDocumentationPartCommand({ restApiId, location: { type: 'API' }, properties: '{"a":1}' }));
  const body = (parts: unknown[]) => new TextEncoder().encode(JSON.stringify({ openapi: '3.0.1', 'x-amazon-apigateway-documentation': { version: '1', documentationParts: parts } }));
  const merged = await gw.client.send(new ImportDocumentationPartsCommand({ restApiId, body: body([{ location: { type: 'API' }, properties: { a: 2 } }, { location: { type: 'RESOURCE', path: '/pets' }, properties: { b: 1 } }]) }));
  assert.equal(merged.ids!.length, 2);
  assert.equal(merged.ids![0], existing.id);
  assert.equal((await gw.client.send(new GetDocumentationPartCommand({ restApiId, documentationPartId: existing.id! }))).properties, '{"a":2}');
  await rejects(gw.client.send(new ImportDocumentationPartsCommand({ restApiId, mode: 'overwrite', body: body([{ location: { type: 'MODEL' }, properties: {} }]) })), 'BadRequestException', "Location field 'name' is required for documentation part of type MODEL");
  assert.equal((await gw.client.send(new GetDocumentationPartsCommand({ restApiId }))).items!.length, 2);
  const over = await gw.client.send(new ImportDocumentationPartsCommand({ restApiId, mode: 'overwrite', body: body([{ location: { type: 'MODEL', name: 'Pet' }, properties: {} }]) }));
  const left = await gw.client.send(new GetDocumentationPartsCommand({ restApiId }));
  assert.deepEqual(left.items!.map((p) => p.id), over.ids);
});

test('documentation versions: create (and attach to a stage), list, update, delete', async () => {
  const restApiId = await apiWithStage();
  await gw.client.send(new CreateDocumentationPartCommand({ restApiId, location: { type: 'API' }, properties: '{}' }));
  const v1 = await gw.client.send(new CreateDocumentationVersionCommand({ restApiId, documentationVersion: '1.0', stageName: 'prod', description: 'first' }));
  assert.equal(v1.version, '1.0');
  assert.equal(v1.description, 'first');
  assert.ok(v1.createdDate instanceof Date);
  assert.equal((await gw.client.send(new GetStageCommand({ restApiId, stageName: 'prod' }))).documentationVersion, '1.0');
  await rejects(gw.client.send(new CreateDocumentationVersionCommand({ restApiId, documentationVersion: '1.0' })), 'ConflictException', 'Documentation version already exists');
  await rejects(gw.client.send(new CreateDocumentationVersionCommand({ restApiId, documentationVersion: '2.0', stageName: 'nope' })), 'NotFoundException', 'Invalid stage identifier specified');
  const updated = await gw.client.send(new UpdateDocumentationVersionCommand({ restApiId, documentationVersion: '1.0', patchOperations: [{ op: 'replace', path: '/description', value: 'changed' }] }));
  assert.equal(updated.description, 'changed');
  assert.deepEqual((await gw.client.send(new GetDocumentationVersionsCommand({ restApiId }))).items!.map((v) => v.version), ['1.0']);
  await gw.client.send(new DeleteDocumentationVersionCommand({ restApiId, documentationVersion: '1.0' }));
  await rejects(gw.client.send(new DeleteDocumentationVersionCommand({ restApiId, documentationVersion: '1.0' })), 'NotFoundException', 'Invalid Documentation version identifier specified');
});

test('VPC links (v1): create PENDING, then AVAILABLE; get, list, update, delete', async () => {
  const targetArns = ['arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/my-nlb/50dc6c495c0c9188'];
  const link = await gw.client.send(new CreateVpcLinkCommand({ name: 'nlb', targetArns, tags: { team: 'a' } }));
  assert.match(link.id!, /^[a-z0-9]{6}$/);
  // CreateVpcLink answers PENDING, as recorded on AWS (test_apigateway_api.snapshot.json#TestApiGatewayVpcLink::test_vpc_link_lifecycle).
  assert.equal(link.status, 'PENDING');
  assert.equal((await gw.client.send(new GetVpcLinkCommand({ vpcLinkId: link.id! }))).status, 'AVAILABLE');
  assert.deepEqual(link.targetArns, targetArns);
  assert.deepEqual(link.tags, { team: 'a' });
  const renamed = await gw.client.send(new UpdateVpcLinkCommand({ vpcLinkId: link.id!, patchOperations: [{ op: 'replace', path: '/name', value: 'renamed' }] }));
  assert.equal(renamed.name, 'renamed');
  assert.equal((await gw.client.send(new GetVpcLinkCommand({ vpcLinkId: link.id! }))).name, 'renamed');
  assert.ok((await gw.client.send(new GetVpcLinksCommand({}))).items!.some((l) => l.id === link.id));
  await gw.client.send(new DeleteVpcLinkCommand({ vpcLinkId: link.id! }));
  await rejects(gw.client.send(new GetVpcLinkCommand({ vpcLinkId: link.id! })), 'NotFoundException', 'Invalid Vpc Link identifier specified');
});

test('stage cache flushes answer 202 for a stage and 404 for an unknown one', async () => {
  const restApiId = await apiWithStage();
  const flushed = await gw.client.send(new FlushStageAuthorizersCacheCommand({ restApiId, stageName: 'prod' }));
  assert.equal(flushed.$metadata.httpStatusCode, 202);
  assert.equal((await gw.client.send(new FlushStageCacheCommand({ restApiId, stageName: 'prod' }))).$metadata.httpStatusCode, 202);
  await rejects(gw.client.send(new FlushStageAuthorizersCacheCommand({ restApiId, stageName: 'nope' })), 'NotFoundException', 'Invalid stage identifier specified');
  await rejects(gw.client.send(new FlushStageCacheCommand({ restApiId, stageName: 'nope' })), 'NotFoundException', 'Invalid stage identifier specified');
});
