// The integration contract (integration.ts), checked for every integration of every API
// kind through the same cases: a working function or upstream gives an answer; a function
// that outlasts the timeout, a Lambda that refuses, an unreachable or silent upstream and a
// URI that names nothing are neutral failures, returned and never thrown. A new integration
// type added to a kind's table is run through these cases by the loop at the end.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LambdaInvoker } from '../../services/lambda/invoker.ts';
import type { RestApiRecord, RestApiSnapshot } from '../../services/apigateway/store.ts';
import { httpIntegrations } from '../http-api/integrations/index.ts';
import { mappingSources } from '../http-api/mapping-sources.ts';
import type { Invocation } from '../rest-api/invocation.ts';
import { restIntegrations } from '../rest-api/integrations/index.ts';
import { restRequest } from '../rest-api/request.ts';
import { websocketIntegrations } from '../websocket/integrations/index.ts';
import { gatewayRequest } from './gateway-request.ts';
import { isFailure, type FailureKind, type Integration } from './integration.ts';

const FUNCTION = 'arn:aws:lambda:us-east-1:000000000000:function:f';
/** The form AWS (non-proxy) integrations name a function in. */
const FUNCTION_ACTION = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FUNCTION}/invocations`;
const SHORT_MS = 50;
const LONG_MS = 10_000;

const invokers: Record<'answering' | 'silent' | 'refusing', LambdaInvoker> = {
  answering: { invoke: async () => ({ statusCode: 200, payload: Buffer.from('{"statusCode":200,"body":"hello"}'), executedVersion: '$LATEST' }) },
  silent: { invoke: () => new Promise<never>(() => undefined) },
  refusing: { invoke: () => Promise.reject(new Error('Function not found')) },
};

/** What an integration calls, and with what URI and invoker a case sets it up. */
interface Setup {
  uri: string;
  invoker: LambdaInvoker;
  /** Short where the case is a timeout; generous elsewhere (this machine may be busy). */
  timeoutMs: number;
}

/** Builds a kind's input for one integration type, from a case's setup. */
type InputFor = (type: string, setup: Setup) => unknown;

const source = { method: 'POST', rawQuery: 'q=1', rawHeaders: ['Content-Type', 'application/json'], sourceIp: '127.0.0.1', protocol: 'HTTP/1.1' };
const paths = { rawPath: '/items', stagePath: '/items' };
const body = Buffer.from('{"statusCode": 200}');

const httpInput: InputFor = (type, { uri, invoker, timeoutMs }) => {
  const req = gatewayRequest(source, paths, body);
  const event = { accountId: '000000000000', apiId: 'api', domainName: 'api.execute-api.localhost', domainPrefix: 'api', requestId: 'id', routeKey: 'POST /items', stage: '$default' };
  return {
    invoker,
    compiled: { integration: { IntegrationType: type, IntegrationUri: uri, PayloadFormatVersion: '2.0' }, requestMappings: [], responseMappings: new Map(), timeoutMs },
    req,
    event,
    sources: mappingSources(req, event, () => undefined),
    domainName: event.domainName,
  };
};

const restInput: InputFor = (type, { uri, invoker, timeoutMs }) => {
  const api = { id: 'api', name: 'api', createdDate: new Date(0), rootResourceId: 'root' };
  const snapshot = { restApiId: 'api', api, resources: [], authorizers: {}, models: {}, requestValidators: {}, gatewayResponses: {} } as unknown as RestApiSnapshot;
  const resource = { id: 'r', path: '/items', resourceMethods: {} };
  const inv: Invocation = {
    exec: { apiId: 'api', stage: 'prod', domainName: 'api.execute-api.localhost', domainPrefix: 'api' },
    location: { account: '000000000000', region: 'us-east-1', record: { api } as unknown as RestApiRecord },
    snapshot,
    stageVariables: {},
    req: restRequest(source, paths, body),
    ids: { requestId: 'id', extendedRequestId: 'ext' },
    match: { resource, method: { httpMethod: 'POST' }, pathParameters: {} },
  };
  return { invoker, integration: { type, uri, httpMethod: 'POST', timeoutInMillis: timeoutMs }, inv };
};

const websocketInput: InputFor = (type, { uri, invoker, timeoutMs }) => {
  const integration = { IntegrationType: type, IntegrationUri: uri, TimeoutInMillis: timeoutMs };
  return {
    invoker,
    route: { route: { RouteKey: '$default' }, integration, integrationResponses: [], twoWay: true },
    integration,
    proxyEvent: () => ({ body: '{"statusCode": 200}' }),
    body: '{"statusCode": 200}',
    params: { path: {}, querystring: {}, header: {} },
    context: {},
  };
};

/** Every kind's table, with how to build its input. */
const kinds: Array<{ kind: string; table: Record<string, Integration<never, unknown>>; input: InputFor }> = [
  { kind: 'HTTP API', table: httpIntegrations, input: httpInput },
  { kind: 'REST API', table: restIntegrations, input: restInput },
  { kind: 'WebSocket API', table: websocketIntegrations, input: websocketInput },
];

/** What each integration type calls: a Lambda function, an HTTP upstream, or nothing. */
const CALLS: Record<string, 'lambda' | 'http' | 'nothing'> = { AWS_PROXY: 'lambda', AWS: 'lambda', HTTP_PROXY: 'http', HTTP: 'http', MOCK: 'nothing' };

let upstream: Server;
let base = '';
let closedPort = 0;

before(async () => {
  upstream = createServer((req, res) => {
    if (req.url?.startsWith('/silent')) return; // never answers
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  // A port nothing listens on: bound, then released.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

after(() => {
  upstream.closeAllConnections();
  upstream.close();
});

/** The cases, for what a type calls: a setup and the failure it must give (undefined: an answer). */
function cases(calls: 'lambda' | 'http' | 'nothing'): Array<{ name: string; setup: () => Setup; failure?: FailureKind }> {
  if (calls === 'nothing') return [{ name: 'answers', setup: () => ({ uri: '', invoker: invokers.refusing, timeoutMs: LONG_MS }) }];
  if (calls === 'lambda') {
    return [
      { name: 'a working function: an answer', setup: () => ({ uri: FUNCTION_ACTION, invoker: invokers.answering, timeoutMs: LONG_MS }) },
      { name: 'a function outlasting the timeout: timeout', setup: () => ({ uri: FUNCTION_ACTION, invoker: invokers.silent, timeoutMs: SHORT_MS }), failure: 'timeout' },
      { name: 'Lambda refusing the call: invoke-failed', setup: () => ({ uri: FUNCTION_ACTION, invoker: invokers.refusing, timeoutMs: LONG_MS }), failure: 'invoke-failed' },
      { name: 'a URI naming no function: misconfigured', setup: () => ({ uri: 'arn:aws:apigateway:us-east-1:lambda:path/nothing', invoker: invokers.answering, timeoutMs: LONG_MS }), failure: 'misconfigured' },
    ];
  }
  return [
    { name: 'a working upstream: an answer', setup: () => ({ uri: `${base}/items`, invoker: invokers.refusing, timeoutMs: LONG_MS }) },
    { name: 'a silent upstream: timeout', setup: () => ({ uri: `${base}/silent`, invoker: invokers.refusing, timeoutMs: SHORT_MS }), failure: 'timeout' },
    { name: 'an unreachable upstream: upstream-error', setup: () => ({ uri: `http://127.0.0.1:${closedPort}/`, invoker: invokers.refusing, timeoutMs: LONG_MS }), failure: 'upstream-error' },
    { name: 'a URI that is not a URL: misconfigured', setup: () => ({ uri: 'not a url', invoker: invokers.refusing, timeoutMs: LONG_MS }), failure: 'misconfigured' },
  ];
}

for (const { kind, table, input } of kinds) {
  describe(`${kind} integrations keep the contract`, () => {
    for (const [type, integration] of Object.entries(table)) {
      const calls = CALLS[type];
      test(`${type} is a known integration type`, () => assert.ok(calls, `add ${type} to CALLS with what it calls`));
      for (const c of cases(calls ?? 'nothing')) {
        test(`${type}: ${c.name}`, async () => {
          const out = await integration.invoke(input(type, c.setup()) as never);
          if (c.failure) {
            assert.ok(isFailure(out), `expected the ${c.failure} failure, got ${JSON.stringify(out)}`);
            assert.equal(out.failure, c.failure);
            assert.equal(typeof out.reason, 'string');
          } else {
            assert.ok(!isFailure(out), `expected an answer, got ${isFailure(out) ? JSON.stringify(out) : ''}`);
            const answer = out as { body?: unknown };
            if (answer.body && typeof (answer.body as NodeJS.ReadableStream).resume === 'function') (answer.body as NodeJS.ReadableStream).resume();
          }
        });
      }
    }
  });
}
