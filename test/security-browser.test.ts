// Issue 17 item 1 in headless Chromium: a page on another origin tries the CSRF attack
// (a text/plain "simple" request, no preflight) and a DNS-rebinding read, and is refused;
// a listed dev origin uses the control plane through CORS; the console keeps working.
// Chromium resolves the made-up names *.test to 127.0.0.1 (--host-resolver-rules).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { zipSync, strToU8 } from 'fflate';
import { chromium, type Browser } from 'playwright-core';
import { CreateFunctionCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { clientConfig, startTestServer } from './helpers.ts';
import type { Localgate } from '../src/app.ts';

let app: Localgate;
let pages: Server;
let pagesPort: number;
let browser: Browser;
let lambda: LambdaClient;

const zip = Buffer.from(zipSync({ 'index.js': strToU8('exports.handler = async () => "pwned"') })).toString('base64');

before(async () => {
  // Serves a blank page on whatever origin the browser asks for (evil.test, devapp.test).
  pages = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>page</title>');
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  pagesPort = (pages.address() as AddressInfo).port;
  app = await startTestServer({ allowedOrigins: [`http://devapp.test:${pagesPort}`] });
  lambda = new LambdaClient(clientConfig(app));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-sync', '--host-resolver-rules=MAP *.test 127.0.0.1'],
  });
});
after(async () => {
  await browser?.close();
  pages?.close();
  lambda?.destroy();
  await app.close();
});

describe('a browser page cannot drive localgate', () => {
  test('a page on another origin sends the simple-request attack; nothing is created or run', async () => {
    const page = await browser.newPage();
    await page.goto(`http://evil.test:${pagesPort}/`);
    const body = JSON.stringify({ FunctionName: 'pwned', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: zip } });
    // no-cors: the page cannot read the answer, but the request does reach the server.
    const sent = await page.evaluate(async ({ url, body }) => {
      await fetch(`${url}/2015-03-31/functions`, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body });
      await fetch(`${url}/2015-03-31/functions/pwned/invocations`, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
      return true;
    }, { url: app.url, body });
    assert.equal(sent, true);
    const { Functions } = await lambda.send(new ListFunctionsCommand({}));
    assert.deepEqual(Functions, []);
    await page.close();
  });

  test('a page on another origin cannot reset localgate', async () => {
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'kept', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: Buffer.from(zip, 'base64') } }));
    const page = await browser.newPage();
    await page.goto(`http://evil.test:${pagesPort}/`);
    await page.evaluate(async (url) => {
      await fetch(`${url}/_localgate/reset`, { method: 'POST', mode: 'no-cors' });
    }, app.url);
    const { Functions } = await lambda.send(new ListFunctionsCommand({}));
    assert.deepEqual(Functions?.map((f) => f.FunctionName), ['kept']);
    await page.close();
  });

  test('a DNS-rebinding page (its name now pointing at localgate) reads nothing', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`http://evil.test:${app.port}/_localgate/api/functions`);
    assert.equal(res?.status(), 403);
    assert.match(await page.textContent('body') ?? '', /--allowed-hosts evil\.test/);
    const status = await page.evaluate(async () => (await fetch('/2015-03-31/functions')).status);
    assert.equal(status, 403);
    await page.close();
  });

  test('an origin listed in --allowed-origins uses the control plane through CORS', async () => {
    const page = await browser.newPage();
    await page.goto(`http://devapp.test:${pagesPort}/`);
    const answer = await page.evaluate(async (url) => {
      const res = await fetch(`${url}/2015-03-31/functions`, { headers: { Authorization: 'AWS4-HMAC-SHA256 Credential=test/20260421/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=x', 'X-Amz-Date': '20260421T000000Z' } });
      return { status: res.status, requestId: res.headers.get('x-amzn-RequestId'), body: await res.json() };
    }, app.url);
    assert.equal(answer.status, 200);
    assert.match(answer.requestId ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(answer.body.Functions.map((f: { FunctionName: string }) => f.FunctionName), ['kept']);
    await page.close();
  });

  test('the console on its own origin still works (its reset is a same-origin POST)', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/_localgate/#/apis`);
    await page.getByText('No APIs yet').waitFor({ timeout: 15_000 });
    const status = await page.evaluate(async () => (await fetch('/_localgate/reset', { method: 'POST' })).status);
    assert.equal(status, 200);
    await page.close();
  });
});
