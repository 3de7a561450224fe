// AWS integration to an AWS service's own API by path ("API Gateway as an S3 proxy"):
// arn:aws:apigateway:{region}:[{subdomain}.]{service}:path/{service_api}. The mapped request
// (integration.request.path.NAME filling {NAME}, mapped query and headers, mapped body) is
// called with the integration's httpMethod, and the service's answer is the endpoint
// response: for a non-Lambda AWS integration selectionPattern matches its status code.
// The data plane does not reach services itself: an AwsServiceCaller (built where the
// server is wired) answers the calls, in-process.
import { failed, type IntegrationFailure } from '../../shared/integration.ts';
import { substituteStageVariables } from '../../shared/invoke-function.ts';
import { publishStep } from '../../shared/observe.ts';
import type { IntegrationRequest } from '../integration-request.ts';
import { mediaType } from '../request.ts';
import type { EndpointResponse, RestIntegrationInput } from './contract.ts';

export interface AwsServiceRequest {
  /** The service's name in the URI, e.g. "s3". */
  service: string;
  /** Whose resources: the API's account, and the URI's region. */
  account: string;
  region: string;
  method: string;
  /** The raw (percent-encoded) path, starting with "/". */
  path: string;
  /** Name -> values, decoded. */
  query: Map<string, string[]>;
  /** Lower-cased name -> values. */
  headers: Map<string, string[]>;
  body: Buffer;
}

export interface AwsServiceAnswer {
  status: number;
  /** Lower-cased name -> values. */
  headers: Map<string, string[]>;
  body: Buffer;
}

export interface AwsServiceCaller {
  /** Whether `call` can answer for this service. */
  serves(service: string): boolean;
  call(request: AwsServiceRequest): Promise<AwsServiceAnswer>;
}

/** The path form of an AWS service integration URI ("action/" URIs are another form). */
const SERVICE_PATH = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+):(?:([^:]+)\.)?([a-z0-9-]+):path\/(.*)$/;

export interface ServicePathTarget {
  region: string;
  service: string;
  /** The path with {NAME} placeholders still in it. */
  path: string;
}

/** The target of a path-form URI; a subdomain (`{bucket}.s3`) becomes the path's first segment. */
export function parseServicePathUri(uri: string): ServicePathTarget | undefined {
  const m = SERVICE_PATH.exec(uri);
  if (!m) return undefined;
  const [, region, subdomain, service, rest] = m;
  return { region, service, path: subdomain ? `/${subdomain}/${rest}` : `/${rest}` };
}

/** {NAME} and {NAME+} take the mapped integration.request.path.NAME value, percent-encoded
 * segment by segment (a "/" in the value stays a path separator, as for an S3 key). */
export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([A-Za-z0-9_.-]+)\+?\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : value.split('/').map(encodeURIComponent).join('/');
  });
}

/** Why any other AWS integration is a configuration error (TestInvokeMethod's log says it). */
export const NOT_SERVED = "localgate serves only Lambda's invoke action and S3 by path URI";

export async function callAwsService(input: RestIntegrationInput, request: IntegrationRequest): Promise<EndpointResponse | IntegrationFailure> {
  const { integration, inv, services } = input;
  const uri = substituteStageVariables(integration.uri ?? '', inv.stageVariables);
  const target = parseServicePathUri(uri);
  if (!target || !services?.serves(target.service)) return failed('misconfigured', `${uri || 'No URI'}: ${NOT_SERVED}`);
  const method = integration.httpMethod && integration.httpMethod !== 'ANY' ? integration.httpMethod : inv.req.method;
  const headers = new Map([...request.headers].map(([k, v]) => [k, v.slice()]));
  // Like an HTTP integration, the call carries the method request's Content-Type unless a
  // request parameter mapped one (S3 stores it with a PutObject).
  if (!headers.has('content-type')) headers.set('content-type', [mediaType(inv.req.headers.get('content-type')?.at(-1)) ?? 'application/json']);
  const path = fillPath(target.path, request.path);
  publishStep('upstream', { method, url: `https://${target.service}.${target.region}.amazonaws.com${path}` });
  const answer = await services.call({ service: target.service, account: inv.location.account, region: target.region, method, path, query: request.query, headers, body: request.body });
  return { status: answer.status, selector: String(answer.status), headers: answer.headers, body: answer.body };
}
