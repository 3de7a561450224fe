// REST API (v1) data plane, second pass: request validation and API keys on an invoke URL,
// as recorded on AWS. The recordings used Lambda proxy integrations; validation and API keys
// are checked before any integration runs, so a MOCK integration stands in for the function.
import { recordedCases, type RecordedStep } from './harness.ts';
import { call, patch } from './apigateway-steps.ts';

const COMMON = 'localstack/localstack tests/aws/services/apigateway/test_apigateway_common.snapshot.json';

const invoke = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => ({ method, path: `/restapis/\${api}/dev/_user_request_${path}`, body, headers });

/** POST /{test} on a MOCK integration answering 200 `{"ok": true}`. */
const mockPost = (method: Record<string, unknown>): RecordedStep[] => [
  { request: call('POST', '/restapis', { name: 'api' }), expect: { status: 201 }, save: { api: 'id', root: 'rootResourceId' } },
  { request: call('POST', '/restapis/${api}/resources/${root}', { pathPart: '{test}' }), expect: { status: 201 }, save: { resource: 'id' } },
  { request: call('PUT', '/restapis/${api}/resources/${resource}/methods/POST', { authorizationType: 'NONE', ...method }), expect: { status: 201 } },
  { request: call('PUT', '/restapis/${api}/resources/${resource}/methods/POST/responses/200', {}), expect: { status: 201 } },
  {
    request: call('PUT', '/restapis/${api}/resources/${resource}/methods/POST/integration', { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }),
    expect: { status: 201 },
  },
  {
    request: call('PUT', '/restapis/${api}/resources/${resource}/methods/POST/integration/responses/200', { responseTemplates: { 'application/json': '{"ok": true}' } }),
    expect: { status: 201 },
  },
];
const deploy: RecordedStep = { request: call('POST', '/restapis/${api}/deployments', { stageName: 'dev' }), expect: { status: 201 } };

recordedCases('REST API data plane (second pass)', [
  {
    name: 'Request validator: a required parameter the request cannot carry, then an invalid body',
    source: `${COMMON}#TestApiGatewayCommon::test_api_gateway_request_validator`,
    steps: [
      { request: call('POST', '/restapis', { name: 'api' }), expect: { status: 201 }, save: { api: 'id', root: 'rootResourceId' } },
      {
        request: call('POST', '/restapis/${api}/requestvalidators', { name: 'validator', validateRequestBody: true, validateRequestParameters: true }),
        expect: { status: 201 },
        save: { validator: 'id' },
      },
      {
        request: call('POST', '/restapis/${api}/models', {
          name: 'testSchema', contentType: 'application/json',
          schema: JSON.stringify({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'object', required: ['a'], properties: { a: { type: 'number' } } }),
        }),
        expect: { status: 201 },
      },
      ...mockPost({ requestValidatorId: '${validator}', requestParameters: { 'method.request.path.issuer': true } }).slice(1),
      deploy,
      // The method requires a path parameter its resource (/{test}) does not have.
      { request: invoke('POST', '/value', { a: 1 }), expect: { status: 400, body: { message: 'Missing required request parameters: [issuer]' } } },
      {
        request: call('PATCH', '/restapis/${api}/resources/${resource}/methods/POST', patch(
          { op: 'remove', path: '/requestParameters/method.request.path.issuer' },
          { op: 'add', path: '/requestParameters/method.request.path.test', value: 'true' },
          { op: 'add', path: '/requestModels/application~1json', value: 'testSchema' },
        )),
        expect: { status: 200 },
      },
      deploy,
      { request: invoke('POST', '/value', { b: 'x' }), expect: { status: 400, body: { message: 'Invalid request body' } } },
      { request: invoke('POST', '/value', { a: 1 }), expect: { status: 200, body: { ok: true } } },
      // Without the validator the same body passes.
      {
        request: call('PATCH', '/restapis/${api}/resources/${resource}/methods/POST', patch({ op: 'replace', path: '/requestValidatorId', value: '' })),
        expect: { status: 200 },
      },
      deploy,
      { request: invoke('POST', '/value', { b: 'x' }), expect: { status: 200, body: { ok: true } } },
    ],
  },
  {
    name: 'A method that requires an API key: 403 Forbidden without one, served with a key of the stage\'s usage plan, 403 once the key is disabled',
    source: `${COMMON}#TestUsagePlans::test_api_key_required_for_methods`,
    steps: [
      ...mockPost({ apiKeyRequired: true }),
      deploy,
      { request: call('POST', '/usageplans', { name: 'plan', apiStages: [{ apiId: '${api}', stage: 'dev' }] }), expect: { status: 201 }, save: { plan: 'id' } },
      { request: call('POST', '/apikeys', { name: 'key', enabled: true, value: 'recorded-api-key-value-0123456789' }), expect: { status: 201 }, save: { key: 'id' } },
      { request: call('POST', '/usageplans/${plan}/keys', { keyId: '${key}', keyType: 'API_KEY' }), expect: { status: 201 } },
      { request: invoke('POST', '/value', {}), expect: { status: 403, body: { message: 'Forbidden' } } },
      { request: invoke('POST', '/value', {}, { 'x-api-key': 'recorded-api-key-value-0123456789' }), expect: { status: 200, body: { ok: true } } },
      { request: call('PATCH', '/apikeys/${key}', patch({ op: 'replace', path: '/enabled', value: 'false' })), expect: { status: 200 } },
      { request: invoke('POST', '/value', {}, { 'x-api-key': 'recorded-api-key-value-0123456789' }), expect: { status: 403, body: { message: 'Forbidden' } } },
    ],
  },
]);
