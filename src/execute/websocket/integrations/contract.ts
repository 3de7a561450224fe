// What a WebSocket API integration gets and gives (the contract is
// execute/shared/integration.ts): the result is a status (it decides a $connect) and the
// body a two-way route sends back.
import type { Integration as IntegrationSettings } from '../../../models/apigatewayv2.types.ts';
import type { LambdaInvoker } from '../../../services/lambda/invoker.ts';
import type { Integration, IntegrationTable } from '../../shared/integration.ts';
import type { RequestParams } from '../../vtl/index.ts';
import type { CompiledRoute } from '../compiled.ts';

export interface WebSocketIntegrationInput {
  invoker: LambdaInvoker;
  route: CompiledRoute;
  integration: IntegrationSettings;
  /** The Lambda proxy event (built only when needed). */
  proxyEvent(): unknown;
  /** The message ('' for $connect and $disconnect). */
  body: string;
  /** Handshake headers (lower-cased names) and query, for HTTP requests and $input.params(). */
  params: RequestParams;
  /** $context for templates. */
  context: Record<string, unknown>;
  stageVariables?: Record<string, string>;
}

export interface WebSocketIntegrationOutput {
  status: number;
  /** Headers a $connect answer adds to the handshake response (e.g. Sec-WebSocket-Protocol). */
  headers: Record<string, string>;
  /** What a two-way route sends back; undefined sends nothing. */
  body?: string;
}

export type WebSocketIntegration = Integration<WebSocketIntegrationInput, WebSocketIntegrationOutput>;
export type WebSocketIntegrationTable = IntegrationTable<WebSocketIntegrationInput, WebSocketIntegrationOutput>;

/** WebSocket integrations may take 50 ms to 29 s (the default). */
const MAX_TIMEOUT_MS = 29_000;

export const timeoutOf = (i: IntegrationSettings) => (i.TimeoutInMillis && i.TimeoutInMillis > 0 ? Math.min(i.TimeoutInMillis, MAX_TIMEOUT_MS) : MAX_TIMEOUT_MS);
