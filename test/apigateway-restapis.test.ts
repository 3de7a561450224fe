// API Gateway v1 control plane, end to end with the real SDK: REST APIs, the resource
// tree, methods, method responses, integrations and integration responses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APIGatewayClient,
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteIntegrationCommand,
  DeleteIntegrationResponseCommand,
  DeleteMethodCommand,
  DeleteMethodResponseCommand,
  DeleteResourceCommand,
  DeleteRestApiCommand,
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  GetMethodResponseCommand,
  GetModelsCommand,
  GetResourceCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateIntegrationCommand,
  UpdateIntegrationResponseCommand,
  UpdateMethodCommand,
  UpdateMethodResponseCommand,
  UpdateResourceCommand,
  UpdateRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import { clientConfig, fakeAuth } from './helpers.ts';
import { rejectsWithMessage, useApiGatewayV1 } from './apigateway-setup.ts';

const gw = useApiGatewayV1();

const rejects = rejectsWithMessage;

/** An SDK answer without its $metadata, for deepEqual. */
const strip = <T extends object>(out: T) => {
  const { $metadata: _, ...rest } = out as T & { $metadata?: unknown };
  return rest;
};

async function newApi(name = 'api') {
  const api = await gw.client.send(new CreateRestApiCommand({ name }));
  return { id: api.id!, root: api.rootResourceId! };
}

test('CreateRestApi defaults, Get, list with pagination, Delete', async () => {
  const created = await gw.client.send(new CreateRestApiCommand({ name: 'pets', description: 'd', binaryMediaTypes: ['image/png'], tags: { team: 'a' } }));
  assert.match(created.id!, /^[a-z0-9]{10}$/);
  assert.match(created.rootResourceId!, /^[a-z0-9]{10}$/);
  assert.equal(created.name, 'pets');
  assert.equal(created.apiKeySource, 'HEADER');
  assert.deepEqual(created.endpointConfiguration?.types, ['EDGE']);
  assert.equal(created.disableExecuteApiEndpoint, false);
  assert.deepEqual(created.binaryMediaTypes, ['image/png']);
  assert.deepEqual(created.tags, { team: 'a' });
  assert.ok(created.createdDate instanceof Date);
  assert.equal(created.createdDate!.getMilliseconds(), 0);

  const got = await gw.client.send(new GetRestApiCommand({ restApiId: created.id }));
  assert.equal(got.description, 'd');

  const regional = await gw.client.send(new CreateRestApiCommand({ name: 'r', endpointConfiguration: { types: ['REGIONAL'] }, apiKeySource: 'AUTHORIZER', disableExecuteApiEndpoint: true }));
  assert.deepEqual(regional.endpointConfiguration?.types, ['REGIONAL']);
  assert.equal(regional.apiKeySource, 'AUTHORIZER');
  assert.equal(regional.disableExecuteApiEndpoint, true);
  await rejects(gw.client.send(new CreateRestApiCommand({ name: 'x', endpointConfiguration: { types: ['EDGE', 'REGIONAL'] } })), 'BadRequestException', 'Cannot create an api with multiple Endpoint Types.');

  // Pagination over a separate account so other tests do not interfere.
  const other = new APIGatewayClient(clientConfig(gw.app, { region: 'eu-west-1' }));
  for (let i = 0; i < 5; i++) await other.send(new CreateRestApiCommand({ name: `p${i}` }));
  const page1 = await other.send(new GetRestApisCommand({ limit: 2 }));
  assert.deepEqual(page1.items!.map((a) => a.name), ['p0', 'p1']);
  assert.ok(page1.position);
  const page2 = await other.send(new GetRestApisCommand({ limit: 2, position: page1.position }));
  assert.deepEqual(page2.items!.map((a) => a.name), ['p2', 'p3']);
  const page3 = await other.send(new GetRestApisCommand({ limit: 2, position: page2.position }));
  assert.deepEqual(page3.items!.map((a) => a.name), ['p4']);
  assert.equal(page3.position, undefined);
  await rejects(other.send(new GetRestApisCommand({ position: 'garbage' })), 'BadRequestException', 'Invalid position parameter');
  other.destroy();

  await gw.client.send(new DeleteRestApiCommand({ restApiId: created.id }));
  await rejects(gw.client.send(new GetRestApiCommand({ restApiId: created.id })), 'NotFoundException', `Invalid API identifier specified 000000000000:${created.id}`);
  await rejects(gw.client.send(new DeleteRestApiCommand({ restApiId: created.id })), 'NotFoundException', `Invalid API identifier specified 000000000000:${created.id}`);
});

