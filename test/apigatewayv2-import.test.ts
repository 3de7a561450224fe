// End-to-end: ImportApi and ReimportApi of HTTP APIs from OpenAPI 3.0 (JSON, YAML) through the
// real SDK, including a round trip through ExportApi and a call to an imported route.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  ApiGatewayV2Client,
  CreateStageCommand,
  ExportApiCommand,
  GetApiCommand,
  GetApisCommand,
  GetAuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  ImportApiCommand,
  ReimportApiCommand,
} from '@aws-sdk/client-apigatewayv2';
import { stringify as stringifyYaml } from 'yaml';
import type { Localgate } from '../src/app.ts';
import { clientConfig, startTestServer } from './helpers.ts';
import { createFunction, ECHO } from './http-api-setup.ts';

let app: Localgate;
let client: ApiGatewayV2Client;
const FN_PATH = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:echo/invocations';
const lambda = { payloadFormatVersion: '2.0', type: 'aws_proxy', httpMethod: 'POST', uri: FN_PATH, connectionType: 'INTERNET' };

const DEFINITION = {
  openapi: '3.0.1',
  info: { title: 'imported', description: 'from OpenAPI', version: '1.2' },
  servers: [{ url: 'https://example.com/{basePath}', variables: { basePath: { default: 'v1' } } }],
  paths: {
    '/items/{id}': {
      get: { responses: { default: { description: 'Default response for GET /items/{id}' } }, security: [{ jwt: ['read'] }], 'x-amazon-apigateway-integration': lambda },
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    },
    '/echo': { 'x-amazon-apigateway-any-method': { 'x-amazon-apigateway-integration': { $ref: '#/components/x-amazon-apigateway-integrations/shared' } } },
    '/signed': { post: { security: [{ sigv4: [] }], 'x-amazon-apigateway-integration': { $ref: '#/components/x-amazon-apigateway-integrations/shared' } } },
  },
  components: {
    securitySchemes: {
      sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' },
      jwt: { type: 'oauth2', flows: {}, 'x-amazon-apigateway-authorizer': { identitySource: '$request.header.Authorization', jwtConfiguration: { audience: ['app'], issuer: 'https://issuer.example' }, type: 'jwt' } },
      plain: { type: 'http', scheme: 'basic' },
    },
    'x-amazon-apigateway-integrations': { shared: lambda, spare: { payloadFormatVersion: '1.0', type: 'http_proxy', httpMethod: 'ANY', uri: 'https://example.com', connectionType: 'INTERNET' } },
  },
  'x-amazon-apigateway-cors': { allowOrigins: ['https://a.example'], maxAge: 60 },
  'x-amazon-apigateway-importexport-version': '1.0',
};

before(async () => {
  app = await startTestServer();
  client = new ApiGatewayV2Client(clientConfig(app));
  await createFunction(app, 'echo', ECHO);
});
after(async () => {
  client.destroy();
  await app.close();
});

const rejectsWith = (promise: Promise<unknown>, name: string) => assert.rejects(promise, (err: any) => (assert.equal(err.name, name, err.message), true));

test('ImportApi builds routes, integrations, authorizers and CORS; the routes answer', async () => {
  const api = await client.send(new ImportApiCommand({ Body: JSON.stringify(DEFINITION) }));
  assert.equal(api.Name, 'imported');
  assert.equal(api.Description, 'from OpenAPI');
  assert.equal(api.Version, '1.2');
  assert.equal(api.ProtocolType, 'HTTP');
  assert.deepEqual(api.CorsConfiguration, { AllowOrigins: ['https://a.example'], MaxAge: 60 });
  assert.deepEqual(api.Warnings, ['Unsupported security scheme plain: it has no x-amazon-apigateway-authorizer; ignored']);
  const routes = (await client.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items!;
  const authorizers = (await client.send(new GetAuthorizersCommand({ ApiId: api.ApiId }))).Items!;
  assert.deepEqual(authorizers.map((a) => [a.Name, a.AuthorizerType, a.IdentitySource, a.JwtConfiguration]), [['jwt', 'JWT', ['$request.header.Authorization'], { Audience: ['app'], Issuer: 'https://issuer.example' }]]);
  const byKey = Object.fromEntries(routes.map((r) => [r.RouteKey, r]));
  assert.deepEqual(Object.keys(byKey).sort(), ['ANY /echo', 'GET /items/{id}', 'POST /signed']);
  assert.equal(byKey['GET /items/{id}'].AuthorizationType, 'JWT');
  assert.equal(byKey['GET /items/{id}'].AuthorizerId, authorizers[0].AuthorizerId);
  assert.deepEqual(byKey['GET /items/{id}'].AuthorizationScopes, ['read']);
  assert.equal(byKey['POST /signed'].AuthorizationType, 'AWS_IAM');
  assert.equal(byKey['ANY /echo'].Target, byKey['POST /signed'].Target); // one shared integration
  const integrations = (await client.send(new GetIntegrationsCommand({ ApiId: api.ApiId }))).Items!;
  assert.equal(integrations.length, 3); // inline, shared, spare
  const shared = integrations.find((i) => `integrations/${i.IntegrationId}` === byKey['ANY /echo'].Target)!;
  assert.deepEqual([shared.IntegrationType, shared.IntegrationUri, shared.PayloadFormatVersion, shared.IntegrationMethod], ['AWS_PROXY', FN_PATH, '2.0', 'POST']);

  await client.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: '$default', AutoDeploy: true }));
  const res = await fetch(`${app.url}/execute-api/${api.ApiId}/echo`, { method: 'PUT' });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).routeKey, 'ANY /echo');
});

