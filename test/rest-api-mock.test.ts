// REST API data plane end to end with MOCK integrations: resource matching, mapping
// templates both ways, request validators, gateway responses (default and customised),
// API keys with usage-plan throttle and quota, stage throttling, and deployments.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateModelCommand,
  CreateRequestValidatorCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetResourcesCommand,
  PutGatewayResponseCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateApiKeyCommand,
  UpdateStageCommand,
  type PutMethodRequest,
} from '@aws-sdk/client-api-gateway';
import { clientConfig, startTestServer } from './helpers.ts';
import { rawRequest } from './http-api-setup.ts';
import type { Localgate } from '../src/app.ts';

let app: Localgate;
let gw: APIGatewayClient;
let apiId: string;
const resources = new Map<string, string>();

async function resource(path: string): Promise<string> {
  const known = resources.get(path);
  if (known) return known;
  const cut = path.lastIndexOf('/');
  const parentId = await resource(cut === 0 ? '/' : path.slice(0, cut));
  const { id } = await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId, pathPart: path.slice(cut + 1) }));
  resources.set(path, id!);
  return id!;
}

/** A MOCK method: the request template picks the status, the response template renders the body. */
async function mockMethod(path: string, httpMethod: string, opts: { method?: Partial<PutMethodRequest>; requestTemplate?: string; responseTemplate?: string; integration?: Record<string, unknown>; responses?: Array<Record<string, unknown>> } = {}) {
  const resourceId = await resource(path);
  await gw.send(new PutMethodCommand({ restApiId: apiId, resourceId, httpMethod, authorizationType: 'NONE', ...opts.method }));
  await gw.send(
    new PutIntegrationCommand({
      restApiId: apiId,
      resourceId,
      httpMethod,
      type: 'MOCK',
      requestTemplates: { 'application/json': opts.requestTemplate ?? '{"statusCode": 200}' },
      ...opts.integration,
    }),
  );
  const responses = opts.responses ?? [{ statusCode: '200', responseTemplates: { 'application/json': opts.responseTemplate ?? '{"ok": true}' } }];
  for (const r of responses) {
    await gw.send(new PutMethodResponseCommand({ restApiId: apiId, resourceId, httpMethod, statusCode: r.statusCode as string }));
    await gw.send(new PutIntegrationResponseCommand({ restApiId: apiId, resourceId, httpMethod, ...(r as { statusCode: string }) }));
  }
}

before(async () => {
  app = await startTestServer();
  gw = new APIGatewayClient(clientConfig(app));
  const api = await gw.send(new CreateRestApiCommand({ name: 'mock-api' }));
  apiId = api.id!;
  const { items } = await gw.send(new GetResourcesCommand({ restApiId: apiId }));
  resources.set('/', items![0].id!);

  await mockMethod('/', 'GET', { responseTemplate: '{"root": true}' });
  await mockMethod('/pets', 'GET', { responseTemplate: '{"list": true}' });
  await mockMethod('/pets/{petId}', 'ANY', {
    responseTemplate: '{"pet": "$input.params(\'petId\')", "method": "$context.httpMethod", "resource": "$context.resourcePath", "stage": "$context.stage", "color": "$stageVariables.color", "q": "$input.params(\'q\')"}',
  });
  await mockMethod('/pets/mine', 'GET', { responseTemplate: '{"mine": true}' });
  await mockMethod('/{proxy+}', 'ANY', { responseTemplate: '{"proxy": "$input.params(\'proxy\')"}' });
  await mockMethod('/status', 'POST', {
    requestTemplate: '{"statusCode": $input.json(\'$.code\')}',
    responses: [
      { statusCode: '200', responseTemplates: { 'application/json': '{"fine": true}' } },
      {
        statusCode: '404',
        selectionPattern: '4\\d\\d',
        responseParameters: { 'method.response.header.X-Reason': "'missing'" },
        responseTemplates: { 'application/json': '#set($context.responseOverride.header.X-Extra = "yes"){"missing": true}' },
      },
    ],
  });
  await mockMethod('/override', 'GET', { responseTemplate: '#set($context.responseOverride.status = 418)teapot' });
  await mockMethod('/broken', 'GET', { responseTemplate: '#foreach(' });
  await mockMethod('/strict', 'POST', { integration: { passthroughBehavior: 'NEVER' } });

  const { id: validatorId } = await gw.send(new CreateRequestValidatorCommand({ restApiId: apiId, name: 'all', validateRequestBody: true, validateRequestParameters: true }));
  await gw.send(
    new CreateModelCommand({
      restApiId: apiId,
      name: 'Pet',
      contentType: 'application/json',
      schema: JSON.stringify({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'object', required: ['name'], properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0, exclusiveMinimum: true } } }),
    }),
  );
  await mockMethod('/validated', 'POST', {
    method: {
      requestValidatorId: validatorId,
      requestParameters: { 'method.request.querystring.owner': true, 'method.request.header.X-Trace': true, 'method.request.querystring.optional': false },
      requestModels: { 'application/json': 'Pet' },
    },
  });
  await mockMethod('/keyed', 'GET', { method: { apiKeyRequired: true } });

  await gw.send(new PutGatewayResponseCommand({ restApiId: apiId, responseType: 'BAD_REQUEST_BODY', statusCode: '422', responseParameters: { 'gatewayresponse.header.X-Custom': "'custom'" }, responseTemplates: { 'application/json': '{"error": $context.error.messageString, "type": "$context.error.responseType"}' } }));
  await gw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'prod', variables: { color: 'blue' } }));
});
after(async () => {
  gw.destroy();
  await app.close();
});

