// Integration plans answer as the interpreted path does: each case runs the planned
// integration request and response and compares them with the templates rendered by
// renderTemplate against the full $context, and the mappings evaluated by mappingValue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Integration, IntegrationResponse } from '../../models/apigateway.types.ts';
import type { RestApiLocation, RestApiSnapshot } from '../../services/apigateway/store.ts';
import { fullMatch } from '../languages/java-regex/java-regex.ts';
import { renderTemplate } from '../vtl/index.ts';
import { RestGatewayError } from './errors.ts';
import { integrationRequest } from './integration-request.ts';
import { integrationResponse } from './integration-response.ts';
import { requestParams, templateContext, type Invocation } from './invocation.ts';
import { compileIntegrationPlan, integrationPlan, selectResponse } from './plan.ts';
import { restRequest } from './request.ts';
import { mappingValue, type ValueSources } from './values.ts';

function invocation(opts: { headers?: Record<string, string>; query?: string; body?: string; stageVariables?: Record<string, string> } = {}): Invocation {
  const rawHeaders = Object.entries(opts.headers ?? {}).flat();
  const req = restRequest({ method: 'POST', rawQuery: opts.query ?? '', rawHeaders, sourceIp: '192.0.2.7', protocol: 'HTTP/1.1' }, { rawPath: '/prod/pets/7', stagePath: '/pets/7' }, Buffer.from(opts.body ?? ''), 1_700_000_000_000);
  const resource = { id: 'res123', path: '/pets/{id}', resourceMethods: {} };
  const snapshot = { restApiId: 'api1234567', api: { id: 'api1234567', name: 'a' }, resources: [resource], authorizers: {}, models: {}, requestValidators: {}, gatewayResponses: {} } as unknown as RestApiSnapshot;
  return {
    exec: { apiId: 'api1234567', stage: 'prod', domainName: 'api1234567.execute-api.us-east-1.amazonaws.com', domainPrefix: 'api1234567' },
    location: { account: '000000000000', region: 'us-east-1' } as RestApiLocation,
    snapshot,
    stageVariables: opts.stageVariables ?? { alias: 'live' },
    req,
    ids: { requestId: 'req-1', extendedRequestId: 'ext-1' },
    deploymentId: 'dep1',
    match: { resource, method: { httpMethod: 'POST' }, pathParameters: { id: '7' } },
  };
}

/** The interpreted rendering: the template parsed and run against the full $context. */
function interpreted(template: string, inv: Invocation, body: string, context = templateContext(inv)) {
  return renderTemplate(template, { body, params: requestParams(inv), context, stageVariables: inv.stageVariables });
}

test('request templates that read some or none of $context render as against the full $context', () => {
  const templates = [
    '{"statusCode": 200}',
    '{"id": "$context.requestId", "ip": "$context.identity.sourceIp", "path": "$context.resourcePath", "time": "$context.requestTime"}',
    "{\"name\": \"$input.path('$.pet.name')\", \"all\": $input.json('$.pet'), \"id\": \"$input.params('id')\", \"q\": \"$input.params('q')\"}",
    '#foreach($k in $context.keySet())$k=$context.get($k);#end',
    '$stageVariables.alias $util.escapeJavaScript($input.body)',
  ];
  for (const template of templates) {
    const inv = invocation({ headers: { 'Content-Type': 'application/json' }, query: 'q=1', body: '{"pet":{"name":"Rex"}}' });
    const out = integrationRequest(inv, { type: 'MOCK', requestTemplates: { 'application/json': template } }, false);
    assert.equal(out.body.toString(), interpreted(template, inv, '{"pet":{"name":"Rex"}}').output, template);
  }
  // the plan built only what the template reads
  const inv = invocation();
  const out = integrationRequest(inv, { type: 'MOCK', requestTemplates: { 'application/json': '$context.stage' } }, false);
  assert.deepEqual(out.context, { stage: 'prod' });
  assert.equal(out.body.toString(), 'prod');
});

