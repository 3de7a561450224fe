// DomainName, BasePathMapping, DocumentationPart and DocumentationVersion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deployment } from './deployment.ts';
import { documentationPart, documentationVersion } from './documentation.ts';
import { basePathMapping, domainName } from './domain-name.ts';
import { method } from './method.ts';
import { restApi } from './rest-api.ts';
import { contextFactory, Deployed } from './testing.ts';

test('DomainName: EDGE and REGIONAL attributes; endpoint type patched; BasePathMapping created, patched, deleted', async () => {
  const env = contextFactory();
  const api = await Deployed.create(restApi, env, 'Api', { Name: 'dn' });
  await Deployed.create(method, env, 'Root', { RestApiId: api.ref, ResourceId: api.attr('RootResourceId'), HttpMethod: 'GET', Integration: { Type: 'MOCK' } });
  await Deployed.create(deployment, env, 'Deploy', { RestApiId: api.ref, StageName: 'prod' });
  await Deployed.create(deployment, env, 'Deploy2', { RestApiId: api.ref, StageName: 'beta' });

  const edge = await Deployed.create(domainName, env, 'Domain', { DomainName: 'api.example.com', CertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/abc' });
  assert.equal(edge.ref, 'api.example.com');
  assert.match(String(edge.attr('DistributionDomainName')), /^d[a-z0-9]+\.cloudfront\.net$/);
  assert.equal(edge.attr('DistributionHostedZoneId'), 'Z2FDTNDATAQYW2');
  assert.equal(edge.attr('RegionalDomainName'), undefined);
  assert.equal(edge.attr('DomainNameArn'), 'arn:aws:apigateway:us-east-1::/domainnames/api.example.com');

  await edge.update({ DomainName: 'api.example.com', RegionalCertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/r', EndpointConfiguration: { Types: ['REGIONAL'] } });
  assert.match(String(edge.attr('RegionalDomainName')), /^d-[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/);
  assert.equal(edge.attr('DistributionDomainName'), undefined);
  assert.deepEqual((await env.gateway.getDomainName({ domainName: 'api.example.com' }, env.request)).endpointConfiguration?.types, ['REGIONAL']);

  const mapping = await Deployed.create(basePathMapping, env, 'Mapping', { DomainName: 'api.example.com', RestApiId: api.ref, Stage: 'prod' });
  const mappings = () => env.gateway.getBasePathMappings({ domainName: 'api.example.com' }, env.request);
  assert.deepEqual((await mappings()).items, [{ basePath: '(none)', restApiId: api.ref, stage: 'prod' }]);
  await mapping.update({ DomainName: 'api.example.com', RestApiId: api.ref, Stage: 'beta' });
  assert.deepEqual((await mappings()).items, [{ basePath: '(none)', restApiId: api.ref, stage: 'beta' }]);
  assert.equal(mapping.replacedBy({ DomainName: 'api.example.com', BasePath: 'v2', RestApiId: api.ref }), true);
  await mapping.delete();
  assert.deepEqual((await mappings()).items, []);

  await edge.delete();
  await assert.rejects(Promise.resolve().then(() => env.gateway.getDomainName({ domainName: 'api.example.com' }, env.request)), { code: 'NotFoundException' });
});

test('DocumentationPart and DocumentationVersion: created, patched, deleted; Ref is the part id and the version', async () => {
  const env = contextFactory();
  const api = await Deployed.create(restApi, env, 'Api', { Name: 'docs' });
  const restApiId = api.ref;
  const part = await Deployed.create(documentationPart, env, 'Doc', { RestApiId: restApiId, Location: { Type: 'METHOD', Path: '/pets', Method: 'GET' }, Properties: '{"summary":"list"}' });
  assert.equal(part.attr('DocumentationPartId'), part.ref);
  const get = () => env.gateway.getDocumentationPart({ restApiId, documentationPartId: part.ref }, env.request);
  assert.deepEqual(await get(), { id: part.ref, location: { type: 'METHOD', path: '/pets', method: 'GET' }, properties: '{"summary":"list"}' });
  await part.update({ RestApiId: restApiId, Location: { Type: 'METHOD', Path: '/pets', Method: 'GET' }, Properties: { summary: 'all' } });
  assert.equal((await get()).properties, '{"summary":"all"}');

  const version = await Deployed.create(documentationVersion, env, 'Version', { RestApiId: restApiId, DocumentationVersion: '1.0', Description: 'first' });
  assert.equal(version.ref, '1.0');
  await version.update({ RestApiId: restApiId, DocumentationVersion: '1.0', Description: 'second' });
  assert.equal((await env.gateway.getDocumentationVersion({ restApiId, documentationVersion: '1.0' }, env.request)).description, 'second');
  await version.delete();
  await part.delete();
  await assert.rejects(Promise.resolve().then(get), { code: 'NotFoundException' });
  await assert.rejects(Deployed.create(documentationPart, env, 'Bad', { RestApiId: restApiId, Properties: '{}' }), {
    message: 'Properties validation failed for resource Bad with message: #: required key [Location] not found',
  });
});
