// Throws bounded junk at every operation of every served model: malformed JSON, wrong JSON
// types for every member, oversize and odd media types. Every answer must be an AWS-style
// error (or 501 for an operation not implemented), the server must keep answering, and
// nothing stored may change.
import { after, before, test } from 'node:test';
import { request as httpRequest } from 'node:http';
import assert from 'node:assert/strict';
import { loadModel, type ServiceModel, type Shape } from '../src/protocol/model.ts';
import { fakeAuth, startTestServer } from './helpers.ts';
import { startProtocolServer } from './protocols/providers.ts';
import type { Localgate } from '../src/app.ts';

let app: Localgate;
before(async () => {
  app = await startTestServer();
});
after(() => app.close());

const SERVICES = ['apigatewayv2', 'apigateway', 'lambda'] as const;
const SIGNING: Record<string, string> = { apigatewayv2: 'apigateway', apigateway: 'apigateway', lambda: 'lambda' };

/** A value of the wrong JSON type for a shape (a number for a string, and so on). */
function wrongValue(shape: Shape): unknown {
  switch (shape.type) {
    case 'string':
    case 'blob':
    case 'timestamp':
      return { not: 'a string' };
    case 'structure':
    case 'map':
      return 'not an object';
    case 'list':
      return 42;
    default:
      return 'not a number';
  }
}

/** A request path for a template: each label filled with junk. */
function fillUri(requestUri: string): string {
  return requestUri.replace(/\{[^}]+\}/g, () => encodeURIComponent('junk/..%$x'));
}

function junkBodies(model: ServiceModel, inputShape: string | undefined): string[] {
  const bodies = ['{not json', '[1,2,3]', '"a string"', 'null'];
  if (!inputShape) return bodies;
  const shape = model.shapes[inputShape];
  const wrong: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    if (ref.location) continue;
    wrong[ref.locationName ?? name] = wrongValue(model.shapes[ref.shape]);
  }
  if (Object.keys(wrong).length) bodies.push(JSON.stringify(wrong));
  return bodies;
}

async function snapshot(): Promise<string> {
  const get = (path: string, service: string) =>
    fetch(`${app.url}${path}`, { headers: { authorization: fakeAuth(service) } }).then((r) => r.text());
  return JSON.stringify([
    await get('/v2/apis', 'apigateway'),
    await get('/restapis', 'apigateway'),
    await get('/2015-03-31/functions', 'lambda'),
  ]);
}

test('junk at every operation gets an AWS error and changes nothing', async () => {
  const before = await snapshot();
  let requests = 0;
  for (const service of SERVICES) {
    const model = loadModel(service);
    for (const [name, op] of Object.entries(model.operations)) {
      const url = `${app.url}${fillUri(op.http.requestUri)}`;
      for (const body of junkBodies(model, op.input)) {
        const res = await fetch(url, {
          method: op.http.method,
          headers: { authorization: fakeAuth(SIGNING[service]), 'content-type': 'application/json' },
          body: op.http.method === 'GET' || op.http.method === 'HEAD' ? undefined : body,
        });
        const text = await res.text();
        requests++;
        // A read without labels (GetAccount, GetApis, ...) has nothing to be wrong about.
        const plainRead = op.http.method === 'GET' && !op.http.requestUri.includes('{');
        if (plainRead && res.status < 300) continue;
        assert.ok(res.status >= 400, `${service} ${name} with ${body.slice(0, 60)} answered ${res.status}: ${text.slice(0, 200)}`);
        assert.ok(res.status < 500 || res.status === 501, `${service} ${name} answered ${res.status}: ${text.slice(0, 200)}`);
        if (op.http.method !== 'HEAD') {
          assert.ok(res.headers.get('x-amzn-errortype'), `${service} ${name}: no x-amzn-ErrorType`);
          assert.equal(typeof JSON.parse(text), 'object');
        }
        assert.ok(res.headers.get('x-amzn-requestid'));
      }
    }
  }
  assert.ok(requests > 1000);
  assert.equal(await snapshot(), before);
  const health = await fetch(`${app.url}/_localgate/health`).then((r) => r.json());
  assert.equal(health.status, 'running');
});

test('oversize bodies answer 413 and unknown paths 404', async () => {
  const big = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
  const res = await fetch(`${app.url}/v2/apis`, {
    method: 'POST',
    headers: { authorization: fakeAuth(), 'content-type': 'application/json' },
    body: big,
  });
  assert.equal(res.status, 413);
  assert.equal(res.headers.get('x-amzn-errortype'), 'RequestEntityTooLargeException');
  const unknown = await fetch(`${app.url}/no/such/thing`);
  assert.equal(unknown.status, 404);
  assert.equal(unknown.headers.get('x-amzn-errortype'), 'UnknownOperationException');
});

