// `$context` for WebSocket mapping templates: the connection's and request's variables as
// API Gateway names them, authorizer values as strings.
import { requestTime } from '../shared/gateway-request.ts';
import type { EventBase } from './events.ts';

export function templateContext(base: EventBase, eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT', messageId?: string): Record<string, unknown> {
  const authorizer: Record<string, string> = {};
  for (const [k, v] of Object.entries(base.authorizer ?? {})) {
    if (v !== undefined && v !== null) authorizer[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return {
    apiId: base.apiId,
    connectedAt: base.connectedAt,
    connectionId: base.connectionId,
    domainName: base.domainName,
    eventType,
    extendedRequestId: base.requestId,
    identity: { sourceIp: base.sourceIp, userAgent: base.userAgent },
    messageDirection: 'IN',
    messageId: messageId ?? '',
    requestId: base.requestId,
    requestTime: requestTime(base.requestTimeEpoch),
    requestTimeEpoch: base.requestTimeEpoch,
    routeKey: base.routeKey,
    stage: base.stage,
    authorizer,
  };
}
