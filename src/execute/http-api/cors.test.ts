import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyCors, compileCors, isPreflight, preflightHeaders } from './cors.ts';
import { headerMap } from '../shared/gateway-request.ts';

const cors = compileCors({ AllowOrigins: ['https://a.example'], AllowMethods: ['GET', 'POST'], AllowHeaders: ['x-a', 'authorization'], ExposeHeaders: ['x-b'], MaxAge: 300, AllowCredentials: true })!;

test('preflight answers with the configured headers for an allowed origin and method', () => {
  const h = headerMap(['Origin', 'https://a.example', 'Access-Control-Request-Method', 'POST']);
  assert.ok(isPreflight('OPTIONS', h));
  assert.ok(!isPreflight('GET', h));
  assert.deepEqual(preflightHeaders(cors, h), {
    'access-control-allow-origin': 'https://a.example',
    'access-control-allow-methods': 'GET,POST',
    'access-control-allow-headers': 'x-a,authorization',
    'access-control-allow-credentials': 'true',
    'access-control-max-age': '300',
  });
  assert.deepEqual(preflightHeaders(cors, headerMap(['Origin', 'https://evil.example', 'Access-Control-Request-Method', 'POST'])), {});
  assert.deepEqual(preflightHeaders(cors, headerMap(['Origin', 'https://a.example', 'Access-Control-Request-Method', 'DELETE'])), {});
});

test('responses get origin, credentials and expose headers; the integration ones are replaced', () => {
  const headers: Record<string, string | string[]> = { 'access-control-allow-origin': '*', 'x-c': '1' };
  applyCors(cors, headerMap(['Origin', 'https://a.example']), headers);
  assert.deepEqual(headers, { 'x-c': '1', 'access-control-allow-origin': 'https://a.example', 'access-control-allow-credentials': 'true', 'access-control-expose-headers': 'x-b' });
  const any = compileCors({ AllowOrigins: ['*'] })!;
  const h2: Record<string, string | string[]> = {};
  applyCors(any, headerMap(['Origin', 'https://z.example']), h2);
  assert.deepEqual(h2, { 'access-control-allow-origin': '*' });
});
