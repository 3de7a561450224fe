// How an HTTP API turns a Lambda proxy result into the HTTP response. Payload 2.0 infers a
// response when the result has no statusCode (200, application/json, the result as the body;
// a string result is the body itself) and turns `cookies` into set-cookie headers. Payload
// 1.0 wants { statusCode, headers, multiValueHeaders, body, isBase64Encoded } and anything
// else is a malformed response (500).
import { gatewayErrors } from './gateway-error.ts';

export interface MappedResponse {
  status: number;
  /** Lower-cased names; set-cookie and other repeated headers as lists. */
  headers: Record<string, string | string[]>;
  body: Buffer;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function headerValue(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function statusOf(v: unknown): number {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 100 || n > 599) throw gatewayErrors.internal();
  return n;
}

function bodyOf(result: Record<string, unknown>): Buffer {
  const body = result.body;
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body !== 'string') throw gatewayErrors.internal();
  return result.isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
}

/**
 * Payload 1.0's `headers` and `multiValueHeaders` in one map, as API Gateway merges them: a
 * name in both gets the multi values then the single one unless it repeats one of them
 * (`value-multi, value-solo`). `name` gives the key to report each name under.
 */
function mergedHeaders(single: unknown, multi: unknown, name: (sent: string) => string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const keyOf = new Map<string, string>();
  const put = (sent: string, values: string[]) => {
    const lower = sent.toLowerCase();
    const key = keyOf.get(lower);
    if (key === undefined) {
      const first = name(sent);
      keyOf.set(lower, first);
      out[first] = values.length === 1 ? values[0] : values;
      return;
    }
    const before = out[key];
    const previous = before === undefined ? [] : typeof before === 'string' ? [before] : before;
    const merged = [...previous, ...values.filter((v) => !previous.includes(v))];
    out[key] = merged.length === 1 ? merged[0] : merged;
  };
  if (multi !== undefined && multi !== null) {
    if (!isObject(multi)) throw gatewayErrors.internal();
    for (const [sent, raw] of Object.entries(multi)) {
      if (!Array.isArray(raw)) throw gatewayErrors.internal();
      const values = raw.map(headerValue);
      if (values.some((v) => v === undefined)) throw gatewayErrors.internal();
      put(sent, values as string[]);
    }
  }
  if (single !== undefined && single !== null) {
    if (!isObject(single)) throw gatewayErrors.internal();
    for (const [sent, raw] of Object.entries(single)) {
      const value = headerValue(raw);
      if (value === undefined) throw gatewayErrors.internal();
      put(sent, [value]);
    }
  }
  return out;
}

function parse(payload: Buffer): unknown {
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    throw gatewayErrors.internal();
  }
}

export function mapResponseV2(payload: Buffer): MappedResponse {
  const result = parse(payload);
  if (!isObject(result) || !('statusCode' in result)) {
    const body = typeof result === 'string' ? Buffer.from(result, 'utf8') : payload;
    return { status: 200, headers: { 'content-type': 'application/json' }, body };
  }
  const headers = mergedHeaders(result.headers, undefined, lowerCase);
  if (result.cookies !== undefined && result.cookies !== null) {
    if (!Array.isArray(result.cookies) || result.cookies.some((c) => typeof c !== 'string')) throw gatewayErrors.internal();
    if (result.cookies.length) headers['set-cookie'] = result.cookies as string[];
  }
  return { status: statusOf(result.statusCode), headers, body: bodyOf(result) };
}

const lowerCase = (name: string) => name.toLowerCase();
const asSent = (name: string) => name;
const V1_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

/**
 * Payload 1.0. A REST API (`rest`) keeps header names as the function wrote them, reads no
 * statusCode as 200 and refuses unknown top-level keys (test_apigateway_lambda's recorded
 * answers); an HTTP API lower-cases names and requires statusCode.
 */
export function mapResponseV1(payload: Buffer, { rest = false } = {}): MappedResponse {
  const result = parse(payload);
  if (!isObject(result)) throw gatewayErrors.internal();
  if (rest && Object.keys(result).some((key) => !V1_KEYS.has(key))) throw gatewayErrors.internal();
  if (result.statusCode === undefined && !rest) throw gatewayErrors.internal();
  const headers = mergedHeaders(result.headers, result.multiValueHeaders, rest ? asSent : lowerCase);
  return { status: result.statusCode === undefined ? 200 : statusOf(result.statusCode), headers, body: bodyOf(result) };
}
