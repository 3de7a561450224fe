// The Lambda proxy events of a WebSocket API, shaped as API Gateway sends them (see the
// CONNECT, MESSAGE and DISCONNECT samples AWS publishes in aws-lambda-go's events/testdata):
// $connect carries the handshake's headers and query string, messages carry the body,
// $disconnect the close code and reason. requestContext.authorizer is the $connect
// authorizer's principalId and context, on every event of the connection.
import { lastValues, multiValues, requestTime } from '../shared/gateway-request.ts';

export interface Handshake {
  /** rawHeaders of the upgrade request: name, value, name, value... (names as sent). */
  rawHeaders: string[];
  /** Decoded name -> values. */
  query: Map<string, string[]>;
}

export interface EventBase {
  apiId: string;
  stage: string;
  domainName: string;
  connectionId: string;
  connectedAt: number;
  sourceIp: string;
  userAgent: string;
  requestId: string;
  requestTimeEpoch: number;
  routeKey: string;
  stageVariables?: Record<string, string>;
  authorizer?: Record<string, unknown>;
}

function requestContext(base: EventBase, eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT', extra: Record<string, unknown> = {}) {
  const ctx: Record<string, unknown> = {
    routeKey: base.routeKey,
    ...extra,
    eventType,
    extendedRequestId: base.requestId,
    requestTime: requestTime(base.requestTimeEpoch),
    messageDirection: 'IN',
    stage: base.stage,
    connectedAt: base.connectedAt,
    requestTimeEpoch: base.requestTimeEpoch,
    identity: { userAgent: base.userAgent, sourceIp: base.sourceIp },
    requestId: base.requestId,
    domainName: base.domainName,
    connectionId: base.connectionId,
    apiId: base.apiId,
  };
  if (base.authorizer) ctx.authorizer = base.authorizer;
  return ctx;
}

/** Single-value (last wins) and multi-value maps of the handshake headers, names as sent. */
export function handshakeHeaders(rawHeaders: string[]): { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> } {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    headers[name] = rawHeaders[i + 1];
    (multiValueHeaders[name] ??= []).push(rawHeaders[i + 1]);
  }
  return { headers, multiValueHeaders };
}

/** The query string members, left out when there is no query string. */
function queryMaps(query: Map<string, string[]>) {
  return query.size ? { queryStringParameters: lastValues(query), multiValueQueryStringParameters: multiValues(query) } : {};
}

/** The stageVariables member, left out when the stage has none (the authorizer event always has it). */
function stageVariablesMember(base: EventBase) {
  return base.stageVariables && Object.keys(base.stageVariables).length ? { stageVariables: base.stageVariables } : {};
}

export function connectEvent(base: EventBase, handshake: Handshake) {
  return {
    ...handshakeHeaders(handshake.rawHeaders),
    ...queryMaps(handshake.query),
    ...stageVariablesMember(base),
    requestContext: requestContext(base, 'CONNECT'),
    isBase64Encoded: false,
  };
}

export function messageEvent(base: EventBase, messageId: string, body: string) {
  return {
    ...stageVariablesMember(base),
    requestContext: requestContext(base, 'MESSAGE', { messageId }),
    body,
    isBase64Encoded: false,
  };
}

export function disconnectEvent(base: EventBase, statusCode: number, reason: string) {
  // AWS's $disconnect events carry these headers, most of them empty.
  const headers: Record<string, string> = { Host: base.domainName, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' };
  const multiValueHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
  return {
    headers,
    multiValueHeaders,
    ...stageVariablesMember(base),
    requestContext: requestContext(base, 'DISCONNECT', { disconnectStatusCode: statusCode, disconnectReason: reason }),
    isBase64Encoded: false,
  };
}

/** The Lambda REQUEST authorizer's input on $connect. */
export function authorizerEvent(base: EventBase, handshake: Handshake, methodArn: string) {
  return {
    type: 'REQUEST',
    methodArn,
    ...handshakeHeaders(handshake.rawHeaders),
    ...queryMaps(handshake.query),
    stageVariables: base.stageVariables ?? {},
    requestContext: requestContext(base, 'CONNECT'),
  };
}