test('a new REST API has the default Empty and Error models', async () => {
  const { id } = await newApi();
  const models = await gw.client.send(new GetModelsCommand({ restApiId: id }));
  assert.deepEqual(models.items!.map((m) => [m.name, m.contentType]), [['Empty', 'application/json'], ['Error', 'application/json']]);
});

test('UpdateRestApi patch operations', async () => {
  const { id } = await newApi('before');
  const updated = await gw.client.send(
    new UpdateRestApiCommand({
      restApiId: id,
      patchOperations: [
        { op: 'replace', path: '/name', value: 'after' },
        { op: 'replace', path: '/description', value: 'desc' },
        { op: 'add', path: '/binaryMediaTypes/image~1png' },
        { op: 'add', path: '/binaryMediaTypes/application~1octet-stream' },
        { op: 'remove', path: '/binaryMediaTypes/image~1png' },
        { op: 'replace', path: '/apiKeySource', value: 'AUTHORIZER' },
        { op: 'replace', path: '/disableExecuteApiEndpoint', value: 'true' },
        { op: 'replace', path: '/minimumCompressionSize', value: '1024' },
        { op: 'replace', path: '/endpointConfiguration/types/EDGE', value: 'REGIONAL' },
        { op: 'replace', path: '/policy', value: '{"Version":"2012-10-17","Statement":[]}' },
      ],
    }),
  );
  assert.equal(updated.name, 'after');
  assert.equal(updated.description, 'desc');
  assert.deepEqual(updated.binaryMediaTypes, ['application/octet-stream']);
  assert.equal(updated.apiKeySource, 'AUTHORIZER');
  assert.equal(updated.disableExecuteApiEndpoint, true);
  assert.equal(updated.minimumCompressionSize, 1024);
  assert.deepEqual(updated.endpointConfiguration?.types, ['REGIONAL']);
  assert.equal(updated.policy, '{"Version":"2012-10-17","Statement":[]}');

  await rejects(
    gw.client.send(new UpdateRestApiCommand({ restApiId: id, patchOperations: [{ op: 'replace', path: '/foo', value: 'x' }] })),
    'BadRequestException',
    // REST APIs word refused paths and ops the short way (test_apigateway_api.snapshot.json#test_update_rest_api_behaviour).
    'Invalid patch path /foo',
  );
  await rejects(
    gw.client.send(new UpdateRestApiCommand({ restApiId: id, patchOperations: [{ op: 'add', path: '/name', value: 'x' }] })),
    'BadRequestException',
    'Invalid patch operation specified. Must be one of: [replace]',
  );
  // A failing batch changes nothing.
  await rejects(
    gw.client.send(new UpdateRestApiCommand({ restApiId: id, patchOperations: [{ op: 'replace', path: '/name', value: 'partial' }, { op: 'replace', path: '/nope', value: 'x' }] })),
    'BadRequestException',
    /Invalid patch path/,
  );
  assert.equal((await gw.client.send(new GetRestApiCommand({ restApiId: id }))).name, 'after');
  const removed = await gw.client.send(new UpdateRestApiCommand({ restApiId: id, patchOperations: [{ op: 'replace', path: '/minimumCompressionSize', value: '' }] }));
  assert.equal(removed.minimumCompressionSize, undefined);
});

