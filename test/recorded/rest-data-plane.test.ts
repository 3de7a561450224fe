// REST API (v1) data plane as recorded on AWS. Raw-HTTP cases go through the corpus harness;
// Lambda-backed cases need a zip, so they are SDK-driven tests naming their recording above
// each assertion block.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { recordedCases } from './harness.ts';
import { clientConfig, startTestServer } from '../helpers.ts';
import { ACCOUNT, createFunction, ECHO, rawRequest, REPLY } from '../http-api-setup.ts';
import type { Localgate } from '../../src/app.ts';

const LAMBDA_SNAPSHOT = 'localstack/localstack tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json';

const OVERRIDES_DOC = 'AWS docs "Override your API\'s request and response parameters and status codes" (REST APIs), and localgate issue 13\'s comparison against AWS';

/** Steps that put a MOCK integration on the root GET with these templates and responses, deployed to `dev`. */
function mockMethod(requestTemplate: string, responses: Array<{ status: string; selectionPattern?: string; template: string }>) {
  return [
    { request: { method: 'POST', path: '/restapis', service: 'apigateway', body: { name: 'mock-api' } }, expect: { status: 201 }, save: { api: 'id', root: 'rootResourceId' } },
    { request: { method: 'PUT', path: '/restapis/${api}/resources/${root}/methods/GET', service: 'apigateway', body: { authorizationType: 'NONE' } }, expect: { status: 201 } },
    { request: { method: 'PUT', path: '/restapis/${api}/resources/${root}/methods/GET/integration', service: 'apigateway', body: { type: 'MOCK', requestTemplates: { 'application/json': requestTemplate } } }, expect: { status: 201 } },
    ...responses.flatMap((r) => [
      { request: { method: 'PUT', path: `/restapis/\${api}/resources/\${root}/methods/GET/responses/${r.status}`, service: 'apigateway', body: {} }, expect: { status: 201 } },
      {
        request: { method: 'PUT', path: `/restapis/\${api}/resources/\${root}/methods/GET/integration/responses/${r.status}`, service: 'apigateway', body: { selectionPattern: r.selectionPattern, responseTemplates: { 'application/json': r.template } } },
        expect: { status: 201 },
      },
    ]),
    { request: { method: 'POST', path: '/restapis/${api}/deployments', service: 'apigateway', body: { stageName: 'dev' } }, expect: { status: 201 } },
  ];
}

