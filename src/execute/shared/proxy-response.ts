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

function addHeaders(out: Record<string, string | string[]>, headers: unknown) {
  if (headers === undefined || headers === null) return;
  if (!isObject(headers)) throw gatewayErrors.internal();
  for (const [name, raw] of Object.entries(headers)) {
    const value = headerValue(raw);
    if (value === undefined) throw gatewayErrors.internal();
    out[name.toLowerCase()] = value;
  }
}

function addMultiValueHeaders(out: Record<string, string | string[]>, headers: unknown) {
  if (headers === undefined || headers === null) return;
  if (!isObject(headers)) throw gatewayErrors.internal();
  for (const [name, raw] of Object.entries(headers)) {
    if (!Array.isArray(raw)) throw gatewayErrors.internal();
    const values = raw.map(headerValue);
    if (values.some((v) => v === undefined)) throw gatewayErrors.internal();
    out[name.toLowerCase()] = values as string[];
  }
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
  const headers: Record<string, string | string[]> = {};
  addHeaders(headers, result.headers);
  if (result.cookies !== undefined && result.cookies !== null) {
    if (!Array.isArray(result.cookies) || result.cookies.some((c) => typeof c !== 'string')) throw gatewayErrors.internal();
    if (result.cookies.length) headers['set-cookie'] = result.cookies as string[];
  }
  return { status: statusOf(result.statusCode), headers, body: bodyOf(result) };
}

export function mapResponseV1(payload: Buffer): MappedResponse {
  const result = parse(payload);
  if (!isObject(result) || result.statusCode === undefined) throw gatewayErrors.internal();
  const headers: Record<string, string | string[]> = {};
  addHeaders(headers, result.headers);
  addMultiValueHeaders(headers, result.multiValueHeaders);
  return { status: statusOf(result.statusCode), headers, body: bodyOf(result) };
}
