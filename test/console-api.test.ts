// The console's JSON API and SSE stream, driven with fetch next to the real SDK clients.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiGatewayV2Client, DeleteApiCommand } from '@aws-sdk/client-apigatewayv2';
import { APIGatewayClient, CreateRestApiCommand } from '@aws-sdk/client-api-gateway';
import { CloudFormationClient, CreateStackCommand, DeleteStackCommand, DescribeStackEventsCommand, DescribeStacksCommand, waitUntilStackDeleteComplete } from '@aws-sdk/client-cloudformation';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ROLE } from './fixtures/lambda/zips.ts';
import { clientConfig, connectConsole, startTestServer } from './helpers.ts';
import { createFunction, createHttpApi, ECHO, fnArn, lambdaProxy } from './http-api-setup.ts';
import type { Localgate } from '../src/app.ts';

let app: Localgate;
const api = async (path: string) => {
  const res = await fetch(`${app.url}/_localgate/api/${path}`);
  return { status: res.status, body: (await res.json()) as any };
};

/** Runs `fn` while a console is connected (an open SSE stream): only then are request and
 * response bodies and headers copied into the log. */
async function whileWatching(fn: () => Promise<void>) {
  const disconnect = await connectConsole(app);
  try {
    await fn();
  } finally {
    disconnect();
  }
}

before(async () => {
  app = await startTestServer();
});
after(() => app.close());

