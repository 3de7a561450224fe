// REST API (v1) control plane, third pass: endpoint configuration patches, VPC links, stage
// lists, integration response templates, documentation imports and the integrations of the
// AWS-service recordings (S3, DynamoDB), as recorded on AWS.
import { recordedCases, ANY, ABSENT, type RecordedStep } from './harness.ts';
import { call, error, patch, createApi } from './apigateway-steps.ts';

const SNAPSHOTS = 'localstack/localstack tests/aws/services/apigateway';
const API = `${SNAPSHOTS}/test_apigateway_api.snapshot.json`;
const BASIC = `${SNAPSHOTS}/test_apigateway_basic.snapshot.json`;
const S3 = `${SNAPSHOTS}/test_apigateway_s3.snapshot.json`;
const DYNAMODB = `${SNAPSHOTS}/test_apigateway_dynamodb.snapshot.json`;
const CANARY = `${SNAPSHOTS}/test_apigateway_canary.snapshot.json`;

const restApi = (endpointConfiguration: unknown) => ({
  apiKeySource: 'HEADER', createdDate: ANY, disableExecuteApiEndpoint: false, endpointConfiguration,
  id: ANY, name: 'api', rootResourceId: ANY, tags: {},
});
const NLB = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/my-nlb/50dc6c495c0c9188';
const stage = (name: string, deploymentId: unknown) => ({
  cacheClusterEnabled: false, cacheClusterStatus: 'NOT_AVAILABLE', createdDate: ANY, deploymentId, lastUpdatedDate: ANY,
  methodSettings: {}, stageName: name, tracingEnabled: false,
});