test('$context.requestOverride and responseOverride set by the request template reach the integration request and the response', () => {
  const requestTemplate = '#set($context.requestOverride.header.X-Who = "me")#set($context.requestOverride.querystring.page = "2")#set($context.responseOverride.status = 201)#set($context.responseOverride.header.X-Set = "by-request"){"statusCode": 200}';
  const responseTemplate = '#set($context.responseOverride.header.X-Seen = "$context.responseOverride.status")done';
  const integration: Integration = { type: 'MOCK', requestTemplates: { 'application/json': requestTemplate }, integrationResponses: { '200': { statusCode: '200', responseTemplates: { 'application/json': responseTemplate } } } };
  const inv = invocation();
  const request = integrationRequest(inv, integration, false);
  const reference = interpreted(requestTemplate, inv, '');
  assert.deepEqual(request.headers.get('x-who'), ['me']);
  assert.deepEqual(request.query.get('page'), ['2']);
  assert.deepEqual(request.context.requestOverride, reference.requestOverride);
  assert.deepEqual(request.context.responseOverride, reference.responseOverride);
  const response = integrationResponse(inv, integration, { status: 200, selector: '200', headers: new Map(), body: Buffer.alloc(0) }, request.context);
  assert.deepEqual(response, { status: 201, headers: { 'X-Set': 'by-request', 'X-Seen': '201', 'Content-Type': 'application/json' }, body: Buffer.from('done') });
  const seen = interpreted(responseTemplate, inv, '{}', { ...templateContext(inv), requestOverride: reference.requestOverride, responseOverride: reference.responseOverride });
  assert.deepEqual(seen.responseOverride?.header, { 'X-Set': 'by-request', 'X-Seen': '201' });
});

test('passthrough behaviours: WHEN_NO_MATCH passes, WHEN_NO_TEMPLATES only without templates, NEVER refuses (415)', () => {
  const inv = invocation({ headers: { 'Content-Type': 'text/plain' }, body: 'raw' });
  const refuses = (integration: Integration) => assert.throws(() => integrationRequest(inv, integration, false), (e) => e instanceof RestGatewayError && e.type === 'UNSUPPORTED_MEDIA_TYPE');
  const passes = (integration: Integration) => assert.equal(integrationRequest(inv, integration, false).body.toString(), 'raw');
  const json = { 'application/json': '{}' };
  passes({ type: 'MOCK', requestTemplates: json });
  passes({ type: 'MOCK', requestTemplates: json, passthroughBehavior: 'WHEN_NO_MATCH' });
  passes({ type: 'MOCK', passthroughBehavior: 'WHEN_NO_TEMPLATES' });
  refuses({ type: 'MOCK', requestTemplates: json, passthroughBehavior: 'WHEN_NO_TEMPLATES' });
  refuses({ type: 'MOCK', passthroughBehavior: 'NEVER' });
  // the template's content type matches case-insensitively
  assert.equal(integrationRequest(inv, { type: 'MOCK', requestTemplates: { 'Text/Plain': 'T' }, passthroughBehavior: 'NEVER' }, false).body.toString(), 'T');
});

test('selection patterns (with (?i)) pick the response as fullMatch over the responses in order does', () => {
  const responses: Record<string, IntegrationResponse> = {
    '200': { statusCode: '200' },
    '400': { statusCode: '400', selectionPattern: '(?i).*bad request.*' },
    '404': { statusCode: '404', selectionPattern: '4\\d\\d' },
    '500': { statusCode: '500', selectionPattern: '5.*' },
    '502': { statusCode: '502', selectionPattern: '[unclosed' },
  };
  const plan = compileIntegrationPlan({ type: 'AWS', integrationResponses: responses });
  const all = Object.values(responses);
  const reference = (selector: string) => all.find((r) => r.selectionPattern && fullMatch(r.selectionPattern, selector)) ?? all.find((r) => !r.selectionPattern);
  for (const selector of ['200', '404', '418', 'Bad Request: x', 'BAD REQUEST', '500', '5', 'x400', '[unclosed', '']) {
    assert.equal(selectResponse(plan, selector)?.response, reference(selector), selector);
  }
  assert.equal(selectResponse(plan, 'Oops BAD request!')?.status, 400);
  assert.equal(selectResponse(plan, '418')?.status, 404);
});

