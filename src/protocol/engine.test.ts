import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from './model.ts';
import { invokeOperation, ServiceRouter, type RequestContext, type ServiceDefinition } from './engine.ts';

const model = loadModel('apigatewayv2');
const calls: unknown[] = [];
const service: ServiceDefinition = {
  name: 'apigatewayv2',
  model,
  provider: {
    createApi(input: unknown) {
      calls.push(input);
      return { ApiId: 'abcdefghij', Name: 'n', CreatedDate: new Date(0), Tags: { a: 'b' } };
    },
    getApis(input: unknown) {
      calls.push(input);
      return { Items: [], NextToken: 'x' };
    },
  },
  validationErrorCode: 'BadRequestException',
  malformedBodyCode: 'BadRequestException',
  maxBodyBytes: 1024,
  signingNames: ['apigateway'],
};
const router = new ServiceRouter([service]);
const ctx: RequestContext = { caller: { account: '000000000000', region: 'us-east-1', signed: false }, account: '000000000000', region: 'us-east-1', requestId: 'r', baseUrl: 'http://localhost:1' };
const req = (method: string, path: string, body = '', query = '') => {
  const m = router.match(method, path, new URLSearchParams(query));
  assert.ok(m && m !== 'wrong-method');
  return invokeOperation(m, { method, headers: {}, query: new URLSearchParams(query), body: Buffer.from(body) }, ctx);
};

test('body members are read by wire name and answered by wire name', async () => {
  calls.length = 0;
  const res = await req('POST', '/v2/apis', JSON.stringify({ name: 'n', protocolType: 'HTTP', corsConfiguration: { allowOrigins: ['*'] } }));
  assert.equal(res.status, 201);
  assert.deepEqual(calls[0], { Name: 'n', ProtocolType: 'HTTP', CorsConfiguration: { AllowOrigins: ['*'] } });
  assert.deepEqual(JSON.parse(String(res.body)), { apiId: 'abcdefghij', name: 'n', createdDate: '1970-01-01T00:00:00Z', tags: { a: 'b' } });
});

test('PascalCase bodies are accepted and answered in PascalCase', async () => {
  const res = await req('POST', '/v2/apis', JSON.stringify({ Name: 'n', ProtocolType: 'HTTP' }));
  assert.equal(JSON.parse(String(res.body)).ApiId, 'abcdefghij');
});

test('query members are coerced', async () => {
  calls.length = 0;
  await req('GET', '/v2/apis', '', 'maxResults=5&nextToken=t');
  assert.deepEqual(calls[0], { MaxResults: '5', NextToken: 't' });
});

test('missing members, wrong types, bad enums and malformed JSON are BadRequestException', async () => {
  for (const body of ['{"protocolType":"HTTP"}', '{"name":5,"protocolType":"HTTP"}', '{"name":"n","protocolType":"FTP"}', '{nope', '[1]']) {
    const res = await req('POST', '/v2/apis', body);
    assert.equal(res.status, 400, body);
    assert.equal(res.headers['x-amzn-ErrorType'], 'BadRequestException');
    assert.equal(typeof JSON.parse(String(res.body)).message, 'string');
  }
});

test('an operation without a provider method answers 501 naming it', async () => {
  const res = await req('DELETE', '/v2/apis/abc');
  assert.equal(res.status, 501);
  assert.match(JSON.parse(String(res.body)).message, /DeleteApi/);
});

test('unknown paths and wrong methods do not match', () => {
  assert.equal(router.match('GET', '/v3/nothing', new URLSearchParams()), undefined);
  assert.equal(router.match('PATCH', '/v2/apis', new URLSearchParams()), 'wrong-method');
});

test('validation messages name members in lowerCamel case, as AWS does', async () => {
  const res = await req('POST', '/v2/apis', JSON.stringify({ Name: 'n', ProtocolType: 'FTP' }));
  assert.match(JSON.parse(String(res.body)).message, /^1 validation error detected: Value 'FTP' at 'protocolType' failed to satisfy constraint: Member must satisfy enum value set: \[/);
});
