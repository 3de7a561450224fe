// OpenAPI import and export end to end: ImportRestApi with OpenAPI 3.0 and Swagger 2.0 JSON
// (x-amazon-apigateway-* extensions), deploy and call MOCK and Lambda proxy methods,
// PutRestApi merge / overwrite, failonwarnings, GetExport round trip, and the cascade of a
// deleted stage or API into usage plans and base path mappings.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import {
  APIGatewayClient,
  CreateBasePathMappingCommand,
  CreateDeploymentCommand,
  CreateDomainNameCommand,
  CreateUsagePlanCommand,
  DeleteRestApiCommand,
  DeleteStageCommand,
  GetAuthorizersCommand,
  GetBasePathMappingsCommand,
  GetExportCommand,
  GetGatewayResponseCommand,
  GetModelCommand,
  GetRequestValidatorsCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetUsagePlanCommand,
  ImportRestApiCommand,
  PutRestApiCommand,
  type Resource,
} from '@aws-sdk/client-api-gateway';
import { clientConfig, startTestServer } from './helpers.ts';
import { createFunction, ECHO, fnArn } from './http-api-setup.ts';
import type { Localgate } from '../src/app.ts';

let app: Localgate;
let gw: APIGatewayClient;
const enc = (doc: object) => new TextEncoder().encode(JSON.stringify(doc));
const lambdaUri = (name: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fnArn(name)}/invocations`;

const mock = (template: string) => ({
  type: 'mock',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  responses: { default: { statusCode: '200', responseTemplates: { 'application/json': template } } },
});

const OAS3 = {
  openapi: '3.0.1',
  info: { title: 'pets-oas3', description: 'imported', version: '2.1' },
  servers: [{ url: 'https://example.com/{basePath}', variables: { basePath: { default: '/v1' } } }],
  'x-amazon-apigateway-api-key-source': 'HEADER',
  'x-amazon-apigateway-binary-media-types': ['image/png'],
  'x-amazon-apigateway-request-validators': { params: { validateRequestBody: false, validateRequestParameters: true } },
  'x-amazon-apigateway-gateway-responses': { MISSING_AUTHENTICATION_TOKEN: { statusCode: 404, responseTemplates: { 'application/json': '{"gone":true}' } } },
  paths: {
    '/pets': {
      get: {
        operationId: 'ListPets',
        parameters: [{ name: 'kind', in: 'query', required: true, schema: { type: 'string' } }],
        'x-amazon-apigateway-request-validator': 'params',
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pets' } } } } },
        'x-amazon-apigateway-integration': mock(`[{"kind":"$input.params('kind')"}]`),
      },
    },
    '/pets/{petId}': {
      parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
      'x-amazon-apigateway-any-method': {
        security: [{ tokenAuth: [] }, { api_key: [] }],
        responses: {},
        'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('openapi-echo') },
      },
    },
  },
  components: {
    schemas: {
      Pet: { type: 'object', properties: { kind: { type: 'string' } } },
      Pets: { type: 'array', items: { $ref: '#/components/schemas/Pet' } },
    },
    securitySchemes: {
      api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
      tokenAuth: {
        type: 'apiKey',
        name: 'X-Token',
        in: 'header',
        'x-amazon-apigateway-authtype': 'custom',
        'x-amazon-apigateway-authorizer': { type: 'token', authorizerUri: lambdaUri('openapi-auth'), authorizerResultTtlInSeconds: 0 },
      },
    },
  },
};

const SWAGGER = {
  swagger: '2.0',
  info: { title: 'pets-swagger', version: '1' },
  basePath: '/api/v2',
  definitions: { Msg: { type: 'object', properties: { m: { type: 'string' } } } },
  paths: {
    '/hello': {
      post: {
        consumes: ['application/json'],
        produces: ['application/json'],
        parameters: [{ in: 'body', name: 'Msg', required: true, schema: { $ref: '#/definitions/Msg' } }, { in: 'header', name: 'X-Trace', required: false, type: 'string' }],
        responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/Msg' }, headers: { 'X-Out': { type: 'string' } } } },
        'x-amazon-apigateway-integration': mock('{"hello":"swagger"}'),
      },
    },
  },
};

const AUTH = `exports.handler = async (event) => ({ principalId: 'u', policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: event.authorizationToken === 'ok' ? 'Allow' : 'Deny', Resource: event.methodArn }] } });`;

before(async () => {
  app = await startTestServer();
  gw = new APIGatewayClient(clientConfig(app));
  await createFunction(app, 'openapi-echo', ECHO);
  await createFunction(app, 'openapi-auth', AUTH);
});

after(async () => {
  gw.destroy();
  await app.close();
});

const byPath = (items: Resource[] | undefined) => Object.fromEntries((items ?? []).map((r) => [r.path!, r]));

test('ImportRestApi (OpenAPI 3.0) builds the API; deployed MOCK and Lambda proxy methods answer', async () => {
  const api = await gw.send(new ImportRestApiCommand({ body: enc(OAS3), parameters: { endpointConfigurationTypes: 'REGIONAL' } }));
  assert.equal(api.name, 'pets-oas3');
  assert.equal(api.description, 'imported');
  assert.equal(api.version, '2.1');
  assert.deepEqual(api.binaryMediaTypes, ['image/png']);
  assert.deepEqual(api.endpointConfiguration?.types, ['REGIONAL']);
  assert.match(api.id!, /^[a-z0-9]{10}$/);

  const { items } = await gw.send(new GetResourcesCommand({ restApiId: api.id, embed: ['methods'] }));
  const paths = byPath(items);
  assert.deepEqual(Object.keys(paths).sort(), ['/', '/pets', '/pets/{petId}']);
  const list = paths['/pets'].resourceMethods!.GET;
  assert.equal(list.operationName, 'ListPets');
  assert.deepEqual(list.requestParameters, { 'method.request.querystring.kind': true });
  assert.deepEqual(list.methodResponses?.['200'], { statusCode: '200', responseModels: { 'application/json': 'Pets' } });
  assert.equal(list.methodIntegration?.type, 'MOCK');
  assert.equal(list.methodIntegration?.passthroughBehavior, 'WHEN_NO_MATCH');

  const any = paths['/pets/{petId}'].resourceMethods!.ANY;
  const { items: authorizers } = await gw.send(new GetAuthorizersCommand({ restApiId: api.id }));
  assert.equal(authorizers?.length, 1);
  assert.equal(authorizers![0].name, 'tokenAuth');
  assert.equal(authorizers![0].type, 'TOKEN');
  assert.equal(authorizers![0].identitySource, 'method.request.header.X-Token');
  assert.equal(any.authorizationType, 'CUSTOM');
  assert.equal(any.authorizerId, authorizers![0].id);
  assert.equal(any.apiKeyRequired, true);
  assert.deepEqual(any.requestParameters, { 'method.request.path.petId': true });
  assert.equal(any.methodIntegration?.type, 'AWS_PROXY');

  const { items: validators } = await gw.send(new GetRequestValidatorsCommand({ restApiId: api.id }));
  assert.deepEqual(validators?.map((v) => [v.name, v.validateRequestBody, v.validateRequestParameters]), [['params', false, true]]);
  assert.equal(list.requestValidatorId, validators![0].id);
  const pets = await gw.send(new GetModelCommand({ restApiId: api.id, modelName: 'Pets' }));
  assert.deepEqual(JSON.parse(pets.schema!).items, { $ref: `https://apigateway.amazonaws.com/restapis/${api.id}/models/Pet` });
  const gr = await gw.send(new GetGatewayResponseCommand({ restApiId: api.id, responseType: 'MISSING_AUTHENTICATION_TOKEN' }));
  assert.equal(gr.statusCode, '404');

  await gw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod' }));
  const url = (path: string) => `${app.url}/restapis/${api.id}/prod/_user_request_${path}`;
  const ok = await fetch(url('/pets?kind=cat'));
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), [{ kind: 'cat' }]);
  const missing = await fetch(url('/pets'));
  assert.equal(missing.status, 400);
  assert.deepEqual(await missing.json(), { message: 'Missing required request parameters: [kind]' });
  // The imported API key requirement holds: no key, 403.
  const noKey = await fetch(url('/pets/7'), { headers: { 'X-Token': 'ok' } });
  assert.equal(noKey.status, 403);
});