describe('console JSON API', () => {
  let apiId: string;
  before(async () => {
    await createFunction(app, 'console-echo', ECHO);
    apiId = await createHttpApi(app, [{ routeKey: 'POST /echo/{id}', integration: lambdaProxy('console-echo') }]);
  });

  test('overview counts what the control planes hold', async () => {
    const { status, body } = await api('overview');
    assert.equal(status, 200);
    assert.equal(body.endpoint, app.url);
    assert.equal(body.version, '0.1.0');
    assert.equal(body.counts.httpApis, 1);
    assert.equal(body.counts.functions, 1);
    // Zeros are numbers, not absent (the console shows them as 0).
    assert.equal(body.counts.websocketApis, 0);
    assert.equal(body.counts.restApis, 0);
    assert.ok(body.services.includes('lambda'));
    assert.ok(body.invokeUrlForms.includes(`${app.url}/restapis/{apiId}/{stage}/_user_request_/{path}`));
  });

  test('an API shows its routes with integrations and stages with invoke URLs', async () => {
    const { body } = await api(`apis/${apiId}`);
    assert.equal(body.kind, 'HTTP');
    assert.equal(body.routes.length, 1);
    assert.equal(body.routes[0].routeKey, 'POST /echo/{id}');
    assert.equal(body.routes[0].integration.type, 'AWS_PROXY');
    assert.equal(body.routes[0].integration.uri, fnArn('console-echo'));
    assert.equal(body.stages[0].name, '$default');
    assert.deepEqual(body.stages[0].invokeUrls, [`${app.url}/execute-api/${apiId}/`, `http://${apiId}.execute-api.localhost:${app.port}/`]);
    assert.equal(body.deployments.length >= 1, true);
  });

  test('a REST API shows its resource tree', async () => {
    const v1 = new APIGatewayClient(clientConfig(app));
    const created = await v1.send(new CreateRestApiCommand({ name: 'console-rest' }));
    v1.destroy();
    const { body } = await api(`apis/${created.id}`);
    assert.equal(body.kind, 'REST');
    assert.equal(body.resources.length, 1);
    assert.equal(body.resources[0].path, '/');
    assert.equal(body.resources[0].id, created.rootResourceId);
    const list = await api('apis');
    assert.deepEqual(list.body.items.map((a: any) => a.kind).sort(), ['HTTP', 'REST']);
  });

  test('requests made with no console connected are listed by their summary; their steps and bodies are recorded only while one is', async () => {
    const send = async (path: string) => {
      const res = await fetch(`${app.url}/execute-api/${apiId}/echo/${path}`, { method: 'POST', body: '{"unwatched":true}' });
      await res.text();
      const { body: list } = await api(`requests?q=/echo/${path}`);
      return { summary: list.items[0], story: (await api(`requests/${list.items[0].id}`)).body };
    };
    const before = await send('before');
    assert.deepEqual([before.summary.method, before.summary.status, before.summary.kind, before.summary.apiId, before.summary.route], ['POST', 200, 'HTTP', apiId, undefined]);
    assert.equal(before.story.event, undefined);
    assert.equal(before.story.request.body, undefined);
    // The function's invocation is kept for its page all the same.
    assert.ok((await api(`invocations/${encodeURIComponent(fnArn('console-echo'))}`)).body.items.length >= 1);

    await whileWatching(async () => {
      const during = await send('during');
      assert.equal(during.summary.route, 'POST /echo/{id}');
      assert.equal(during.story.event.body, '{"unwatched":true}');
      assert.equal(during.story.request.body.text, '{"unwatched":true}');
      // Requests from before the console opened stay listed.
      assert.equal((await api('requests?q=/echo/before')).body.items.length, 1);
    });
  });

  test('a data-plane request is logged with the event the function received and its logs', () =>
    whileWatching(async () => {
      const res = await fetch(`${app.url}/execute-api/${apiId}/echo/42?x=1`, { method: 'POST', body: '{"hello":"console"}', headers: { 'content-type': 'application/json' } });
      assert.equal(res.status, 200);
      await res.text();
      const gatewayId = res.headers.get('apigw-requestid');
      const { body: list } = await api(`requests?apiId=${apiId}`);
      const entry = list.items.find((e: any) => e.requestId === gatewayId);
      assert.ok(entry, 'request is in the log');
      assert.equal(entry.method, 'POST');
      assert.equal(entry.path, `/execute-api/${apiId}/echo/42?x=1`);
      assert.equal(entry.kind, 'HTTP');
      assert.equal(entry.stage, '$default');
      assert.equal(entry.route, 'POST /echo/{id}');
      assert.equal(entry.integration, 'AWS_PROXY');
      assert.equal(entry.status, 200);

      const { body: story } = await api(`requests/${entry.id}`);
      assert.equal(story.request.body.text, '{"hello":"console"}');
      assert.equal(story.event.routeKey, 'POST /echo/{id}');
      assert.deepEqual(story.event.pathParameters, { id: '42' });
      assert.equal(story.event.body, '{"hello":"console"}');
      assert.equal(story.invocations.length, 1);
      const rid = story.invocations[0].requestId;
      assert.match(rid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.ok(story.invocations[0].log.includes(`START RequestId: ${rid} Version: $LATEST\nEND RequestId: ${rid}\n`));
      assert.match(story.invocations[0].log, /\nREPORT RequestId: /);
      assert.equal(story.functionResponse.statusCode, 200);
      assert.equal(story.response.status, 200);
      assert.equal(JSON.parse(story.response.body.text).routeKey, 'POST /echo/{id}');
      assert.ok(story.response.headers.some(([k, v]: [string, string]) => k === 'apigw-requestid' && v === gatewayId));

      const { body: fn } = await api(`functions/${encodeURIComponent(fnArn('console-echo'))}`);
      assert.equal(fn.name, 'console-echo');
      assert.equal(fn.runtime, 'nodejs20.x');
      assert.equal(fn.recentInvocations[0].requestId, story.invocations[0].requestId);
      assert.equal(fn.warm.idle + fn.warm.busy, 1);
    }));

  test("a function's logs: START, its own output, END and REPORT of each invocation, filterable by request id", async () => {
    await createFunction(app, 'console-talk', `exports.handler = async (e) => { console.log('said', e.n); return e.n; };`);
    const lambda = new LambdaClient(clientConfig(app));
    for (const n of [1, 2]) {
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'console-talk', Payload: JSON.stringify({ n }) }));
      assert.equal(Buffer.from(out.Payload!).toString(), String(n));
    }
    lambda.destroy();
    const { status, body } = await api('functions/console-talk/logs');
    assert.equal(status, 200);
    assert.equal(body.functionArn, fnArn('console-talk'));
    // Oldest first; each line carries its invocation's request id. The first invocation was
    // a cold start (INIT_START first, Init Duration in its REPORT).
    const ids = [...new Set(body.items.map((l: any) => l.requestId))] as string[];
    assert.equal(ids.length, 2);
    assert.deepEqual(body.items.map((l: any) => l.requestId), [ids[0], ids[0], ids[0], ids[0], ids[0], ids[1], ids[1], ids[1], ids[1]]);
    const lines = body.items.map((l: any) => l.line);
    assert.match(lines[0], /^INIT_START Runtime Version: nodejs20\.x/);
    assert.equal(lines[1], `START RequestId: ${ids[0]} Version: $LATEST`);
    assert.match(lines[2], new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t${ids[0]}\\tINFO\\tsaid 1$`));
    assert.equal(lines[3], `END RequestId: ${ids[0]}`);
    assert.match(lines[4], new RegExp(`^REPORT RequestId: ${ids[0]}\\tDuration: [\\d.]+ ms\\t.*\\tInit Duration: [\\d.]+ ms`));
    assert.equal(lines[5], `START RequestId: ${ids[1]} Version: $LATEST`);
    const only = await api(`functions/${encodeURIComponent(fnArn('console-talk'))}/logs?requestId=${ids[1]}`);
    assert.deepEqual(only.body.items.map((l: any) => l.requestId), [ids[1], ids[1], ids[1], ids[1]]);
    assert.match(only.body.items[1].line, /\tINFO\tsaid 2$/);
    assert.equal((await api('functions/nope/logs')).status, 404);
  });

  test('metrics: requests per API and second with p50/p99 latency; invocations with durations and cold starts', async () => {
    const metricsApi = await createHttpApi(app, [{ routeKey: 'POST /echo/{id}', integration: lambdaProxy('console-echo') }]);
    const since = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 3; i++) await (await fetch(`${app.url}/execute-api/${metricsApi}/echo/m${i}`, { method: 'POST', body: '{}' })).text();
    const { status, body } = await api(`metrics/requests?since=${since}`);
    assert.equal(status, 200);
    assert.equal(body.windowSeconds, 300);
    const series = body.series.find((s: any) => s.apiId === metricsApi);
    assert.equal(series.points.reduce((n: number, p: any) => n + p.count, 0), 3);
    for (const p of series.points) {
      assert.ok(p.t >= since && p.t <= body.now);
      assert.ok(p.p50 > 0 && p.p99 >= p.p50);
    }
    const fn = await api(`metrics/functions/console-talk`);
    assert.equal(fn.status, 200);
    assert.equal(fn.body.functionArn, fnArn('console-talk'));
    // The two invocations of the logs test: the first was the cold start.
    assert.equal(fn.body.points.reduce((n: number, p: any) => n + p.count, 0), 2);
    assert.equal(fn.body.points.reduce((n: number, p: any) => n + p.coldStarts, 0), 1);
    assert.equal((await api('metrics/functions/nope')).status, 404);
  });

  test('gateway errors are logged with their status; filters apply', () =>
    whileWatching(async () => {
      const res = await fetch(`${app.url}/execute-api/${apiId}/nothing-here`);
      assert.equal(res.status, 404);
      await res.text();
      const { body } = await api('requests?status=4');
      assert.ok(body.items.length >= 1);
      assert.ok(body.items.every((e: any) => String(e.status).startsWith('4')));
      const story = await api(`requests/${body.items[0].id}`);
      assert.equal(story.body.error, 'Not Found');
      assert.equal(story.body.response.body.text, '{"message":"Not Found"}');
    }));

  test('binary bodies are shown as size and base64 preview; large ones are cut at 64 KB', () =>
    whileWatching(async () => {
      const bin = Buffer.from([0, 1, 2, 255, 254, 0, 7]);
      await (await fetch(`${app.url}/execute-api/${apiId}/echo/bin`, { method: 'POST', body: bin })).text();
      const big = 'a'.repeat(70 * 1024);
      await (await fetch(`${app.url}/execute-api/${apiId}/echo/big`, { method: 'POST', body: big })).text();
      const { body } = await api('requests?q=/echo/b');
      const bigStory = (await api(`requests/${body.items.find((e: any) => e.path.endsWith('/big')).id}`)).body;
      assert.equal(bigStory.request.body.size, 70 * 1024);
      assert.equal(bigStory.request.body.truncated, true);
      assert.equal(bigStory.request.body.text.length, 64 * 1024);
      const binStory = (await api(`requests/${body.items.find((e: any) => e.path.endsWith('/bin')).id}`)).body;
      assert.deepEqual(binStory.request.body, { size: 7, truncated: false, base64Preview: bin.toString('base64') });
    }));

  test('unknown ids answer 404, writes 405, and the server keeps answering', async () => {
    assert.equal((await api('apis/nope')).status, 404);
    assert.equal((await api('functions/nope')).status, 404);
    assert.equal((await api('requests/999999')).status, 404);
    assert.equal((await api('requests/%E0%A4%A')).status, 400);
    assert.equal((await api('whatever')).status, 404);
    const post = await fetch(`${app.url}/_localgate/api/apis`, { method: 'POST', body: '{}' });
    assert.equal(post.status, 405);
    assert.equal((await fetch(`${app.url}/_localgate/assets/..%2Fpackage.json`)).status, 404);
    assert.equal((await api('overview')).status, 200);
  });

  test('SSE tells about control-plane changes and data-plane requests', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${app.url}/_localgate/api/events`, { signal: ctrl.signal });
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += Buffer.from(value).toString();
      }
    };
    await until(/localgate console/);
    const v2 = new ApiGatewayV2Client(clientConfig(app));
    const other = await createHttpApi(app, []);
    await until(/event: change/);
    await (await fetch(`${app.url}/execute-api/${apiId}/echo/sse`, { method: 'POST', body: '{}' })).text();
    await until(/event: request\ndata: \{[^\n]*"path":"\/execute-api\/[a-z0-9]+\/echo\/sse"/);
    await v2.send(new DeleteApiCommand({ ApiId: other }));
    v2.destroy();
    ctrl.abort();
  });

  test('reset empties the lists and the log', async () => {
    const res = await fetch(`${app.url}/_localgate/reset`, { method: 'POST' });
    assert.deepEqual(await res.json(), { reset: true });
    assert.deepEqual((await api('apis')).body.items, []);
    assert.deepEqual((await api('functions')).body.items, []);
    assert.deepEqual((await api('requests')).body.items, []);
    assert.equal((await api('overview')).body.counts.requests, 0);
  });
});