test('response parameters and templates: the mappings give what mappingValue gives, the Accept header picks the template', () => {
  const responseParameters = {
    'method.response.header.X-Literal': "'fixed'",
    'method.response.header.X-Stage': 'context.stage',
    'method.response.header.X-Ip': 'context.identity.sourceIp',
    'method.response.header.X-Upstream': 'integration.response.header.x-up',
    'method.response.header.X-Field': 'integration.response.body.a.b',
    'method.response.header.X-Query': 'method.request.querystring.q',
    'method.response.header.X-Var': 'stageVariables.alias',
    'method.response.header.X-None': 'method.request.header.absent',
  };
  const integration: Integration = {
    type: 'HTTP',
    integrationResponses: { '200': { statusCode: '200', responseParameters, responseTemplates: { 'application/xml': '<a>$input.path("$.a.b")</a>', 'application/json': '{"b": $input.json("$.a.b")}' } } },
  };
  const endpoint = { status: 200, selector: '200', headers: new Map([['x-up', ['u1', 'u2']]]), body: Buffer.from('{"a":{"b":"deep"}}') };
  for (const accept of [undefined, 'application/xml', 'text/html, APPLICATION/XML;q=0.9', 'text/html']) {
    const inv = invocation({ query: 'q=v', headers: accept ? { Accept: accept } : {} });
    const request = integrationRequest(inv, integration, false);
    const out = integrationResponse(inv, integration, endpoint, request.context);
    const sources: ValueSources = {
      requestPath: (n) => inv.match?.pathParameters[n],
      requestQuery: (n) => inv.req.query.get(n),
      requestHeader: (n) => inv.req.headers.get(n.toLowerCase()),
      requestBody: () => '',
      context: templateContext(inv),
      stageVariables: inv.stageVariables,
      responseHeader: (n) => endpoint.headers.get(n.toLowerCase()),
      responseBody: () => endpoint.body.toString(),
    };
    const expected: Record<string, string> = {};
    for (const [target, expression] of Object.entries(responseParameters)) {
      const value = mappingValue(expression, sources);
      if (value !== undefined) expected[target.slice('method.response.header.'.length)] = value;
    }
    const xml = accept?.toLowerCase().includes('application/xml');
    expected['Content-Type'] = xml ? 'application/xml' : 'application/json';
    assert.deepEqual(out.headers, expected, accept);
    assert.equal(out.body.toString(), xml ? '<a>deep</a>' : '{"b": "deep"}', accept);
  }
  assert.deepEqual(
    Object.fromEntries(Object.entries(integrationResponse(invocation(), integration, endpoint, integrationRequest(invocation(), integration, false).context).headers).slice(0, 4)),
    { 'X-Literal': 'fixed', 'X-Stage': 'prod', 'X-Ip': '192.0.2.7', 'X-Upstream': 'u2' },
  );
});

test('a plan reads only the $context keys its templates and mappings name, and is compiled once per integration', () => {
  const keys = (integration: Integration) => {
    const k = compileIntegrationPlan(integration).contextKeys;
    return k === 'all' ? k : [...k].sort();
  };
  assert.deepEqual(keys({ type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' }, integrationResponses: { '200': { statusCode: '200', responseTemplates: { 'application/json': '{"ok":true}' } } } }), []);
  assert.deepEqual(keys({ type: 'MOCK', requestTemplates: { 'application/json': '$context.requestId' }, requestParameters: { 'integration.request.header.x': 'context.identity.sourceIp' }, integrationResponses: { '200': { statusCode: '200', responseParameters: { 'method.response.header.s': 'context.stage' } } } }), ['identity', 'requestId', 'stage']);
  assert.equal(keys({ type: 'MOCK', integrationResponses: { '200': { statusCode: '200', responseTemplates: { 'text/plain': '#set($c = $context)$c' } } } }), 'all');
  const integration: Integration = { type: 'MOCK' };
  assert.equal(integrationPlan(integration), integrationPlan(integration));
});