test('ImportRestApi (Swagger 2.0) with basepath=prepend; the Lambda proxy method runs through the authorizer', async () => {
  const api = await gw.send(new ImportRestApiCommand({ body: enc(SWAGGER), parameters: { basepath: 'prepend' } }));
  const { items } = await gw.send(new GetResourcesCommand({ restApiId: api.id, embed: ['methods'] }));
  const paths = byPath(items);
  assert.deepEqual(Object.keys(paths).sort(), ['/', '/api', '/api/v2', '/api/v2/hello']);
  const post = paths['/api/v2/hello'].resourceMethods!.POST;
  assert.deepEqual(post.requestModels, { 'application/json': 'Msg' });
  assert.deepEqual(post.requestParameters, { 'method.request.header.X-Trace': false });
  assert.deepEqual(post.methodResponses?.['200'], { statusCode: '200', responseParameters: { 'method.response.header.X-Out': false }, responseModels: { 'application/json': 'Msg' } });
  await gw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'dev' }));
  const res = await fetch(`${app.url}/restapis/${api.id}/dev/_user_request_/api/v2/hello`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { hello: 'swagger' });

  // A Lambda proxy method behind a TOKEN authorizer, key source not required here.
  const proxyDoc = structuredClone(OAS3) as typeof OAS3;
  (proxyDoc.paths['/pets/{petId}']['x-amazon-apigateway-any-method'] as { security: object[] }).security = [{ tokenAuth: [] }];
  const proxied = await gw.send(new ImportRestApiCommand({ body: enc(proxyDoc) }));
  await gw.send(new CreateDeploymentCommand({ restApiId: proxied.id, stageName: 'prod' }));
  const url = `${app.url}/restapis/${proxied.id}/prod/_user_request_/pets/42`;
  assert.equal((await fetch(url, { headers: { 'X-Token': 'no' } })).status, 403);
  const call = await fetch(url, { method: 'PUT', headers: { 'X-Token': 'ok' }, body: 'hi' });
  assert.equal(call.status, 200);
  const event = await call.json();
  assert.equal(event.resource, '/pets/{petId}');
  assert.deepEqual(event.pathParameters, { petId: '42' });
  assert.equal(event.httpMethod, 'PUT');
  assert.equal(event.body, 'hi');
});

