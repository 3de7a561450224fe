// The console in headless Chromium: live lists, the live request log with the event the
// function received, try it, reset, keyboard navigation. Screenshots go to test-artifacts/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { ApiGatewayV2Client, CreateApiCommand, DeleteApiCommand } from '@aws-sdk/client-apigatewayv2';
import { ROLE } from './fixtures/lambda/zips.ts';
import { clientConfig, startTestServer } from './helpers.ts';
import { createFunction, createHttpApi, ECHO, fnArn, lambdaProxy } from './http-api-setup.ts';
import { createWebSocketApi } from './websocket-setup.ts';
import type { Localgate } from '../src/app.ts';

const ARTIFACTS = new URL('../test-artifacts/', import.meta.url).pathname;
const WAIT = { timeout: 15_000 };
let app: Localgate;
let browser: Browser;
let page: Page;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  app = await startTestServer();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  page.on('dialog', (d) => d.accept());
});
after(async () => {
  await browser?.close();
  await app.close();
});

const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}console-${name}.png`, fullPage: true });

describe('console in the browser', () => {
  let apiId: string;

  test('counts of zero read 0: the overview cards and an API with no routes', async () => {
    await page.goto(`${app.url}/_localgate/#/`);
    await page.getByRole('heading', { name: 'Overview' }).waitFor(WAIT);
    for (const label of ['HTTP APIs', 'REST APIs', 'WebSocket APIs', 'Lambda functions', 'Logged requests']) {
      assert.equal(await page.locator('.card', { hasText: label }).locator('.n').textContent(), '0', label);
    }
    const v2 = new ApiGatewayV2Client(clientConfig(app));
    const { ApiId } = await v2.send(new CreateApiCommand({ Name: 'no-routes-api', ProtocolType: 'HTTP' }));
    await page.goto(`${app.url}/_localgate/#/apis`);
    const row = page.getByRole('row', { name: /no-routes-api/ });
    await row.waitFor(WAIT);
    assert.equal(await row.locator('td').nth(3).textContent(), '0');
    await v2.send(new DeleteApiCommand({ ApiId }));
    v2.destroy();
  });

  test('an API created with the SDK appears without a reload', async () => {
    await page.goto(`${app.url}/_localgate/#/apis`);
    await page.getByText('No APIs yet').waitFor(WAIT);
    await page.locator('#live.on').waitFor(WAIT);
    await createFunction(app, 'browser-echo', ECHO);
    apiId = await createHttpApi(app, [{ routeKey: 'POST /echo/{id}', integration: lambdaProxy('browser-echo') }]);
    await page.getByRole('link', { name: 'test-api' }).waitFor(WAIT);
    assert.equal(await page.getByRole('cell', { name: apiId }).textContent(), apiId);
    await shot('apis');
  });

  test('overview shows the counts and the endpoint', async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor(WAIT);
    assert.equal(await page.locator('.card', { hasText: 'HTTP APIs' }).locator('.n').textContent(), '1');
    assert.equal(await page.locator('.card', { hasText: 'Lambda functions' }).locator('.n').textContent(), '1');
    assert.ok(await page.getByText(app.url, { exact: true }).isVisible());
    await shot('overview');
  });

  test('a request made with fetch shows up in the live log with the event the function received', async () => {
    await page.goto(`${app.url}/_localgate/#/requests`);
    await page.getByRole('heading', { name: 'Requests' }).waitFor(WAIT);
    await page.locator('#live.on').waitFor(WAIT);
    const res = await fetch(`${app.url}/execute-api/${apiId}/echo/7`, { method: 'POST', body: '{"from":"fetch"}' });
    assert.equal(res.status, 200);
    await res.text();
    const open = page.getByRole('button', { name: new RegExp(`Open request \\d+: POST /execute-api/${apiId}/echo/7`) });
    await open.waitFor(WAIT);
    await open.click();
    const event = page.getByLabel('Function event');
    await event.waitFor(WAIT);
    const received = JSON.parse((await event.textContent()) ?? '');
    assert.equal(received.routeKey, 'POST /echo/{id}');
    assert.equal(received.body, '{"from":"fetch"}');
    assert.match((await page.getByLabel('Logs of browser-echo').textContent()) ?? '', /REPORT RequestId: /);
    await shot('requests');
  });

  test('the request log filters by text and status', async () => {
    await (await fetch(`${app.url}/execute-api/${apiId}/missing`)).text();
    await page.getByRole('button', { name: /Open request \d+: GET \/execute-api\/[a-z0-9]+\/missing/ }).waitFor(WAIT);
    await page.getByLabel('Status').selectOption('4');
    assert.equal(await page.getByRole('button', { name: /Open request \d+: POST/ }).count(), 0);
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Text (method, path, route, stage, connection)').fill('echo/7');
    assert.equal(await page.getByRole('button', { name: /missing/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /echo\/7/ }).count(), 1);
  });

  test('the requests chart shows requests per second and p50/p99 latency per API, live', async () => {
    const line = () => page.locator(`svg[aria-label^="Requests per second"] polyline[data-series="${apiId}"]`);
    await line().waitFor(WAIT);
    // The chart draws what the metrics API holds for the API: the requests made so far.
    const metrics = await (await fetch(`${app.url}/_localgate/api/metrics/requests`)).json();
    const total = metrics.series.find((x: any) => x.apiId === apiId).points.reduce((n: number, p: any) => n + p.count, 0);
    assert.equal(total, 2);
    await page.locator(`svg[aria-label^="Requests per second"] polyline[data-series="${apiId}"][data-total="2"]`).waitFor(WAIT);
    assert.equal(await line().getAttribute('data-points'), String(metrics.windowSeconds));
    assert.ok(Number(await page.locator(`svg[aria-label^="Latency"] polyline[data-series="${apiId} p99"]`).getAttribute('data-points')) >= 1);
    // A new request reaches the chart over the SSE stream once its second is over.
    await (await fetch(`${app.url}/execute-api/${apiId}/missing`)).text();
    await page.locator(`svg[aria-label^="Requests per second"] polyline[data-series="${apiId}"][data-total="3"]`).waitFor(WAIT);
    await shot('requests-charts');
  });

  test('try it sends a request and shows the answer', async () => {
    await page.goto(`${app.url}/_localgate/#/apis/${apiId}`);
    await page.getByRole('heading', { name: 'Try it' }).waitFor(WAIT);
    await page.getByLabel('Route').selectOption({ label: 'POST /echo/{id}' });
    assert.equal(await page.getByLabel('Method').inputValue(), 'POST');
    await page.getByLabel('Path').fill('/echo/99');
    await page.getByLabel('Body').fill('{"tried":true}');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByTestId('tryit-status').waitFor(WAIT);
    assert.equal(await page.getByTestId('tryit-status').textContent(), '200');
    const echoed = JSON.parse((await page.getByTestId('tryit-body').textContent()) ?? '');
    assert.deepEqual(echoed.pathParameters, { id: '99' });
    assert.equal(echoed.body, '{"tried":true}');
    await shot('api-detail');
    await page.getByRole('link', { name: 'Open this request in the log' }).click();
    const event = page.getByLabel('Function event');
    await event.waitFor(WAIT);
    assert.deepEqual(JSON.parse((await event.textContent()) ?? '').pathParameters, { id: '99' });
  });

  test('functions show configuration and recent invocations with logs', async () => {
    await page.goto(`${app.url}/_localgate/#/functions`);
    await page.getByRole('link', { name: 'browser-echo' }).click();
    await page.getByRole('heading', { name: 'browser-echo' }).waitFor(WAIT);
    assert.ok(await page.getByText('nodejs20.x', { exact: true }).isVisible());
    const invocations = page.locator('details');
    assert.ok((await invocations.count()) >= 2);
    // The newest invocation is open.
    assert.equal(await invocations.first().getAttribute('open'), '');
    assert.match((await invocations.first().getByLabel(/Log of invocation/).textContent()) ?? '', /START RequestId: .* Version: \$LATEST/);
    await shot('function');
  });

  test("a function's logs show live and filter by request id", async () => {
    // The page is open on browser-echo: a new invocation's lines appear without a reload.
    const logs = page.getByLabel('Function logs');
    const before = await logs.locator('li[data-request-id]').count();
    const res = await fetch(`${app.url}/execute-api/${apiId}/echo/logs`, { method: 'POST', body: '{}' });
    await res.text();
    await logs.locator(`li[data-request-id]:nth-child(${before + 3})`).waitFor(WAIT);
    // The recent invocations re-render live too, the newest open on top.
    const newestId = (await logs.locator('li[data-request-id]').last().getAttribute('data-request-id'))!;
    await page.locator('details').first().getByLabel(/Log of invocation/).filter({ hasText: newestId }).waitFor(WAIT);
    const ids = await logs.locator('li[data-request-id]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-request-id')))]);
    assert.ok(ids.length >= 3);
    const newest = ids.at(-1)!;
    await page.getByLabel('Request id').fill(newest.slice(0, 13));
    const shown = await logs.locator('li').allTextContents();
    assert.equal(shown.length, 3);
    assert.match(shown[0], new RegExp(`^${newest.slice(0, 8)} START RequestId: ${newest} Version: \\$LATEST$`));
    assert.equal(shown[1], `${newest.slice(0, 8)} END RequestId: ${newest}`);
    assert.match(shown[2], new RegExp(`REPORT RequestId: ${newest}\tDuration: `));
    await page.getByLabel('Request id').fill('no-such-id');
    assert.deepEqual(await logs.locator('li').allTextContents(), ['No line of a matching invocation.']);
    await shot('function-logs');
    // The charts: every invocation so far, the first one the only cold start.
    const metrics = await (await fetch(`${app.url}/_localgate/api/metrics/functions/browser-echo`)).json();
    const invocations = metrics.points.reduce((n: number, p: any) => n + p.count, 0);
    assert.ok(invocations >= 3);
    const chart = page.getByTestId('function-charts');
    await chart.locator(`polyline[data-series="invocations"][data-total="${invocations}"]`).waitFor(WAIT);
    assert.equal(await chart.locator('polyline[data-series="cold starts"]').getAttribute('data-total'), '1');
    assert.ok(Number(await chart.locator('polyline[data-series="p50"]').getAttribute('data-points')) >= 1);
  });

  test('keyboard: the skip link and the sections are reachable and labelled', async () => {
    await page.goto('about:blank');
    await page.goto(`${app.url}/_localgate/#/`);
    await page.getByRole('heading', { name: 'Overview' }).waitFor(WAIT);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Overview');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'APIs' }).waitFor(WAIT);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    assert.equal(await page.getByRole('link', { name: 'APIs' }).getAttribute('aria-current'), 'page');
    assert.ok(await page.getByRole('button', { name: /Reset: clear all/ }).isVisible());
    assert.ok(await page.getByRole('navigation', { name: 'Console sections' }).isVisible());
  });

  test('a WebSocket API: try it connects and sends; the connection and the frames show up live', async () => {
    const wsApi = await createWebSocketApi(app, [
      { routeKey: 'echo', integration: { IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('browser-echo') }, twoWay: true },
    ]);
    await page.goto(`${app.url}/_localgate/#/apis/${wsApi}`);
    await page.getByText('No open connections.').waitFor(WAIT);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByText(/^Connected to ws:\/\//).waitFor(WAIT);
    // The page's own connection appears in the connections table without a reload.
    await page.getByRole('cell', { name: /^[A-Za-z0-9_-]{15}=$/ }).waitFor(WAIT);
    await page.getByLabel('Message').fill('{"action":"echo","n":1}');
    await page.getByRole('button', { name: 'Send message' }).click();
    const reply = page.getByLabel('Frames').locator('li.in');
    await reply.waitFor(WAIT);
    const echoed = JSON.parse(((await reply.textContent()) ?? '').replace(/^.*?← /, ''));
    assert.equal(echoed.body, '{"action":"echo","n":1}');
    assert.equal(echoed.requestContext.routeKey, 'echo');
    await shot('websocket-tryit');
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByText(/closed: 1000 closed from the console/).waitFor(WAIT);
    await page.getByRole('link', { name: 'Requests' }).click();
    const open = page.getByRole('button', { name: new RegExp(`Open request \\d+: MESSAGE /execute-api/${wsApi}/dev`) });
    await open.waitFor(WAIT);
    await open.click();
    await page.getByRole('heading', { name: 'Frame sent back' }).waitFor(WAIT);
    assert.equal(JSON.parse((await page.getByLabel('Function event').textContent()) ?? '').requestContext.eventType, 'MESSAGE');
    assert.equal(await page.getByLabel('Message body').textContent(), '{\n  "action": "echo",\n  "n": 1\n}');
    await shot('websocket-message');
  });

  test('a stack deployed with the SDK appears live; its page links resources to their pages', async () => {
    await page.goto(`${app.url}/_localgate/#/stacks`);
    await page.getByText('No stacks yet').waitFor(WAIT);
    const cfn = new CloudFormationClient(clientConfig(app));
    await cfn.send(new CreateStackCommand({
      StackName: 'browser-stack',
      TemplateBody: JSON.stringify({
        Parameters: { Token: { Type: 'String', NoEcho: true } },
        Resources: { StackFn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'browser-stack-fn', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: 'exports.handler = async () => 1;' } } } },
        Outputs: { FnName: { Value: { Ref: 'StackFn' } } },
      }),
      Parameters: [{ ParameterKey: 'Token', ParameterValue: 'hidden-value' }],
    }));
    cfn.destroy();
    // The operation finishes in the background; the list re-renders when it does.
    const row = page.getByRole('row', { name: /browser-stack/ });
    await row.getByRole('cell', { name: 'CREATE_COMPLETE' }).waitFor(WAIT);
    await shot('stacks');
    await page.getByRole('link', { name: 'browser-stack' }).click();
    await page.getByRole('heading', { name: 'browser-stack' }).waitFor(WAIT);
    assert.equal(await page.getByRole('row', { name: /^Token/ }).getByRole('cell').nth(1).textContent(), '****');
    assert.equal(await page.getByText('hidden-value').count(), 0);
    assert.equal(await page.getByRole('row', { name: /^FnName/ }).getByRole('cell').nth(1).textContent(), 'browser-stack-fn');
    // Events newest first: the stack's own CREATE_COMPLETE is the top row of the events table.
    const events = page.locator('table').last().locator('tbody tr');
    assert.deepEqual(await events.first().locator('td').allTextContents().then((c) => c.slice(1, 4)), ['browser-stack', 'AWS::CloudFormation::Stack', 'CREATE_COMPLETE']);
    await shot('stack');
    await page.getByRole('link', { name: 'browser-stack-fn' }).click();
    await page.getByRole('heading', { name: 'browser-stack-fn' }).waitFor(WAIT);
    assert.ok(await page.getByText('arn:aws:lambda:us-east-1:000000000000:function:browser-stack-fn', { exact: true }).isVisible());
  });

  test('reset empties the lists', async () => {
    await page.goto(`${app.url}/_localgate/#/apis`);
    await page.getByRole('link', { name: 'test-api' }).waitFor(WAIT);
    await page.getByRole('button', { name: /Reset: clear all/ }).click();
    await page.getByText('No APIs yet').waitFor(WAIT);
    await page.getByRole('link', { name: 'Requests' }).click();
    await page.getByRole('heading', { name: 'Requests' }).waitFor(WAIT);
    assert.equal(await page.getByRole('button', { name: /Open request/ }).count(), 0);
    await shot('after-reset');
  });
});
