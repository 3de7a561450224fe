// The HTTP API's integrations by IntegrationType. A type not in the table fails the route
// with 500, as an integration API Gateway cannot call does.
import type { HttpIntegrationTable } from './contract.ts';
import { awsProxy } from './aws-proxy.ts';
import { httpProxy } from './http-proxy.ts';

export const httpIntegrations: HttpIntegrationTable = {
  AWS_PROXY: awsProxy,
  HTTP_PROXY: httpProxy,
};
