// What API Gateway accepts in an integration, per protocol. HTTP APIs take only proxy
// integrations: AWS_PROXY (Lambda, payload format 1.0 or 2.0, or an AWS service through
// IntegrationSubtype with 1.0) and HTTP_PROXY (1.0). WebSocket APIs take all five types
// with payload format 1.0. Timeouts: 50..30000 ms for HTTP APIs, 50..29000 for WebSocket.
import { badRequest } from '../../protocol/errors.ts';
import type { Integration } from '../../models/apigatewayv2.types.ts';

const HTTP_TIMEOUT_MAX = 30000;
const WEBSOCKET_TIMEOUT_MAX = 29000;

/** Fills in the members AWS sets when a create request leaves them out. */
export function withIntegrationDefaults(protocol: string, integration: Integration): Integration {
  const out: Integration = { ConnectionType: 'INTERNET', ...integration };
  const type = out.IntegrationType;
  out.TimeoutInMillis ??= protocol === 'HTTP' ? HTTP_TIMEOUT_MAX : WEBSOCKET_TIMEOUT_MAX;
  if (protocol === 'HTTP') {
    if (type === 'HTTP_PROXY') out.PayloadFormatVersion ??= '1.0';
    if (type === 'AWS_PROXY') {
      if (out.IntegrationSubtype) out.PayloadFormatVersion ??= '1.0';
      else out.IntegrationMethod ??= 'POST';
    }
  } else {
    out.PayloadFormatVersion ??= '1.0';
    if (type === 'AWS' || type === 'AWS_PROXY') out.IntegrationMethod ??= 'POST';
    if (type !== 'AWS_PROXY' && type !== 'HTTP_PROXY') {
      out.PassthroughBehavior ??= 'WHEN_NO_MATCH';
      out.IntegrationResponseSelectionExpression ??= '${integration.response.statuscode}';
    }
  }
  return out;
}

export function validateIntegration(protocol: string, i: Integration) {
  const type = i.IntegrationType;
  if (protocol === 'HTTP') validateHttpApiIntegration(i);
  else validateWebSocketIntegration(i);
  const max = protocol === 'HTTP' ? HTTP_TIMEOUT_MAX : WEBSOCKET_TIMEOUT_MAX;
  if (i.TimeoutInMillis !== undefined && (i.TimeoutInMillis < 50 || i.TimeoutInMillis > max)) {
    throw badRequest(`Timeout must be between 50 milliseconds and ${max} milliseconds`);
  }
  if (i.ConnectionType === 'VPC_LINK' && !i.ConnectionId) {
    throw badRequest('ConnectionId must be specified when ConnectionType is VPC_LINK');
  }
  if (i.ConnectionType !== 'VPC_LINK' && i.ConnectionId) {
    throw badRequest('ConnectionId can only be specified when ConnectionType is VPC_LINK');
  }
  if ((type === 'HTTP' || type === 'HTTP_PROXY') && i.IntegrationUri && i.ConnectionType !== 'VPC_LINK' && !isHttpUrl(i.IntegrationUri)) {
    throw badRequest(`Invalid HTTP endpoint specified for URI`);
  }
}

function validateHttpApiIntegration(i: Integration) {
  const type = i.IntegrationType;
  if (type !== 'AWS_PROXY' && type !== 'HTTP_PROXY') {
    throw badRequest('Currently, an API with a protocol type of HTTP may only be associated with proxy integrations (AWS_PROXY, HTTP_PROXY)');
  }
  if (type === 'AWS_PROXY' && i.IntegrationSubtype) {
    if (i.PayloadFormatVersion !== '1.0') throw badRequest('PayloadFormatVersion must be 1.0 for AWS service integrations');
    return;
  }
  if (!i.IntegrationUri) throw badRequest('IntegrationUri is required for integrations of type ' + type);
  if (type === 'AWS_PROXY') {
    if (i.PayloadFormatVersion === undefined) throw badRequest('PayloadFormatVersion is required for AWS_PROXY integrations of HTTP APIs');
    if (i.PayloadFormatVersion !== '1.0' && i.PayloadFormatVersion !== '2.0') {
      throw badRequest('Invalid PayloadFormatVersion: valid values are 1.0 and 2.0');
    }
  } else {
    if (i.PayloadFormatVersion !== '1.0') throw badRequest('PayloadFormatVersion must be 1.0 for HTTP_PROXY integrations');
    if (!i.IntegrationMethod) throw badRequest('IntegrationMethod is required for HTTP_PROXY integrations');
  }
}

function validateWebSocketIntegration(i: Integration) {
  const type = i.IntegrationType;
  if (i.IntegrationSubtype) throw badRequest('IntegrationSubtype is supported only for HTTP APIs');
  if (i.PayloadFormatVersion !== '1.0') throw badRequest('PayloadFormatVersion must be 1.0 for WebSocket APIs');
  if (type !== 'MOCK' && !i.IntegrationUri) throw badRequest('IntegrationUri is required for integrations of type ' + type);
  if ((type === 'HTTP' || type === 'HTTP_PROXY') && !i.IntegrationMethod) {
    throw badRequest(`IntegrationMethod is required for integrations of type ${type}`);
  }
}

/** An http(s) URL; the host may be a stage variable (`http://${stageVariables.host}/`). */
const isHttpUrl = (uri: string) => /^https?:\/\/[^/\s]+/i.test(uri);