test('resource tree: paths, conflicts, variable and greedy parts, move, delete subtree', async () => {
  const { id, root } = await newApi();
  const resources = await gw.client.send(new GetResourcesCommand({ restApiId: id }));
  assert.deepEqual(resources.items, [{ id: root, path: '/' }]);

  const pets = await gw.client.send(new CreateResourceCommand({ restApiId: id, parentId: root, pathPart: 'pets' }));
  assert.match(pets.id!, /^[a-z0-9]{6}$/);
  assert.deepEqual(strip(pets), { id: pets.id, parentId: root, pathPart: 'pets', path: '/pets' });
  const petId = await gw.client.send(new CreateResourceCommand({ restApiId: id, parentId: pets.id, pathPart: '{petId}' }));
  assert.equal(petId.path, '/pets/{petId}');
  const toys = await gw.client.send(new CreateResourceCommand({ restApiId: id, parentId: petId.id, pathPart: 'toys' }));
  assert.equal(toys.path, '/pets/{petId}/toys');

  await rejects(gw.client.send(new CreateResourceCommand({ restApiId: id, parentId: root, pathPart: 'pets' })), 'ConflictException', 'Another resource with the same parent already has this name: pets');
  await rejects(gw.client.send(new CreateResourceCommand({ restApiId: id, parentId: pets.id, pathPart: '{other}' })), 'BadRequestException', 'A sibling ({petId}) of this resource already has a variable path part -- only one is allowed');
  await rejects(gw.client.send(new CreateResourceCommand({ restApiId: id, parentId: root, pathPart: 'a b' })), 'BadRequestException', /^Resource's path part only allow a-zA-Z0-9\._-/);
  await rejects(gw.client.send(new CreateResourceCommand({ restApiId: id, parentId: 'nope00', pathPart: 'x' })), 'NotFoundException', 'Invalid Resource identifier specified');
  const proxy = await gw.client.send(new CreateResourceCommand({ restApiId: id, parentId: root, pathPart: '{proxy+}' }));
  assert.equal(proxy.path, '/{proxy+}');
  await rejects(gw.client.send(new CreateResourceCommand({ restApiId: id, parentId: proxy.id, pathPart: 'x' })), 'BadRequestException', 'Cannot create a child of a resource with a greedy path variable: {proxy+}');

  // Renaming a resource recomputes its descendants' paths.
  const renamed = await gw.client.send(new UpdateResourceCommand({ restApiId: id, resourceId: pets.id, patchOperations: [{ op: 'replace', path: '/pathPart', value: 'animals' }] }));
  assert.equal(renamed.path, '/animals');
  assert.equal((await gw.client.send(new GetResourceCommand({ restApiId: id, resourceId: toys.id }))).path, '/animals/{petId}/toys');
  const moved = await gw.client.send(new UpdateResourceCommand({ restApiId: id, resourceId: toys.id, patchOperations: [{ op: 'replace', path: '/parentId', value: root }] }));
  assert.equal(moved.path, '/toys');

  await rejects(gw.client.send(new DeleteResourceCommand({ restApiId: id, resourceId: root })), 'BadRequestException', 'Cannot delete root resource');
  await gw.client.send(new DeleteResourceCommand({ restApiId: id, resourceId: pets.id }));
  const left = await gw.client.send(new GetResourcesCommand({ restApiId: id }));
  assert.deepEqual(left.items!.map((r) => r.path).sort(), ['/', '/toys', '/{proxy+}']);
  await rejects(gw.client.send(new GetResourceCommand({ restApiId: id, resourceId: petId.id })), 'NotFoundException', 'Invalid Resource identifier specified');
});

test('methods and method responses', async () => {
  const { id, root } = await newApi();
  const put = await gw.client.send(new PutMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', authorizationType: 'NONE', requestParameters: { 'method.request.querystring.q': false } }));
  assert.deepEqual(strip(put), { httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: false, requestParameters: { 'method.request.querystring.q': false } });
  await rejects(gw.client.send(new PutMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', authorizationType: 'NONE' })), 'ConflictException', 'Method already exists for this resource');
  await rejects(gw.client.send(new PutMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'FETCH', authorizationType: 'NONE' })), 'BadRequestException', /^Invalid HttpMethod specified/);
  await rejects(gw.client.send(new GetMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'POST' })), 'NotFoundException', 'Invalid Method identifier specified');
  await rejects(gw.client.send(new PutMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'POST', authorizationType: 'CUSTOM', authorizerId: 'nope00' })), 'BadRequestException', 'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.');

  const updated = await gw.client.send(
    new UpdateMethodCommand({
      restApiId: id,
      resourceId: root,
      httpMethod: 'GET',
      patchOperations: [
        { op: 'replace', path: '/apiKeyRequired', value: 'true' },
        { op: 'replace', path: '/authorizationType', value: 'AWS_IAM' },
        { op: 'add', path: '/requestParameters/method.request.header.x-id', value: 'true' },
        { op: 'remove', path: '/requestParameters/method.request.querystring.q' },
        { op: 'add', path: '/requestModels/application~1json', value: 'Empty' },
      ],
    }),
  );
  assert.equal(updated.apiKeyRequired, true);
  assert.equal(updated.authorizationType, 'AWS_IAM');
  assert.deepEqual(updated.requestParameters, { 'method.request.header.x-id': true });
  assert.deepEqual(updated.requestModels, { 'application/json': 'Empty' });

  const response = await gw.client.send(new PutMethodResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', statusCode: '200', responseModels: { 'application/json': 'Empty' } }));
  assert.deepEqual(strip(response), { statusCode: '200', responseModels: { 'application/json': 'Empty' } });
  await rejects(gw.client.send(new PutMethodResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', statusCode: '200' })), 'ConflictException', 'Response already exists for this resource');
  const patched = await gw.client.send(new UpdateMethodResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', statusCode: '200', patchOperations: [{ op: 'add', path: '/responseParameters/method.response.header.X-Id', value: 'false' }] }));
  assert.deepEqual(patched.responseParameters, { 'method.response.header.X-Id': false });
  const method = await gw.client.send(new GetMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'GET' }));
  assert.deepEqual(Object.keys(method.methodResponses!), ['200']);
  await gw.client.send(new DeleteMethodResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', statusCode: '200' }));
  await rejects(gw.client.send(new GetMethodResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', statusCode: '200' })), 'NotFoundException', 'Invalid Response status code specified');

  const embedded = await gw.client.send(new GetResourcesCommand({ restApiId: id, embed: ['methods'] }));
  assert.equal(embedded.items![0].resourceMethods!.GET.authorizationType, 'AWS_IAM');
  const plain = await gw.client.send(new GetResourcesCommand({ restApiId: id }));
  assert.deepEqual(plain.items![0].resourceMethods, { GET: {} });

  await gw.client.send(new DeleteMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'GET' }));
  await rejects(gw.client.send(new DeleteMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'GET' })), 'NotFoundException', 'Invalid Method identifier specified');
});