recordedCases('REST API data plane', [
  {
    name: 'a stage the API does not have is 403 Forbidden',
    source: 'localgate issue 13, "REST API data plane" (answer observed on AWS for an invoke URL naming an unknown stage)',
    steps: [
      ...mockMethod('{"statusCode": 200}', [{ status: '200', template: '{"ok": true}' }]),
      { request: { method: 'GET', path: '/restapis/${api}/dev/_user_request_/' }, expect: { status: 200, body: { ok: true } } },
      { request: { method: 'GET', path: '/restapis/${api}/nostage/_user_request_/' }, expect: { status: 403, body: { message: 'Forbidden' } } },
    ],
  },
  {
    name: 'overrides a request template sets: responseOverride takes effect, requestOverride is visible to the response template',
    source: OVERRIDES_DOC,
    steps: [
      ...mockMethod(
        '#set($context.responseOverride.status = 418)#set($context.responseOverride.header.X-From-Request = "yes")#set($context.requestOverride.header.X-Seen = "seen"){"statusCode": 200}',
        [{ status: '200', template: '{"seen": "$context.requestOverride.header.X-Seen"}' }],
      ),
      { request: { method: 'GET', path: '/restapis/${api}/dev/_user_request_/' }, expect: { status: 418, body: { seen: 'seen' }, headers: { 'X-From-Request': 'yes' } } },
    ],
  },
  {
    name: 'a request validator lists missing parameters headers first, then query string',
    source: 'localgate issue 13, "Request validator messages list missing parameters in AWS\'s order (headers, then path, then query string)"',
    steps: [
      ...mockMethod('{"statusCode": 200}', [{ status: '200', template: '{"ok": true}' }]),
      { request: { method: 'POST', path: '/restapis/${api}/requestvalidators', service: 'apigateway', body: { name: 'params', validateRequestParameters: true } }, expect: { status: 201 }, save: { validator: 'id' } },
      {
        request: {
          method: 'PATCH', path: '/restapis/${api}/resources/${root}/methods/GET', service: 'apigateway',
          body: { patchOperations: [
            { op: 'replace', path: '/requestValidatorId', value: '${validator}' },
            { op: 'add', path: '/requestParameters/method.request.querystring.q', value: 'true' },
            { op: 'add', path: '/requestParameters/method.request.header.X-Needed', value: 'true' },
          ] },
        },
        expect: { status: 200 },
      },
      { request: { method: 'POST', path: '/restapis/${api}/deployments', service: 'apigateway', body: { stageName: 'dev' } }, expect: { status: 201 } },
      { request: { method: 'GET', path: '/restapis/${api}/dev/_user_request_/' }, expect: { status: 400, body: { message: 'Missing required request parameters: [X-Needed, q]' } } },
      { request: { method: 'GET', path: '/restapis/${api}/dev/_user_request_/?q=1', headers: { 'X-Needed': 'yes' } }, expect: { status: 200, body: { ok: true } } },
    ],
  },
  {
    name: 'a selection pattern with Java inline flags selects its response',
    source: 'AWS docs "selectionPattern" (a Java regular expression), and localgate issue 13 ((?i) in selection patterns)',
    steps: [
      ...mockMethod('{"statusCode": 404}', [
        { status: '200', template: '{"picked": "default"}' },
        { status: '404', selectionPattern: '(?i)4\\d\\d', template: '{"picked": "4xx"}' },
      ]),
      { request: { method: 'GET', path: '/restapis/${api}/dev/_user_request_/' }, expect: { status: 404, body: { picked: '4xx' } } },
    ],
  },
  {
    name: 'a response template map assignment and a null $input.path compared with ""',
    source: 'localgate issue 13, "VTL" (map assignment, null $input.path == "" as AWS\'s engine evaluates them)',
    steps: [
      ...mockMethod('{"statusCode": 200}', [
        { status: '200', template: '#set($m = {})#set($k = "a")#set($m[$k] = "1")$m.put("b", "2")#if($input.path(\'$.missing\') == "")#set($e = "empty")#end{"a": "$m.a", "b": "$m.b", "missing": "$e"}' },
      ]),
      { request: { method: 'GET', path: '/restapis/${api}/dev/_user_request_/' }, expect: { status: 200, body: { a: '1', b: '2', missing: 'empty' } } },
    ],
  },
]);