recordedCases('API Gateway control plane (third pass)', [
  {
    name: 'UpdateRestApi: endpoint type and ipAddressType patches',
    source: `${API}#TestApiGatewayApiRestApi::test_update_rest_api_ip_address_type`,
    steps: [
      createApi,
      // Switching to PRIVATE makes the API dual-stack.
      {
        request: call('PATCH', '/restapis/${api}', patch({ op: 'replace', path: '/endpointConfiguration/types/EDGE', value: 'PRIVATE' })),
        expect: { status: 200, body: restApi({ ipAddressType: 'dualstack', types: ['PRIVATE'] }) },
      },
      {
        request: call('PATCH', '/restapis/${api}', patch({ op: 'replace', path: '/endpointConfiguration/ipAddressType', value: 'ipv4' })),
        expect: error(400, 'Only dualstack ipAddressType is supported for Private APIs.'),
      },
      {
        request: call('PATCH', '/restapis/${api}', patch({ op: 'replace', path: '/endpointConfiguration/ipAddressType', value: 'wrong' })),
        expect: error(400, 'ipAddressType must be either ipv4 or dualstack.'),
      },
      {
        request: call('PATCH', '/restapis/${api}', patch({ op: 'replace', path: '/endpointConfiguration/types/PRIVATE', value: 'wrong' })),
        expect: error(400, 'Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE'),
      },
      {
        request: call('PATCH', '/restapis/${api}', patch({ op: 'add', path: '/endpointConfiguration/ipAddressType', value: 'dualstack' })),
        expect: error(400, 'Invalid patch operation specified. Must be one of: [replace]'),
      },
      {
        request: call('PATCH', '/restapis/${api}', patch({ op: 'add', path: '/endpointConfiguration/types/PRIVATE', value: 'EDGE' })),
        expect: error(400, "Invalid patch operation specified. Must be 'add'|'remove'|'replace'"),
      },
      {
        request: call('PATCH', '/restapis/${api}', patch({ op: 'replace', path: '/endpointConfiguration/ipAddressType', value: 'dualstack' })),
        expect: { status: 200, body: restApi({ ipAddressType: 'dualstack', types: ['PRIVATE'] }) },
      },
    ],
  },
  {
    name: 'VPC links (v1): PENDING on create, then AVAILABLE with its status message; tags {} on Get and Update only',
    source: `${API}#TestApiGatewayVpcLink::test_vpc_link_lifecycle`,
    steps: [
      {
        request: { method: 'POST', path: '/vpclinks', service: 'apigateway', body: { name: 'link', targetArns: [NLB] } },
        expect: { status: 202, body: { id: ANY, name: 'link', status: 'PENDING', targetArns: [NLB] } },
        save: { link: 'id' },
      },
      {
        request: call('GET', '/vpclinks/${link}'),
        expect: { status: 200, body: { id: ANY, name: 'link', status: 'AVAILABLE', statusMessage: 'Your vpc link is ready for use', tags: {}, targetArns: [NLB] } },
      },
      {
        request: call('GET', '/vpclinks'),
        expect: { status: 200, body: { item: [{ id: ANY, name: 'link', status: 'AVAILABLE', statusMessage: 'Your vpc link is ready for use', targetArns: [NLB] }], items: ANY } },
      },
      {
        request: call('PATCH', '/vpclinks/${link}', patch({ op: 'replace', path: '/name', value: 'link-updated' })),
        expect: { status: 200, body: { id: ANY, name: 'link-updated', status: 'AVAILABLE', statusMessage: 'Your vpc link is ready for use', tags: {}, targetArns: [NLB] } },
      },
      { request: call('DELETE', '/vpclinks/${link}'), expect: { status: 202 } },
    ],
  },
  {
    name: 'VPC links (v1): a malformed target ARN, an empty name and unknown ids',
    source: `${API}#TestApiGatewayVpcLink::test_create_vpc_link_invalid_parameters, test_get_vpc_link_invalid_id, test_delete_vpc_link_invalid_id, test_update_vpc_link_invalid_id`,
    steps: [
      { request: call('POST', '/vpclinks', { name: 'link', targetArns: ['invalid-arn'] }), expect: error(400, 'Invalid ARN. ARN is not well formed invalid-arn') },
      { request: call('POST', '/vpclinks', { name: '', targetArns: [NLB] }), expect: error(400, 'Name cannot be empty') },
      { request: call('GET', '/vpclinks/abc123'), expect: error(404, 'Invalid Vpc Link identifier specified') },
      { request: call('DELETE', '/vpclinks/abc123'), expect: error(404, 'Invalid Vpc Link identifier specified') },
      { request: call('PATCH', '/vpclinks/abc123', patch({ op: 'replace', path: '/name', value: 'x' })), expect: error(404, 'Invalid Vpc Link identifier specified') },
    ],
  },
  {
    name: 'GetStages filters by deploymentId',
    source: `${API}#TestApiGatewayStage::test_get_stages_filters_by_deployment_id`,
    steps: [
      createApi,
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET', { authorizationType: 'NONE' }), expect: { status: 201 } },
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration', { type: 'MOCK' }), expect: { status: 201 } },
      { request: call('POST', '/restapis/${api}/deployments', {}), expect: { status: 201 }, save: { d1: 'id' } },
      { request: call('POST', '/restapis/${api}/deployments', {}), expect: { status: 201 }, save: { d2: 'id' } },
      { request: call('POST', '/restapis/${api}/stages', { stageName: 'stage1', deploymentId: '${d1}' }), expect: { status: 201 } },
      { request: call('POST', '/restapis/${api}/stages', { stageName: 'stage2', deploymentId: '${d2}' }), expect: { status: 201 } },
      { request: call('GET', '/restapis/${api}/stages'), expect: { status: 200, body: { item: [stage('stage1', ANY), stage('stage2', ANY)] } } },
      { request: call('GET', '/restapis/${api}/stages?deploymentId=${d1}'), expect: { status: 200, body: { item: [stage('stage1', ANY)] } } },
      { request: call('GET', '/restapis/${api}/stages?deploymentId=${d2}'), expect: { status: 200, body: { item: [stage('stage2', ANY)] } } },
    ],
  },
  {
    name: 'PutIntegrationResponse: an empty template reads null; no templates leaves the key out',
    source: `${API}#TestApigatewayIntegration::test_put_integration_response_templates`,
    steps: [
      createApi,
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET', { authorizationType: 'NONE' }), expect: { status: 201 } },
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration', { type: 'MOCK' }), expect: { status: 201 } },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration/responses/200', { selectionPattern: '', responseTemplates: { 'application/json': '' } }),
        expect: { status: 201, body: { responseTemplates: { 'application/json': null }, selectionPattern: '', statusCode: '200' } },
      },
      {
        request: call('GET', '/restapis/${api}/resources/${root}/methods/GET/integration/responses/200'),
        expect: { status: 200, body: { responseTemplates: { 'application/json': null }, selectionPattern: '', statusCode: '200' } },
      },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration/responses/200', { selectionPattern: '' }),
        expect: { status: 201, body: { responseTemplates: ABSENT, selectionPattern: '', statusCode: '200' } },
      },
    ],
  },
  {
    name: 'ImportDocumentationParts refuses a body that is not a definition',
    source: `${API}#TestApiGatewayApiDocumentationPart::test_import_documentation_parts_bad_file`,
    steps: [
      createApi,
      {
        request: { method: 'PUT', path: '/restapis/${api}/documentation/parts', service: 'apigateway', headers: { 'content-type': 'application/json' }, body: '{"swagger": "2.0", ' },
        expect: error(400, 'Unable to build importer with provided input.'),
      },
      {
        request: { method: 'PUT', path: '/restapis/${api}/documentation/parts', service: 'apigateway', headers: { 'content-type': 'application/json' }, body: 'just some text' },
        expect: error(400, 'Unable to build importer with provided input.'),
      },
    ],
  },
  {
    name: 'An AWS integration to S3 by path, with credentials and mapped parameters, as PutIntegration answers it',
    source: `${S3}#TestApiGatewayS3BinarySupport::test_apigw_s3_binary_support_request[None], test_apigw_s3_binary_support_request[CONVERT_TO_TEXT]`,
    steps: [
      createApi,
      { request: call('POST', '/restapis/${api}/resources/${root}', { pathPart: '{object_path+}' }), expect: { status: 201 }, save: { resource: 'id' } },
      {
        request: call('PUT', '/restapis/${api}/resources/${resource}/methods/ANY', {
          authorizationType: 'NONE',
          requestParameters: { 'method.request.path.object_path': true, 'method.request.header.Content-Type': false, 'method.request.header.response-content-type': false },
        }),
        expect: { status: 201 },
      },
      ...[undefined, 'CONVERT_TO_TEXT'].map((contentHandling): RecordedStep => ({
        request: call('PUT', '/restapis/${api}/resources/${resource}/methods/ANY/integration', {
          type: 'AWS', integrationHttpMethod: 'ANY', uri: 'arn:aws:apigateway:us-east-1:s3:path/bucket/{object_path}',
          credentials: 'arn:aws:iam::000000000000:role/apigw-s3', contentHandling,
          requestParameters: {
            'integration.request.path.object_path': 'method.request.path.object_path',
            'integration.request.header.Content-Type': 'method.request.header.Content-Type',
            'integration.request.querystring.response-content-type': 'method.request.header.response-content-type',
          },
        }),
        expect: {
          status: 201,
          body: {
            cacheKeyParameters: [], cacheNamespace: ANY, contentHandling: contentHandling ?? ABSENT,
            credentials: 'arn:aws:iam::000000000000:role/apigw-s3', httpMethod: 'ANY', passthroughBehavior: 'WHEN_NO_MATCH',
            requestParameters: {
              'integration.request.header.Content-Type': 'method.request.header.Content-Type',
              'integration.request.path.object_path': 'method.request.path.object_path',
              'integration.request.querystring.response-content-type': 'method.request.header.response-content-type',
            },
            timeoutInMillis: 29000, type: 'AWS', uri: 'arn:aws:apigateway:us-east-1:s3:path/bucket/{object_path}',
          },
        },
      })),
    ],
  },
  {
    name: 'AWS_PROXY integrations reach only Lambda and Firehose',
    source: `${DYNAMODB}#test_error_aws_proxy_not_supported`,
    steps: [
      createApi,
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/POST', { authorizationType: 'NONE' }), expect: { status: 201 } },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/POST/integration', {
          type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
          credentials: 'arn:aws:iam::000000000000:role/apigw-dynamodb',
        }),
        expect: error(400, "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations."),
      },
    ],
  },
  {
    name: 'UpdateDeployment answers the deployment without its apiSummary',
    source: `${BASIC}#TestAPIGateway::test_update_rest_api_deployment`,
    steps: [
      createApi,
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET', { authorizationType: 'NONE' }), expect: { status: 201 } },
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration', { type: 'MOCK' }), expect: { status: 201 } },
      { request: call('POST', '/restapis/${api}/deployments', { stageName: 'dev' }), expect: { status: 201 }, save: { deployment: 'id' } },
      {
        request: call('PATCH', '/restapis/${api}/deployments/${deployment}', patch({ op: 'replace', path: '/description', value: 'new-description' })),
        expect: { status: 200, body: { createdDate: ANY, description: 'new-description', id: ANY } },
      },
    ],
  },
  {
    name: 'A TOKEN authorizer and a CUSTOM method that requires an API key, as created',
    source: `${BASIC}#TestAPIGateway::test_apigateway_with_custom_authorization_method`,
    steps: [
      createApi,
      {
        request: call('POST', '/restapis/${api}/authorizers', {
          name: 'lambda_authorizer', type: 'TOKEN', identitySource: 'method.request.header.Auth',
          authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations',
        }),
        expect: {
          status: 201,
          body: {
            authType: 'custom', id: ANY, identitySource: 'method.request.header.Auth', name: 'lambda_authorizer', type: 'TOKEN',
            authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations',
          },
        },
        save: { authorizer: 'id' },
      },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET', { authorizationType: 'CUSTOM', authorizerId: '${authorizer}', apiKeyRequired: true }),
        expect: { status: 201, body: { apiKeyRequired: true, authorizationType: 'CUSTOM', authorizerId: ANY, httpMethod: 'GET' } },
      },
    ],
  },
  {
    name: 'UpdateStage: canary settings paths removed or added where AWS refuses them',
    source: `${CANARY}#TestStageCrudCanary::test_update_stage_canary_deployment_validation`,
    steps: [
      createApi,
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET', { authorizationType: 'NONE' }), expect: { status: 201 } },
      { request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration', { type: 'MOCK' }), expect: { status: 201 } },
      { request: call('POST', '/restapis/${api}/deployments', { stageName: 'dev' }), expect: { status: 201 }, save: { deployment: 'id' } },
      {
        request: call('PATCH', '/restapis/${api}/stages/dev', patch({ op: 'remove', path: '/canarySettings/stageVariableOverrides' })),
        expect: error(400, 'Cannot remove method setting canarySettings/stageVariableOverrides because there is no method setting for this method '),
      },
      {
        request: call('PATCH', '/restapis/${api}/stages/dev', patch({ op: 'remove', path: '/canarySettings/badPath' })),
        expect: error(400, 'Cannot remove method setting canarySettings/badPath because there is no method setting for this method '),
      },
      {
        request: call('PATCH', '/restapis/${api}/stages/dev', patch({ op: 'add', path: '/canarySettings/deploymentId', value: '${deployment}' })),
        expect: error(400, 'Invalid add operation with path: /canarySettings/deploymentId'),
      },
    ],
  },
  {
    name: 'PutIntegration: request parameters must be mapping expressions, and a boolean is not a string',
    source: `${API}#TestApigatewayIntegration::test_put_integration_request_parameter_bool_type`,
    steps: [
      createApi,
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET', { authorizationType: 'NONE', requestParameters: { 'method.request.path.testPath': true } }),
        expect: { status: 201, body: { apiKeyRequired: false, authorizationType: 'NONE', httpMethod: 'GET', requestParameters: { 'method.request.path.testPath': true } } },
      },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration', {
          type: 'HTTP', integrationHttpMethod: 'GET', uri: 'http://example.com/{testPath}', requestParameters: { 'integration.request.path.testPath': 'true' },
        }),
        expect: error(400, 'Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: true]'),
      },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration', {
          type: 'HTTP', integrationHttpMethod: 'GET', uri: 'http://example.com/{testPath}', requestParameters: { 'integration.request.path.testPath': true },
        }),
        expect: { status: 400, headers: { 'x-amzn-errortype': 'SerializationException' }, body: { message: 'class java.lang.Boolean can not be converted to an String' } },
      },
      {
        request: call('PUT', '/restapis/${api}/resources/${root}/methods/GET/integration', {
          type: 'HTTP', integrationHttpMethod: 'GET', uri: 'http://example.com/{testPath}', requestParameters: { 'integration.request.path.testPath': 'method.request.path.testPath' },
        }),
        expect: { status: 201 },
      },
    ],
  },
  {
    name: 'Several invalid members are reported together, in the input shape\'s order',
    source: `${API}#TestApiGatewayApiRestApi::test_create_rest_api_with_endpoint_configuration, test_update_rest_api_concatenation_of_errors`,
    steps: [
      {
        request: call('POST', '/restapis', { name: 'api', endpointConfiguration: { ipAddressType: 'wrong', types: ['wrong'] } }),
        expect: {
          status: 400,
          headers: { 'x-amzn-errortype': 'ValidationException' },
          body: {
            message: "2 validation errors detected: Value '[wrong]' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, REGIONAL]]; Value 'wrong' at 'createRestApiInput.endpointConfiguration.ipAddressType' failed to satisfy constraint: Member must satisfy enum value set: [ipv4, dualstack]",
          },
        },
      },
      createApi,
      {
        request: call('PATCH', '/restapis/${api}', patch(
          { op: 'wrong', path: '/endpointConfiguration/ipAddressType', value: 'dualstack' },
          { op: 'wrong', path: '/endpointConfiguration/types/EDGE', value: 'REGIONAL' },
        )),
        expect: {
          status: 400,
          headers: { 'x-amzn-errortype': 'ValidationException' },
          body: {
            message: "2 validation errors detected: Value 'wrong' at 'updateRestApiInput.patchOperations.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]; Value 'wrong' at 'updateRestApiInput.patchOperations.2.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
          },
        },
      },
    ],
  },
  {
    name: 'CreateRestApi endpoint defaults: EDGE and ipv4, PRIVATE dual-stack; an empty ipAddressType with a wrong type',
    source: `${API}#TestApiGatewayApiRestApi::test_create_rest_api_verify_defaults`,
    steps: [
      ...([['EDGE', 'ipv4'], ['REGIONAL', 'ipv4'], ['PRIVATE', 'dualstack']] as const).map(([type, ipAddressType]): RecordedStep => ({
        request: call('POST', '/restapis', { name: 'api', endpointConfiguration: { types: [type] } }),
        expect: { status: 201, body: { ...restApi({ ipAddressType, types: [type] }), tags: ABSENT } },
      })),
      {
        request: call('POST', '/restapis', { name: 'api', endpointConfiguration: {} }),
        expect: { status: 201, body: { ...restApi({ ipAddressType: 'ipv4', types: ['EDGE'] }), tags: ABSENT } },
      },
      {
        request: call('POST', '/restapis', { name: 'api', endpointConfiguration: { types: ['wrong'] } }),
        expect: {
          status: 400,
          body: {
            message: "1 validation error detected: Value '[wrong]' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, REGIONAL]]",
          },
        },
      },
    ],
  },
]);