const url = (path: string) => `${app.url}/restapis/${apiId}/prod/_user_request_${path}`;

test('resources match literal over parameter over greedy proxy, with path parameters', async () => {
  const root = await fetch(url('/'));
  assert.equal(root.status, 200);
  assert.deepEqual(await root.json(), { root: true });
  assert.deepEqual(await (await fetch(url('/pets'))).json(), { list: true });
  assert.deepEqual(await (await fetch(url('/pets/mine'))).json(), { mine: true });
  const pet = await fetch(url('/pets/7?q=x'), { method: 'DELETE' });
  assert.equal(pet.status, 200);
  assert.equal(pet.headers.get('content-type'), 'application/json');
  assert.match(pet.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
  assert.ok(pet.headers.get('x-amz-apigw-id'));
  assert.deepEqual(await pet.json(), { pet: '7', method: 'DELETE', resource: '/pets/{petId}', stage: 'prod', color: 'blue', q: 'x' });
  assert.deepEqual(await (await fetch(url('/a/b/c'))).json(), { proxy: 'a/b/c' });
});

test('other invoke URL forms reach the same stage', async () => {
  assert.deepEqual(await (await fetch(`${app.url}/execute-api/${apiId}/prod/pets`)).json(), { list: true });
  assert.deepEqual(await (await fetch(`${app.url}/_aws/execute-api/${apiId}/prod/pets`)).json(), { list: true });
  const host = await rawRequest(`${app.url}/prod/pets`, { headers: { host: `${apiId}.execute-api.localhost` } });
  assert.deepEqual(JSON.parse(host.body), { list: true });
});

test('a method nobody defined answers 403 Missing Authentication Token', async () => {
  // "/" has only GET, and {proxy+} does not take the root.
  const res = await fetch(url('/'), { method: 'POST' });
  assert.equal(res.status, 403);
  assert.equal(res.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
  assert.deepEqual(await res.json(), { message: 'Missing Authentication Token' });
  // A stage the API does not have: 403 Forbidden, as on AWS (see test/recorded/rest-data-plane.test.ts).
  const noStage = await fetch(`${app.url}/restapis/${apiId}/nostage/_user_request_/`);
  assert.equal(noStage.status, 403);
  assert.deepEqual(await noStage.json(), { message: 'Forbidden' });
});

test('the request template picks the integration response by status; response parameters and overrides apply', async () => {
  const ok = await fetch(url('/status'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code": 200}' });
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { fine: true });
  const missing = await fetch(url('/status'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code": 404}' });
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('x-reason'), 'missing');
  assert.equal(missing.headers.get('x-extra'), 'yes');
  assert.deepEqual(await missing.json(), { missing: true });
  const teapot = await fetch(url('/override'));
  assert.equal(teapot.status, 418);
  assert.equal(await teapot.text(), 'teapot');
});

test('a body sent in chunks (Transfer-Encoding, no Content-Length) is read as a whole', async () => {
  // The pipeline reads a body only when Content-Length or Transfer-Encoding announces one.
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url('/status'), { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.write('{"code": ');
    req.end('404}');
  });
  assert.deepEqual(answer, { status: 404, body: '{"missing": true}' });
});

test('a template that fails answers 500 Internal server error', async () => {
  const res = await fetch(url('/broken'));
  assert.equal(res.status, 500);
  assert.deepEqual(await res.json(), { message: 'Internal server error' });
});

test('passthroughBehavior NEVER refuses a content type without a template: 415', async () => {
  const res = await fetch(url('/strict'), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
  assert.equal(res.status, 415);
  assert.deepEqual(await res.json(), { message: 'Unsupported Media Type' });
  const json = await fetch(url('/strict'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(json.status, 200);
});

test('request validators: required parameters, then the body against the model; a customised gateway response', async () => {
  const params = await fetch(url('/validated'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"rex"}' });
  assert.equal(params.status, 400);
  // AWS lists missing headers first, then path, then query string parameters.
  assert.deepEqual(await params.json(), { message: 'Missing required request parameters: [X-Trace, owner]' });
  const bad = await fetch(url('/validated?owner=me'), { method: 'POST', headers: { 'content-type': 'application/json', 'x-trace': '1' }, body: '{"age":0}' });
  assert.equal(bad.status, 422);
  assert.equal(bad.headers.get('x-custom'), 'custom');
  assert.deepEqual(await bad.json(), { error: 'Invalid request body', type: 'BAD_REQUEST_BODY' });
  const good = await fetch(url('/validated?owner=me'), { method: 'POST', headers: { 'content-type': 'application/json', 'x-trace': '1' }, body: '{"name":"rex","age":1}' });
  assert.equal(good.status, 200);
});

test('API keys: missing, unknown and disabled keys are 403; usage plan quota and throttle answer 429', async () => {
  const noKey = await fetch(url('/keyed'));
  assert.equal(noKey.status, 403);
  assert.deepEqual(await noKey.json(), { message: 'Forbidden' });
  const key = await gw.send(new CreateApiKeyCommand({ name: 'k', enabled: true }));
  const unplanned = await fetch(url('/keyed'), { headers: { 'x-api-key': key.value! } });
  assert.equal(unplanned.status, 403);
  const plan = await gw.send(new CreateUsagePlanCommand({ name: 'p', apiStages: [{ apiId, stage: 'prod' }], quota: { limit: 2, period: 'DAY' } }));
  await gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' }));
  const first = await fetch(url('/keyed'), { headers: { 'x-api-key': key.value! } });
  assert.equal(first.status, 200);
  assert.equal((await fetch(url('/keyed'), { headers: { 'x-api-key': key.value! } })).status, 200);
  const over = await fetch(url('/keyed'), { headers: { 'x-api-key': key.value! } });
  assert.equal(over.status, 429);
  assert.deepEqual(await over.json(), { message: 'Limit Exceeded' });

  const throttled = await gw.send(new CreateApiKeyCommand({ name: 't', enabled: true }));
  const slow = await gw.send(new CreateUsagePlanCommand({ name: 'slow', apiStages: [{ apiId, stage: 'prod' }], throttle: { rateLimit: 0.001, burstLimit: 1 } }));
  await gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: slow.id, keyId: throttled.id, keyType: 'API_KEY' }));
  assert.equal((await fetch(url('/keyed'), { headers: { 'x-api-key': throttled.value! } })).status, 200);
  const tooMany = await fetch(url('/keyed'), { headers: { 'x-api-key': throttled.value! } });
  assert.equal(tooMany.status, 429);
  assert.deepEqual(await tooMany.json(), { message: 'Too Many Requests' });

  await gw.send(new UpdateApiKeyCommand({ apiKey: key.id, patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }] }));
  assert.equal((await fetch(url('/keyed'), { headers: { 'x-api-key': key.value! } })).status, 403);
});

test('stage method settings throttle a method', async () => {
  await gw.send(
    new UpdateStageCommand({
      restApiId: apiId,
      stageName: 'prod',
      patchOperations: [
        { op: 'replace', path: '/~1pets/GET/throttling/rateLimit', value: '0.001' },
        { op: 'replace', path: '/~1pets/GET/throttling/burstLimit', value: '1' },
      ],
    }),
  );
  assert.equal((await fetch(url('/pets'))).status, 200);
  const res = await fetch(url('/pets'));
  assert.equal(res.status, 429);
  assert.equal(res.headers.get('x-amzn-errortype'), 'TooManyRequestsException');
  assert.equal((await fetch(url('/pets/mine'))).status, 200);
});

test('a MOCK answer made once per deployment: requests keep the deployed answer until the next deployment', async () => {
  const restApiId = (await gw.send(new CreateRestApiCommand({ name: 'kept-answers' }))).id!;
  const resourceId = (await gw.send(new GetResourcesCommand({ restApiId }))).items![0].id!;
  await gw.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
  await gw.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
  await gw.send(new PutMethodResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200' }));
  const respond = (body: string) => gw.send(new PutIntegrationResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200', responseTemplates: { 'application/json': body } }));
  await respond('{"version": 1}');
  await gw.send(new CreateDeploymentCommand({ restApiId, stageName: 'v' }));
  const bodies = async () => {
    const out: string[] = [];
    for (let i = 0; i < 3; i++) out.push(await (await fetch(`${app.url}/restapis/${restApiId}/v/_user_request_/`)).text());
    return out;
  };
  assert.deepEqual(await bodies(), ['{"version": 1}', '{"version": 1}', '{"version": 1}']);
  await respond('{"version": 2}');
  assert.deepEqual(await bodies(), ['{"version": 1}', '{"version": 1}', '{"version": 1}']);
  await gw.send(new CreateDeploymentCommand({ restApiId, stageName: 'v' }));
  assert.deepEqual(await bodies(), ['{"version": 2}', '{"version": 2}', '{"version": 2}']);
});
