// The REST API gateway's own answers: each fault is a gateway response type (ACCESS_DENIED,
// THROTTLED, ...) with AWS's message. How it is rendered (status, headers, template) comes
// from the deployment's customised gateway responses; see gateway-responses.ts.
import type { GatewayResponseType } from '../../models/apigateway.types.ts';
import type { FailureKind, IntegrationFailure } from '../shared/integration.ts';

export class RestGatewayError extends Error {
  constructor(
    readonly type: GatewayResponseType,
    /** `$context.error.message`; null renders as `{"message":null}`, as AWS answers authorizer failures. */
    readonly messageValue: string | null,
    /** A status for types without one of their own (DEFAULT_5XX). */
    readonly statusOverride?: number,
    /** The body AWS sends when the deployment customised neither this type nor its
     * DEFAULT_4XX/5XX, where it differs from the default template's rendering. */
    readonly uncustomisedBody?: string,
  ) {
    super(messageValue ?? type);
  }
}

/** The x-amzn-ErrorType API Gateway sends with each response type. */
export const ERROR_TYPES: Partial<Record<GatewayResponseType, string>> = {
  MISSING_AUTHENTICATION_TOKEN: 'MissingAuthenticationTokenException',
  UNAUTHORIZED: 'UnauthorizedException',
  ACCESS_DENIED: 'AccessDeniedException',
  INVALID_API_KEY: 'ForbiddenException',
  AUTHORIZER_CONFIGURATION_ERROR: 'AuthorizerConfigurationException',
  AUTHORIZER_FAILURE: 'AuthorizerFailureException',
  THROTTLED: 'TooManyRequestsException',
  QUOTA_EXCEEDED: 'LimitExceededException',
  BAD_REQUEST_BODY: 'BadRequestException',
  BAD_REQUEST_PARAMETERS: 'BadRequestException',
  UNSUPPORTED_MEDIA_TYPE: 'UnsupportedMediaTypeException',
  INTEGRATION_TIMEOUT: 'InternalServerErrorException',
  INTEGRATION_FAILURE: 'InternalServerErrorException',
  API_CONFIGURATION_ERROR: 'InternalServerErrorException',
  REQUEST_TOO_LARGE: 'RequestTooLargeException',
  RESOURCE_NOT_FOUND: 'NotFoundException',
  DEFAULT_5XX: 'InternalServerErrorException',
};

export const restErrors = {
  /** A stage the API does not have: no deployment, so nothing customises the answer. */
  unknownStage: () => new RestGatewayError('DEFAULT_4XX', 'Forbidden', 403),
  missingToken: () => new RestGatewayError('MISSING_AUTHENTICATION_TOKEN', 'Missing Authentication Token'),
  unauthorized: () => new RestGatewayError('UNAUTHORIZED', 'Unauthorized'),
  accessDenied: (explicit: boolean) =>
    new RestGatewayError('ACCESS_DENIED', explicit ? 'User is not authorized to access this resource with an explicit deny' : 'User is not authorized to access this resource'),
  authorizerConfiguration: () => new RestGatewayError('AUTHORIZER_CONFIGURATION_ERROR', null),
  invalidApiKey: () => new RestGatewayError('INVALID_API_KEY', 'Forbidden'),
  throttled: () => new RestGatewayError('THROTTLED', 'Too Many Requests'),
  quotaExceeded: () => new RestGatewayError('QUOTA_EXCEEDED', 'Limit Exceeded'),
  badBody: () => new RestGatewayError('BAD_REQUEST_BODY', 'Invalid request body'),
  missingParameters: (names: string[]) => new RestGatewayError('BAD_REQUEST_PARAMETERS', `Missing required request parameters: [${names.join(', ')}]`),
  unsupportedMediaType: () => new RestGatewayError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type'),
  tooLarge: (limit: number) => new RestGatewayError('REQUEST_TOO_LARGE', `HTTP content length exceeded ${limit} bytes.`),
  timeout: () => new RestGatewayError('INTEGRATION_TIMEOUT', 'Endpoint request timed out'),
  integrationFailure: () => new RestGatewayError('INTEGRATION_FAILURE', 'Internal server error'),
  configuration: () => new RestGatewayError('API_CONFIGURATION_ERROR', 'Internal server error'),
  /** A Lambda proxy function that failed or answered a malformed result: 502. */
  badGateway: () => new RestGatewayError('DEFAULT_5XX', 'Internal server error', 502, '{"message": "Internal server error"}'),
  internal: () => new RestGatewayError('DEFAULT_5XX', 'Internal server error', 500),
};

/** How a REST API answers a failed integration. */
const FAILURES: Record<FailureKind, () => RestGatewayError> = {
  timeout: restErrors.timeout,
  'function-error': restErrors.badGateway,
  'bad-response': restErrors.badGateway,
  'invoke-failed': restErrors.internal,
  throttled: restErrors.internal,
  'upstream-error': restErrors.integrationFailure,
  misconfigured: restErrors.configuration,
};

export class RestIntegrationError extends RestGatewayError {
  constructor(
    base: RestGatewayError,
    /** Why, for localgate's console. */
    readonly reason?: string,
  ) {
    super(base.type, base.messageValue, base.statusOverride, base.uncustomisedBody);
  }
}

export const restFailure = (f: IntegrationFailure): RestGatewayError => new RestIntegrationError(FAILURES[f.failure](), f.reason);