test('PutRestApi merge adds to the API; overwrite replaces it; failed puts leave it intact', async () => {
  const api = await gw.send(new ImportRestApiCommand({ body: enc(SWAGGER) }));
  const extra = { swagger: '2.0', info: { title: 'renamed', version: '9' }, paths: { '/extra': { get: { responses: {}, 'x-amazon-apigateway-integration': mock('{}') } } } };
  const merged = await gw.send(new PutRestApiCommand({ restApiId: api.id, mode: 'merge', body: enc(extra) }));
  assert.equal(merged.name, 'pets-swagger');
  let paths = byPath((await gw.send(new GetResourcesCommand({ restApiId: api.id }))).items);
  assert.deepEqual(Object.keys(paths).sort(), ['/', '/extra', '/hello']);

  const overwritten = await gw.send(new PutRestApiCommand({ restApiId: api.id, mode: 'overwrite', body: enc(extra) }));
  assert.equal(overwritten.name, 'renamed');
  assert.equal(overwritten.rootResourceId, api.rootResourceId);
  paths = byPath((await gw.send(new GetResourcesCommand({ restApiId: api.id }))).items);
  assert.deepEqual(Object.keys(paths).sort(), ['/', '/extra']);

  const bad = { ...extra, paths: { '/bad path': { get: { responses: {} } } } };
  await assert.rejects(gw.send(new PutRestApiCommand({ restApiId: api.id, mode: 'overwrite', body: enc(bad) })), { name: 'BadRequestException' });
  paths = byPath((await gw.send(new GetResourcesCommand({ restApiId: api.id }))).items);
  assert.deepEqual(Object.keys(paths).sort(), ['/', '/extra']);
  await assert.rejects(gw.send(new PutRestApiCommand({ restApiId: 'nope000000', body: enc(extra) })), { name: 'NotFoundException', message: 'Invalid API identifier specified 000000000000:nope000000' });
});