test('an unsupported media type answers 415', async () => {
  const res = await fetch(`${app.url}/v2/apis`, {
    method: 'POST',
    headers: { authorization: fakeAuth(), 'content-type': 'application/xml' },
    body: '<CreateApi/>',
  });
  assert.equal(res.status, 415);
  assert.equal(res.headers.get('x-amzn-errortype'), 'UnsupportedMediaTypeException');
});

// --- The query, json and rest-xml services ------------------------------------------------

const QUERY_SERVICES = ['cloudformation', 'iam', 'sts'] as const;
const JSON_SERVICES = ['ssm', 'logs'] as const;

/** Junk form bodies for a query operation: wrong types for every member, bad encodings. */
function junkForms(model: ServiceModel, name: string): Array<string | Buffer> {
  const head = `Action=${name}&Version=${model.metadata.apiVersion}`;
  const forms: Array<string | Buffer> = [head, `${head}&x=%zz`, Buffer.concat([Buffer.from(`${head}&StackName=`), Buffer.from([0xff, 0xfe])])];
  const input = model.operations[name].input;
  if (input && Object.keys(model.shapes[input].members ?? {}).length) {
    const wrong = Object.entries(model.shapes[input].members ?? {})
      .map(([member, ref]) => `${ref.locationName ?? member}${model.shapes[ref.shape].type === 'list' ? '.member.1' : ''}=${encodeURIComponent('x'.repeat(3000))}&${member}.member.x=1`)
      .join('&');
    forms.push(`${head}&${wrong}`);
  }
  return forms;
}

/** Sends junk to every operation of the query, json and rest-xml models at `url`. Where a
 * provider exists an answer may succeed (an operation without required members); every
 * failure must be the protocol's own error document, never a 500. */
