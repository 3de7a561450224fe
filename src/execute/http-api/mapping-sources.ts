// Where an HTTP API's parameter mappings read their values: $request.header/querystring/
// path/body, $stageVariables and $context (the authorizer's answer included).
import type { AuthResult } from './authorize.ts';
import type { EventContext } from './events.ts';
import type { MappingSources } from './parameter-mapping.ts';
import { requestTime, type GatewayRequest } from '../shared/gateway-request.ts';

/** A JSON body parsed on first use (null when it is not JSON). */
export function jsonOnce(text: () => string): () => unknown {
  let parsed: unknown;
  return () => {
    if (parsed === undefined) {
      try {
        parsed = JSON.parse(text());
      } catch {
        parsed = null;
      }
    }
    return parsed;
  };
}

/** Where parameter mapping values ($request..., $context..., $stageVariables...) come from. */
export function mappingSources(req: GatewayRequest, event: EventContext, auth: () => AuthResult | undefined): MappingSources {
  return {
    requestHeader: (name) => req.headers.get(name.toLowerCase())?.join(','),
    requestQuery: (name) => req.query.get(name)?.join(','),
    requestPath: (name) => (name === undefined ? req.stagePath : event.pathParameters?.[name]),
    requestBody: jsonOnce(() => req.body.toString('utf8')),
    stageVariable: (name) => event.stageVariables?.[name],
    context: (name) => contextVariable(name, req, event, auth()),
  };
}

function contextVariable(name: string, req: GatewayRequest, event: EventContext, auth: AuthResult | undefined): string | undefined {
  switch (name) {
    case 'requestId':
    case 'extendedRequestId':
      return event.requestId;
    case 'accountId':
    case 'apiId':
    case 'domainName':
    case 'domainPrefix':
    case 'routeKey':
    case 'stage':
      return event[name];
    case 'httpMethod':
      return req.method;
    case 'path':
      return req.rawPath;
    case 'protocol':
      return req.protocol;
    case 'identity.sourceIp':
      return req.sourceIp;
    case 'identity.userAgent':
      return req.headers.get('user-agent')?.join(',');
    case 'requestTime':
      return requestTime(req.timeEpoch);
    case 'requestTimeEpoch':
      return String(req.timeEpoch);
  }
  if (name.startsWith('authorizer.') && auth) {
    const key = name.slice('authorizer.'.length);
    if (auth.kind === 'jwt') return key.startsWith('claims.') ? auth.jwt.claims[key.slice(7)] : undefined;
    if (auth.kind === 'lambda') {
      const v = key === 'principalId' ? auth.lambda.principalId : auth.lambda.context[key];
      return v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v);
    }
  }
  return undefined;
}
