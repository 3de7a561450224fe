// REST API (v1) control plane: gateway responses and documentation parts, as recorded on AWS.
import { recordedCases, ANY, type RecordedStep } from './harness.ts';
import { call, error, patch } from './apigateway-steps.ts';

const API_SNAPSHOT = 'localstack/localstack tests/aws/services/apigateway/test_apigateway_api.snapshot.json';

const validation = (message: string) => ({ status: 400, headers: { 'x-amzn-errortype': 'ValidationException' }, body: { message } });
const createApi: RecordedStep = { request: call('POST', '/restapis', { name: 'api' }), expect: { status: 201 }, save: { api: 'id' } };
const DEFAULT_TEMPLATES = { 'application/json': '{"message":$context.error.messageString}' };
const RESPONSE_TYPES =
  'REQUEST_TOO_LARGE, RESOURCE_NOT_FOUND, AUTHORIZER_CONFIGURATION_ERROR, MISSING_AUTHENTICATION_TOKEN, BAD_REQUEST_BODY, INVALID_SIGNATURE, ' +
  'INVALID_API_KEY, BAD_REQUEST_PARAMETERS, AUTHORIZER_FAILURE, UNAUTHORIZED, INTEGRATION_TIMEOUT, ACCESS_DENIED, DEFAULT_4XX, DEFAULT_5XX, ' +
  'WAF_FILTERED, QUOTA_EXCEEDED, THROTTLED, API_CONFIGURATION_ERROR, UNSUPPORTED_MEDIA_TYPE, INTEGRATION_FAILURE, EXPIRED_TOKEN';
const wrongType = (message: string) => validation(`1 validation error detected: Value 'FAKE_RESPONSE_TYPE' at 'responseType' failed to satisfy constraint: ${message}`);
const response = (responseType: string, statusCode: string | undefined, extra: Record<string, unknown> = {}) => ({
  defaultResponse: true, responseParameters: {}, responseTemplates: DEFAULT_TEMPLATES, responseType, ...(statusCode ? { statusCode } : {}), ...extra,
});
const HEADER = { 'gatewayresponse.header.x-request-header': 'method.request.header.Accept' };
const CUSTOM_TEMPLATES = { 'application/json': '{"message": $context.error.messageString, "type": "$context.error.responseType"}' };