describe('console JSON API: stacks', () => {
  const TEMPLATE = JSON.stringify({
    Description: 'console stack',
    Parameters: { Stage: { Type: 'String', Default: 'dev' }, Secret: { Type: 'String', NoEcho: true } },
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'stack-fn', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: 'exports.handler = async () => 1;' } } },
      Http: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'stack-http', ProtocolType: 'HTTP' } },
    },
    Outputs: { ApiId: { Value: { Ref: 'Http' }, Description: 'the API', Export: { Name: 'console-api-id' } } },
  });
  let cfn: CloudFormationClient;
  let stackId: string;
  before(async () => {
    cfn = new CloudFormationClient(clientConfig(app));
    // Watch the SSE stream: the console hears about the stack operation finishing in the background.
    const ctrl = new AbortController();
    const reader = (await fetch(`${app.url}/_localgate/api/events`, { signal: ctrl.signal })).body!.getReader();
    stackId = (await cfn.send(new CreateStackCommand({ StackName: 'console-stack', TemplateBody: TEMPLATE, Parameters: [{ ParameterKey: 'Secret', ParameterValue: 's3cret' }] }))).StackId!;
    while ((await api(`stacks/${encodeURIComponent(stackId)}`)).body.status !== 'CREATE_COMPLETE') {
      const { done } = await reader.read();
      if (done) throw new Error('stream ended');
    }
    ctrl.abort();
  });
  after(() => cfn.destroy());

  test('the list shows the stack with its status, account and region', async () => {
    const { status, body } = await api('stacks');
    assert.equal(status, 200);
    const [described] = (await cfn.send(new DescribeStacksCommand({ StackName: stackId }))).Stacks!;
    assert.deepEqual(body.items, [{
      stackId, name: 'console-stack', status: 'CREATE_COMPLETE', account: '000000000000', region: 'us-east-1', description: 'console stack',
      createdTime: described.CreationTime!.toISOString(),
    }]);
  });

  test('a stack shows resources linked to their pages, events newest first, outputs and masked parameters', async () => {
    const { body } = await api(`stacks/${encodeURIComponent(stackId)}`);
    const apiId = body.outputs[0].value;
    assert.match(apiId, /^[a-z0-9]{10}$/);
    assert.deepEqual(body.resources.map((r: any) => [r.logicalId, r.type, r.physicalId, r.status, r.link]).sort(), [
      ['Fn', 'AWS::Lambda::Function', 'stack-fn', 'CREATE_COMPLETE', { page: 'functions', id: 'arn:aws:lambda:us-east-1:000000000000:function:stack-fn' }],
      ['Http', 'AWS::ApiGatewayV2::Api', apiId, 'CREATE_COMPLETE', { page: 'apis', id: apiId }],
    ]);
    assert.deepEqual(body.outputs, [{ key: 'ApiId', value: apiId, description: 'the API', exportName: 'console-api-id' }]);
    // In CloudFormation's order (Java HashMap order, as DescribeStacks lists them).
    assert.deepEqual(body.parameters, [{ key: 'Secret', value: '****' }, { key: 'Stage', value: 'dev' }]);
    // The same events DescribeStackEvents lists, in its order (newest first).
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: stackId }))).StackEvents!;
    assert.deepEqual(body.events, events.map((e) => ({
      timestamp: e.Timestamp!.toISOString(), logicalId: e.LogicalResourceId, type: e.ResourceType, physicalId: e.PhysicalResourceId, status: e.ResourceStatus,
      ...(e.ResourceStatusReason ? { statusReason: e.ResourceStatusReason } : {}),
    })));
    assert.deepEqual([body.events[0].logicalId, body.events[0].status], ['console-stack', 'CREATE_COMPLETE']);
    assert.equal((await api(`stacks/console-stack`)).body.stackId, stackId);
  });

  test('a deleted stack stays listed as DELETE_COMPLETE; an unknown one is a 404', async () => {
    await cfn.send(new DeleteStackCommand({ StackName: stackId }));
    await waitUntilStackDeleteComplete({ client: cfn, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { StackName: stackId });
    const { body } = await api(`stacks/${encodeURIComponent(stackId)}`);
    assert.equal(body.status, 'DELETE_COMPLETE');
    assert.deepEqual(body.resources.map((r: any) => [r.logicalId, r.status, r.link]).sort(), [['Fn', 'DELETE_COMPLETE', undefined], ['Http', 'DELETE_COMPLETE', undefined]]);
    assert.equal((await api('stacks')).body.items[0].deletionTime, body.deletionTime);
    assert.equal((await api('stacks/console-stack')).status, 404);
    assert.equal((await api('stacks/nope')).status, 404);
  });
});
