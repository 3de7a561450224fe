import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventV1, eventV2, type EventContext } from './events.ts';
import { headerMap, queryMap, requestTime, type GatewayRequest } from '../shared/gateway-request.ts';

const req = (over: Partial<GatewayRequest> = {}): GatewayRequest => ({
  method: 'POST',
  rawPath: '/prod/my/path',
  stagePath: '/my/path',
  rawQuery: 'parameter1=value1&parameter1=value2&parameter2=value',
  headers: headerMap(['Header1', 'value1', 'Header2', 'value1', 'header2', 'value2', 'User-Agent', 'agent', 'Cookie', 'cookie1=a; cookie2=b', 'Content-Type', 'text/plain']),
  query: queryMap('parameter1=value1&parameter1=value2&parameter2=value'),
  body: Buffer.from('Hello from Lambda'),
  sourceIp: '192.0.2.1',
  protocol: 'HTTP/1.1',
  timeEpoch: 1583348638390,
  ...over,
});
const ctx: EventContext = {
  accountId: '123456789012',
  apiId: 'api-id',
  domainName: 'id.execute-api.localhost',
  domainPrefix: 'id',
  requestId: 'id',
  routeKey: 'POST /my/{p}',
  stage: 'prod',
  pathParameters: { p: 'path' },
  stageVariables: { v: '1' },
};

test('request time is written as API Gateway writes it', () => {
  assert.equal(requestTime(1583348638390), '04/Mar/2020:19:03:58 +0000');
});

test('payload 2.0: lower-case headers, commas for duplicates, cookies apart, the forwarding headers API Gateway adds', () => {
  const trace = 'Root=1-5e5ffb9e-1e10fea94b85299d2985f527';
  const withTrace = req({ headers: headerMap([...['Header1', 'value1', 'Header2', 'value1', 'header2', 'value2', 'User-Agent', 'agent', 'Cookie', 'cookie1=a; cookie2=b', 'Content-Type', 'text/plain'], 'X-Amzn-Trace-Id', trace]) });
  assert.deepEqual(eventV2(withTrace, ctx), {
    version: '2.0',
    routeKey: 'POST /my/{p}',
    rawPath: '/prod/my/path',
    rawQueryString: 'parameter1=value1&parameter1=value2&parameter2=value',
    cookies: ['cookie1=a', 'cookie2=b'],
    headers: {
      header1: 'value1', header2: 'value1,value2', 'user-agent': 'agent', 'content-type': 'text/plain',
      'x-amzn-trace-id': trace, 'x-forwarded-for': '192.0.2.1', 'x-forwarded-port': '80', 'x-forwarded-proto': 'http',
    },
    queryStringParameters: { parameter1: 'value1,value2', parameter2: 'value' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api-id',
      domainName: 'id.execute-api.localhost',
      domainPrefix: 'id',
      http: { method: 'POST', path: '/prod/my/path', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'agent' },
      requestId: 'id',
      routeKey: 'POST /my/{p}',
      stage: 'prod',
      time: '04/Mar/2020:19:03:58 +0000',
      timeEpoch: 1583348638390,
    },
    body: 'Hello from Lambda',
    pathParameters: { p: 'path' },
    isBase64Encoded: false,
    stageVariables: { v: '1' },
  });
});

test('payload 2.0 leaves empty members out and base64-encodes binary bodies', () => {
  const e = eventV2(req({ rawQuery: '', query: new Map(), headers: headerMap(['Content-Type', 'application/octet-stream']), body: Buffer.from([0, 1, 255]) }), { ...ctx, pathParameters: undefined, stageVariables: undefined });
  assert.equal('cookies' in e, false);
  assert.equal('queryStringParameters' in e, false);
  assert.equal('pathParameters' in e, false);
  assert.equal('stageVariables' in e, false);
  assert.equal(e.body, 'AAH/');
  assert.equal(e.isBase64Encoded, true);
  const empty = eventV2(req({ body: Buffer.alloc(0) }), ctx);
  assert.equal('body' in empty, false);
  assert.equal(empty.isBase64Encoded, false);
});

test('payload 1.0: last values, multi-value lists, nulls for empty members', () => {
  const e = eventV1(req(), ctx) as Record<string, any>;
  assert.equal(e.version, '1.0');
  assert.equal(e.resource, '/my/{p}');
  assert.equal(e.path, '/prod/my/path');
  assert.equal(e.httpMethod, 'POST');
  assert.equal(e.headers.header2, 'value2');
  assert.deepEqual(e.multiValueHeaders.header2, ['value1', 'value2']);
  assert.equal(e.headers.cookie, 'cookie1=a; cookie2=b');
  assert.deepEqual(e.queryStringParameters, { parameter1: 'value2', parameter2: 'value' });
  assert.deepEqual(e.multiValueQueryStringParameters, { parameter1: ['value1', 'value2'], parameter2: ['value'] });
  assert.equal(e.requestContext.resourcePath, '/my/{p}');
  assert.equal(e.requestContext.requestTime, '04/Mar/2020:19:03:58 +0000');
  assert.equal(e.requestContext.identity.sourceIp, '192.0.2.1');
  assert.equal(e.requestContext.identity.userAgent, 'agent');
  assert.equal(e.requestContext.extendedRequestId, 'id');
  const bare = eventV1(req({ rawQuery: '', query: new Map(), body: Buffer.alloc(0) }), { ...ctx, pathParameters: undefined, stageVariables: undefined });
  assert.equal(bare.queryStringParameters, null);
  assert.equal(bare.multiValueQueryStringParameters, null);
  assert.equal(bare.pathParameters, null);
  assert.equal(bare.stageVariables, null);
  assert.equal(bare.body, null);
});
