// REST API (v1) control plane: methods, integrations, authorizers, request validators and
// models, as recorded on AWS.
import { recordedCases, ANY, type RecordedStep } from './harness.ts';
import { call, error, patch } from './apigateway-steps.ts';

const API_SNAPSHOT = 'localstack/localstack tests/aws/services/apigateway/test_apigateway_api.snapshot.json';

const createApi: RecordedStep = {
  request: call('POST', '/restapis', { name: 'api', description: 'my api' }),
  expect: { status: 201 },
  save: { api: 'id', root: 'rootResourceId' },
};
const putMethod = (body: Record<string, unknown> = {}): RecordedStep => ({
  request: call('PUT', '/restapis/${api}/resources/${root}/methods/ANY', { authorizationType: 'NONE', ...body }),
  expect: { status: 201 },
});
const method = (extra: Record<string, unknown> = {}) => ({ apiKeyRequired: false, authorizationType: 'NONE', httpMethod: 'ANY', ...extra });

recordedCases('API Gateway methods, integrations, authorizers, validators, models', [
  {
    name: 'PutMethod request parameters; names unique across locations; authorizationType in any casing',
    source: `${API_SNAPSHOT}#TestApiGatewayApiMethod::test_method_request_parameters`,
    steps: [
      createApi,
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/ANY', {
          // Stored upper-case, as AWS stores it (found by running moto's test suite against localgate).
          authorizationType: 'none',
          requestParameters: {
            'method.request.header.h_optional': false, 'method.request.header.h_required': true,
            'method.request.querystring.q_optional': false, 'method.request.querystring.q_required': true,
          },
        }),
        expect: {
          status: 201,
          body: method({
            requestParameters: {
              'method.request.header.h_optional': false, 'method.request.header.h_required': true,
              'method.request.querystring.q_optional': false, 'method.request.querystring.q_required': true,
            },
          }),
        },
      },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET', {
          authorizationType: 'NONE',
          requestParameters: { 'method.request.querystring.q': true, 'method.request.header.q': true },
        }),
        expect: error(400, 'Parameter names must be unique across querystring, header and path'),
      },
    ],
  },
  {
    name: 'PutMethod validation',
    source: `${API_SNAPSHOT}#TestApiGatewayApiMethod::test_put_method_validation`,
    steps: [
      createApi,
      { request: call('PUT', '/restapis/fake-api/resources/${root}/methods/ANY', { authorizationType: 'NONE' }), expect: error(404, 'Invalid Resource identifier specified') },
      { request: call('PUT', '/restapis/${api}/resources/fake-res/methods/ANY', { authorizationType: 'NONE' }), expect: error(404, 'Invalid Resource identifier specified') },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/WRONG', { authorizationType: 'NONE' }),
        expect: error(400, 'Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY'),
      },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/ANY', { authorizationType: 'CUSTOM' }),
        expect: error(400, 'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.'),
      },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/ANY', { authorizationType: 'NONE', requestValidatorId: 'fake-validator' }),
        expect: error(400, 'Invalid Request Validator identifier specified'),
      },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/ANY', { authorizationType: 'NONE', requestModels: { 'application/json': 'petModel' } }),
        expect: error(400, 'Invalid model identifier specified: petModel'),
      },
    ],
  },
  {
    name: 'UpdateMethod validation: ops and paths a method refuses',
    source: `${API_SNAPSHOT}#TestApiGatewayApiMethod::test_update_method_validation`,
    steps: [
      createApi,
      {
        request: call('PATCH', '/restapis/fake-api/resources/${root}/methods/ANY', patch({ op: 'replace', path: '/apiKeyRequired', value: 'true' })),
        expect: error(404, 'Invalid Resource identifier specified'),
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/ANY', patch({ op: 'replace', path: '/apiKeyRequired', value: 'true' })),
        expect: error(404, 'Invalid Method identifier specified'),
      },
      putMethod({ apiKeyRequired: true }),
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/ANY', patch({ op: 'add', path: '/operationName', value: 'operationName' })),
        expect: error(400, 'Invalid patch operation specified. Must be one of: [replace]'),
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/ANY', patch({ op: 'add', path: '/requestValidatorId', value: 'wrong-id' })),
        expect: error(400, 'Invalid patch operation specified. Must be one of: [replace]'),
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/ANY', patch({ op: 'add', path: '/httpMethod', value: 'PUT' })),
        expect: error(400, 'Invalid patch path /httpMethod'),
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/ANY', patch({ op: 'replace', path: '/requestParameters', value: 'method.request.querystring.optional=false' })),
        expect: error(400, 'Invalid patch path /requestParameters'),
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/ANY', patch({ op: 'replace', path: '/authorizationType', value: 'CUSTOM' })),
        expect: error(400, 'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.'),
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/ANY', patch({ op: 'replace', path: '/requestValidatorId', value: 'fake-validator' })),
        expect: error(400, 'Invalid Request Validator identifier specified'),
      },
    ],
  },
  {
    name: 'PutIntegration: an unknown type is a ValidationException naming putIntegrationInput.type',
    source: `${API_SNAPSHOT}#TestApigatewayIntegration::test_put_integration_wrong_type`,
    steps: [
      createApi,
      putMethod(),
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/ANY/integration', { type: 'HTTPS_PROXY', integrationHttpMethod: 'ANY', uri: 'http://example.com' }),
        expect: {
          status: 400,
          headers: { 'x-amzn-errortype': 'ValidationException' },
          body: {
            message: "1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]",
          },
        },
      },
    ],
  },
  {
    name: 'PutIntegration and PutIntegrationResponse on unknown methods and resources',
    source: `${API_SNAPSHOT}#TestApigatewayIntegration::test_put_integration_response_validation`,
    steps: [
      createApi,
      putMethod(),
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration', { type: 'MOCK' }),
        expect: error(404, 'Invalid Method identifier specified'),
      },
      {
        request: call('PUT', '/restapis/${api}/resources/fake-res/methods/ANY/integration', { type: 'MOCK' }),
        expect: error(404, 'Invalid Resource identifier specified'),
      },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration/responses/200', {}),
        expect: error(404, 'Invalid Method identifier specified'),
      },
      {
        request: call('PUT', '/restapis/${api}/resources/fake-res/methods/ANY/integration/responses/200', {}),
        expect: error(404, 'Invalid Resource identifier specified'),
      },
    ],
  },
  {
    name: 'Authorizers and request validators on an unknown REST API',
    source: `${API_SNAPSHOT}#TestApiGatewayApiAuthorizer::test_authorizer_crud_no_api + TestApiGatewayApiRequestValidator::test_validators_crud_no_api, test_invalid_get_request_validator, test_invalid_delete_request_validator`,
    steps: [
      {
        request: call('POST', '/restapis/test-fake-rest-id/authorizers', { name: 'a', type: 'TOKEN', authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:f/invocations', identitySource: 'method.request.header.Authorization' }),
        expect: error(409, 'Unable to complete operation due to concurrent modification. Please try again later.'),
      },
      { request: call('GET', '/restapis/test-fake-rest-id/authorizers'), expect: error(404, 'Invalid API identifier specified 000000000000:test-fake-rest-id') },
      { request: call('POST', '/restapis/test-fake-rest-id/requestvalidators', { name: 'v' }), expect: error(400, 'Invalid REST API identifier specified') },
      { request: call('GET', '/restapis/test-fake-rest-id/requestvalidators'), expect: error(404, 'Invalid API identifier specified 000000000000:test-fake-rest-id') },
      { request: call('GET', '/restapis/test-fake-rest-id/requestvalidators/abc123'), expect: error(404, 'Invalid Request Validator identifier specified') },
      { request: call('DELETE', '/restapis/test-fake-rest-id/requestvalidators/abc123'), expect: error(404, 'Invalid Request Validator identifier specified') },
    ],
  },
  {
    name: 'UpdateRequestValidator refuses add, remove, unknown paths and a blank name',
    source: `${API_SNAPSHOT}#TestApiGatewayApiRequestValidator::test_invalid_update_request_validator_operations`,
    steps: [
      createApi,
      {
        request: call('POST', '/restapis/${api}/requestvalidators', { name: 'validator' }),
        expect: { status: 201, body: { id: ANY, name: 'validator', validateRequestBody: false, validateRequestParameters: false } },
        save: { validator: 'id' },
      },
      {
        request: call('PATCH', '/restapis/${api}/requestvalidators/${validator}', patch({ op: 'add', path: '/validateRequestBody', value: 'true' })),
        expect: error(400, "Invalid patch path  '/validateRequestBody' specified for op 'add'. Please choose supported operations"),
      },
      {
        request: call('PATCH', '/restapis/${api}/requestvalidators/${validator}', patch({ op: 'remove', path: '/validateRequestBody' })),
        expect: error(400, "Invalid patch path  '/validateRequestBody' specified for op 'remove'. Please choose supported operations"),
      },
      {
        request: call('PATCH', '/restapis/${api}/requestvalidators/${validator}', patch({ op: 'replace', path: '/invalidPath', value: 'x' })),
        expect: error(400, "Invalid patch path  '/invalidPath' specified for op 'replace'. Must be one of: [/name, /validateRequestParameters, /validateRequestBody]"),
      },
      {
        request: call('PATCH', '/restapis/${api}/requestvalidators/${validator}', patch({ op: 'replace', path: '/name', value: '' })),
        expect: error(400, 'Request Validator name cannot be blank'),
      },
    ],
  },
  {
    name: 'Model validation',
    source: `${API_SNAPSHOT}#TestApiGatewayApiModels::test_model_validation + test_update_model`,
    steps: [
      { request: call('POST', '/restapis/abcde0/models', { name: 'MySchema', contentType: 'application/json', schema: '{"type":"object"}' }), expect: error(404, 'Invalid API identifier specified 000000000000:abcde0') },
      { request: call('GET', '/restapis/abcde0/models'), expect: error(404, 'Invalid API identifier specified 000000000000:abcde0') },
      createApi,
      { request: call('GET', '/restapis/${api}/models/MySchema'), expect: error(404, 'Invalid model name specified: MySchema') },
      { request: call('DELETE', '/restapis/${api}/models/MySchema'), expect: error(404, 'Invalid model name specified: MySchema') },
      { request: call('POST', '/restapis/${api}/models', { name: 'Empty', contentType: 'application/json', schema: '{"type":"object","title":"x"}' }), expect: error(409, 'Model name already exists for this REST API') },
      { request: call('POST', '/restapis/${api}/models', { name: '', contentType: 'application/json', schema: '{"type":"object"}' }), expect: error(400, 'Model name must be non-empty') },
      { request: call('POST', '/restapis/${api}/models', { name: 'MySchema', contentType: 'application/json', schema: '' }), expect: error(400, 'Model schema must have at least 1 property or array items defined') },
      { request: call('POST', '/restapis/${api}/models', { name: 'MySchema', contentType: 'application/json' }), expect: error(400, 'Model schema must have at least 1 property or array items defined') },
      { request: call('POST', '/restapis/${api}/models', { name: 'mySchema', contentType: 'application/json', schema: '{"title":"mySchema","type":"object"}' }), expect: { status: 201 } },
      {
        request: call('PATCH', '/restapis/${api}/models/mySchema', patch({ op: 'add', path: '/wrong-path', value: 'x' })),
        expect: error(400, "Invalid patch path  '/wrong-path' specified for op 'add'. Please choose supported operations"),
      },
      {
        request: call('PATCH', '/restapis/${api}/models/mySchema', patch({ op: 'replace', path: '/name', value: 'x' })),
        expect: error(400, "Invalid patch path  '/name' specified for op 'replace'. Must be one of: [/description, /schema]"),
      },
      {
        request: call('PATCH', '/restapis/${api}/models/mySchema', patch({ op: 'replace', path: '/schema', value: '' })),
        expect: error(400, 'Model schema must have at least 1 property or array items defined'),
      },
    ],
  },
]);
