// REST API (v1) control plane: CreateRestApi / GetRestApi as recorded on AWS.
import { recordedCases, ANY } from './harness.ts';

const API_SNAPSHOT = 'localstack/localstack tests/aws/services/apigateway/test_apigateway_api.snapshot.json';

recordedCases('API Gateway REST APIs', [
  {
    name: 'CreateRestApi with a name and a description',
    source: `${API_SNAPSHOT}#TestApiGatewayApiRestApi::test_get_api_case_insensitive`,
    steps: [
      {
        request: { method: 'POST', path: '/restapis', service: 'apigateway', body: { name: 'lower', description: 'lower case api' } },
        expect: {
          status: 201,
          body: {
            apiKeySource: 'HEADER', createdDate: ANY, description: 'lower case api', disableExecuteApiEndpoint: false,
            endpointConfiguration: { ipAddressType: 'ipv4', types: ['EDGE'] }, id: ANY, name: 'lower', rootResourceId: ANY,
          },
        },
              },
    ],
  },
]);
