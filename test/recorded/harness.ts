// The corpus of answers recorded on real AWS: each case is a sequence of raw HTTP requests
// against a fresh localgate, with the answer AWS gave (status, body, headers) and the
// recording it comes from (`source`: a public snapshot file and the test that recorded it).
// Values AWS generates (ids, dates, request ids) are matched by shape with `ANY` or a RegExp;
// everything else must be equal. A value captured with `save` is reused as `${name}` in later
// steps' paths, headers and bodies.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, fakeAuth } from '../helpers.ts';
import type { Localgate } from '../../src/app.ts';

/** Matches any value that is present. */
export const ANY = Symbol('any value');
/** Matches only a key that is missing (or undefined). */
export const ABSENT = Symbol('absent');

export interface RecordedRequest {
  method: string;
  path: string;
  /** The signing name for the Authorization header; omit for data-plane requests. */
  service?: string;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is a string. */
  body?: unknown;
}

export interface RecordedExpectation {
  status: number;
  /** Compared exactly (objects must have the same keys), with ANY / ABSENT / RegExp leaves. */
  body?: unknown;
  /** Header values (names in any case); ABSENT means the header must not be sent. */
  headers?: Record<string, string | RegExp | typeof ABSENT>;
}

export interface RecordedStep {
  request: RecordedRequest;
  expect?: RecordedExpectation;
  /** Variable name -> dotted path into the JSON answer (`items.0.id`). */
  save?: Record<string, string>;
}

export interface RecordedCase {
  name: string;
  /** Where AWS's answer was recorded, e.g. `localstack/localstack tests/aws/services/lambda_/test_lambda_api.snapshot.json#test_function_lifecycle`. */
  source: string;
  steps: RecordedStep[];
}

/** One `describe` per corpus file, one `it` per case, each case on a fresh server. */
export function recordedCases(suite: string, cases: RecordedCase[]): void {
  describe(`recorded on AWS: ${suite}`, () => {
    for (const recorded of cases) {
      describe(recorded.name, () => {
        let app: Localgate;
        before(async () => { app = await startTestServer(); });
        after(async () => { await app.close(); });
        it(`answers as recorded (${recorded.source})`, async () => {
          const vars: Record<string, unknown> = {};
          for (const [index, step] of recorded.steps.entries()) await runStep(app, step, vars, `step ${index + 1}`);
        });
      });
    }
  });
}

async function runStep(app: Localgate, step: RecordedStep, vars: Record<string, unknown>, label: string): Promise<void> {
  const { request } = step;
  const headers: Record<string, string> = {};
  if (request.service) headers.authorization = fakeAuth(request.service);
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = substitute(value, vars);
  let body: string | undefined;
  if (request.body !== undefined) {
    body = typeof request.body === 'string' ? substitute(request.body, vars) : substitute(JSON.stringify(request.body), vars);
    if (typeof request.body !== 'string' && !headers['content-type']) headers['content-type'] = 'application/json';
  }
  const response = await fetch(app.url + substitute(request.path, vars), { method: request.method, headers, body });
  const text = await response.text();
  const json = parseJson(text);
  const where = `${label}: ${request.method} ${request.path}`;
  if (step.expect) {
    assert.equal(response.status, step.expect.status, `${where} status (body: ${text.slice(0, 300)})`);
    if (step.expect.body !== undefined) {
      const actual = typeof step.expect.body === 'string' ? text : json;
      assertMatches(actual, step.expect.body, `${where} body`);
    }
    for (const [name, expected] of Object.entries(step.expect.headers ?? {})) {
      const actual = response.headers.get(name);
      if (expected === ABSENT) assert.equal(actual, null, `${where} header ${name} must be absent`);
      else if (expected instanceof RegExp) assert.match(actual ?? '', expected, `${where} header ${name}`);
      else assert.equal(actual, expected, `${where} header ${name}`);
    }
  }
  for (const [name, path] of Object.entries(step.save ?? {})) {
    const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], json);
    assert.notEqual(value, undefined, `${where}: nothing at ${path} to save as ${name}`);
    vars[name] = value;
  }
}

function substitute(text: string, vars: Record<string, unknown>): string {
  return text.replace(/\$\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

function parseJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

/** Deep comparison where the expectation's leaves may be ANY, ABSENT or a RegExp. */
export function assertMatches(actual: unknown, expected: unknown, where: string): void {
  if (expected === ANY) return assert.notEqual(actual, undefined, `${where}: expected a value`);
  if (expected === ABSENT) return assert.equal(actual, undefined, `${where}: expected no value`);
  if (expected instanceof RegExp) return assert.match(String(actual), expected, where);
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: expected an array, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${where}: array length`);
    expected.forEach((item, i) => assertMatches(actual[i], item, `${where}[${i}]`));
    return;
  }
  if (expected && typeof expected === 'object') {
    assert.ok(actual && typeof actual === 'object' && !Array.isArray(actual), `${where}: expected an object, got ${JSON.stringify(actual)}`);
    const actualObject = actual as Record<string, unknown>;
    const expectedObject = expected as Record<string, unknown>;
    const wanted = Object.keys(expectedObject).filter((key) => expectedObject[key] !== ABSENT).sort();
    assert.deepEqual(Object.keys(actualObject).filter((key) => actualObject[key] !== undefined).sort(), wanted, `${where}: keys`);
    for (const key of Object.keys(expectedObject)) assertMatches(actualObject[key], expectedObject[key], `${where}.${key}`);
    return;
  }
  assert.deepEqual(actual, expected, where);
}