async function junkAtNewProtocols(url: string, strict: boolean, served: (service: string, operation: string) => boolean = () => true) {
  let requests = 0;
  // An operation that requires nothing may answer the bare request (DescribeStacks lists).
  const requiresNothing = (model: ServiceModel, name: string) => !model.shapes[model.operations[name].input ?? '']?.required?.length;
  const check = (what: string, status: number, text: string, pattern: RegExp, mayAnswer = false) => {
    requests++;
    if ((!strict || mayAnswer) && status < 300) return;
    assert.ok(status >= 400 && (status < 500 || status === 501), `${what} answered ${status}: ${text.slice(0, 200)}`);
    assert.match(text, pattern, what);
  };
  const bytes = (body: string | Buffer) => (typeof body === 'string' ? body : new Uint8Array(body));
  for (const service of QUERY_SERVICES) {
    const model = loadModel(service);
    for (const name of Object.keys(model.operations).filter((op) => served(service, op))) {
      for (const [i, body] of junkForms(model, name).entries()) {
        const res = await fetch(url, { method: 'POST', headers: { authorization: fakeAuth(service), 'content-type': 'application/x-www-form-urlencoded' }, body: bytes(body) });
        check(`${service} ${name}`, res.status, await res.text(), QUERY_ERROR, requiresNothing(model, name));
      }
    }
  }
  const jsonBodies: Array<string | Buffer> = ['{not json', '[1,2,3]', '"a string"', 'null', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])];
  for (const service of JSON_SERVICES) {
    const model = loadModel(service);
    for (const name of Object.keys(model.operations).filter((op) => served(service, op))) {
      for (const body of jsonBodies) {
        const target = `${model.metadata.targetPrefix}.${name}`;
        const res = await fetch(url, { method: 'POST', headers: { authorization: fakeAuth(service), 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, body: bytes(body) });
        check(`${service} ${name}`, res.status, await res.text(), /^\{"__type":"\w+","message":"[^"]*"\}$/, requiresNothing(model, name));
      }
    }
  }
  const s3 = loadModel('s3');
  for (const [name, op] of Object.entries(s3.operations).filter(([n]) => served('s3', n))) {
    for (const body of ['<Delete><Object>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;&a;</x>']) {
      for (const host of [undefined, 'junk-bucket.s3.localhost.localstack.cloud']) {
        const path = host ? fillUri(op.http.requestUri).replace(/^\/[^/?]*/, '') || '/' : fillUri(op.http.requestUri);
        const headers: Record<string, string> = { authorization: fakeAuth('s3') };
        if (host) headers.host = host;
        const res = await rawRequest(`${url}${path}`, op.http.method, headers, op.http.method === 'GET' || op.http.method === 'HEAD' ? undefined : body);
        // A GET of the service root is ListBuckets whatever the query says, as on S3.
        const listsBuckets = !host && op.http.method === 'GET' && ['', '/'].includes(path.split('?')[0]);
        check(`s3 ${op.http.method} ${host ?? ''}${path}`, res.status, res.text, op.http.method === 'HEAD' ? /^$/ : S3_ERROR, requiresNothing(s3, name) || listsBuckets);
      }
    }
  }
  return requests;
}

/** A request with its own Host header (fetch does not let a caller set Host). */
function rawRequest(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = httpRequest(url, { method, headers: { ...headers, ...length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const QUERY_ERROR = /^<ErrorResponse xmlns="[^"]+"><Error><Type>(Sender|Receiver)<\/Type><Code>\w+<\/Code><Message>[^<]*<\/Message><\/Error><RequestId>[-0-9a-f]{36}<\/RequestId><\/ErrorResponse>$/;
const S3_ERROR = /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>\w+<\/Code><Message>/;

test('junk at every query, json and S3 operation gets that protocol\'s error and the server stays up', async () => {
  const stacks = () =>
    fetch(app.url, { method: 'POST', headers: { authorization: fakeAuth('cloudformation'), 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=ListStacks&Version=2010-05-15' })
      .then((r) => r.text())
      .then((t) => t.replace(/<RequestId>[^<]*<\/RequestId>/, ''));
  const before = await stacks();
  assert.ok((await junkAtNewProtocols(app.url, true)) > 2500);
  assert.equal(await stacks(), before);
  const health = await fetch(`${app.url}/_localgate/health`).then((r) => r.json());
  assert.equal(health.status, 'running');
});

test('the same junk against providers that store things changes nothing they hold', async () => {
  const server = await startProtocolServer();
  try {
    const { providers } = server;
    await providers.cloudformation.createStack({ StackName: 'kept', TemplateBody: '{}' });
    await providers.ssm.putParameter({ Name: '/kept', Value: 'v' });
    providers.s3.createBucket({ Bucket: 'kept' });
    const state = () => JSON.stringify([[...providers.cloudformation.stacks], [...providers.ssm.params], [...providers.logs.groups], [...providers.s3.buckets.keys()]]);
    const before = state();
    const has = (service: string, operation: string) => typeof (providers as unknown as Record<string, Record<string, unknown>>)[service][operation[0].toLowerCase() + operation.slice(1)] === 'function';
    await junkAtNewProtocols(server.url, false, has);
    assert.equal(state(), before);
  } finally {
    await server.close();
  }
});

test('unknown query actions and json targets name themselves', async () => {
  const unknown = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=NoSuchThing&Version=2010-05-08' });
  assert.equal(unknown.status, 400);
  assert.match(await unknown.text(), /xmlns="https:\/\/iam.amazonaws.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>Could not find operation NoSuchThing for version 2010-05-08<\/Message>/);
  const wrong = await fetch(app.url, { method: 'POST', headers: { 'x-amz-target': 'AmazonSSM.NoSuchThing' }, body: '{}' });
  assert.equal(wrong.status, 400);
  assert.deepEqual(await wrong.json(), { __type: 'UnknownOperationException', message: 'Unknown operation AmazonSSM.NoSuchThing' });
  const foreign = await fetch(app.url, { method: 'POST', headers: { 'x-amz-target': 'DynamoDB_20120810.GetItem' }, body: '{}' });
  // A service localgate does not serve (test/forward.test.ts has the rest).
  assert.equal(foreign.status, 501);
  assert.match((await foreign.json()).message, /^localgate does not serve the DynamoDB_20120810 service;/);
});

test('invalid UTF-8 in a rest-json body is a 400 serialization error and stores nothing', async () => {
  const before = await snapshot();
  const bad = (prefix: string) => Buffer.concat([Buffer.from(`{"${prefix}":"`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
  const lambda = await fetch(`${app.url}/2015-03-31/functions`, {
    method: 'POST',
    headers: { authorization: fakeAuth('lambda'), 'content-type': 'application/json' },
    body: Buffer.concat([Buffer.from('{"FunctionName":"f","Runtime":"nodejs20.x","Role":"arn:aws:iam::000000000000:role/r","Handler":"i.h","Code":{"ZipFile":""},"Description":"'), Buffer.from([0xff]), Buffer.from('"}')]),
  });
  assert.equal(lambda.status, 400);
  assert.equal(lambda.headers.get('x-amzn-errortype'), 'InvalidRequestContentException');
  assert.match((await lambda.json()).message, /^Could not parse request body into json: Invalid UTF-8 start byte 0xff/);
  const v2 = await fetch(`${app.url}/v2/apis`, { method: 'POST', headers: { authorization: fakeAuth(), 'content-type': 'application/json' }, body: bad('name') });
  assert.equal(v2.status, 400);
  assert.equal(v2.headers.get('x-amzn-errortype'), 'BadRequestException');
  assert.equal(await snapshot(), before);
});
