// REST API (v1) control plane, second pass: stages, usage plans, API keys, documentation,
// integrations and imports, as recorded on AWS.
import { recordedCases, ANY, ABSENT, type RecordedStep } from './harness.ts';
import { call, error, patch, createApi } from './apigateway-steps.ts';

const SNAPSHOTS = 'localstack/localstack tests/aws/services/apigateway';
const COMMON = `${SNAPSHOTS}/test_apigateway_common.snapshot.json`;
const INTEGRATIONS = `${SNAPSHOTS}/test_apigateway_integrations.snapshot.json`;
const IMPORT = `${SNAPSHOTS}/test_apigateway_import.snapshot.json`;
const API = `${SNAPSHOTS}/test_apigateway_api.snapshot.json`;
const EXTENDED = `${SNAPSHOTS}/test_apigateway_extended.snapshot.json`;
const CANARY = `${SNAPSHOTS}/test_apigateway_canary.snapshot.json`;

/** GET on the root resource with a MOCK integration, as the stage and deployment recordings set it up. */
const rootMockMethod: RecordedStep[] = [
  { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET', { authorizationType: 'NONE' }), expect: { status: 201 } },
  { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration', { type: 'MOCK' }), expect: { status: 201 } },
];

/** The paths UpdateStage accepts, in AWS's words (including its missing commas). */
const STAGE_PATHS = '/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, /{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, /{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, /*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled';

/** A Swagger 2.0 definition with the features the import recordings exercise: a MOCK method
 * guarded by a TOKEN authorizer, an HTTP integration with mapped query strings, an operationId,
 * body models with $refs, and a second authorizer that gives no TTL. */
const AUTHORIZER_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations';
const tokenAuthorizer = (ttl?: number) => ({
  type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'oauth2',
  'x-amazon-apigateway-authorizer': {
    type: 'token', authorizerUri: AUTHORIZER_URI, authorizerCredentials: 'arn:aws:iam::000000000000:role/r',
    identityValidationExpression: '^x-[a-z]+', ...(ttl === undefined ? {} : { authorizerResultTtlInSeconds: ttl }),
  },
});
const PETSTORE = {
  swagger: '2.0',
  info: { version: '1.0', title: 'PetStore', description: 'pets' },
  'x-amazon-apigateway-binary-media-types': ['*/*'],
  paths: {
    '/': {
      get: {
        security: [{ 'test-authorizer': [] }],
        responses: { 200: { description: '200 response', headers: { 'Content-Type': { type: 'string' } } } },
        'x-amazon-apigateway-integration': {
          type: 'mock', requestTemplates: { 'application/json': '{"statusCode": 200}' }, passthroughBehavior: 'when_no_match',
          responses: { default: { statusCode: '200', responseParameters: { 'method.response.header.Content-Type': "'text/html'" } } },
        },
      },
    },
    '/pets': {
      get: {
        parameters: [{ name: 'type', in: 'query', required: false, type: 'string' }],
        responses: { 200: { description: '200 response', schema: { $ref: '#/definitions/Pets' } } },
        'x-amazon-apigateway-integration': {
          type: 'http', httpMethod: 'GET', uri: 'http://petstore.example.com/petstore/pets', passthroughBehavior: 'when_no_match',
          requestParameters: { 'integration.request.querystring.type': 'method.request.querystring.type' },
          responses: { default: { statusCode: '200' } },
        },
      },
      post: {
        operationId: 'CreatePet', consumes: ['application/json'],
        parameters: [{ in: 'body', name: 'NewPet', required: true, schema: { $ref: '#/definitions/NewPet' } }],
        responses: { 200: { description: '200 response' } },
        'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: AUTHORIZER_URI },
      },
    },
  },
  securityDefinitions: { 'test-authorizer': tokenAuthorizer(60), 'test-authorizer-not-used': tokenAuthorizer() },
  definitions: {
    Pets: { type: 'array', items: { $ref: '#/definitions/Pet' } },
    Pet: { type: 'object', properties: { petid: { type: 'integer' } } },
    NewPet: { type: 'object', properties: { type: { type: 'string' } } },
  },
};
const authorizer = (name: string, ttl?: number) => ({
  authType: 'oauth2', authorizerCredentials: 'arn:aws:iam::000000000000:role/r', authorizerUri: AUTHORIZER_URI, id: ANY,
  identitySource: 'method.request.header.Authorization', identityValidationExpression: '^x-[a-z]+', name, type: 'TOKEN',
  authorizerResultTtlInSeconds: ttl ?? ABSENT,
});
const model = (name: string) => ({ contentType: 'application/json', id: ANY, name, schema: ANY });

const DEFAULT_MISSING_TOKEN = {
  defaultResponse: true, responseParameters: {}, responseTemplates: { 'application/json': '{"message":$context.error.messageString}' },
  responseType: 'MISSING_AUTHENTICATION_TOKEN', statusCode: '403',
};

/** The "Simple PetStore" definition of the export recordings: two GET methods on HTTP integrations. */
const PETS_INTEGRATION = {
  httpMethod: 'GET', uri: 'http://petstore-demo-endpoint.execute-api.com/petstore/pets', responses: { default: { statusCode: '200' } },
  passthroughBehavior: 'when_no_match', type: 'http',
};
const PET_INTEGRATION = {
  httpMethod: 'GET', uri: 'http://petstore-demo-endpoint.execute-api.com/petstore/pets/{id}', responses: { default: { statusCode: '200' } },
  requestParameters: { 'integration.request.path.id': 'method.request.path.petId' }, passthroughBehavior: 'when_no_match', type: 'http',
};
const SIMPLE_PETS = {
  swagger: '2.0',
  info: { version: '1.0.0', title: 'Simple PetStore (Swagger)' },
  schemes: ['https'],
  paths: {
    '/pets': { get: { responses: { 200: { description: '200 response' } }, 'x-amazon-apigateway-integration': PETS_INTEGRATION } },
    '/pets/{petId}': {
      get: {
        parameters: [{ name: 'petId', in: 'path', required: true, type: 'string' }],
        responses: { 200: { description: '200 response' } },
        'x-amazon-apigateway-integration': PET_INTEGRATION,
      },
    },
  },
};
const RE_SERVER = /^https:\/\/\w{10}\.execute-api\.us-east-1\.amazonaws\.com\/\{basePath\}$/;
const swaggerExport = (extensions: boolean) => ({
  swagger: '2.0',
  info: { version: '1.0.0', title: 'Simple PetStore (Swagger)' },
  host: /^\w{10}\.execute-api\.us-east-1\.amazonaws\.com$/,
  basePath: '/local',
  schemes: ['https'],
  paths: {
    '/pets': { get: { responses: { 200: { description: '200 response' } }, 'x-amazon-apigateway-integration': extensions ? PETS_INTEGRATION : ABSENT } },
    '/pets/{petId}': {
      get: {
        parameters: [{ name: 'petId', in: 'path', required: true, type: 'string' }],
        responses: { 200: { description: '200 response' } },
        'x-amazon-apigateway-integration': extensions ? PET_INTEGRATION : ABSENT,
      },
    },
  },
});

/** A ValidationException body: AWS's "N validation error(s) detected: a; b" and no `message` key. */
const validation = (errors: string[]) => ({
  status: 400,
  body: { message: `${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.join('; ')}` },
});
const wrongOp = (input: string, index: number) =>
  `Value 'wrong_op' at '${input}.patchOperations.${index}.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]`;
const WRONG_IP_TYPE = "Value 'wrong' at 'createRestApiInput.endpointConfiguration.ipAddressType' failed to satisfy constraint: Member must satisfy enum value set: [ipv4, dualstack]";
const WRONG_TYPES = "Value '[wrong]' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, REGIONAL]]";

/** GET on the root resource with a MOCK integration, as the method response recordings set it up. */
const mockGet: RecordedStep[] = [
  createApi,
  { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET', { authorizationType: 'NONE' }), expect: { status: 201 } },
  { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration', { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }), expect: { status: 201 } },
];

const vpcLinkIntegration = (connectionId: string) => ({
  cacheKeyParameters: [], cacheNamespace: ANY, connectionId, connectionType: 'VPC_LINK', httpMethod: 'GET', passthroughBehavior: 'WHEN_NO_MATCH',
  timeoutInMillis: 29000, type: 'HTTP_PROXY', uri: 'http://my-vpclink-test-nlb-1234567890abcdef.us-east-1.amazonaws.com',
});

const stage = (extra: Record<string, unknown>) => ({
  cacheClusterEnabled: false, cacheClusterStatus: 'NOT_AVAILABLE', createdDate: ANY, deploymentId: ANY,
  lastUpdatedDate: ANY, methodSettings: {}, stageName: 's1', tracingEnabled: false, ...extra,
});

const restApi = (extra: Record<string, unknown>) => ({
  apiKeySource: 'HEADER', createdDate: ANY, disableExecuteApiEndpoint: false,
  endpointConfiguration: { ipAddressType: 'ipv4', types: ['EDGE'] }, id: ANY, name: 'api', rootResourceId: ANY, ...extra,
});

recordedCases('API Gateway control plane (second pass)', [
  {
    name: 'CreateRestApi refuses a negative minimumCompressionSize',
    source: `${API}#TestApiGatewayApiRestApi::test_create_rest_api_with_optional_params ("string-compression-size")`,
    steps: [
      { request: call('POST', '/restapis', { name: 'api', minimumCompressionSize: -1 }), expect: error(400, 'Invalid minimum compression size, must be between 0 and 10485760') },
      { request: call('GET', '/restapis'), expect: { status: 200, body: { item: [], items: ANY } } },
    ],
  },
  {
    name: 'A binary media type added at "/binaryMediaTypes/-" is the type "-" (the value is not used)',
    source: `${API}#TestApiGatewayApiRestApi::test_update_rest_api_behaviour ("update-rest-api-array")`,
    steps: [
      { request: call('POST', '/restapis', { name: 'api', description: 'this is my api' }), expect: { status: 201 }, save: { api: 'id' } },
      {
        request: call('PATCH', '/restapis/${api}', patch({ op: 'add', path: '/binaryMediaTypes/-', value: 'image/png' })),
        expect: { status: 200, body: restApi({ binaryMediaTypes: ['-'], description: 'this is my api', tags: {} }) },
      },
    ],
  },
  {
    name: 'Tags given at creation are answered by CreateRestApi, GetRestApi and GetRestApis',
    source: `${API}#TestApiGatewayApiRestApi::test_create_rest_api_with_tags`,
    steps: [
      {
        request: call('POST', '/restapis', { name: 'api', description: 'this is my api', tags: { MY_TAG1: 'MY_VALUE1' } }),
        expect: { status: 201, body: restApi({ description: 'this is my api', tags: { MY_TAG1: 'MY_VALUE1' } }) },
        save: { api: 'id' },
      },
      { request: call('GET', '/restapis/${api}'), expect: { status: 200, body: restApi({ description: 'this is my api', tags: { MY_TAG1: 'MY_VALUE1' } }) } },
      { request: call('GET', '/restapis'), expect: { status: 200, body: { item: [restApi({ description: 'this is my api', tags: { MY_TAG1: 'MY_VALUE1' } })], items: ANY } } },
    ],
  },
  {
    name: 'CreateStage with a documentation version; UpdateStage paths, variables and */* settings',
    source: `${COMMON}#TestStages::test_create_update_stages`,
    steps: [
      createApi,
      ...rootMockMethod,
      { request: call('POST', '/restapis/${api}/deployments', {}), expect: { status: 201 }, save: { deployment: 'id' } },
      { request: call('POST', '/restapis/${api}/documentation/parts', { location: { type: 'API' }, properties: '{"foo": "bar"}' }), expect: { status: 201 } },
      { request: call('POST', '/restapis/${api}/documentation/versions', { documentationVersion: 'v123' }), expect: { status: 201 } },
      {
        request: call('POST', '/restapis/${api}/stages', { stageName: 's1', deploymentId: '${deployment}', description: 'my stage', documentationVersion: 'v123' }),
        expect: { status: 201, body: stage({ description: 'my stage', documentationVersion: 'v123' }) },
      },
      {
        request: call('PATCH', '/restapis/${api}/stages/s1', patch({ op: 'replace', path: '/documentation_version', value: '123' })),
        expect: error(400, `Invalid method setting path: /documentation_version. Must be one of: [${STAGE_PATHS}]`),
      },
      {
        request: call('PATCH', '/restapis/${api}/stages/s1', patch({ op: 'replace', path: '/tags/tag1', value: 'value1' })),
        expect: error(400, `Invalid method setting path: /tags/tag1. Must be one of: [${STAGE_PATHS}]`),
      },
      ...['PATCH', 'GET'].map((method): RecordedStep => ({
        request: method === 'GET' ? call('GET', '/restapis/${api}/stages/s1') : call('PATCH', '/restapis/${api}/stages/s1', patch(
          { op: 'replace', path: '/description', value: 'stage new' },
          { op: 'replace', path: '/variables/var1', value: 'test' },
          { op: 'replace', path: '/variables/var2', value: 'test2' },
          { op: 'replace', path: '/*/*/throttling/burstLimit', value: '123' },
          { op: 'replace', path: '/*/*/caching/enabled', value: 'true' },
          { op: 'replace', path: '/tracingEnabled', value: 'true' },
        )),
        expect: {
          status: 200,
          body: stage({
            description: 'stage new', documentationVersion: 'v123', tracingEnabled: true, variables: { var1: 'test', var2: 'test2' },
            methodSettings: {
              '*/*': {
                cacheDataEncrypted: false, cacheTtlInSeconds: 300, cachingEnabled: true, dataTraceEnabled: false, metricsEnabled: false,
                requireAuthorizationForCacheControl: true, throttlingBurstLimit: 123, throttlingRateLimit: 10000,
                unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
              },
            },
          }),
        },
      })),
    ],
  },
  {
    name: 'Documentation parts and versions',
    source: `${COMMON}#TestDocumentations::test_documentation_parts_and_versions`,
    steps: [
      createApi,
      {
        request: call('POST', '/restapis/${api}/documentation/parts', { location: { type: 'API' }, properties: '{"foo": "bar"}' }),
        expect: { status: 201, body: { id: ANY, location: { type: 'API' }, properties: '{"foo": "bar"}' } },
      },
      {
        request: call('POST', '/restapis/${api}/documentation/versions', { documentationVersion: 'v123' }),
        expect: { status: 201, body: { createdDate: ANY, version: 'v123' } },
      },
      {
        request: call('PATCH', '/restapis/${api}/documentation/versions/v123', patch({ op: 'replace', path: '/description', value: 'doc version new' })),
        expect: { status: 200, body: { createdDate: ANY, description: 'doc version new', version: 'v123' } },
      },
      {
        request: call('GET', '/restapis/${api}/documentation/versions/v123'),
        expect: { status: 200, body: { createdDate: ANY, description: 'doc version new', version: 'v123' } },
      },
    ],
  },
  {
    name: 'Usage plans: create, get, list, update throttle',
    source: `${COMMON}#TestUsagePlans::test_usage_plan_crud`,
    steps: [
      createApi,
      ...rootMockMethod,
      { request: call('POST', '/restapis/${api}/deployments', { stageName: 'dev' }), expect: { status: 201 } },
      {
        request: call('POST', '/usageplans', { name: 'plan', description: 'plan for ${api}', apiStages: [{ apiId: '${api}', stage: 'dev' }] }),
        expect: { status: 201, body: { apiStages: [{ apiId: ANY, stage: 'dev' }], description: ANY, id: ANY, name: 'plan', tags: ABSENT } },
        save: { plan: 'id' },
      },
      {
        request: call('GET', '/usageplans/${plan}'),
        expect: { status: 200, body: { apiStages: [{ apiId: ANY, stage: 'dev' }], description: ANY, id: ANY, name: 'plan', tags: {} } },
      },
      {
        request: call('PATCH', '/usageplans/${plan}', patch({ op: 'replace', path: '/throttle/burstLimit', value: '100' }, { op: 'replace', path: '/throttle/rateLimit', value: '200' })),
        expect: {
          status: 200,
          body: { apiStages: [{ apiId: ANY, stage: 'dev' }], description: ANY, id: ANY, name: 'plan', tags: {}, throttle: { burstLimit: 100, rateLimit: 200 } },
        },
      },
    ],
  },
  {
    name: 'API keys: a new key has no stage keys; disabling it answers its tags',
    source: `${COMMON}#TestUsagePlans::test_api_key_required_for_methods`,
    steps: [
      {
        request: call('POST', '/apikeys', { name: 'key', enabled: true }),
        expect: { status: 201, body: { createdDate: ANY, enabled: true, id: ANY, lastUpdatedDate: ANY, name: 'key', stageKeys: [], value: ANY } },
        save: { key: 'id' },
      },
      {
        request: call('POST', '/usageplans', { name: 'plan' }),
        expect: { status: 201 },
        save: { plan: 'id' },
      },
      {
        request: call('POST', '/usageplans/${plan}/keys', { keyId: '${key}', keyType: 'API_KEY' }),
        expect: { status: 201, body: { id: ANY, name: 'key', type: 'API_KEY', value: ANY } },
      },
      {
        request: call('PATCH', '/apikeys/${key}', patch({ op: 'replace', path: '/enabled', value: 'false' })),
        expect: { status: 200, body: { createdDate: ANY, enabled: false, id: ANY, lastUpdatedDate: ANY, name: 'key', stageKeys: [], tags: {} } },
      },
    ],
  },
  {
    name: 'Integration responses: an explicit empty template map is kept; deleting one leaves the integration without responses',
    source: `${INTEGRATIONS}#test_put_integration_responses`,
    steps: [
      createApi,
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET', { authorizationType: 'NONE' }), expect: { status: 201 } },
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/responses/200', {}), expect: { status: 201, body: { statusCode: '200' } } },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration', { type: 'HTTP', uri: 'http://example.com/post', integrationHttpMethod: 'POST' }),
        expect: {
          status: 201,
          body: {
            cacheKeyParameters: [], cacheNamespace: ANY, connectionType: 'INTERNET', httpMethod: 'POST', passthroughBehavior: 'WHEN_NO_MATCH',
            timeoutInMillis: 29000, type: 'HTTP', uri: 'http://example.com/post',
          },
        },
      },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration/responses/200', { selectionPattern: '2\\d{2}', responseTemplates: {} }),
        expect: { status: 201, body: { responseTemplates: {}, selectionPattern: '2\\d{2}', statusCode: '200' } },
      },
      {
        request: call('GET', '/restapis/${api}/resources/${root}/methods/GET/integration/responses/200'),
        expect: { status: 200, body: { responseTemplates: {}, selectionPattern: '2\\d{2}', statusCode: '200' } },
      },
      { request: call('DELETE', '/restapis/${api}/resources/${root}/methods/GET/integration/responses/200'), expect: { status: 204 } },
      {
        request: call('GET', '/restapis/${api}/resources/${root}/methods/GET'),
        expect: {
          status: 200,
          body: {
            apiKeyRequired: false, authorizationType: 'NONE', httpMethod: 'GET', methodResponses: { 200: { statusCode: '200' } },
            methodIntegration: {
              cacheKeyParameters: [], cacheNamespace: ANY, connectionType: 'INTERNET', httpMethod: 'POST', passthroughBehavior: 'WHEN_NO_MATCH',
              timeoutInMillis: 29000, type: 'HTTP', uri: 'http://example.com/post',
            },
          },
        },
      },
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/PUT', { authorizationType: 'none' }), expect: { status: 201 } },
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/PUT/responses/200', {}), expect: { status: 201 } },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/PUT/integration', { type: 'HTTP', uri: 'http://example.com/post', integrationHttpMethod: 'POST' }),
        expect: { status: 201 },
      },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/PUT/integration/responses/200', { selectionPattern: '2\\d{2}', contentHandling: 'CONVERT_TO_BINARY' }),
        expect: { status: 201, body: { contentHandling: 'CONVERT_TO_BINARY', selectionPattern: '2\\d{2}', statusCode: '200' } },
      },
    ],
  },
  {
    name: 'ImportRestApi: settings, authorizers without a TTL, only the definition\'s models, HTTP integrations on the internet',
    source: `${IMPORT}#TestApiGatewayImportRestApi::test_import_swagger_api + test_import_and_validate_rest_api[swagger-mock-cors.json]`,
    steps: [
      {
        request: call('POST', '/restapis?mode=import', PETSTORE),
        expect: {
          status: 201,
          body: {
            apiKeySource: 'HEADER', binaryMediaTypes: ['*/*'], createdDate: ANY, description: 'pets', disableExecuteApiEndpoint: false,
            endpointConfiguration: { ipAddressType: 'ipv4', types: ['EDGE'] }, id: ANY, name: 'PetStore', rootResourceId: ANY, version: '1.0',
          },
        },
        save: { api: 'id', root: 'rootResourceId' },
      },
      {
        request: call('GET', '/restapis/${api}/authorizers'),
        expect: { status: 200, body: { item: [authorizer('test-authorizer', 60), authorizer('test-authorizer-not-used')], items: ANY } },
      },
      // No Empty or Error model: only the definition's (the recorded order is not asserted).
      { request: call('GET', '/restapis/${api}/models'), expect: { status: 200, body: { item: [model('Pets'), model('Pet'), model('NewPet')], items: ANY } } },
      {
        request: call('GET', '/restapis/${api}/resources'),
        expect: {
          status: 200,
          body: {
            item: [
              { id: ANY, path: '/', resourceMethods: { GET: {} } },
              { id: ANY, parentId: ANY, path: '/pets', pathPart: 'pets', resourceMethods: { GET: {}, POST: {} } },
            ],
            items: ANY,
          },
        },
        save: { pets: 'item.1.id' },
      },
      {
        request: call('GET', '/restapis/${api}/resources/${pets}/methods/GET/integration'),
        expect: {
          status: 200,
          body: {
            cacheKeyParameters: [], cacheNamespace: ANY, connectionType: 'INTERNET', httpMethod: 'GET', integrationResponses: { 200: { statusCode: '200' } },
            passthroughBehavior: 'WHEN_NO_MATCH', requestParameters: { 'integration.request.querystring.type': 'method.request.querystring.type' },
            timeoutInMillis: 29000, type: 'HTTP', uri: 'http://petstore.example.com/petstore/pets',
          },
        },
      },
      {
        request: call('GET', '/restapis/${api}/resources/${pets}/methods/POST/integration'),
        expect: {
          status: 200,
          body: { cacheKeyParameters: [], cacheNamespace: ANY, httpMethod: 'POST', passthroughBehavior: 'WHEN_NO_MATCH', timeoutInMillis: 29000, type: 'AWS_PROXY', uri: AUTHORIZER_URI },
        },
      },
      // An integration without responses in the definition has none to get.
      {
        request: call('GET', '/restapis/${api}/resources/${pets}/methods/POST/integration/responses/200'),
        expect: error(404, 'Invalid Response status code specified'),
      },
    ],
  },
  {
    name: 'ImportRestApi of a definition without models lists none',
    source: `${IMPORT}#TestApiGatewayImportRestApi::test_import_and_validate_rest_api[swagger-mock-cors.json]`,
    steps: [
      {
        request: call('POST', '/restapis?mode=import', { swagger: '2.0', info: { title: 'cors', version: '1.0' }, paths: {} }),
        expect: { status: 201 },
        save: { api: 'id' },
      },
      { request: call('GET', '/restapis/${api}/models'), expect: { status: 200, body: { item: [], items: ANY } } },
      // The root resource has no methods: resourceMethods is left out.
      { request: call('GET', '/restapis/${api}/resources'), expect: { status: 200, body: { item: [{ id: ANY, path: '/' }], items: ANY } } },
    ],
  },
  {
    name: 'Method lifecycle: put, get, delete, then the method is unknown',
    source: `${API}#TestApiGatewayApiMethod::test_method_lifecycle`,
    steps: [
      createApi,
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/ANY', { authorizationType: 'NONE' }),
        expect: { status: 201, body: { apiKeyRequired: false, authorizationType: 'NONE', httpMethod: 'ANY' } },
      },
      { request: call('GET', '/restapis/${api}/resources/${root}/methods/ANY'), expect: { status: 200, body: { apiKeyRequired: false, authorizationType: 'NONE', httpMethod: 'ANY' } } },
      { request: call('DELETE', '/restapis/${api}/resources/${root}/methods/ANY'), expect: { status: 204 } },
      { request: call('GET', '/restapis/${api}/resources/${root}/methods/ANY'), expect: error(404, 'Invalid Method identifier specified') },
      { request: call('DELETE', '/restapis/${api}/resources/${root}/methods/ANY'), expect: error(404, 'Invalid Method identifier specified') },
    ],
  },
  {
    name: 'A model referenced by a method request cannot be deleted; an empty description is left out',
    source: `${API}#TestApiGatewayApiMethod::test_put_method_model`,
    steps: [
      createApi,
      {
        request: call('POST', '/restapis/${api}/models', { name: 'MySchema', contentType: 'application/json', description: '', schema: '{"title": "MySchema", "type": "object"}' }),
        expect: { status: 201, body: { contentType: 'application/json', id: ANY, name: 'MySchema', schema: '{"title": "MySchema", "type": "object"}' } },
      },
      {
        request: call('POST', '/restapis/${api}/models', { name: 'MySchemaTwo', contentType: 'application/json', description: '', schema: '{"title": "MySchemaTwo", "type": "object"}' }),
        expect: { status: 201 },
      },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/ANY', { authorizationType: 'NONE', requestModels: { 'application/json': 'MySchema' } }),
        expect: { status: 201, body: { apiKeyRequired: false, authorizationType: 'NONE', httpMethod: 'ANY', requestModels: { 'application/json': 'MySchema' } } },
      },
      { request: call('DELETE', '/restapis/${api}/models/MySchema'), expect: error(409, "Cannot delete model 'MySchema', is referenced in method request: //ANY") },
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/ANY', patch({ op: 'replace', path: '/requestModels/application~1json', value: 'MySchemaTwo' })),
        expect: { status: 200, body: { apiKeyRequired: false, authorizationType: 'NONE', httpMethod: 'ANY', requestModels: { 'application/json': 'MySchemaTwo' } } },
      },
      { request: call('DELETE', '/restapis/${api}/models/MySchema'), expect: { status: 202 } },
      { request: call('DELETE', '/restapis/${api}/models/MySchemaTwo'), expect: error(409, "Cannot delete model 'MySchemaTwo', is referenced in method request: //ANY") },
      { request: call('POST', '/restapis/${api}/resources/${root}', { pathPart: 'test' }), expect: { status: 201 }, save: { test: 'id' } },
      {
        request: call('PUT', '/restapis/${api}/resources/${test}/methods/ANY', { authorizationType: 'NONE', requestModels: { 'application/json': 'MySchemaTwo' } }),
        expect: { status: 201 },
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${test}/methods/ANY', patch({ op: 'remove', path: '/requestModels/application~1json', value: 'MySchemaTwo' })),
        expect: { status: 200, body: { apiKeyRequired: false, authorizationType: 'NONE', httpMethod: 'ANY' } },
      },
      { request: call('DELETE', '/restapis/${api}/models/MySchemaTwo'), expect: error(409, "Cannot delete model 'MySchemaTwo', is referenced in method request: //ANY") },
      { request: call('DELETE', '/restapis/${api}/resources/${root}/methods/ANY'), expect: { status: 204 } },
      { request: call('DELETE', '/restapis/${api}/models/MySchemaTwo'), expect: { status: 202 } },
    ],
  },
  {
    name: 'UpdateResource: a path part taken by a sibling is a conflict',
    source: `${API}#TestApiGatewayApiResource::test_update_resource_behaviour ("update-path-already-exists")`,
    steps: [
      createApi,
      { request: call('POST', '/restapis/${api}/resources/${root}', { pathPart: 'pets' }), expect: { status: 201 }, save: { pets: 'id' } },
      { request: call('POST', '/restapis/${api}/resources/${root}', { pathPart: 'subpets' }), expect: { status: 201 }, save: { subpets: 'id' } },
      {
        request: call('PATCH', '/restapis/${api}/resources/${subpets}', patch({ op: 'replace', path: '/pathPart', value: 'pets' })),
        expect: error(409, 'Another resource with the same parent already has this name: pets'),
      },
    ],
  },
  {
    name: 'Request validator lifecycle: a replace without a value sets false',
    source: `${API}#TestApiGatewayApiRequestValidator::test_request_validator_lifecycle`,
    steps: [
      createApi,
      {
        request: call('POST', '/restapis/${api}/requestvalidators', { name: 'validator' }),
        expect: { status: 201, body: { id: ANY, name: 'validator', validateRequestBody: false, validateRequestParameters: false } },
        save: { validator: 'id' },
      },
      {
        request: call('PATCH', '/restapis/${api}/requestvalidators/${validator}', patch({ op: 'replace', path: '/validateRequestBody', value: 'true' })),
        expect: { status: 200, body: { id: ANY, name: 'validator', validateRequestBody: true, validateRequestParameters: false } },
      },
      {
        request: call('PATCH', '/restapis/${api}/requestvalidators/${validator}', patch({ op: 'replace', path: '/validateRequestBody' })),
        expect: { status: 200, body: { id: ANY, name: 'validator', validateRequestBody: false, validateRequestParameters: false } },
      },
      { request: call('DELETE', '/restapis/${api}/requestvalidators/${validator}'), expect: { status: 202 } },
      { request: call('GET', '/restapis/${api}/requestvalidators/${validator}'), expect: error(404, 'Invalid Request Validator identifier specified') },
      { request: call('GET', '/restapis/${api}/requestvalidators'), expect: { status: 200, body: { item: [], items: ANY } } },
    ],
  },
  {
    name: 'Model lifecycle: a new API lists its model with the default Empty and Error models',
    source: `${API}#TestApiGatewayApiModels::test_model_lifecycle`,
    steps: [
      createApi,
      {
        request: call('POST', '/restapis/${api}/models', { name: 'CalcOutput', contentType: 'application/json', description: 'Calc output model', schema: '{"title": "Calc output", "type": "object"}' }),
        expect: { status: 201, body: { contentType: 'application/json', description: 'Calc output model', id: ANY, name: 'CalcOutput', schema: '{"title": "Calc output", "type": "object"}' } },
      },
      {
        request: call('GET', '/restapis/${api}/models'),
        expect: {
          status: 200,
          body: {
            item: [
              { contentType: 'application/json', description: 'This is a default empty schema model', id: ANY, name: 'Empty', schema: '{\n  "$schema": "http://json-schema.org/draft-04/schema#",\n  "title" : "Empty Schema",\n  "type" : "object"\n}' },
              { contentType: 'application/json', description: 'This is a default error schema model', id: ANY, name: 'Error', schema: ANY },
              { contentType: 'application/json', description: 'Calc output model', id: ANY, name: 'CalcOutput', schema: ANY },
            ],
            items: ANY,
          },
        },
      },
      { request: call('DELETE', '/restapis/${api}/models/CalcOutput'), expect: { status: 202 } },
    ],
  },
  {
    name: 'UpdateMethod reads a boolean that is not "true" as false',
    source: `${API}#TestApiGatewayApiMethod::test_update_method_validation ("wrong-value-type")`,
    steps: [
      createApi,
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/ANY', { authorizationType: 'NONE', apiKeyRequired: true }), expect: { status: 201 } },
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/ANY', patch({ op: 'replace', path: '/apiKeyRequired', value: 'whatever' })),
        expect: { status: 200, body: { apiKeyRequired: false, authorizationType: 'NONE', httpMethod: 'ANY' } },
      },
    ],
  },
  {
    name: 'Gateway response lifecycle: the default, a customisation, and the default again after deleting it',
    source: `${API}#TestApiGatewayGatewayResponse::test_gateway_response_crud`,
    steps: [
      createApi,
      {
        request: call('GET', '/restapis/${api}/gatewayresponses/MISSING_AUTHENTICATION_TOKEN'),
        expect: { status: 200, body: DEFAULT_MISSING_TOKEN },
      },
      {
        request: call('PUT', '/restapis/${api}/gatewayresponses/MISSING_AUTHENTICATION_TOKEN', {
          statusCode: '404',
          responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'a.b.c'", 'gatewayresponse.header.x-request-header': 'method.request.header.Accept' },
          responseTemplates: { 'application/json': '{"message": $context.error.messageString}' },
        }),
        expect: {
          status: 201,
          body: {
            defaultResponse: false,
            responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'a.b.c'", 'gatewayresponse.header.x-request-header': 'method.request.header.Accept' },
            responseTemplates: { 'application/json': '{"message": $context.error.messageString}' },
            responseType: 'MISSING_AUTHENTICATION_TOKEN', statusCode: '404',
          },
        },
      },
      { request: call('DELETE', '/restapis/${api}/gatewayresponses/MISSING_AUTHENTICATION_TOKEN'), expect: { status: 202 } },
      { request: call('GET', '/restapis/${api}/gatewayresponses/MISSING_AUTHENTICATION_TOKEN'), expect: { status: 200, body: DEFAULT_MISSING_TOKEN } },
      // DEFAULT_4XX and DEFAULT_5XX carry no status code.
      {
        request: call('GET', '/restapis/${api}/gatewayresponses/DEFAULT_4XX'),
        expect: { status: 200, body: { defaultResponse: true, responseParameters: {}, responseTemplates: { 'application/json': '{"message":$context.error.messageString}' }, responseType: 'DEFAULT_4XX' } },
      },
    ],
  },
  {
    name: 'GetExport (Swagger 2.0 and OpenAPI 3.0, with and without extensions) of an imported API',
    source: `${EXTENDED}#test_export_swagger_openapi[TEST_IMPORT_PETS] + test_export_oas30_openapi[TEST_IMPORT_PETS]`,
    steps: [
      { request: call('POST', '/restapis?mode=import&failonwarnings=true', SIMPLE_PETS), expect: { status: 201 }, save: { api: 'id' } },
      { request: call('POST', '/restapis/${api}/deployments', { stageName: 'local' }), expect: { status: 201 } },
      {
        request: call('GET', '/restapis/${api}/stages/local/exports/swagger'),
        expect: {
          status: 200,
          headers: { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="swagger_1.0.0.json"' },
          body: swaggerExport(false),
        },
      },
      {
        request: call('GET', '/restapis/${api}/stages/local/exports/swagger?extensions=apigateway'),
        expect: { status: 200, body: swaggerExport(true) },
      },
      {
        request: call('GET', '/restapis/${api}/stages/local/exports/oas30?extensions=apigateway'),
        expect: {
          status: 200,
          headers: { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="oas30_1.0.0.json"' },
          body: {
            openapi: '3.0.1',
            info: { title: 'Simple PetStore (Swagger)', version: '1.0.0' },
            servers: [{ url: RE_SERVER, variables: { basePath: { default: 'local' } } }],
            paths: {
              '/pets': { get: { responses: { 200: { description: '200 response', content: {} } }, 'x-amazon-apigateway-integration': PETS_INTEGRATION } },
              '/pets/{petId}': {
                get: {
                  parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
                  responses: { 200: { description: '200 response', content: {} } },
                  'x-amazon-apigateway-integration': PET_INTEGRATION,
                },
              },
            },
            components: {},
          },
        },
      },
    ],
  },
  {
    name: 'Integration response lifecycle on a method without method responses: put, get, update, overwrite, delete',
    source: `${API}#TestApigatewayIntegrationResponse::test_lifecycle_integration_response, test_integration_response_invalid_integration, test_integration_response_wrong_status_code, test_integration_response_invalid_statuscode`,
    steps: [
      createApi,
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET', { authorizationType: 'NONE' }), expect: { status: 201 } },
      { request: call('GET', '/restapis/${api}/resources/${root}/methods/GET/integration/responses/200'), expect: error(404, 'Invalid Integration identifier specified') },
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration', { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }), expect: { status: 201 } },
      { request: call('GET', '/restapis/${api}/resources/${root}/methods/GET/integration/responses/201'), expect: error(404, 'Invalid Response status code specified') },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration/responses/wrong', { responseTemplates: { 'application/json': '"created"' }, selectionPattern: '' }),
        expect: { status: 400, body: { message: "1 validation error detected: Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d" } },
      },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration/responses/200', { responseTemplates: { 'application/json': '"created"' }, selectionPattern: '' }),
        expect: { status: 201, body: { responseTemplates: { 'application/json': '"created"' }, selectionPattern: '', statusCode: '200' } },
      },
      {
        request: call('GET', '/restapis/${api}/resources/${root}/methods/GET/integration/responses/200'),
        expect: { status: 200, body: { responseTemplates: { 'application/json': '"created"' }, selectionPattern: '', statusCode: '200' } },
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/GET/integration/responses/200', patch({ op: 'replace', path: '/selectionPattern', value: 'updated-pattern' })),
        expect: { status: 200, body: { responseTemplates: { 'application/json': '"created"' }, selectionPattern: 'updated-pattern', statusCode: '200' } },
      },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration/responses/200', { responseTemplates: { 'application/json': 'overwrite' }, selectionPattern: 'overwrite-pattern' }),
        expect: { status: 201, body: { responseTemplates: { 'application/json': 'overwrite' }, selectionPattern: 'overwrite-pattern', statusCode: '200' } },
      },
      {
        request: call('GET', '/restapis/${api}/resources/${root}/methods/GET'),
        expect: {
          status: 200,
          body: {
            apiKeyRequired: false, authorizationType: 'NONE', httpMethod: 'GET',
            methodIntegration: {
              cacheKeyParameters: [], cacheNamespace: ANY, passthroughBehavior: 'WHEN_NO_MATCH', requestTemplates: { 'application/json': '{"statusCode": 200}' },
              timeoutInMillis: 29000, type: 'MOCK',
              integrationResponses: { 200: { responseTemplates: { 'application/json': 'overwrite' }, selectionPattern: 'overwrite-pattern', statusCode: '200' } },
            },
          },
        },
      },
      { request: call('DELETE', '/restapis/${api}/resources/${root}/methods/GET/integration/responses/200'), expect: { status: 204 } },
    ],
  },
  {
    name: 'Method response lifecycle: maps sent empty are kept; UpdateMethodResponse answers 201',
    source: `${API}#TestApigatewayMethodResponse::test_lifecycle_method_response, test_update_method_lack_response_parameters_and_models`,
    steps: [
      ...mockGet,
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/responses/200', { responseParameters: {}, responseModels: {} }),
        expect: { status: 201, body: { responseModels: {}, responseParameters: {}, statusCode: '200' } },
      },
      { request: call('GET', '/restapis/${api}/resources/${root}/methods/GET/responses/200'), expect: { status: 200, body: { responseModels: {}, responseParameters: {}, statusCode: '200' } } },
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/GET/responses/200', patch({ op: 'remove', path: '/responseParameters/method.response.header.my-header', value: 'true' })),
        expect: error(404, 'Invalid parameter name specified'),
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/GET/responses/200', patch({ op: 'remove', path: '/responseModels/application~1json', value: 'Empty' })),
        expect: error(404, 'Content-Type specified was not found'),
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/GET/responses/200', patch({ op: 'remove', path: '/wrong/method.response.header.my-header', value: 'true' })),
        expect: error(400, 'Invalid patch path /wrong/method.response.header.my-header'),
      },
      ...(['add', 'replace'] as const).map((op): RecordedStep => ({
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/GET/responses/200', patch(
          { op, path: '/responseParameters/method.response.header.my-header', value: 'true' },
          { op, path: '/responseModels/application~1json', value: 'Empty' },
        )),
        expect: { status: 201, body: { responseModels: { 'application/json': 'Empty' }, responseParameters: { 'method.response.header.my-header': true }, statusCode: '200' } },
      })),
      { request: call('DELETE', '/restapis/${api}/resources/${root}/methods/GET/responses/200'), expect: { status: 204 } },
    ],
  },
  {
    name: 'UpdateMethodResponse: removals empty the maps; unknown names, status codes, resources, methods and ops',
    source: `${API}#TestApigatewayMethodResponse::test_update_method_response, test_update_method_wrong_param_names, test_update_method_response_negative_tests, test_update_method_response_wrong_operations`,
    steps: [
      ...mockGet,
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/responses/200', { responseParameters: { 'method.response.header.my-header': false }, responseModels: { 'application/json': 'Empty' } }),
        expect: { status: 201 },
      },
      ...([['replace', '/responseParameters/wrong', 'true'], ['remove', '/responseParameters/wrong', 'true']] as const).map(([op, path, value]): RecordedStep => ({
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/GET/responses/200', patch({ op, path, value })),
        expect: error(404, 'Invalid parameter name specified'),
      })),
      ...(['replace', 'remove'] as const).map((op): RecordedStep => ({
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/GET/responses/200', patch({ op, path: '/responseModels/wrong', value: 'Empty' })),
        expect: error(404, 'Content-Type specified was not found'),
      })),
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/GET/responses/201', patch({ op: 'replace', path: '/responseParameters/method.response.header.my-header', value: 'true' })),
        expect: error(404, 'Invalid Response status code specified'),
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/GET/responses/wrong', patch({ op: 'replace', path: '/responseParameters/method.response.header.my-header', value: 'true' })),
        expect: validation(["Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d"]),
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/wrong/methods/GET/responses/200', patch({ op: 'replace', path: '/responseParameters/method.response.header.my-header', value: 'true' })),
        expect: error(404, 'Invalid Resource identifier specified'),
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/POST/responses/200', patch({ op: 'replace', path: '/responseParameters/method.response.header.my-header', value: 'true' })),
        expect: error(404, 'Invalid Method identifier specified'),
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/GET/responses/200', patch({ op: 'wrong_op', path: '/responseModels/application~1json', value: 'Empty' })),
        expect: validation([wrongOp('updateMethodResponseInput', 1)]),
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/GET/responses/200', patch(
          { op: 'remove', path: '/responseParameters/method.response.header.my-header', value: 'true' },
          { op: 'remove', path: '/responseModels/application~1json', value: 'Empty' },
        )),
        expect: { status: 201, body: { statusCode: '200' } },
      },
    ],
  },
  {
    name: 'CreateRestApi endpoint configuration: types and ipAddressType validated as AWS validates them',
    source: `${API}#TestApiGatewayApiRestApi::test_create_rest_api_with_endpoint_configuration, test_create_rest_api_private_type`,
    steps: [
      {
        request: call('POST', '/restapis', { name: 'api', endpointConfiguration: { types: [] } }),
        expect: error(400, 'REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.'),
      },
      {
        request: call('POST', '/restapis', { name: 'api', endpointConfiguration: { types: ['EDGE'], ipAddressType: 'wrong' } }),
        expect: validation([WRONG_IP_TYPE]),
      },
      { request: call('POST', '/restapis', { name: 'api', endpointConfiguration: { types: ['wrong'] } }), expect: validation([WRONG_TYPES]) },
      {
        request: call('POST', '/restapis', { name: 'api', endpointConfiguration: { types: ['EDGE', 'REGIONAL'] } }),
        expect: error(400, 'Cannot create an api with multiple Endpoint Types.'),
      },
      {
        request: call('POST', '/restapis', { name: 'api', endpointConfiguration: { types: ['EDGE'], ipAddressType: 'dualstack' } }),
        expect: { status: 201, body: restApi({ endpointConfiguration: { ipAddressType: 'dualstack', types: ['EDGE'] } }) },
      },
      {
        request: call('POST', '/restapis', { name: 'api', endpointConfiguration: { types: ['REGIONAL'] } }),
        expect: { status: 201, body: restApi({ endpointConfiguration: { ipAddressType: 'ipv4', types: ['REGIONAL'] } }) },
      },
      {
        request: call('POST', '/restapis', { name: 'api', endpointConfiguration: { types: ['PRIVATE'], ipAddressType: 'ipv4' } }),
        expect: error(400, 'Only dualstack ipAddressType is supported for Private APIs.'),
      },
      {
        request: call('POST', '/restapis', { name: 'api', endpointConfiguration: { types: ['PRIVATE'], ipAddressType: 'wrong' } }),
        expect: validation([WRONG_IP_TYPE]),
      },
      {
        request: call('POST', '/restapis', { name: 'api', description: '', endpointConfiguration: { types: ['PRIVATE'], ipAddressType: 'ipv4' } }),
        expect: error(400, 'Description cannot be an empty string'),
      },
    ],
  },
  {
    name: 'DeleteIntegrationResponse and GetIntegration on unknown APIs, resources, methods, integrations and status codes',
    source: `${API}#TestApigatewayIntegrationResponse::test_delete_integration_response_errors + TestApigatewayIntegration::test_get_integration_non_existent`,
    steps: [
      ...mockGet,
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration/responses/200', { responseTemplates: { 'application/json': '"created"' }, selectionPattern: '' }), expect: { status: 201 } },
      { request: call('DELETE', '/restapis/${api}/resources/nope12/methods/GET/integration/responses/200'), expect: error(404, 'Invalid Resource identifier specified') },
      { request: call('DELETE', '/restapis/nope123456/resources/${root}/methods/GET/integration/responses/200'), expect: error(404, 'Invalid Resource identifier specified') },
      { request: call('DELETE', '/restapis/${api}/resources/${root}/methods/POST/integration/responses/200'), expect: error(404, 'Invalid Integration identifier specified') },
      { request: call('DELETE', '/restapis/${api}/resources/${root}/methods/GET/integration/responses/201'), expect: error(404, 'Invalid Response status code specified') },
      { request: call('GET', '/restapis/nope123456/resources/${root}/methods/GET/integration'), expect: error(404, 'Invalid Resource identifier specified') },
      { request: call('GET', '/restapis/${api}/resources/nope12/methods/GET/integration'), expect: error(404, 'Invalid Resource identifier specified') },
      { request: call('GET', '/restapis/${api}/resources/${root}/methods/POST/integration'), expect: error(404, 'Invalid Method identifier specified') },
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/PUT', { authorizationType: 'NONE' }), expect: { status: 201 } },
      { request: call('GET', '/restapis/${api}/resources/${root}/methods/PUT/integration'), expect: error(404, 'Invalid Integration identifier specified') },
    ],
  },
  {
    name: 'The root resource cannot move or be renamed',
    source: `${API}#TestApiGatewayApiResource::test_update_resource_on_root`,
    steps: [
      createApi,
      { request: call('POST', '/restapis/${api}/resources/${root}', { pathPart: 'pets' }), expect: { status: 201 }, save: { pets: 'id' } },
      { request: call('PATCH', '/restapis/${api}/resources/${root}', patch({ op: 'replace', path: '/pathPart', value: 'root' })), expect: error(400, 'Root resource cannot update its pathPart.') },
      { request: call('PATCH', '/restapis/${api}/resources/${root}', patch({ op: 'replace', path: '/parentId', value: '${pets}' })), expect: error(400, 'Root resource cannot update its parentId.') },
    ],
  },
  {
    name: 'An HTTP_PROXY integration over a VPC link named by a stage variable',
    source: `${API}#TestApigatewayIntegration::test_create_integration_with_vpc_link`,
    steps: [
      createApi,
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET', { authorizationType: 'NONE' }), expect: { status: 201 } },
      ...(['PUT', 'GET'] as const).map((method): RecordedStep => ({
        request: method === 'PUT'
          ? call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration', {
            type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'http://my-vpclink-test-nlb-1234567890abcdef.us-east-1.amazonaws.com',
            connectionType: 'VPC_LINK', connectionId: '${stageVariables.vpcLinkId}',
          })
          : call('GET', '/restapis/${api}/resources/${root}/methods/GET/integration'),
        expect: { status: method === 'PUT' ? 201 : 200, body: vpcLinkIntegration('${stageVariables.vpcLinkId}') },
      })),
      {
        request: call('PATCH', '/restapis/${api}/resources/${root}/methods/GET/integration', patch({ op: 'replace', path: '/connectionId', value: '${stageVariables.vpcLinkIdBeta}' })),
        expect: { status: 200, body: vpcLinkIntegration('${stageVariables.vpcLinkIdBeta}') },
      },
    ],
  },
  {
    name: 'Canary deployments need an existing stage; canary settings paths refused in AWS\'s words',
    source: `${CANARY}#TestStageCrudCanary::test_create_canary_deployment_validation, test_update_stage_canary_deployment_validation`,
    steps: [
      createApi,
      ...rootMockMethod,
      {
        request: call('POST', '/restapis/${api}/deployments', { canarySettings: { percentTraffic: 50 } }),
        expect: error(400, 'Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is null'),
      },
      {
        request: call('POST', '/restapis/${api}/deployments', { stageName: 'non-existing', canarySettings: { percentTraffic: 50 } }),
        expect: error(400, 'Invalid deployment content specified.Stage non-existing must already be created before making a canary release deployment'),
      },
      { request: call('POST', '/restapis/${api}/deployments', { stageName: 'dev' }), expect: { status: 201 } },
      {
        request: call('PATCH', '/restapis/${api}/stages/dev', patch({ op: 'replace', path: '/canarySettings/badPath', value: 'x' })),
        expect: error(400, `Invalid method setting path: /canarySettings/badPath. Must be one of: [${STAGE_PATHS}]`),
      },
    ],
  },
]);
