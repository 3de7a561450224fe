// The REST API's integrations by type. A type not in the table is the API's configuration
// error (500), as AWS answers an integration it cannot call.
import { aws } from './aws.ts';
import { awsProxy } from './aws-proxy.ts';
import type { RestIntegrationTable } from './contract.ts';
import { http } from './http.ts';
import { httpProxy } from './http-proxy.ts';
import { mock } from './mock.ts';

export const restIntegrations: RestIntegrationTable = {
  AWS_PROXY: awsProxy,
  AWS: aws,
  HTTP_PROXY: httpProxy,
  HTTP: http,
  MOCK: mock,
};