test('ImportApi basepath prepend and split; an export imports back to the same document', async () => {
  const prepend = await client.send(new ImportApiCommand({ Body: JSON.stringify(DEFINITION), Basepath: 'prepend' }));
  const keys = async (id: string) => (await client.send(new GetRoutesCommand({ ApiId: id }))).Items!.map((r) => r.RouteKey).sort();
  assert.deepEqual(await keys(prepend.ApiId!), ['ANY /v1/echo', 'GET /v1/items/{id}', 'POST /v1/signed']);
  const split = await client.send(new ImportApiCommand({ Body: JSON.stringify(DEFINITION), Basepath: 'split' }));
  assert.deepEqual(await keys(split.ApiId!), ['ANY /echo', 'GET /items/{id}', 'POST /signed']);

  const exportOf = async (id: string) => {
    const doc = JSON.parse(Buffer.from((await client.send(new ExportApiCommand({ ApiId: id, Specification: 'OAS30', OutputType: 'JSON' }))).body!).toString());
    delete doc.servers; // names the API's own endpoint
    return doc;
  };
  const first = await exportOf(split.ApiId!);
  const again = await client.send(new ImportApiCommand({ Body: JSON.stringify(first) }));
  const second = await exportOf(again.ApiId!);
  assert.deepEqual(second.paths, first.paths);
  assert.deepEqual(second.components.securitySchemes, first.components.securitySchemes);
  assert.deepEqual(second['x-amazon-apigateway-cors'], first['x-amazon-apigateway-cors']);
  assert.deepEqual(Object.values(second.components['x-amazon-apigateway-integrations']), Object.values(first.components['x-amazon-apigateway-integrations']));
});

