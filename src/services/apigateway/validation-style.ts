// How API Gateway (v1) words validation errors: body members under the operation's input
// ("putIntegrationInput.type") and enum values in its own order, as recorded on AWS
// (localstack/localstack tests/aws/services/apigateway/test_apigateway_api.snapshot.json).
import { AwsError } from '../../protocol/errors.ts';
import type { ValidationStyle } from '../../protocol/parse.ts';

export const APIGATEWAY_VALIDATION: ValidationStyle = {
  inputPrefix: true,
  omitElementNotNull: true,
  // Recorded for a boolean request parameter value (test_apigateway_api.snapshot.json
  // #TestApigatewayIntegration::test_put_integration_request_parameter_bool_type).
  booleanForString: () => new AwsError('SerializationException', 'class java.lang.Boolean can not be converted to an String'),
  enumOrder: {
    EndpointType: ['PRIVATE', 'EDGE', 'REGIONAL'],
    IntegrationType: ['HTTP', 'MOCK', 'AWS_PROXY', 'HTTP_PROXY', 'AWS'],
    Op: ['add', 'remove', 'move', 'test', 'replace', 'copy'],
    GatewayResponseType: [
      'REQUEST_TOO_LARGE', 'RESOURCE_NOT_FOUND', 'AUTHORIZER_CONFIGURATION_ERROR', 'MISSING_AUTHENTICATION_TOKEN', 'BAD_REQUEST_BODY',
      'INVALID_SIGNATURE', 'INVALID_API_KEY', 'BAD_REQUEST_PARAMETERS', 'AUTHORIZER_FAILURE', 'UNAUTHORIZED', 'INTEGRATION_TIMEOUT',
      'ACCESS_DENIED', 'DEFAULT_4XX', 'DEFAULT_5XX', 'WAF_FILTERED', 'QUOTA_EXCEEDED', 'THROTTLED', 'API_CONFIGURATION_ERROR',
      'UNSUPPORTED_MEDIA_TYPE', 'INTEGRATION_FAILURE', 'EXPIRED_TOKEN',
    ],
    DocumentationPartType: [
      'RESPONSE_BODY', 'RESPONSE', 'METHOD', 'MODEL', 'AUTHORIZER', 'RESPONSE_HEADER', 'RESOURCE', 'PATH_PARAMETER', 'REQUEST_BODY',
      'QUERY_PARAMETER', 'API', 'REQUEST_HEADER',
    ],
  },
};
