// The events an HTTP API sends a Lambda proxy integration, payload formats 2.0 and 1.0,
// field by field as API Gateway's documentation shows them. 2.0 leaves out empty members
// and joins duplicate headers and query values with commas; 1.0 sets empty members to null
// and keeps duplicates as lists in multiValueHeaders / multiValueQueryStringParameters.
import { cookieList, isTextBody, joined, lastValues, multiValues, requestTime, v1Identity, withForwardedHeaders, type GatewayRequest } from '../shared/gateway-request.ts';

export interface EventContext {
  accountId: string;
  apiId: string;
  domainName: string;
  domainPrefix: string;
  requestId: string;
  routeKey: string;
  stage: string;
  pathParameters?: Record<string, string>;
  stageVariables?: Record<string, string>;
  /** requestContext.authorizer as the format wants it (built by the authorizer step). */
  authorizer?: Record<string, unknown>;
}

function eventBody(req: GatewayRequest): { body: string; isBase64Encoded: boolean } | undefined {
  if (!req.body.length) return undefined;
  const contentType = req.headers.get('content-type')?.[0];
  return isTextBody(contentType)
    ? { body: req.body.toString('utf8'), isBase64Encoded: false }
    : { body: req.body.toString('base64'), isBase64Encoded: true };
}

/** The first members of requestContext: AWS's samples put the authorizer right after apiId. */
function contextStart(c: EventContext): Record<string, unknown> {
  const start: Record<string, unknown> = { accountId: c.accountId, apiId: c.apiId };
  if (c.authorizer) start.authorizer = c.authorizer;
  return start;
}

function nonEmpty<T extends object>(o: T | undefined): T | undefined {
  return o && Object.keys(o).length ? o : undefined;
}

export function eventV2(req: GatewayRequest, c: EventContext): Record<string, unknown> {
  const body = eventBody(req);
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: c.routeKey,
    rawPath: req.rawPath,
    rawQueryString: req.rawQuery,
  };
  const cookies = cookieList(req.headers);
  if (cookies) event.cookies = cookies;
  event.headers = joined(withForwardedHeaders(req), 'cookie') ?? {};
  const query = joined(req.query);
  if (query) event.queryStringParameters = query;
  const requestContext = Object.assign(contextStart(c), {
    domainName: c.domainName,
    domainPrefix: c.domainPrefix,
    http: {
      method: req.method,
      path: safeDecodePath(req.rawPath),
      protocol: req.protocol,
      sourceIp: req.sourceIp,
      userAgent: req.headers.get('user-agent')?.join(',') ?? '',
    },
    requestId: c.requestId,
    routeKey: c.routeKey,
    stage: c.stage,
    time: requestTime(req.timeEpoch),
    timeEpoch: req.timeEpoch,
  });
  event.requestContext = requestContext;
  if (body) event.body = body.body;
  const pathParameters = nonEmpty(c.pathParameters);
  if (pathParameters) event.pathParameters = pathParameters;
  event.isBase64Encoded = body?.isBase64Encoded ?? false;
  const stageVariables = nonEmpty(c.stageVariables);
  if (stageVariables) event.stageVariables = stageVariables;
  return event;
}

export function eventV1(req: GatewayRequest, c: EventContext): Record<string, unknown> {
  const body = eventBody(req);
  const space = c.routeKey.indexOf(' ');
  const resource = space === -1 ? c.routeKey : c.routeKey.slice(space + 1);
  const path = safeDecodePath(req.rawPath);
  const headers = withForwardedHeaders(req);
  const requestContext = Object.assign(contextStart(c), {
    domainName: c.domainName,
    domainPrefix: c.domainPrefix,
    extendedRequestId: c.requestId,
    httpMethod: req.method,
    identity: v1Identity({ accessKey: null, accountId: null, sourceIp: req.sourceIp, userAgent: req.headers.get('user-agent')?.join(',') ?? '' }),
    path,
    protocol: req.protocol,
    requestId: c.requestId,
    requestTime: requestTime(req.timeEpoch),
    requestTimeEpoch: req.timeEpoch,
    resourceId: c.routeKey,
    resourcePath: resource,
    stage: c.stage,
  });
  return {
    version: '1.0',
    resource,
    path,
    httpMethod: req.method,
    headers: lastValues(headers),
    multiValueHeaders: multiValues(headers),
    queryStringParameters: nonEmpty(lastValues(req.query)) ?? null,
    multiValueQueryStringParameters: nonEmpty(multiValues(req.query)) ?? null,
    requestContext,
    pathParameters: nonEmpty(c.pathParameters) ?? null,
    stageVariables: nonEmpty(c.stageVariables) ?? null,
    body: body?.body ?? null,
    isBase64Encoded: body?.isBase64Encoded ?? false,
  };
}

function safeDecodePath(p: string): string {
  if (!p.includes('%')) return p;
  try {
    return decodeURI(p);
  } catch {
    return p;
  }
}
