import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostAllowed, originAllowed } from './origin-guard.ts';

const none = { allowedOrigins: [], allowedHosts: [] };

test('hosts: loopback names, IP addresses and listed names only', () => {
  for (const h of ['localhost:4566', 'LOCALHOST', 'abc.execute-api.localhost:4566', 'u.lambda-url.us-east-1.localhost', 'localhost.localstack.cloud:4566', 'x.execute-api.localhost.localstack.cloud', '127.0.0.1:4566', '[::1]:4566', '10.0.0.5', undefined]) {
    assert.equal(hostAllowed(h, none), true, String(h));
  }
  for (const h of ['evil.example:4566', 'localhost.evil.example', 'evillocalhost', 'localstack.cloud', 'x.localstack.cloud']) assert.equal(hostAllowed(h, none), false, h);
  assert.equal(hostAllowed('dev.corp.test:4566', { allowedOrigins: [], allowedHosts: ['.corp.test'] }), true);
  assert.equal(hostAllowed('corp.test', { allowedOrigins: [], allowedHosts: ['.corp.test'] }), true);
  assert.equal(hostAllowed('evil.example', { allowedOrigins: [], allowedHosts: ['box.test'] }), false);
  assert.equal(hostAllowed('anything', { allowedOrigins: [], allowedHosts: ['*'] }), true);
});

test('origins: loopback, same origin, or listed', () => {
  for (const o of ['http://localhost:3000', 'https://app.localhost', 'http://127.0.0.1:8080', 'http://[::1]:5173']) assert.equal(originAllowed(o, 'localhost:4566', none), true, o);
  for (const o of ['null', 'https://evil.example', 'file://', 'chrome-extension://abc', 'http://localhost.evil.example']) assert.equal(originAllowed(o, 'localhost:4566', none), false, o);
  assert.equal(originAllowed('http://192.168.1.5:4566', '192.168.1.5:4566', none), true);
  assert.equal(originAllowed('http://192.168.1.5:3000', '192.168.1.5:4566', none), false);
  assert.equal(originAllowed('https://dev.example', 'localhost:4566', { allowedOrigins: ['https://dev.example/'], allowedHosts: [] }), true);
  assert.equal(originAllowed('https://other.example', 'localhost:4566', { allowedOrigins: ['*'], allowedHosts: [] }), true);
});
