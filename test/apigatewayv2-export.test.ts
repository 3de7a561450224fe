// End-to-end: ExportApi of an HTTP API (OpenAPI 3.0, JSON and YAML, draft or stage, with
// or without API Gateway extensions) through the real SDK.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  ExportApiCommand,
} from '@aws-sdk/client-apigatewayv2';
import { parse as parseYaml } from 'yaml';
import type { Localgate } from '../src/app.ts';
import { clientConfig, startTestServer } from './helpers.ts';

let app: Localgate;
let client: ApiGatewayV2Client;
let apiId: string;
let unusedId: string;
const FN = 'arn:aws:lambda:us-east-1:000000000000:function:f';
const FN_PATH = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN}/invocations`;

before(async () => {
  app = await startTestServer();
  client = new ApiGatewayV2Client(clientConfig(app));
  apiId = (await client.send(new CreateApiCommand({ Name: 'exp', ProtocolType: 'HTTP', Version: 'v7', CorsConfiguration: { AllowOrigins: ['https://a.example'], MaxAge: 60 } }))).ApiId!;
  const lambda = (await client.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: FN, PayloadFormatVersion: '2.0' }))).IntegrationId!;
  const http = (
    await client.send(
      new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://example.com/{id}', IntegrationMethod: 'GET', PayloadFormatVersion: '1.0', RequestParameters: { 'append:header.x': '1' } }),
    )
  ).IntegrationId!;
  unusedId = (await client.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://example.com', IntegrationMethod: 'ANY', PayloadFormatVersion: '1.0', TimeoutInMillis: 5000 }))).IntegrationId!;
  const jwt = await client.send(
    new CreateAuthorizerCommand({ ApiId: apiId, Name: 'jwt', AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'], JwtConfiguration: { Issuer: 'https://issuer.example', Audience: ['app'] } }),
  );
  await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /items/{id}', Target: `integrations/${http}`, AuthorizationType: 'JWT', AuthorizerId: jwt.AuthorizerId, AuthorizationScopes: ['read'] }));
  await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'ANY /{proxy+}', Target: `integrations/${lambda}` }));
  await client.send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod' }));
  await client.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'prod' }));
  // Only the draft has this route: a stage export shows the deployed configuration.
  await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'POST /draft', Target: `integrations/${lambda}`, AuthorizationType: 'AWS_IAM' }));
});
after(async () => {
  client.destroy();
  await app.close();
});

const exported = async (input: Partial<ConstructorParameters<typeof ExportApiCommand>[0]>) =>
  Buffer.from((await client.send(new ExportApiCommand({ ApiId: apiId, Specification: 'OAS30', OutputType: 'JSON', ...input }))).body!).toString('utf8');

test('ExportApi (JSON, draft): routes, integrations, authorizers, CORS and unused integrations', async () => {
  const doc = JSON.parse(await exported({}));
  assert.equal(doc.openapi, '3.0.1');
  assert.deepEqual(doc.info, { title: 'exp', version: 'v7' });
  assert.deepEqual(doc.servers, [{ url: `${app.url}/execute-api/${apiId}/{basePath}`, variables: { basePath: { default: '' } } }]);
  assert.deepEqual(Object.keys(doc.paths).sort(), ['/draft', '/items/{id}', '/{proxy+}']);
  assert.deepEqual(doc.paths['/items/{id}'].get, {
    responses: { default: { description: 'Default response for GET /items/{id}' } },
    security: [{ jwt: ['read'] }],
    'x-amazon-apigateway-integration': { requestParameters: { 'append:header.x': '1' }, payloadFormatVersion: '1.0', type: 'http_proxy', httpMethod: 'GET', uri: 'https://example.com/{id}', connectionType: 'INTERNET' },
  });
  assert.deepEqual(doc.paths['/items/{id}'].parameters, [{ name: 'id', in: 'path', description: 'Generated path parameter for id', required: true, schema: { type: 'string' } }]);
  assert.deepEqual(doc.paths['/{proxy+}']['x-amazon-apigateway-any-method']['x-amazon-apigateway-integration'], {
    payloadFormatVersion: '2.0',
    type: 'aws_proxy',
    httpMethod: 'POST',
    uri: FN_PATH,
    connectionType: 'INTERNET',
  });
  assert.deepEqual(doc.paths['/draft'].post.security, [{ sigv4: [] }]);
  assert.deepEqual(doc.components.securitySchemes, {
    sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' },
    jwt: {
      type: 'oauth2',
      flows: {},
      'x-amazon-apigateway-authorizer': { identitySource: '$request.header.Authorization', jwtConfiguration: { audience: ['app'], issuer: 'https://issuer.example' }, type: 'jwt' },
    },
  });
  assert.deepEqual(doc.components['x-amazon-apigateway-integrations'], {
    [`unusedIntegration_${unusedId}`]: { payloadFormatVersion: '1.0', type: 'http_proxy', httpMethod: 'ANY', uri: 'https://example.com', connectionType: 'INTERNET', timeoutInMillis: 5000 },
  });
  assert.deepEqual(doc['x-amazon-apigateway-cors'], { allowOrigins: ['https://a.example'], maxAge: 60 });
  assert.equal(doc['x-amazon-apigateway-importexport-version'], '1.0');
});

test('ExportApi (YAML, stage, no extensions): the deployed routes, no x-amazon-apigateway members', async () => {
  const doc = parseYaml(await exported({ OutputType: 'YAML', StageName: 'prod', IncludeExtensions: false }));
  assert.deepEqual(doc.info, { title: 'exp', version: 'v7' });
  assert.equal(doc.servers[0].variables.basePath.default, 'prod');
  assert.deepEqual(Object.keys(doc.paths).sort(), ['/items/{id}', '/{proxy+}']);
  assert.deepEqual(doc.paths['/items/{id}'].get, { responses: { default: { description: 'Default response for GET /items/{id}' } }, security: [{ jwt: ['read'] }] });
  assert.deepEqual(doc.paths['/{proxy+}']['x-amazon-apigateway-any-method'], { responses: { default: { description: 'Default response for ANY /{proxy+}' } } });
  assert.deepEqual(doc.components, { securitySchemes: { jwt: { type: 'oauth2', flows: {} } } });
  assert.equal(doc['x-amazon-apigateway-cors'], undefined);
});

test('ExportApi errors: unknown API or stage, WebSocket APIs, bad export version', async () => {
  const rejects = (input: Partial<ConstructorParameters<typeof ExportApiCommand>[0]>, name: string) =>
    assert.rejects(exported(input), (err: any) => (assert.equal(err.name, name, err.message), true));
  await rejects({ ApiId: 'nosuchapi0' }, 'NotFoundException');
  await rejects({ StageName: 'nope' }, 'NotFoundException');
  await rejects({ ExportVersion: '2.0' }, 'BadRequestException');
  const ws = await client.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }));
  await rejects({ ApiId: ws.ApiId }, 'BadRequestException');
});