test('integrations and integration responses', async () => {
  const { id, root } = await newApi();
  await gw.client.send(new PutMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'POST', authorizationType: 'NONE' }));
  await rejects(gw.client.send(new GetIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'POST' })), 'NotFoundException', 'Invalid Integration identifier specified');
  await rejects(gw.client.send(new PutIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'POST', type: 'HTTP', uri: 'https://example.com' })), 'BadRequestException', 'Enumeration value for HttpMethod must be non-empty');
  await rejects(gw.client.send(new PutIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'POST', type: 'HTTP', integrationHttpMethod: 'GET', uri: 'ftp://x' })), 'BadRequestException', 'Invalid HTTP endpoint specified for URI');
  await rejects(gw.client.send(new PutIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'POST', type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: 'arn:aws:apigateway:us-east-1:s3:path/bucket' })), 'BadRequestException', "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.");

  const uri = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:fn/invocations';
  const integration = await gw.client.send(new PutIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'POST', type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri }));
  assert.deepEqual(strip(integration), {
    type: 'AWS_PROXY',
    httpMethod: 'POST',
    uri,
    passthroughBehavior: 'WHEN_NO_MATCH',
    timeoutInMillis: 29000,
    cacheNamespace: root,
    cacheKeyParameters: [],
  });
  const mock = await gw.client.send(new PutIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'POST', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
  assert.equal(mock.type, 'MOCK');
  const patched = await gw.client.send(
    new UpdateIntegrationCommand({
      restApiId: id,
      resourceId: root,
      httpMethod: 'POST',
      patchOperations: [
        { op: 'replace', path: '/requestTemplates/application~1json', value: '{"statusCode": 201}' },
        { op: 'add', path: '/requestParameters/integration.request.header.x-a', value: "'a'" },
        { op: 'replace', path: '/timeoutInMillis', value: '5000' },
        { op: 'replace', path: '/passthroughBehavior', value: 'NEVER' },
      ],
    }),
  );
  assert.deepEqual(patched.requestTemplates, { 'application/json': '{"statusCode": 201}' });
  assert.deepEqual(patched.requestParameters, { 'integration.request.header.x-a': "'a'" });
  assert.equal(patched.timeoutInMillis, 5000);
  assert.equal(patched.passthroughBehavior, 'NEVER');

  // An integration response needs no method response (test_apigateway_api.snapshot.json
  // #TestApigatewayIntegrationResponse::test_lifecycle_integration_response); the next put replaces it.
  await gw.client.send(new PutIntegrationResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'POST', statusCode: '200' }));
  await gw.client.send(new PutMethodResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'POST', statusCode: '200' }));
  const ir = await gw.client.send(new PutIntegrationResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'POST', statusCode: '200', selectionPattern: '', responseTemplates: { 'application/json': '{}' } }));
  assert.deepEqual(strip(ir), { statusCode: '200', selectionPattern: '', responseTemplates: { 'application/json': '{}' } });
  const irPatched = await gw.client.send(new UpdateIntegrationResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'POST', statusCode: '200', patchOperations: [{ op: 'replace', path: '/selectionPattern', value: '2\\d{2}' }, { op: 'remove', path: '/responseTemplates/application~1json' }] }));
  assert.equal(irPatched.selectionPattern, '2\\d{2}');
  // A map emptied by removals is left out, as AWS leaves it out.
  assert.equal(irPatched.responseTemplates, undefined);
  const method = await gw.client.send(new GetMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'POST' }));
  assert.equal(method.methodIntegration!.integrationResponses!['200'].selectionPattern, '2\\d{2}');
  await gw.client.send(new DeleteIntegrationResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'POST', statusCode: '200' }));
  await rejects(gw.client.send(new GetIntegrationResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'POST', statusCode: '200' })), 'NotFoundException', 'Invalid Response status code specified');
  await gw.client.send(new DeleteIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'POST' }));
  await rejects(gw.client.send(new GetIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'POST' })), 'NotFoundException', 'Invalid Integration identifier specified');
});

