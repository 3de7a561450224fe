// What every API kind knows about one incoming request, read once: headers with their
// duplicates (lower-cased names), query values with theirs, the body and its text-or-binary
// nature, the caller's address and the request time. Built in one place, gatewayRequest().
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { HttpContext } from '../../server/http-context.ts';

export interface GatewayRequest {
  method: string;
  /** The path as the event reports it (with the stage for a named stage), percent-encoded. */
  rawPath: string;
  /** The path after the stage, percent-encoded. */
  stagePath: string;
  rawQuery: string;
  /** Lower-cased name -> values in arrival order. */
  headers: Map<string, string[]>;
  /** Decoded name -> values in arrival order. */
  query: Map<string, string[]>;
  body: Buffer;
  sourceIp: string;
  protocol: string;
  timeEpoch: number;
}

/** Where a request came from: a client's HTTP request, or a simulated one (TestInvokeMethod). */
export interface RequestSource {
  method: string;
  rawQuery: string;
  /** node's rawHeaders array (name, value, name, value, ...). */
  rawHeaders: string[];
  sourceIp: string;
  protocol: string;
}

/** The source of a client's HTTP request. */
export function requestSource(http: HttpContext): RequestSource {
  return { method: http.method, rawQuery: http.rawQuery, rawHeaders: http.req.rawHeaders, sourceIp: sourceIp(http.req), protocol: `HTTP/${http.req.httpVersion}` };
}

/** The gateway request: `rawPath` as the event reports it, `stagePath` after the stage;
 * `plusIsSpace` reads `+` in the query as a space (REST APIs). */
export function gatewayRequest(source: RequestSource, paths: { rawPath: string; stagePath: string }, body: Buffer, timeEpoch = Date.now(), plusIsSpace = false): GatewayRequest {
  return {
    method: source.method,
    rawPath: paths.rawPath,
    stagePath: paths.stagePath,
    rawQuery: source.rawQuery,
    headers: headerMap(source.rawHeaders),
    query: queryMap(source.rawQuery, plusIsSpace),
    body,
    sourceIp: source.sourceIp,
    protocol: source.protocol,
    timeEpoch,
  };
}

export function headerMap(rawHeaders: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    const list = out.get(name);
    if (list) list.push(rawHeaders[i + 1]);
    else out.set(name, [rawHeaders[i + 1]]);
  }
  return out;
}

function decode(s: string, plusIsSpace: boolean): string {
  if (plusIsSpace) s = s.replace(/\+/g, ' ');
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Decoded query values by decoded name; REST APIs also read `+` as a space (form encoding). */
export function queryMap(rawQuery: string, plusIsSpace = false): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!rawQuery) return out;
  for (const pair of rawQuery.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = decode(eq === -1 ? pair : pair.slice(0, eq), plusIsSpace);
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1), plusIsSpace);
    const list = out.get(name);
    if (list) list.push(value);
    else out.set(name, [value]);
  }
  return out;
}

const TEXT_TYPE = /^(text\/|application\/(json|xml|javascript|ecmascript)\b|application\/[^;]*\+(json|xml)\b)/i;

/** HTTP APIs pass text bodies as they are and base64-encode everything else. */
export function isTextBody(contentType: string | undefined): boolean {
  return contentType !== undefined && TEXT_TYPE.test(contentType.trim());
}

export function sourceIp(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? '127.0.0.1';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The request time as API Gateway writes it: "12/Mar/2020:19:03:58 +0000". */
export function requestTime(epochMs: number): string {
  // Requests in the same second share the text: formatting a date per request is costly.
  const second = Math.floor(epochMs / 1000);
  if (second === lastSecond) return lastText;
  const d = new Date(epochMs);
  lastText = `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
  lastSecond = second;
  return lastText;
}
let lastSecond = Number.NaN;
let lastText = '';

/** Values joined with commas, as payload 2.0 reports duplicates. */
export function joined(map: Map<string, string[]>, skip?: string): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const [name, values] of map) {
    if (name === skip) continue;
    (out ??= {})[name] = values.join(',');
  }
  return out;
}

const sameName = (name: string) => name;

/**
 * The last value of each name, as single-value maps report it (HTTP API payload 1.0, REST
 * API proxy events and templates); `rename` gives the name to report (REST APIs: as sent).
 */
export function lastValues(map: Map<string, string[]>, rename = sameName): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, values] of map) out[rename(name)] = values[values.length - 1];
  return out;
}

/** Every value of each name, in arrival order, as multi-value maps report them. */
export function multiValues(map: Map<string, string[]>, rename = sameName): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, values] of map) out[rename(name)] = values.slice();
  return out;
}

/** Cookies of the request, each "name=value", split from every Cookie header. */
export function cookieList(headers: Map<string, string[]>): string[] | undefined {
  const values = headers.get('cookie');
  if (!values) return undefined;
  const out = values.flatMap((v) => v.split(';').map((c) => c.trim())).filter(Boolean);
  return out.length ? out : undefined;
}

/** requestContext.identity of a version 1.0 event (HTTP API payload 1.0 and the REST API
 * proxy event), in the key order AWS's samples show; `principal` is an AWS_IAM caller's
 * (its id is both caller and user, as recorded on AWS). */
export function v1Identity(known: { accessKey: string | null; accountId: string | null; sourceIp: string; userAgent: string | null; principal?: { id: string; arn: string } }): Record<string, unknown> {
  return {
    accessKey: known.accessKey,
    accountId: known.accountId,
    caller: known.principal?.id ?? null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp: known.sourceIp,
    user: known.principal?.id ?? null,
    userAgent: known.userAgent,
    userArn: known.principal?.arn ?? null,
  };
}

/** The headers API Gateway adds to what a Lambda proxy event carries (recorded on AWS for
 * REST and HTTP APIs): the caller's address appended to X-Forwarded-For, the port and scheme
 * the client reached (localgate serves http; the port is the Host header's), and an X-Ray
 * trace id unless the client sent one. Answers a copy of the request's headers. */
export function withForwardedHeaders(req: GatewayRequest): Map<string, string[]> {
  const headers = new Map(req.headers);
  const forwardedFor = headers.get('x-forwarded-for')?.join(', ');
  headers.set('x-forwarded-for', [forwardedFor ? `${forwardedFor}, ${req.sourceIp}` : req.sourceIp]);
  const port = /:(\d+)$/.exec(headers.get('host')?.[0] ?? '')?.[1] ?? '80';
  headers.set('x-forwarded-port', [port]);
  headers.set('x-forwarded-proto', ['http']);
  if (!headers.has('x-amzn-trace-id')) headers.set('x-amzn-trace-id', [traceId(req.timeEpoch)]);
  return headers;
}

/** An X-Ray trace id: Root=1-{epoch seconds, hex}-{96 random bits, hex}. */
function traceId(timeEpoch: number): string {
  return `Root=1-${Math.floor(timeEpoch / 1000).toString(16).padStart(8, '0')}-${randomBytes(12).toString('hex')}`;
}
