// The WebSocket API's integrations by IntegrationType; a type not in the table fails the route.
import { aws } from './aws.ts';
import { awsProxy } from './aws-proxy.ts';
import type { WebSocketIntegrationTable } from './contract.ts';
import { http } from './http.ts';
import { httpProxy } from './http-proxy.ts';
import { mock } from './mock.ts';

export const websocketIntegrations: WebSocketIntegrationTable = {
  AWS_PROXY: awsProxy,
  AWS: aws,
  HTTP_PROXY: httpProxy,
  HTTP: http,
  MOCK: mock,
};