test('warnings are reported, failonwarnings rejects the import; bad documents get BadRequestException', async () => {
  const warned = { ...SWAGGER, info: { title: 'warned', version: '1' }, paths: { '/w': { get: { security: [{ nowhere: [] }], responses: {}, 'x-amazon-apigateway-integration': mock('{}') } } } };
  const api = await gw.send(new ImportRestApiCommand({ body: enc(warned) }));
  assert.deepEqual(api.warnings, ["Unable to find security scheme 'nowhere' for GET /w"]);
  await assert.rejects(gw.send(new ImportRestApiCommand({ body: enc({ ...warned, info: { title: 'strict', version: '1' } }), failOnWarnings: true })), {
    name: 'BadRequestException',
    message: "Warnings found during import:\n\tUnable to find security scheme 'nowhere' for GET /w",
  });
  await assert.rejects(gw.send(new ImportRestApiCommand({ body: new TextEncoder().encode('{not json') })), { name: 'BadRequestException' });
  await assert.rejects(gw.send(new ImportRestApiCommand({ body: enc({ info: { title: 'x' }, paths: {} }) })), { name: 'BadRequestException' });
  const badIntegration = { swagger: '2.0', info: { title: 'strict', version: '1' }, paths: { '/p': { get: { responses: {}, 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: 'not-an-arn' } } } } };
  await assert.rejects(gw.send(new ImportRestApiCommand({ body: enc(badIntegration) })), { name: 'BadRequestException', message: 'AWS ARN for integration must contain path or action' });
  const noUri = structuredClone(OAS3);
  delete (noUri.components.securitySchemes.tokenAuth['x-amazon-apigateway-authorizer'] as { authorizerUri?: string }).authorizerUri;
  await assert.rejects(gw.send(new ImportRestApiCommand({ body: enc({ ...noUri, info: { title: 'strict', version: '1' } }) })), {
    name: 'BadRequestException',
    message: 'Authorizer URI is required for TOKEN and REQUEST authorizers',
  });
  const { items } = await gw.send(new GetRestApisCommand({ limit: 500 }));
  assert.equal(items?.some((a) => a.name === 'strict'), false);
});

