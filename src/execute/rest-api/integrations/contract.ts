// What a REST API integration gets and gives (the contract is execute/shared/integration.ts).
// Proxy types (AWS_PROXY, HTTP_PROXY) answer the client directly; the others (MOCK, AWS,
// HTTP) give an endpoint response for the method's integration responses to map.
import type { Integration as IntegrationSettings } from '../../../models/apigateway.types.ts';
import type { LambdaInvoker } from '../../../services/lambda/invoker.ts';
import type { Integration, IntegrationTable } from '../../shared/integration.ts';
import { observingSteps, publishStep } from '../../shared/observe.ts';
import type { AwsServiceCaller } from './aws-service.ts';
import { integrationRequest, type IntegrationRequest } from '../integration-request.ts';
import type { Invocation } from '../invocation.ts';
import type { RestResponse } from '../respond.ts';

export interface RestIntegrationInput {
  invoker: LambdaInvoker;
  /** Other AWS services an AWS integration calls by path URI (S3). */
  services?: AwsServiceCaller;
  integration: IntegrationSettings;
  inv: Invocation;
}

export interface EndpointResponse {
  status: number;
  /** What selectionPattern is matched against: the status code, or a function's errorMessage. */
  selector: string;
  /** Lower-cased name -> values. */
  headers: Map<string, string[]>;
  body: Buffer;
}

export type RestIntegrationOutput = { response: RestResponse } | { endpoint: EndpointResponse; request: IntegrationRequest };

export type RestIntegration = Integration<RestIntegrationInput, RestIntegrationOutput>;
export type RestIntegrationTable = IntegrationTable<RestIntegrationInput, RestIntegrationOutput>;

const DEFAULT_TIMEOUT_MS = 29_000;
export const timeoutOf = (i: IntegrationSettings) => i.timeoutInMillis ?? DEFAULT_TIMEOUT_MS;

/** The integration request of a non-proxy type (request parameters and template applied). */
export function mappedRequest(input: RestIntegrationInput): IntegrationRequest {
  const request = integrationRequest(input.inv, input.integration, false);
  if (observingSteps()) publishStep('event', { headers: Object.fromEntries(request.headers), querystring: Object.fromEntries(request.query), body: request.body.toString('utf8') });
  return request;
}
