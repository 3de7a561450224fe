// What an HTTP API integration gets and gives (the contract is execute/shared/integration.ts).
import type { IncomingMessage } from 'node:http';
import type { LambdaInvoker } from '../../../services/lambda/invoker.ts';
import type { Integration, IntegrationTable } from '../../shared/integration.ts';
import type { GatewayRequest } from '../../shared/gateway-request.ts';
import type { AuthResult } from '../authorize.ts';
import type { CompiledIntegration } from '../compiled.ts';
import type { EventContext } from '../events.ts';
import type { MappingSources } from '../parameter-mapping.ts';

export interface HttpIntegrationInput {
  invoker: LambdaInvoker;
  compiled: CompiledIntegration;
  req: GatewayRequest;
  event: EventContext;
  sources: MappingSources;
  auth?: AuthResult;
  /** The invoke URL's host, for the Forwarded header when the client sent no Host. */
  domainName: string;
}

/** The integration's answer, before response parameter mapping and CORS. */
export interface HttpIntegrationOutput {
  status: number;
  /** Lower-cased names; repeated headers as lists. */
  headers: Record<string, string | string[]>;
  /** A whole body (Lambda), or an upstream response to stream back (HTTP_PROXY). */
  body: Buffer | IncomingMessage;
}

export type HttpIntegration = Integration<HttpIntegrationInput, HttpIntegrationOutput>;
export type HttpIntegrationTable = IntegrationTable<HttpIntegrationInput, HttpIntegrationOutput>;
