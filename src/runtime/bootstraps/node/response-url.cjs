// CloudFormation custom resources answer with a PUT to their event's ResponseURL: on AWS an
// https URL (a presigned S3 URL), here localgate's own endpoint over plain http. Handlers
// written for AWS send it with node's https module, aws-cdk-lib's among them as
// `https.request({ hostname, path, method: 'PUT' })`, which goes to port 443 over TLS, where
// nothing local answers; the custom resource would wait out its timeout. So once a function
// is given such an event, https requests for that URL (its host, and a path beside it) are
// made over http to the URL's port, as the same request would reach S3 on AWS. Nothing else
// is touched, and nothing is loaded before such an event (node's https costs ~7 ms to load).
'use strict';

/** hostname -> where its custom resource responses go: { port, pathPrefix }. */
const routes = new Map();

/** Notes the ResponseURL of a custom resource request event, if `event` is one whose URL is http. */
function followResponseUrl(event) {
  const responseUrl = event !== null && typeof event === 'object' ? event.ResponseURL : undefined;
  if (typeof responseUrl !== 'string' || !responseUrl.startsWith('http:')) return;
  let url;
  try {
    url = new URL(responseUrl);
  } catch {
    return;
  }
  if (!routes.size) patchHttps();
  routes.set(url.hostname, { port: url.port || '80', pathPrefix: url.pathname.slice(0, url.pathname.lastIndexOf('/') + 1) });
}

function patchHttps() {
  const http = require('node:http');
  const https = require('node:https');
  const { request, get } = https;
  https.request = function (...args) {
    const redirected = overHttp(args);
    return redirected ? http.request(...redirected) : request.apply(this, args);
  };
  https.get = function (...args) {
    const redirected = overHttp(args);
    return redirected ? http.get(...redirected) : get.apply(this, args);
  };
}

/** The arguments of an https.request/get call as http.request/get arguments, when the call
 * is for a noted ResponseURL; else undefined. */
function overHttp(args) {
  const [first, ...rest] = args;
  if (typeof first === 'string' || first instanceof URL) {
    let url;
    try {
      url = new URL(first);
    } catch {
      return undefined;
    }
    const route = routes.get(url.hostname);
    // https://host/path (port 443), or the http ResponseURL itself handed to https.request.
    const port = url.protocol === 'https:' && (url.port === '' || url.port === '443') ? '' : url.protocol === 'http:' ? url.port || '80' : undefined;
    if (!route || port === undefined || (port !== '' && port !== route.port) || !url.pathname.startsWith(route.pathPrefix)) return undefined;
    url.protocol = 'http:';
    url.port = route.port;
    // Options given beside the URL keep applying, without an https agent or protocol.
    if (rest[0] !== null && typeof rest[0] === 'object') rest[0] = { ...rest[0], protocol: 'http:', agent: undefined };
    return [url, ...rest];
  }
  if (first === null || typeof first !== 'object') return undefined;
  const hostname = first.hostname ?? first.host;
  const route = routes.get(hostname);
  const port = first.port === undefined || first.port === null ? 443 : Number(first.port);
  if (!route || port !== 443 || !String(first.path ?? '/').startsWith(route.pathPrefix)) return undefined;
  return [{ ...first, protocol: 'http:', port: Number(route.port), agent: undefined }, ...rest];
}

module.exports = { followResponseUrl };
