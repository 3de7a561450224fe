// Throws bounded junk at every operation of every served model: malformed JSON, wrong JSON
// types for every member, oversize and odd media types. Every answer must be an AWS-style
// error (or 501 for an operation not implemented), the server must keep answering, and
// nothing stored may change.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel, type ServiceModel, type Shape } from '../src/protocol/model.ts';
import { fakeAuth, startTestServer } from './helpers.ts';
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
