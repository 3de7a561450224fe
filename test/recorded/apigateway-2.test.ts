// REST API (v1) control plane, second pass: stages, usage plans, API keys, documentation,
// integrations and imports, as recorded on AWS.
import { recordedCases, ANY, ABSENT, type RecordedStep } from './harness.ts';

const SNAPSHOTS = 'localstack/localstack tests/aws/services/apigateway';
const COMMON = `${SNAPSHOTS}/test_apigateway_common.snapshot.json`;
const INTEGRATIONS = `${SNAPSHOTS}/test_apigateway_integrations.snapshot.json`;
const IMPORT = `${SNAPSHOTS}/test_apigateway_import.snapshot.json`;
const API = `${SNAPSHOTS}/test_apigateway_api.snapshot.json`;

const call = (method: string, path: string, body?: unknown) => ({ method, path, service: 'apigateway', body });
const error = (status: number, message: string) => ({ status, body: { message } });
const patch = (...patchOperations: Array<Record<string, string>>) => ({ patchOperations });
const createApi: RecordedStep = {
  request: call('POST', '/restapis', { name: 'api' }),
  expect: { status: 201 },
  save: { api: 'id', root: 'rootResourceId' },
};
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
]);
