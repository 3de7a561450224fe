// MOCK answers: made once when nothing of the request can change them, else step by step;
// either way the same bytes as the steps give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Integration } from '../../../models/apigateway.types.ts';
import type { RestApiLocation, RestApiSnapshot } from '../../../services/apigateway/store.ts';
import { collectSteps } from '../../shared/observe.ts';
import { RestGatewayError } from '../errors.ts';
import type { Invocation } from '../invocation.ts';
import type { RestResponse } from '../respond.ts';
import { restRequest } from '../request.ts';
import { mock } from './mock.ts';

let requests = 0;
function invocation(headers: Record<string, string> = {}, body = ''): Invocation {
  const req = restRequest({ method: 'GET', rawQuery: '', rawHeaders: Object.entries(headers).flat(), sourceIp: '192.0.2.7', protocol: 'HTTP/1.1' }, { rawPath: '/prod/m', stagePath: '/m' }, Buffer.from(body));
  const resource = { id: 'res123', path: '/m', resourceMethods: {} };
  const n = ++requests;
  return {
    exec: { apiId: 'api1234567', stage: 'prod', domainName: 'api1234567.execute-api.localhost', domainPrefix: 'api1234567' },
    location: { account: '000000000000', region: 'us-east-1' } as RestApiLocation,
    snapshot: { restApiId: 'api1234567', api: { id: 'api1234567', name: 'a' }, resources: [resource] } as unknown as RestApiSnapshot,
    stageVariables: {},
    req,
    ids: { requestId: `req-${n}`, extendedRequestId: `ext-${n}` },
    match: { resource, method: { httpMethod: 'GET' }, pathParameters: {} },
  };
}

function answer(integration: Integration, inv: Invocation): RestResponse {
  const out = mock.invoke({ invoker: undefined as never, integration, inv });
  assert.ok(!(out instanceof Promise) && 'response' in out);
  return out.response;
}

const text = (r: RestResponse) => [r.status, JSON.stringify(r.headers), r.body.toString()].join(' ');

const fixed: Integration = {
  type: 'MOCK',
  requestTemplates: { 'application/json': '{"statusCode": 201}' },
  integrationResponses: {
    '200': { statusCode: '200', responseTemplates: { 'application/json': '{"ok":200}' } },
    '201': {
      statusCode: '201',
      selectionPattern: '201',
      responseParameters: { 'method.response.header.X-Kind': "'made'" },
      responseTemplates: { 'application/json': '{"made":true}', 'text/plain': 'made' },
    },
  },
};

test('a MOCK whose templates and mappings read nothing answers the same object for every request, per response template', () => {
  const first = answer(fixed, invocation());
  assert.equal(text(first), '201 {"X-Kind":"made","Content-Type":"application/json"} {"made":true}');
  // the status is known after the first render: from the second request on the answer is kept
  const second = answer(fixed, invocation({ 'X-Other': '1' }, '{"a":1}'));
  assert.equal(answer(fixed, invocation()), second);
  assert.equal(text(second), text(first));
  const plain = answer(fixed, invocation({ Accept: 'text/plain' }));
  assert.equal(text(plain), '201 {"X-Kind":"made","Content-Type":"text/plain"} made');
  assert.equal(answer(fixed, invocation({ Accept: 'text/plain' })), plain);
  assert.equal(answer(fixed, invocation()), second);
});

test('a MOCK whose answer reads the request is made for each request', () => {
  const readsContext: Integration = {
    type: 'MOCK',
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    integrationResponses: { '200': { statusCode: '200', responseTemplates: { 'application/json': '{"id":"$context.requestId"}' } } },
  };
  const readsHeader: Integration = {
    type: 'MOCK',
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    integrationResponses: { '200': { statusCode: '200', responseParameters: { 'method.response.header.X-Echo': 'method.request.header.x-in' } } },
  };
  const bodies = [1, 2, 3].map(() => answer(readsContext, invocation()).body.toString());
  assert.equal(new Set(bodies).size, 3);
  assert.deepEqual([1, 2, 3].map((n) => answer(readsHeader, invocation({ 'x-in': `v${n}` })).headers['X-Echo']), ['v1', 'v2', 'v3']);
  const readsBody: Integration = { ...fixed, requestTemplates: { 'application/json': '{"statusCode": $input.json(\'$.code\')}' } };
  assert.deepEqual([200, 201, 200].map((code) => answer(readsBody, invocation({}, `{"code":${code}}`)).status), [200, 201, 200]);
});

test('a kept MOCK answer still runs every step while steps are observed, and still refuses a body CONVERT_TO_BINARY cannot decode', async () => {
  const binary: Integration = { ...fixed, contentHandling: 'CONVERT_TO_BINARY' };
  for (let i = 0; i < 3; i++) answer(binary, invocation());
  const { result, trace } = await collectSteps(async () => answer(binary, invocation()));
  assert.equal(result.status, 201);
  assert.deepEqual(trace.event, { headers: {}, querystring: {}, body: '{"statusCode": 201}' });
  assert.throws(() => answer(binary, invocation({}, 'not base64!')), (e: unknown) => e instanceof RestGatewayError && e.messageValue === 'Internal server error');
});
