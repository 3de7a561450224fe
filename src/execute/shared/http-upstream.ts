// Calling an HTTP upstream, for the HTTP and HTTP_PROXY integrations of every kind: the
// request goes on to the integration URI — {name} and {proxy} path variables substituted,
// a query appended, headers passed without hop-by-hop ones — and the upstream's status,
// headers and body come back as a stream. An upstream that cannot be reached is an
// 'upstream-error' failure; one that outlasts the integration timeout a 'timeout'.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { failed, type IntegrationFailure } from './integration.ts';
import { observingSteps, publishStep } from './observe.ts';

/** Hop-by-hop headers (RFC 9110 §7.6.1) and the ones the new connection sets itself. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256 });

/** Substitutes {name} / {name+} with path parameters and appends the request's query. */
export function integrationUrl(uri: string, pathParameters: Record<string, string> | undefined, rawQuery: string): URL {
  const withParams = uri.replace(/\{([A-Za-z0-9_.-]+)\+?\}/g, (whole, name: string) => {
    const value = pathParameters?.[name];
    return value === undefined ? whole : value.split('/').map(encodeURIComponent).join('/');
  });
  const url = new URL(withParams);
  if (rawQuery) url.search = url.search ? `${url.search}&${rawQuery}` : `?${rawQuery}`;
  return url;
}

interface ProxyRequest {
  url: URL;
  method: string;
  /** Lower-cased name -> values. */
  headers: Map<string, string[]>;
  body: Buffer;
  timeoutMs: number;
}

export function forwardHeaders(headers: Map<string, string[]>, extra: Record<string, string>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, values] of headers) {
    if (!HOP_BY_HOP.has(name)) out[name] = values.length === 1 ? values[0] : values;
  }
  return Object.assign(out, extra);
}

export function responseHeaders(res: IncomingMessage): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined && (name === 'content-length' || !HOP_BY_HOP.has(name))) out[name] = value;
  }
  return out;
}

/** Sends the request upstream; resolves with the upstream response (body unread). */
export function proxyRequest(p: ProxyRequest, headers: Record<string, string | string[]>): Promise<IncomingMessage | IntegrationFailure> {
  if (observingSteps()) publishStep('upstream', { method: p.method, url: p.url.toString() });
  return new Promise((resolve) => {
    const https = p.url.protocol === 'https:';
    if (!https && p.url.protocol !== 'http:') {
      resolve(failed('misconfigured', `${p.url.protocol} is not an HTTP URL scheme`));
      return;
    }
    const send = https ? httpsRequest : httpRequest;
    const outgoing = send(p.url, {
      method: p.method,
      headers: { ...headers, 'content-length': String(p.body.length) },
      agent: https ? httpsAgent : httpAgent,
    });
    const timer = setTimeout(() => {
      outgoing.destroy();
      resolve(failed('timeout', `${p.url.host} outlasted the integration timeout of ${p.timeoutMs} ms`));
    }, p.timeoutMs);
    outgoing.on('response', (res) => {
      clearTimeout(timer);
      resolve(res);
    });
    outgoing.on('error', (err) => {
      clearTimeout(timer);
      resolve(failed('upstream-error', `${p.url.host}: ${err.message}`));
    });
    outgoing.end(p.body);
  });
}