test('GetExport answers OpenAPI 3.0 and Swagger 2.0 with extensions, and the export imports back', async () => {
  const api = await gw.send(new ImportRestApiCommand({ body: enc(OAS3) }));
  await gw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod' }));
  const out = await gw.send(new GetExportCommand({ restApiId: api.id, stageName: 'prod', exportType: 'oas30', accepts: 'application/json', parameters: { extensions: 'apigateway' } }));
  assert.equal(out.contentType, 'application/json');
  // Named after the API's version (test_apigateway_extended.snapshot.json#test_export_oas30_openapi).
  assert.equal(out.contentDisposition, 'attachment; filename="oas30_2.1.json"');
  const doc = JSON.parse(new TextDecoder().decode(out.body));
  assert.equal(doc.openapi, '3.0.1');
  assert.deepEqual(doc.info, { description: 'imported', version: '2.1', title: 'pets-oas3' });
  assert.deepEqual(doc.servers, [{ url: `https://${api.id}.execute-api.us-east-1.amazonaws.com/{basePath}`, variables: { basePath: { default: 'prod' } } }]);
  assert.equal(doc.paths['/pets'].get['x-amazon-apigateway-integration'].type, 'mock');
  assert.equal(doc.paths['/pets'].get['x-amazon-apigateway-request-validator'], 'params');
  assert.deepEqual(doc.paths['/pets/{petId}']['x-amazon-apigateway-any-method'].security, [{ api_key: [] }, { tokenAuth: [] }]);
  assert.equal(doc.components.securitySchemes.tokenAuth['x-amazon-apigateway-authorizer'].type, 'token');
  assert.deepEqual(doc.components.schemas.Pets, { type: 'array', items: { $ref: '#/components/schemas/Pet' } });
  assert.deepEqual(doc['x-amazon-apigateway-binary-media-types'], ['image/png']);

  const plain = await gw.send(new GetExportCommand({ restApiId: api.id, stageName: 'prod', exportType: 'swagger' }));
  const swagger = JSON.parse(new TextDecoder().decode(plain.body));
  assert.equal(swagger.swagger, '2.0');
  assert.equal(swagger.basePath, '/prod');
  assert.equal(swagger.paths['/pets'].get['x-amazon-apigateway-integration'], undefined);
  assert.deepEqual(swagger.definitions.Pet, { type: 'object', properties: { kind: { type: 'string' } } });

  const yaml = await gw.send(new GetExportCommand({ restApiId: api.id, stageName: 'prod', exportType: 'oas30', accepts: 'application/yaml', parameters: { extensions: 'apigateway' } }));
  assert.equal(yaml.contentType, 'application/octet-stream');
  assert.match(yaml.contentDisposition!, /^attachment; filename="oas30_.+\.yaml"$/);
  assert.deepEqual(parseYaml(new TextDecoder().decode(yaml.body)), doc);

  const again = await gw.send(new ImportRestApiCommand({ body: out.body! }));
  const fromYaml = await gw.send(new ImportRestApiCommand({ body: yaml.body! }));
  assert.equal(fromYaml.name, again.name);
  const paths = byPath((await gw.send(new GetResourcesCommand({ restApiId: again.id, embed: ['methods'] }))).items);
  assert.equal(paths['/pets'].resourceMethods!.GET.methodIntegration?.type, 'MOCK');
  assert.equal(paths['/pets/{petId}'].resourceMethods!.ANY.authorizationType, 'CUSTOM');
  await assert.rejects(gw.send(new GetExportCommand({ restApiId: api.id, stageName: 'nope', exportType: 'oas30' })), { name: 'NotFoundException', message: 'Invalid stage identifier specified' });
});

test('deleting a stage or an API drops it from usage plans and base path mappings', async () => {
  const api = await gw.send(new ImportRestApiCommand({ body: enc(SWAGGER) }));
  await gw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'a' }));
  await gw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'b' }));
  const plan = await gw.send(new CreateUsagePlanCommand({ name: 'p', apiStages: [{ apiId: api.id, stage: 'a' }, { apiId: api.id, stage: 'b' }] }));
  await gw.send(new CreateDomainNameCommand({ domainName: 'api.cascade.test', regionalCertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/x', endpointConfiguration: { types: ['REGIONAL'] } }));
  await gw.send(new CreateBasePathMappingCommand({ domainName: 'api.cascade.test', basePath: 'a', restApiId: api.id, stage: 'a' }));
  await gw.send(new CreateBasePathMappingCommand({ domainName: 'api.cascade.test', basePath: 'b', restApiId: api.id, stage: 'b' }));

  await gw.send(new DeleteStageCommand({ restApiId: api.id, stageName: 'a' }));
  assert.deepEqual((await gw.send(new GetUsagePlanCommand({ usagePlanId: plan.id }))).apiStages, [{ apiId: api.id, stage: 'b' }]);
  assert.deepEqual((await gw.send(new GetBasePathMappingsCommand({ domainName: 'api.cascade.test' }))).items?.map((m) => m.basePath), ['b']);

  await gw.send(new DeleteRestApiCommand({ restApiId: api.id }));
  assert.deepEqual((await gw.send(new GetUsagePlanCommand({ usagePlanId: plan.id }))).apiStages ?? [], []);
  assert.deepEqual((await gw.send(new GetBasePathMappingsCommand({ domainName: 'api.cascade.test' }))).items ?? [], []);
  await assert.rejects(gw.send(new GetRestApiCommand({ restApiId: api.id })), { name: 'NotFoundException' });
});