test("the seed's v1 curl flow (control plane part)", async () => {
  const auth = { authorization: fakeAuth('apigateway'), 'content-type': 'application/json' };
  const call = async (method: string, path: string, body?: object) => {
    const res = await fetch(`${gw.app.url}${path}`, { method, headers: auth, body: body && JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };
  const created = await call('POST', '/restapis', { name: 'demo' });
  assert.equal(created.status, 201);
  const apiId = created.json.id;
  const resources = await call('GET', `/restapis/${apiId}/resources`);
  const root = resources.json.items[0].id;
  assert.equal(root, created.json.rootResourceId);
  assert.equal((await call('PUT', `/restapis/${apiId}/resources/${root}/methods/GET`, { authorizationType: 'NONE' })).status, 201);
  assert.equal((await call('PUT', `/restapis/${apiId}/resources/${root}/methods/GET/integration`, { type: 'MOCK' })).status, 201);
  const deployment = await call('POST', `/restapis/${apiId}/deployments`, { stageName: 'prod' });
  assert.equal(deployment.status, 201);
  assert.match(deployment.json.id, /^[a-z0-9]{6}$/);
  const stage = await call('GET', `/restapis/${apiId}/stages/prod`);
  assert.equal(stage.json.deploymentId, deployment.json.id);
});
