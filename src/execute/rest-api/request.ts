// What the REST API pipeline knows about one incoming request, read once. REST APIs keep
// header names as the client sent them; lookups are case-insensitive. Duplicate headers and
// query values are kept in order: the single-value views hold the last one, as AWS reports.
import { gatewayRequest, lastValues, multiValues, type GatewayRequest, type RequestSource } from '../shared/gateway-request.ts';

export interface RestRequest extends GatewayRequest {
  /** Lower-cased name -> the name as first sent. */
  headerNames: Map<string, string>;
  /** The path after the stage as the proxy event reports it: as sent (percent-encoded,
   * a trailing `/` kept). */
  path: string;
}

/** The gateway request with REST's extras: header names as sent; the path as received (AWS
 * keeps `%2B`, a trailing `/` and `//` in the proxy event) and `+` in the query read as a space. */
export function restRequest(source: RequestSource, paths: { rawPath: string; stagePath: string }, body: Buffer, timeEpoch?: number): RestRequest {
  return Object.assign(gatewayRequest(source, paths, body, timeEpoch, true), { headerNames: headerNames(source.rawHeaders), path: paths.stagePath });
}

/** Lower-cased name -> the name as first sent; AWS reports `Authorization` in that casing
 * whatever the client sent (test_apigateway_lambda.snapshot.json#test_lambda_aws_proxy_integration). */
export function headerNames(rawHeaders: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const lower = rawHeaders[i].toLowerCase();
    if (!out.has(lower)) out.set(lower, lower === 'authorization' ? 'Authorization' : rawHeaders[i]);
  }
  return out;
}

/** The last value of a header (case-insensitive name). */
export function header(req: RestRequest, name: string): string | undefined {
  const values = req.headers.get(name.toLowerCase());
  return values?.[values.length - 1];
}

export function query(req: RestRequest, name: string): string | undefined {
  const values = req.query.get(name);
  return values?.[values.length - 1];
}

/** Headers with their names as sent, last value of each. */
export function singleHeaders(req: RestRequest): Record<string, string> {
  return lastValues(req.headers, (lower) => req.headerNames.get(lower) ?? lower);
}

/** Headers with their names as sent, every value of each. */
export function multiHeaders(req: RestRequest): Record<string, string[]> {
  return multiValues(req.headers, (lower) => req.headerNames.get(lower) ?? lower);
}

/** The media type of a Content-Type or Accept value: lower-cased, parameters dropped. */
export function mediaType(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const t = value.split(';', 1)[0].trim().toLowerCase();
  return t || undefined;
}

/** Whether a media type is one of the API's binaryMediaTypes (which may use wildcards like image/*, *\/*). */
export function isBinaryType(type: string | undefined, binaryMediaTypes: string[] | undefined): boolean {
  if (!type || !binaryMediaTypes?.length) return false;
  return binaryMediaTypes.some((pattern) => {
    const p = pattern.toLowerCase();
    if (p === '*/*') return true;
    if (p.endsWith('/*')) return type.startsWith(p.slice(0, -1));
    return p === type;
  });
}
