// A WebSocket route's integration, from the kind's table (integrations/index.ts): AWS_PROXY
// (Lambda with the proxy event), HTTP_PROXY (the message as the request body), and the
// mapped kinds MOCK, HTTP and AWS. A failed integration is a GatewayError (503 for a
// timeout, else 500): the caller turns it into the refused handshake or the error frame.
import { gatewayErrors, gatewayFailure } from '../shared/gateway-error.ts';
import { failed, integrationFor, isFailure } from '../shared/integration.ts';
import { publishStep } from '../shared/observe.ts';
import type { WebSocketIntegrationInput, WebSocketIntegrationOutput } from './integrations/contract.ts';
import { websocketIntegrations } from './integrations/index.ts';

export type IntegrationCall = Omit<WebSocketIntegrationInput, 'integration'>;

export async function integrate(input: IntegrationCall): Promise<WebSocketIntegrationOutput> {
  const integration = input.route.integration;
  if (!integration) throw gatewayErrors.internal();
  publishStep('integration', integration.IntegrationType);
  const integrate = integrationFor(websocketIntegrations, integration.IntegrationType);
  const out = integrate ? await integrate.invoke({ ...input, integration }) : failed('misconfigured', `WebSocket APIs have no ${integration.IntegrationType} integrations`);
  if (isFailure(out)) throw gatewayFailure(out);
  return out;
}
