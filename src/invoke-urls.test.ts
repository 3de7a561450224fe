import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HOST_FORM, executeApiDomain, invokeUrlForms, invokeUrls } from './invoke-urls.ts';

const base = 'http://127.0.0.1:4566';

test('invokeUrls: HTTP stages in path and host forms; $default has no stage segment', () => {
  assert.deepEqual(invokeUrls(base, 'abc123', 'HTTP', '$default'), ['http://127.0.0.1:4566/execute-api/abc123/', 'http://abc123.execute-api.localhost:4566/']);
  assert.deepEqual(invokeUrls(base, 'abc123', 'HTTP', 'dev'), ['http://127.0.0.1:4566/execute-api/abc123/dev', 'http://abc123.execute-api.localhost:4566/dev']);
});

test('invokeUrls: REST stages add the /restapis form first; WebSocket stages use ws://', () => {
  assert.deepEqual(invokeUrls(base, 'r1', 'REST', 'prod'), [
    'http://127.0.0.1:4566/restapis/r1/prod/_user_request_/',
    'http://127.0.0.1:4566/execute-api/r1/prod/',
    'http://r1.execute-api.localhost:4566/prod/',
  ]);
  assert.deepEqual(invokeUrls(base, 'w1', 'WEBSOCKET', 'live'), ['ws://127.0.0.1:4566/execute-api/w1/live', 'ws://w1.execute-api.localhost:4566/live']);
});

test('invokeUrlForms: placeholders; no port in the host form when the base URL has none', () => {
  assert.deepEqual(invokeUrlForms('http://localhost'), {
    http: ['http://localhost/execute-api/{apiId}/{stage}/{path}', 'http://{apiId}.execute-api.localhost/{stage}/{path}', 'http://localhost/restapis/{apiId}/{stage}/_user_request_/{path}'],
    websocket: ['ws://localhost/execute-api/{apiId}/{stage}'],
  });
});

test('HOST_FORM and executeApiDomain agree', () => {
  assert.equal(HOST_FORM.exec(executeApiDomain('abc123'))?.[1], 'abc123');
  assert.equal(HOST_FORM.exec('abc123.execute-api.localhost.localstack.cloud')?.[1], 'abc123');
  assert.equal(HOST_FORM.exec('abc123.example.com'), null);
});