describe('recorded on AWS: REST API Lambda proxy', () => {
  let app: Localgate;
  let gw: APIGatewayClient;
  let apiId: string;
  let deploymentId: string;
  const lambdaUri = (name: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}/invocations`;
  const invoke = (path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    rawRequest(`${app.url}/restapis/${apiId}/test/_user_request_${path}`, opts);

  before(async () => {
    app = await startTestServer();
    gw = new APIGatewayClient(clientConfig(app));
    await createFunction(app, 'echo', ECHO);
    await createFunction(app, 'reply', REPLY);
    apiId = (await gw.send(new CreateRestApiCommand({ name: 'proxy-api' }))).id!;
    const rootId = (await gw.send(new GetResourcesCommand({ restApiId: apiId }))).items![0].id!;
    const resource = async (pathPart: string, httpMethod: string, integrationHttpMethod: string, fn: string) => {
      const { id } = await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart }));
      await gw.send(new PutMethodCommand({ restApiId: apiId, resourceId: id, httpMethod, authorizationType: 'NONE' }));
      await gw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: id, httpMethod, type: 'AWS_PROXY', integrationHttpMethod, uri: lambdaUri(fn) }));
    };
    await resource('{proxy+}', 'ANY', 'POST', 'echo');
    await resource('reply', 'POST', 'POST', 'reply');
    await resource('get-integration', 'GET', 'GET', 'echo');
    deploymentId = (await gw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'test' }))).id!;
  });
  after(async () => {
    gw.destroy();
    await app.close();
  });

  const event = async (path: string, headers: Record<string, string> = {}) => {
    const res = await invoke(path, { headers: { 'User-Agent': 'python-requests/testing', ...headers } });
    assert.equal(res.status, 200, res.body);
    return JSON.parse(res.body);
  };

  // `${LAMBDA_SNAPSHOT}#test_lambda_aws_proxy_integration`
  it('keeps the path as received: a trailing slash, %2B, a + and a // inside a greedy path', async () => {
    const plain = await event('/test-path', { authorization: 'random-value', 'tEsT-HEADeR': 'aValUE' });
    assert.equal(plain.path, '/test-path');
    assert.deepEqual(plain.pathParameters, { proxy: 'test-path' });
    assert.equal(plain.resource, '/{proxy+}');
    assert.equal(plain.headers.Authorization, 'random-value');
    assert.deepEqual(plain.multiValueHeaders.Authorization, ['random-value']);
    assert.equal(plain.headers['tEsT-HEADeR'], 'aValUE');
    assert.equal(plain.queryStringParameters, null);
    assert.equal(plain.multiValueQueryStringParameters, null);
    assert.equal(plain.stageVariables, null);
    assert.equal(plain.body, null);
    assert.equal(plain.isBase64Encoded, false);

    const slash = await event('/test-path/');
    assert.equal(slash.path, '/test-path/');
    assert.deepEqual(slash.pathParameters, { proxy: 'test-path' });
    assert.equal(slash.requestContext.path, '/test/test-path/');

    const email = await event('/test-path/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com');
    assert.equal(email.path, '/test-path/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com');
    assert.deepEqual(email.pathParameters, { proxy: 'test-path/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com' });
    assert.equal(email.requestContext.path, '/test/test-path/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com');

    const doubled = await event('/a//b');
    assert.equal(doubled.path, '/a//b');
    assert.deepEqual(doubled.pathParameters, { proxy: 'a//b' });
  });

  // `${LAMBDA_SNAPSHOT}#test_lambda_aws_proxy_integration` (invocation-payload-with-params-encoding, -multi)
  it('decodes query values, + as a space, and keeps every value of a repeated name', async () => {
    const query = '?dateTimeOffset=2023-06-12T18:05:10.123456+00:00&email=test%2Balias@gmail.com&plus=test+alias@gmail.com&url=https://www.google.com/&whitespace=foo%20bar&zhash=abort/';
    const e = await event(`/test-path/api${query}`);
    assert.deepEqual(e.queryStringParameters, {
      dateTimeOffset: '2023-06-12T18:05:10.123456 00:00',
      email: 'test+alias@gmail.com',
      plus: 'test alias@gmail.com',
      url: 'https://www.google.com/',
      whitespace: 'foo bar',
      zhash: 'abort/',
    });
    const multi = await event('/test-path?category=electronics&category=books&price=10&price=20&price=30');
    assert.deepEqual(multi.queryStringParameters, { category: 'books', price: '30' });
    assert.deepEqual(multi.multiValueQueryStringParameters, { category: ['electronics', 'books'], price: ['10', '20', '30'] });
  });

  // `${LAMBDA_SNAPSHOT}#test_lambda_aws_proxy_integration`: requestContext's keys
  it('requestContext carries deploymentId and every key AWS sends', async () => {
    const e = await event('/test-path');
    const rc = e.requestContext;
    assert.deepEqual(Object.keys(rc).sort(), [
      'accountId', 'apiId', 'deploymentId', 'domainName', 'domainPrefix', 'extendedRequestId', 'httpMethod', 'identity',
      'path', 'protocol', 'requestId', 'requestTime', 'requestTimeEpoch', 'resourceId', 'resourcePath', 'stage',
    ]);
    assert.equal(rc.deploymentId, deploymentId);
    assert.equal(rc.accountId, ACCOUNT);
    assert.equal(rc.apiId, apiId);
    assert.equal(rc.resourcePath, '/{proxy+}');
    assert.equal(rc.stage, 'test');
    assert.equal(rc.protocol, 'HTTP/1.1');
    assert.deepEqual(rc.identity, {
      accessKey: null, accountId: null, caller: null, cognitoAuthenticationProvider: null, cognitoAuthenticationType: null,
      cognitoIdentityId: null, cognitoIdentityPoolId: null, principalOrgId: null, sourceIp: '127.0.0.1', user: null,
      userAgent: 'python-requests/testing', userArn: null,
    });
  });

  // `${LAMBDA_SNAPSHOT}#test_lambda_aws_proxy_integration_non_post_method`
  it('an AWS_PROXY integration whose integration method is not POST is a 500', async () => {
    const res = await invoke('/get-integration');
    assert.equal(res.status, 500);
    assert.deepEqual(JSON.parse(res.body), { message: 'Internal server error' });
  });

  const reply = (result: unknown) => invoke('/reply', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) });
  const header = (headers: IncomingHttpHeaders, name: string) => headers[name.toLowerCase()];

  // AWS docs, "Output format of a Lambda function for proxy integration" (headers and
  // multiValueHeaders merged), and localgate issue 13's comparison against AWS.
  it('the proxy result: no statusCode is 200; headers and multiValueHeaders merge', async () => {
    const res = await reply({ body: 'hello' });
    assert.equal(res.status, 200);
    assert.equal(res.body, 'hello');
    const merged = await reply({ statusCode: 201, headers: { 'X-Both': 'value-solo', 'X-Solo': 'one' }, multiValueHeaders: { 'X-Both': ['value-multi'], 'X-Multi': ['a', 'b'] }, body: '' });
    assert.equal(merged.status, 201);
    assert.equal(header(merged.headers, 'X-Both'), 'value-multi, value-solo');
    assert.equal(header(merged.headers, 'X-Solo'), 'one');
    assert.equal(header(merged.headers, 'X-Multi'), 'a, b');
  });

  it('a malformed proxy result (unknown key, body not a string) is 502 Internal server error', async () => {
    for (const result of [{ statusCode: 200, body: 'x', unexpected: true }, { statusCode: 200, body: { not: 'a string' } }]) {
      const res = await reply(result);
      assert.equal(res.status, 502, JSON.stringify(result));
      assert.deepEqual(JSON.parse(res.body), { message: 'Internal server error' });
    }
  });
});