test('ImportApi reads YAML definitions', async () => {
  const api = await client.send(new ImportApiCommand({ Body: stringifyYaml(DEFINITION) }));
  assert.equal(api.Name, 'imported');
  assert.equal((await client.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items!.length, 3);
});

test('ReimportApi replaces the configuration and keeps the API id', async () => {
  const api = await client.send(new ImportApiCommand({ Body: JSON.stringify(DEFINITION) }));
  const next = { openapi: '3.0.1', info: { title: 'renamed', version: '2' }, paths: { '/only': { get: { 'x-amazon-apigateway-integration': lambda } } } };
  const re = await client.send(new ReimportApiCommand({ ApiId: api.ApiId, Body: JSON.stringify(next) }));
  assert.equal(re.ApiId, api.ApiId);
  assert.equal(re.Name, 'renamed');
  assert.equal(re.Description, undefined);
  assert.equal(re.CorsConfiguration, undefined);
  assert.deepEqual((await client.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items!.map((r) => r.RouteKey), ['GET /only']);
  assert.equal((await client.send(new GetAuthorizersCommand({ ApiId: api.ApiId }))).Items!.length, 0);
  assert.equal((await client.send(new GetIntegrationsCommand({ ApiId: api.ApiId }))).Items!.length, 1);
  await rejectsWith(client.send(new ReimportApiCommand({ ApiId: 'nosuchapi0', Body: JSON.stringify(next) })), 'NotFoundException');
});

test('a route naming an undefined security scheme imports without authorization, with a warning (SAM writes NONE)', async () => {
  const api = await client.send(new ImportApiCommand({ Body: JSON.stringify({ ...DEFINITION, paths: { '/open': { get: { security: [{ NONE: [] }], 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: 'https://example.com', payloadFormatVersion: '1.0' } } } } }) }));
  assert.ok(api.Warnings!.includes('Route GET /open: security scheme NONE is not defined; the route has no authorization'), String(api.Warnings));
  const route = (await client.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items!.find((r) => r.RouteKey === 'GET /open')!;
  assert.equal(route.AuthorizationType, 'NONE');
});

test('bad definitions are refused and change nothing', async () => {
  const before = (await client.send(new GetApisCommand({}))).Items!.length;
  const bad = (doc: unknown) => client.send(new ImportApiCommand({ Body: typeof doc === 'string' ? doc : JSON.stringify(doc) }));
  await rejectsWith(bad('{ not json'), 'BadRequestException');
  await rejectsWith(bad({ swagger: '2.0', info: { title: 'x' }, paths: {} }), 'BadRequestException');
  await rejectsWith(bad({ openapi: '3.0.1', info: {}, paths: {} }), 'BadRequestException');
  await rejectsWith(bad({ ...DEFINITION, paths: { '/x': { get: { 'x-amazon-apigateway-integration': { type: 'mock' } } } } }), 'BadRequestException');
  await rejectsWith(bad({ ...DEFINITION, paths: { '/x': { get: { 'x-amazon-apigateway-integration': 'not an object' } } } }), 'BadRequestException');
  await rejectsWith(client.send(new ImportApiCommand({ Body: JSON.stringify(DEFINITION), FailOnWarnings: true })), 'BadRequestException');
  assert.equal((await client.send(new GetApisCommand({}))).Items!.length, before);

  const api = await client.send(new ImportApiCommand({ Body: JSON.stringify(DEFINITION) }));
  await rejectsWith(client.send(new ReimportApiCommand({ ApiId: api.ApiId, Body: JSON.stringify({ ...DEFINITION, paths: { '/x': { get: { 'x-amazon-apigateway-integration': 'not an object' } } } }) })), 'BadRequestException');
  assert.equal((await client.send(new GetApiCommand({ ApiId: api.ApiId }))).Name, 'imported');
  assert.equal((await client.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items!.length, 3);
});

// Found by running moto's test suite against localgate (test_reimport_api_failonwarnings): an
// unresolved response schema fails a ReimportApi with FailOnWarnings and changes nothing.
test('FailOnWarnings refuses an unresolved response schema $ref; info.version keeps a YAML number as written', async () => {
  const { ApiId } = await client.send(new ImportApiCommand({ Body: stringifyYaml({ ...DEFINITION, info: { title: 'kept' } }) }));
  const body = JSON.stringify({
    openapi: '3.0.1',
    info: { title: 'changed', version: '1' },
    paths: { '/update': { get: { responses: { 200: { description: 'd', content: { 'application/json': { schema: { $ref: '#/components/schemas/ModelThatDoesNotExist' } } } } } } } },
  });
  await assert.rejects(client.send(new ReimportApiCommand({ ApiId, Body: body, FailOnWarnings: true })), {
    name: 'BadRequestException',
    message: "Warnings found during import:\n\tParse issue: attribute paths.'/update'(get).responses.200.content.schema.#/components/schemas/ModelThatDoesNotExist is missing",
  });
  assert.equal((await client.send(new GetApiCommand({ ApiId }))).Name, 'kept');
  const reimported = await client.send(new ReimportApiCommand({ ApiId, Body: body }));
  assert.equal(reimported.Name, 'changed');
  assert.deepEqual(reimported.Warnings, ["Parse issue: attribute paths.'/update'(get).responses.200.content.schema.#/components/schemas/ModelThatDoesNotExist is missing"]);

  const yaml = 'openapi: 3.0.1\ninfo:\n  title: numbered\n  version: 2.0\npaths: {}\n';
  assert.equal((await client.send(new ImportApiCommand({ Body: yaml }))).Version, '2.0');
});

// SAM writes a Lambda authorizer's identitySource as a list (serverless-patterns HTTP API
// samples with Auth.Authorizers.*.Identity.Headers); AWS imports it as it does the string form.
test('ImportApi reads a request authorizer identitySource written as a list', async () => {
  const body = {
    openapi: '3.0.1',
    info: { title: 'list-identity', version: '1' },
    paths: { '/x': { get: { security: [{ auth: [] }], 'x-amazon-apigateway-integration': lambda } } },
    components: {
      securitySchemes: {
        auth: {
          type: 'apiKey',
          name: 'Unused',
          in: 'header',
          'x-amazon-apigateway-authorizer': { type: 'request', authorizerUri: FN_PATH, authorizerPayloadFormatVersion: '2.0', enableSimpleResponses: true, identitySource: ['$request.header.Authorization', '$request.querystring.who'] },
        },
      },
    },
  };
  const api = await client.send(new ImportApiCommand({ Body: JSON.stringify(body) }));
  const [authorizer] = (await client.send(new GetAuthorizersCommand({ ApiId: api.ApiId }))).Items!;
  assert.deepEqual(authorizer.IdentitySource, ['$request.header.Authorization', '$request.querystring.who']);
});