recordedCases('API Gateway gateway responses and documentation parts', [
  {
    name: 'GatewayResponse validation: unknown API, unknown type, nothing to delete',
    source: `${API_SNAPSHOT}#TestApiGatewayGatewayResponse::test_gateway_response_validation`,
    steps: [
      { request: call('GET', '/restapis/fake-api-id/gatewayresponses'), expect: error(404, 'Invalid API identifier specified 000000000000:fake-api-id') },
      { request: call('GET', '/restapis/fake-api-id/gatewayresponses/DEFAULT_4XX'), expect: error(404, 'Invalid API identifier specified 000000000000:fake-api-id') },
      { request: call('DELETE', '/restapis/fake-api-id/gatewayresponses/DEFAULT_4XX'), expect: error(404, 'Invalid API identifier specified 000000000000:fake-api-id') },
      createApi,
      { request: call('DELETE', '/restapis/${api}/gatewayresponses/DEFAULT_4XX'), expect: error(404, 'Gateway response type not defined on api') },
      { request: call('GET', '/restapis/${api}/gatewayresponses/FAKE_RESPONSE_TYPE'), expect: wrongType(`Member must satisfy enum value set: [${RESPONSE_TYPES}]`) },
      { request: call('PUT', '/restapis/${api}/gatewayresponses/FAKE_RESPONSE_TYPE', {}), expect: wrongType(`Member must satisfy enum value set: [${RESPONSE_TYPES}]`) },
    ],
  },
  {
    name: 'PutGatewayResponse fills the default status and template; a customised DEFAULT_5XX covers the 5XX types',
    source: `${API_SNAPSHOT}#TestApiGatewayGatewayResponse::test_gateway_response_put`,
    steps: [
      createApi,
      {
        request: call('PUT', '/restapis/${api}/gatewayresponses/MISSING_AUTHENTICATION_TOKEN', { statusCode: '404' }),
        expect: { status: 201, body: response('MISSING_AUTHENTICATION_TOKEN', '404', { defaultResponse: false }) },
      },
      {
        request: call('PUT', '/restapis/${api}/gatewayresponses/MISSING_AUTHENTICATION_TOKEN', { responseParameters: HEADER }),
        expect: { status: 201, body: response('MISSING_AUTHENTICATION_TOKEN', '403', { defaultResponse: false, responseParameters: HEADER }) },
      },
      {
        request: call('PUT', '/restapis/${api}/gatewayresponses/DEFAULT_5XX', { statusCode: '599', responseParameters: HEADER, responseTemplates: CUSTOM_TEMPLATES }),
        expect: { status: 201, body: response('DEFAULT_5XX', '599', { defaultResponse: false, responseParameters: HEADER, responseTemplates: CUSTOM_TEMPLATES }) },
      },
      {
        request: call('PUT', '/restapis/${api}/gatewayresponses/AUTHORIZER_FAILURE', { responseParameters: { 'gatewayresponse.header.foo': "'bar'" } }),
        expect: { status: 201, body: response('AUTHORIZER_FAILURE', '500', { defaultResponse: false, responseParameters: { 'gatewayresponse.header.foo': "'bar'" } }) },
      },
      // A 5XX type nobody customised answers with DEFAULT_5XX's settings, still as a default response.
      {
        request: call('GET', '/restapis/${api}/gatewayresponses/INTEGRATION_TIMEOUT'),
        expect: { status: 200, body: response('INTEGRATION_TIMEOUT', '599', { responseParameters: HEADER, responseTemplates: CUSTOM_TEMPLATES }) },
      },
      { request: call('GET', '/restapis/${api}/gatewayresponses/ACCESS_DENIED'), expect: { status: 200, body: response('ACCESS_DENIED', '403') } },
    ],
  },
  {
    name: 'UpdateGatewayResponse: creates the customisation; refuses statusCode add/remove, unknown paths and parameters, empty values, unknown ops',
    source: `${API_SNAPSHOT}#TestApiGatewayGatewayResponse::test_update_gateway_response`,
    steps: [
      createApi,
      {
        request: call('PATCH', '/restapis/${api}/gatewayresponses/DEFAULT_4XX', patch({ op: 'replace', path: '/statusCode', value: '444' })),
        expect: { status: 200, body: response('DEFAULT_4XX', '444', { defaultResponse: false }) },
      },
      { request: call('GET', '/restapis/${api}/gatewayresponses/DEFAULT_4XX'), expect: { status: 200, body: response('DEFAULT_4XX', '444', { defaultResponse: false }) } },
      { request: call('PATCH', '/restapis/${api}/gatewayresponses/DEFAULT_4XX', patch({ op: 'add', path: '/statusCode', value: '444' })), expect: error(400, 'Invalid patch path /statusCode') },
      { request: call('PATCH', '/restapis/${api}/gatewayresponses/DEFAULT_4XX', patch({ op: 'remove', path: '/statusCode' })), expect: error(400, 'Invalid patch path /statusCode') },
      {
        request: call('PATCH', '/restapis/${api}/gatewayresponses/DEFAULT_5XX', patch({ op: 'replace', path: '/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin', value: "'example.com'" })),
        expect: error(404, 'Invalid parameter name specified'),
      },
      { request: call('PATCH', '/restapis/${api}/gatewayresponses/DEFAULT_4XX', patch({ op: 'add', value: "'example.com'" })), expect: error(400, 'Invalid patch path null') },
      {
        request: call('PATCH', '/restapis/${api}/gatewayresponses/DEFAULT_4XX', patch({ op: 'wrong-op', path: '/statusCode', value: "'example.com'" })),
        expect: validation(
          "1 validation error detected: Value 'wrong-op' at 'updateGatewayResponseInput.patchOperations.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
        ),
      },
      { request: call('PATCH', '/restapis/${api}/gatewayresponses/DEFAULT_4XX', patch({ op: 'add', path: '/wrongPath', value: 'x' })), expect: error(400, 'Invalid patch path /wrongPath') },
      {
        request: call('PATCH', '/restapis/${api}/gatewayresponses/DEFAULT_4XX', patch({ op: 'add', path: '/responseTemplates/application~1xml' })),
        expect: error(400, 'Invalid null or empty value in responseTemplates'),
      },
      {
        request: call('PATCH', '/restapis/${api}/gatewayresponses/DEFAULT_4XX', patch({ op: 'add', path: '/responseParameters/gatewayresponse.header.x' })),
        expect: error(400, 'Invalid null or empty value in responseParameters'),
      },
    ],
  },
  {
    name: 'Documentation parts on an unknown API, with an unknown location type, and unknown parts',
    source: `${API_SNAPSHOT}#TestApiGatewayApiDocumentationPart::test_doc_parts_crud_no_api, test_invalid_get_documentation_part, test_invalid_update_documentation_part, test_invalid_create_documentation_part_operations, test_invalid_delete_documentation_part`,
    steps: [
      {
        request: call('POST', '/restapis/test-fake-rest-id/documentation/parts', { location: { type: 'API' }, properties: '{"description":"x"}' }),
        expect: error(404, 'Invalid API identifier specified 000000000000:test-fake-rest-id'),
      },
      { request: call('GET', '/restapis/test-fake-rest-id/documentation/parts'), expect: error(404, 'Invalid API identifier specified 000000000000:test-fake-rest-id') },
      { request: call('GET', '/restapis/test-fake-rest-id/documentation/parts/abc123'), expect: error(404, 'Invalid Documentation part identifier specified') },
      {
        request: call('PATCH', '/restapis/test-fake-rest-id/documentation/parts/abc123', patch({ op: 'replace', path: '/properties', value: '{}' })),
        expect: error(404, 'Invalid Documentation part identifier specified'),
      },
      { request: call('DELETE', '/restapis/test-fake-rest-id/documentation/parts/abc123'), expect: error(404, 'Invalid API identifier specified 000000000000:test-fake-rest-id') },
      createApi,
      {
        request: call('POST', '/restapis/${api}/documentation/parts', { location: { type: 'INVALID' }, properties: '{"description":"x"}' }),
        expect: validation(
          "1 validation error detected: Value 'INVALID' at 'createDocumentationPartInput.location.type' failed to satisfy constraint: Member must satisfy enum value set: [RESPONSE_BODY, RESPONSE, METHOD, MODEL, AUTHORIZER, RESPONSE_HEADER, RESOURCE, PATH_PARAMETER, REQUEST_BODY, QUERY_PARAMETER, API, REQUEST_HEADER]",
        ),
      },
      {
        request: call('POST', '/restapis/${api}/documentation/parts', { location: { type: 'API' }, properties: '{"description":"Sample API description"}' }),
        expect: { status: 201, body: { id: ANY, location: { type: 'API' }, properties: '{"description":"Sample API description"}' } },
        save: { part: 'id' },
      },
      {
        request: call('PATCH', '/restapis/${api}/documentation/parts/${part}', patch({ op: 'add', path: '/properties', value: '{}' })),
        expect: error(400, "Invalid patch path  '/properties' specified for op 'add'. Please choose supported operations"),
      },
      {
        request: call('PATCH', '/restapis/${api}/documentation/parts/${part}', patch({ op: 'replace', path: '/invalidPath', value: '{}' })),
        expect: error(400, "Invalid patch path  '/invalidPath' specified for op 'replace'. Must be one of: [/properties]"),
      },
      { request: call('DELETE', '/restapis/${api}/documentation/parts/${part}'), expect: { status: 202 } },
      { request: call('DELETE', '/restapis/${api}/documentation/parts/${part}'), expect: error(404, 'Invalid Documentation part identifier specified') },
    ],
  },
]);
