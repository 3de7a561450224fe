// Keeps web pages from driving localgate. A page the user visits can send "simple"
// cross-origin requests (no preflight) to http://localhost:4566, and DNS rebinding can even
// let it read the answers; the control plane creates and runs code, so both are refused:
//  - Host must be a loopback name (localhost, *.localhost, localhost.localstack.cloud and its
//    subdomains), an IP address (rebinding needs a DNS name), or a name in --allowed-hosts;
//  - a request that carries Origin is served only when that origin is loopback, the same
//    origin as the request's (allowed) Host, or listed in --allowed-origins.
// AWS SDKs, the CLI, curl and server-side code send no Origin and are unaffected. Allowed
// browser origins get CORS answers (preflight and headers), so the browser SDK works.
// Only the control plane and /_localgate are guarded: invoke URLs keep AWS's own CORS.
import { isIP } from 'node:net';
import type { ServerResponse } from 'node:http';
import { sendJson, type Handler, type HttpContext } from './http-context.ts';

export interface OriginPolicy {
  /** Extra browser origins allowed, e.g. "http://my-dev-box:3000"; "*" allows any. */
  allowedOrigins: string[];
  /** Extra Host names allowed; ".example.com" also allows its subdomains; "*" allows any. */
  allowedHosts: string[];
}

const LOOPBACK_NAMES = /(^|\.)localhost$|(^|\.)localhost\.localstack\.cloud$/;

/** The Host header's name without port or IPv6 brackets, lower-cased. */
function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  return h.replace(/:\d*$/, '');
}

function matchesHostList(name: string, list: string[]): boolean {
  return list.some((entry) => {
    const e = entry.trim().toLowerCase();
    if (e === '*') return true;
    if (e.startsWith('.')) return name === e.slice(1) || name.endsWith(e);
    return name === e;
  });
}

export function hostAllowed(host: string | undefined, policy: OriginPolicy): boolean {
  if (host === undefined || host === '') return true; // HTTP/1.0 clients; browsers always send Host
  const name = hostName(host);
  return isIP(name) !== 0 || LOOPBACK_NAMES.test(name) || matchesHostList(name, policy.allowedHosts);
}

export function originAllowed(origin: string, host: string | undefined, policy: OriginPolicy): boolean {
  if (policy.allowedOrigins.some((o) => o.trim() === '*' || o.trim().replace(/\/$/, '').toLowerCase() === origin.toLowerCase())) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and garbage
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const name = hostName(url.host);
  if (LOOPBACK_NAMES.test(name) || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name)) return true;
  // Same origin as the request: the console reached through an allowed Host (e.g. a LAN IP).
  return host !== undefined && url.host === host.trim().toLowerCase();
}

/** Why the request is refused (naming the flag that would allow it), or undefined. */
export function refusal(ctx: HttpContext, policy: OriginPolicy): string | undefined {
  const { host, origin } = ctx.req.headers;
  if (!hostAllowed(host, policy)) {
    return `Host '${host}' is not allowed to reach localgate's control plane. Start localgate with --allowed-hosts ${hostName(host!)} (or LOCALGATE_ALLOWED_HOSTS) to allow it.`;
  }
  if (origin !== undefined && !originAllowed(origin, host, policy)) {
    return `Origin '${origin}' is not allowed to call localgate's control plane. Start localgate with --allowed-origins ${origin} (or LOCALGATE_ALLOWED_ORIGINS) to allow it.`;
  }
  return undefined;
}

function refuse(res: ServerResponse, message: string) {
  sendJson(res, 403, { message }, { 'x-amzn-ErrorType': 'AccessDeniedException' });
}

/** CORS answers for an allowed origin: the preflight (true when answered) and the headers
 * of the real answer. Requests are not credentialed (SDKs sign, they send no cookies), so
 * every response header may be exposed. */
function corsFor(ctx: HttpContext): boolean {
  const origin = ctx.req.headers.origin;
  if (origin === undefined) return false;
  const res = ctx.res;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  if (ctx.method === 'OPTIONS' && ctx.req.headers['access-control-request-method']) {
    const headers: Record<string, string> = {
      'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
      'Access-Control-Max-Age': '600',
      'Content-Length': '0',
    };
    const requested = ctx.req.headers['access-control-request-headers'];
    if (requested) headers['Access-Control-Allow-Headers'] = requested;
    res.writeHead(204, headers);
    res.end();
    return true;
  }
  res.setHeader('Access-Control-Expose-Headers', '*');
  return false;
}

/** First in the chain: guards everything under /_localgate (console, its JSON API and SSE,
 * health, reset, Code.Location downloads) and passes everything else on. */
export function localgatePathGuard(policy: OriginPolicy): Handler {
  return (ctx) => {
    if (!ctx.rawPath.startsWith('/_localgate')) return false;
    const why = refusal(ctx, policy);
    if (why) {
      refuse(ctx.res, why);
      return true;
    }
    return corsFor(ctx);
  };
}

/** Wraps the control-plane handler (last in the chain: whatever reaches it is an AWS API call). */
export function guardControlPlane(policy: OriginPolicy, handler: Handler): Handler {
  return (ctx) => {
    const why = refusal(ctx, policy);
    if (why) {
      refuse(ctx.res, why);
      return true;
    }
    if (corsFor(ctx)) return true;
    return handler(ctx);
  };
}