describe('recorded on AWS: REST API HTTP integrations', () => {
  const HTTP_SNAPSHOT = 'localstack/localstack tests/aws/services/apigateway/test_apigateway_http.snapshot.json';
  let app: Localgate;
  let gw: APIGatewayClient;
  let upstream: Server;
  let apiId: string;

  before(async () => {
    // The upstream answers with the headers it received, and headers of its own that clash with the gateway's.
    upstream = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const body = JSON.stringify({ headers: req.headers });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-amzn-RequestId': 'upstream-request-id', server: 'upstream' });
        res.end(body);
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`;
    app = await startTestServer();
    gw = new APIGatewayClient(clientConfig(app));
    apiId = (await gw.send(new CreateRestApiCommand({ name: 'http-api' }))).id!;
    const rootId = (await gw.send(new GetResourcesCommand({ restApiId: apiId }))).items![0].id!;
    for (const type of ['HTTP', 'HTTP_PROXY'] as const) {
      const { id } = await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: type.toLowerCase() }));
      await gw.send(new PutMethodCommand({ restApiId: apiId, resourceId: id, httpMethod: 'POST', authorizationType: 'NONE' }));
      await gw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: id, httpMethod: 'POST', type, integrationHttpMethod: 'POST', uri: upstreamUrl }));
    }
    await gw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'test' }));
  });
  after(async () => {
    gw.destroy();
    await app.close();
    await new Promise((r) => upstream.close(r));
  });

  const post = (path: string) =>
    rawRequest(`${app.url}/restapis/${apiId}/test/_user_request_${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'python-requests/2.31.0', accept: '*/*' }, body: '{"message": "hello world"}' });

  // `${HTTP_SNAPSHOT}#test_http_integration_with_lambda[HTTP]`
  it('HTTP: the gateway sends its own User-Agent, Accept, the mapped Content-Type and the API id', async () => {
    const res = await post('/http');
    assert.equal(res.status, 200, res.body);
    const seen = JSON.parse(res.body).headers;
    assert.equal(seen['user-agent'], `AmazonAPIGateway_${apiId}`);
    assert.equal(seen.accept, 'application/json');
    assert.equal(seen['content-type'], 'application/json');
    assert.equal(seen['x-amzn-apigateway-api-id'], apiId);
    assert.equal(res.headers['x-amzn-remapped-date'], undefined);
  });

  // `${HTTP_SNAPSHOT}#test_http_integration_with_lambda[HTTP_PROXY]`
  it('HTTP_PROXY: the client headers go on with the API id; clashing upstream headers come back remapped', async () => {
    const res = await post('/http_proxy');
    assert.equal(res.status, 200, res.body);
    const seen = JSON.parse(res.body).headers;
    assert.equal(seen['user-agent'], 'python-requests/2.31.0');
    assert.equal(seen.accept, '*/*');
    assert.equal(seen['x-amzn-apigateway-api-id'], apiId);
    assert.equal(res.headers['x-amzn-remapped-x-amzn-requestid'], 'upstream-request-id');
    assert.equal(res.headers['x-amzn-remapped-content-length'], String(Buffer.byteLength(res.body)));
    assert.match(String(res.headers['x-amzn-remapped-date']), /GMT$/);
    assert.equal(res.headers['x-amzn-remapped-connection'], 'keep-alive');
    assert.equal(res.headers['x-amzn-remapped-server'], 'upstream');
    assert.notEqual(res.headers['x-amzn-requestid'], 'upstream-request-id');
    assert.equal(res.headers['content-type'], 'application/json');
  });
});
