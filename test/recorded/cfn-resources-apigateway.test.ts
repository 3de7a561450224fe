// CloudFormation's API Gateway resources as recorded on AWS: stacks deployed and updated
// through localgate's CloudFormation API, read back through the API Gateway control plane
// (and one stage called), compared with LocalStack's aws-validated recordings
// (test_apigateway.snapshot.json under tests/aws/services/cloudformation/resources/ and
// tests/aws/services/apigateway/resources/). LocalStack's account 111111111111 is our
// 000000000000. The templates are our own, with the properties the recorded stacks set.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ANY, assertMatches } from './harness.ts';
import { cfnServer, fn, stackTags } from './cfn-steps.ts';

const APIGATEWAY_SNAPSHOT = 'localstack/localstack tests/aws/services/cloudformation/resources/test_apigateway.snapshot.json';

const server = cfnServer();
const { deploy, update, apigateway } = server;

describe('recorded on AWS: API Gateway resources', () => {
  it(`answers as recorded (${APIGATEWAY_SNAPSHOT}#test_cfn_deploy_apigateway_integration)`, async () => {
    const cors = {
      'method.response.header.Access-Control-Allow-Origin': "'*'",
      'method.response.header.Access-Control-Allow-Methods': "'OPTIONS,GET,POST'",
    };
    const { outputs } = await deploy('integration', {
      Resources: {
        Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'Api', EndpointConfiguration: { Types: ['EDGE'] } } },
        Proxy: { Type: 'AWS::ApiGateway::Resource', Properties: { ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: 'testproxy', RestApiId: { Ref: 'Api' } } },
        ProxyMethod: {
          Type: 'AWS::ApiGateway::Method',
          Properties: {
            AuthorizationType: 'NONE',
            ResourceId: { Ref: 'Proxy' },
            RestApiId: { Ref: 'Api' },
            HttpMethod: 'GET',
            MethodResponses: [{ StatusCode: 200, ResponseParameters: Object.fromEntries(Object.keys(cors).map((k) => [k, true])) }],
            Integration: { IntegrationHttpMethod: 'GET', Type: 'HTTP_PROXY', Uri: 'http://www.example.com', IntegrationResponses: [{ StatusCode: 200, ResponseParameters: cors }] },
          },
        },
      },
      Outputs: { RestApiId: { Value: { Ref: 'Api' } }, ResourceId: { Value: { Ref: 'Proxy' } } },
    });
    // rest_api: the stack's tags; ipAddressType as the 2025 recording in
    // tests/aws/services/apigateway/resource_providers/test_apigateway.snapshot.json has it.
    assertMatches(await apigateway(`/restapis/${outputs.RestApiId}`), {
      apiKeySource: 'HEADER',
      createdDate: ANY,
      disableExecuteApiEndpoint: false,
      endpointConfiguration: { ipAddressType: 'ipv4', types: ['EDGE'] },
      id: outputs.RestApiId,
      name: 'Api',
      rootResourceId: ANY,
      tags: stackTags('integration', 'Api'),
    }, 'rest_api');
    // method: an HTTP_PROXY integration over the internet, with the defaults AWS fills in.
    assertMatches(await apigateway(`/restapis/${outputs.RestApiId}/resources/${outputs.ResourceId}/methods/GET`), {
      apiKeyRequired: false,
      authorizationType: 'NONE',
      httpMethod: 'GET',
      methodIntegration: {
        cacheKeyParameters: [],
        cacheNamespace: outputs.ResourceId,
        connectionType: 'INTERNET',
        httpMethod: 'GET',
        integrationResponses: { '200': { responseParameters: cors, statusCode: '200' } },
        passthroughBehavior: 'WHEN_NO_MATCH',
        timeoutInMillis: 29000,
        type: 'HTTP_PROXY',
        uri: 'http://www.example.com',
      },
      methodResponses: { '200': { responseParameters: Object.fromEntries(Object.keys(cors).map((k) => [k, true])), statusCode: '200' } },
    }, 'method');
  });

  it(`answers as recorded (${APIGATEWAY_SNAPSHOT}#test_rest_api_serverless_ref_resolving)`, async () => {
    const allowed = {
      'method.response.header.Access-Control-Allow-Credentials': "'true'",
      'method.response.header.Access-Control-Allow-Headers': "'Content-Type,Authorization'",
      'method.response.header.Access-Control-Allow-Methods': "'OPTIONS,POST,GET,PUT'",
      'method.response.header.Access-Control-Allow-Origin': "'http://localhost:8000'",
    };
    const { outputs } = await deploy('serverless', {
      Transform: 'AWS::Serverless-2016-10-31',
      Resources: {
        Authorizer: fn,
        Api: {
          Type: 'AWS::Serverless::Api',
          Properties: {
            StageName: 'local',
            OpenApiVersion: '2.0',
            Cors: { AllowMethods: "'OPTIONS,POST,GET,PUT'", AllowHeaders: "'Content-Type,Authorization'", AllowCredentials: true, AllowOrigin: "'http://localhost:8000'" },
            Auth: { Authorizers: { TokenAuthorizer: { FunctionArn: { 'Fn::GetAtt': ['Authorizer', 'Arn'] } } } },
          },
        },
        ApiFunction: {
          Type: 'AWS::Serverless::Function',
          Properties: {
            Runtime: 'nodejs20.x',
            Handler: 'index.handler',
            InlineCode: "exports.handler = async () => ({ statusCode: 200, body: 'Hello World!' });",
            Events: { ApiEvent: { Type: 'Api', Properties: { Path: '/', Method: 'get', RestApiId: { Ref: 'Api' } } } },
          },
        },
      },
      Outputs: { ApiId: { Value: { Ref: 'Api' } } },
    });
    const api = outputs.ApiId;
    // get-resources: the root with GET and the OPTIONS method CORS adds.
    const resources = (await apigateway(`/restapis/${api}/resources`)) as { items: Array<{ id: string }> };
    assertMatches(resources.items, [{ id: ANY, path: '/', resourceMethods: { GET: {}, OPTIONS: {} } }], 'get-resources');
    const root = resources.items[0].id;
    // get-authorizers: a TOKEN authorizer of type "custom", without a result TTL.
    assertMatches((await apigateway(`/restapis/${api}/authorizers`) as { items: unknown }).items, [
      { authType: 'custom', authorizerUri: ANY, id: ANY, identitySource: 'method.request.header.Authorization', name: 'TokenAuthorizer', type: 'TOKEN' },
    ], 'get-authorizers');
    // get-method-GET: a Lambda proxy integration, without a connection type.
    assertMatches(await apigateway(`/restapis/${api}/resources/${root}/methods/GET`), {
      apiKeyRequired: false,
      authorizationType: 'NONE',
      httpMethod: 'GET',
      methodIntegration: { cacheKeyParameters: [], cacheNamespace: root, httpMethod: 'POST', passthroughBehavior: 'WHEN_NO_MATCH', timeoutInMillis: 29000, type: 'AWS_PROXY', uri: ANY },
    }, 'get-method-GET');
    // get-method-OPTIONS: the MOCK integration answering the CORS headers.
    assertMatches(await apigateway(`/restapis/${api}/resources/${root}/methods/OPTIONS`), {
      apiKeyRequired: false,
      authorizationType: 'NONE',
      httpMethod: 'OPTIONS',
      methodIntegration: {
        cacheKeyParameters: [],
        cacheNamespace: root,
        integrationResponses: { '200': { responseParameters: allowed, responseTemplates: { 'application/json': '{}\n' }, statusCode: '200' } },
        passthroughBehavior: 'WHEN_NO_MATCH',
        requestTemplates: { 'application/json': '{\n  "statusCode" : 200\n}\n' },
        timeoutInMillis: 29000,
        type: 'MOCK',
      },
      methodResponses: { '200': { responseParameters: Object.fromEntries(Object.keys(allowed).map((k) => [k, false])), statusCode: '200' } },
    }, 'get-method-OPTIONS');
  });

  // Changing the deployment's description and the method it depends on leaves the stage on
  // the deployment it had: CloudFormation does not redeploy.
  it(`answers as recorded (${APIGATEWAY_SNAPSHOT.replace('cloudformation/resources', 'apigateway/resources')}#test_update_apigateway_stage)`, async () => {
    const template = (description: string, method: string) => ({
      Resources: {
        RestApi: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'staged' } },
        Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'RestApi' }, DeploymentId: { Ref: 'ApiDeployment' }, StageName: 'dev' } },
        MockMethod: {
          Type: 'AWS::ApiGateway::Method',
          Properties: { RestApiId: { Ref: 'RestApi' }, ResourceId: { 'Fn::GetAtt': ['RestApi', 'RootResourceId'] }, HttpMethod: method, AuthorizationType: 'NONE', Integration: { Type: 'MOCK' } },
        },
        ApiDeployment: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: { Ref: 'RestApi' }, Description: description }, DependsOn: ['MockMethod'] },
      },
      Outputs: { RestApiId: { Value: { 'Fn::GetAtt': ['RestApi', 'RestApiId'] } } },
    });
    const { outputs } = await deploy('update-stage', template('Original description', 'GET'));
    const stagePath = `/restapis/${outputs.RestApiId}/stages/dev`;
    const stage = (deploymentId: unknown) => ({
      cacheClusterEnabled: false,
      cacheClusterStatus: 'NOT_AVAILABLE',
      createdDate: ANY,
      deploymentId,
      lastUpdatedDate: ANY,
      methodSettings: {},
      stageName: 'dev',
      tags: stackTags('update-stage', 'Stage'),
      tracingEnabled: false,
    });
    const created = (await apigateway(stagePath)) as { deploymentId: string };
    assertMatches(created, stage(ANY), 'created-stage');
    await update('update-stage', template('updated-description', 'POST'));
    assertMatches(await apigateway(stagePath), stage(created.deploymentId), 'updated-stage');
  });

  // A stage without StageName gets a generated name, which Ref gives the usage plan; an update
  // changes the quota and the tags in place.
  it(`answers as recorded (${APIGATEWAY_SNAPSHOT.replace('cloudformation/resources', 'apigateway/resources')}#test_update_usage_plan)`, async () => {
    const template = (limit: number, tag: string) => ({
      Resources: {
        RestApi: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'planned' } },
        Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'RestApi' }, DeploymentId: { Ref: 'ApiDeployment' } } },
        UsagePlan: {
          Type: 'AWS::ApiGateway::UsagePlan',
          Properties: {
            ApiStages: [{ ApiId: { Ref: 'RestApi' }, Stage: { Ref: 'Stage' } }],
            Quota: { Limit: limit, Period: 'MONTH' },
            Tags: [{ Key: 'test', Value: tag }, { Key: 'test2', Value: 'hardcoded' }],
          },
          DependsOn: ['Stage'],
        },
        MockMethod: {
          Type: 'AWS::ApiGateway::Method',
          Properties: { RestApiId: { Ref: 'RestApi' }, ResourceId: { 'Fn::GetAtt': ['RestApi', 'RootResourceId'] }, HttpMethod: 'GET', AuthorizationType: 'NONE', Integration: { Type: 'MOCK' } },
        },
        ApiDeployment: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: { Ref: 'RestApi' } }, DependsOn: ['MockMethod'] },
      },
      Outputs: { UsagePlanId: { Value: { Ref: 'UsagePlan' } }, RestApiId: { Value: { 'Fn::GetAtt': ['RestApi', 'RestApiId'] } } },
    });
    const { outputs, physical } = await deploy('usage-plan', template(5000, 'value1'));
    // The recording hides the generated name; API Gateway takes only a-zA-Z0-9_ in one.
    assert.match(physical.Stage, /^[a-zA-Z0-9_]+$/);
    const plan = (limit: number, tag: string) => ({
      apiStages: [{ apiId: outputs.RestApiId, stage: physical.Stage }],
      id: outputs.UsagePlanId,
      name: ANY,
      quota: { limit, offset: 0, period: 'MONTH' },
      tags: { ...stackTags('usage-plan', 'UsagePlan'), test: tag, test2: 'hardcoded' },
    });
    assertMatches(await apigateway(`/usageplans/${outputs.UsagePlanId}`), plan(5000, 'value1'), 'usage-plan');
    await update('usage-plan', template(7000, 'value-updated'));
    assertMatches(await apigateway(`/usageplans/${outputs.UsagePlanId}`), plan(7000, 'value-updated'), 'updated-usage-plan');
  });

  // A model with an empty Schema, models named by CloudFormation, and a MOCK integration the
  // template gives ConnectionType INTERNET, which AWS answers without one.
  it(`answers as recorded (${APIGATEWAY_SNAPSHOT}#test_cfn_with_apigateway_resources)`, async () => {
    const accountModel = { $schema: 'http://json-schema.org/draft-04/schema#', title: 'AccountCreate', type: 'object', properties: { field: { type: 'string' }, email: { type: 'string', format: 'email' } } };
    const notFound = { 'application/json': '{"message":"Not Found"}' };
    const { outputs } = await deploy('celeste', {
      Resources: {
        Gateway: { Type: 'AWS::ApiGateway::RestApi', Properties: { EndpointConfiguration: { Types: ['REGIONAL'] }, Name: 'celeste-Gateway-local' } },
        DefaultModel: { Type: 'AWS::ApiGateway::Model', Properties: { ContentType: 'application/json', RestApiId: { Ref: 'Gateway' }, Schema: {} } },
        AccountResource: { Type: 'AWS::ApiGateway::Resource', Properties: { ParentId: { 'Fn::GetAtt': ['Gateway', 'RootResourceId'] }, PathPart: 'account', RestApiId: { Ref: 'Gateway' } } },
        AccountModel: { Type: 'AWS::ApiGateway::Model', Properties: { ContentType: 'application/json', RestApiId: { Ref: 'Gateway' }, Schema: accountModel } },
        CreateAccount: {
          Type: 'AWS::ApiGateway::Method',
          Properties: {
            ApiKeyRequired: false,
            AuthorizationType: 'NONE',
            HttpMethod: 'POST',
            RequestParameters: { 'method.request.path.account': true },
            Integration: {
              ConnectionType: 'INTERNET',
              IntegrationResponses: [{ ResponseTemplates: notFound, SelectionPattern: 404, StatusCode: '404' }],
              PassthroughBehavior: 'WHEN_NO_TEMPLATES',
              RequestTemplates: { 'application/json': { Ref: 'AccountModel' } },
              Type: 'MOCK',
              TimeoutInMillis: 29000,
            },
            MethodResponses: [{ ResponseModels: { 'application/json': { Ref: 'DefaultModel' } }, StatusCode: '202' }],
            OperationName: 'create_account',
            ResourceId: { Ref: 'AccountResource' },
            RestApiId: { Ref: 'Gateway' },
          },
        },
      },
      Outputs: { ApiId: { Value: { Ref: 'Gateway' } }, ResourceId: { Value: { Ref: 'AccountResource' } }, DefaultModel: { Value: { Ref: 'DefaultModel' } }, AccountModel: { Value: { Ref: 'AccountModel' } } },
    });
    // get-method-post
    assertMatches(await apigateway(`/restapis/${outputs.ApiId}/resources/${outputs.ResourceId}/methods/POST`), {
      apiKeyRequired: false,
      authorizationType: 'NONE',
      httpMethod: 'POST',
      methodIntegration: {
        cacheKeyParameters: [],
        cacheNamespace: outputs.ResourceId,
        integrationResponses: { '404': { responseTemplates: notFound, selectionPattern: '404', statusCode: '404' } },
        passthroughBehavior: 'WHEN_NO_TEMPLATES',
        requestTemplates: { 'application/json': outputs.AccountModel },
        timeoutInMillis: 29000,
        type: 'MOCK',
      },
      methodResponses: { '202': { responseModels: { 'application/json': outputs.DefaultModel }, statusCode: '202' } },
      operationName: 'create_account',
      requestParameters: { 'method.request.path.account': true },
    }, 'get-method-post');
    // get-models: the two default models, then the template's, without descriptions.
    const models = ((await apigateway(`/restapis/${outputs.ApiId}/models`)) as { items: Array<{ name: string }> }).items;
    const byName = new Map(models.map((m) => [m.name, m]));
    assert.deepEqual([...byName.keys()].sort(), ['Empty', 'Error', outputs.AccountModel, outputs.DefaultModel].sort());
    assertMatches(byName.get(outputs.DefaultModel), { contentType: 'application/json', id: ANY, name: outputs.DefaultModel, schema: '{}' }, 'get-models (Schema {})');
    assertMatches(byName.get(outputs.AccountModel), { contentType: 'application/json', id: ANY, name: outputs.AccountModel, schema: ANY }, 'get-models (AccountCreate)');
    assert.deepEqual(JSON.parse((byName.get(outputs.AccountModel) as unknown as { schema: string }).schema), accountModel);
  });

  // A CDK-shaped validated MOCK method: the request validator and model read back, and the
  // stage validating bodies against the model.
  it(`answers as recorded (${APIGATEWAY_SNAPSHOT}#test_cfn_deploy_apigateway_models)`, async () => {
    const schema = {
      title: 'TestModel',
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      properties: { string_field: { type: 'string' }, integer_field: { type: 'number' } },
      required: ['string_field', 'integer_field'],
    };
    const { outputs } = await deploy('models', {
      Resources: {
        Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'models' } },
        Deployment: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: { Ref: 'Api' } }, DependsOn: ['ValidatedAny', 'Validated', 'JsonModel', 'Validator'] },
        Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'Api' }, DeploymentId: { Ref: 'Deployment' }, StageName: 'local' } },
        Validated: { Type: 'AWS::ApiGateway::Resource', Properties: { ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: 'validated', RestApiId: { Ref: 'Api' } } },
        ValidatedAny: {
          Type: 'AWS::ApiGateway::Method',
          Properties: {
            HttpMethod: 'ANY',
            ResourceId: { Ref: 'Validated' },
            RestApiId: { Ref: 'Api' },
            AuthorizationType: 'NONE',
            Integration: { IntegrationResponses: [{ StatusCode: '200' }], PassthroughBehavior: 'NEVER', RequestTemplates: { 'application/json': '{ "statusCode": 200 }' }, Type: 'MOCK' },
            MethodResponses: [{ StatusCode: '200' }],
            RequestModels: { 'application/json': { Ref: 'JsonModel' } },
            RequestValidatorId: { Ref: 'Validator' },
          },
        },
        Validator: { Type: 'AWS::ApiGateway::RequestValidator', Properties: { RestApiId: { Ref: 'Api' }, Name: 'require-valid-body', ValidateRequestBody: true, ValidateRequestParameters: false } },
        JsonModel: { Type: 'AWS::ApiGateway::Model', Properties: { RestApiId: { Ref: 'Api' }, ContentType: 'application/json', Name: 'TestModel', Schema: schema } },
      },
      Outputs: { RestApiId: { Value: { Ref: 'Api' } }, ResourceId: { Value: { Ref: 'Validated' } }, ValidatorId: { Value: { Ref: 'Validator' } } },
    });
    const api = outputs.RestApiId;
    // get-request-validators
    assertMatches((await apigateway(`/restapis/${api}/requestvalidators`) as { items: unknown }).items, [
      { id: outputs.ValidatorId, name: 'require-valid-body', validateRequestBody: true, validateRequestParameters: false },
    ], 'get-request-validators');
    // get-method-any
    assertMatches(await apigateway(`/restapis/${api}/resources/${outputs.ResourceId}/methods/ANY`), {
      apiKeyRequired: false,
      authorizationType: 'NONE',
      httpMethod: 'ANY',
      methodIntegration: {
        cacheKeyParameters: [],
        cacheNamespace: outputs.ResourceId,
        integrationResponses: { '200': { statusCode: '200' } },
        passthroughBehavior: 'NEVER',
        requestTemplates: { 'application/json': '{ "statusCode": 200 }' },
        timeoutInMillis: 29000,
        type: 'MOCK',
      },
      methodResponses: { '200': { statusCode: '200' } },
      requestModels: { 'application/json': 'TestModel' },
      requestValidatorId: outputs.ValidatorId,
    }, 'get-method-any');
    // The stage: a valid body passes, an invalid one and none are refused with 400.
    const url = `${server.app.url}/restapis/${api}/local/_user_request_/validated`;
    const post = (body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal((await post({ string_field: 'string', integer_field: 123456789 })).status, 200);
    assert.equal((await post({ string_field: 'string' })).status, 400);
    assert.equal((await fetch(url)).status, 400);
  });
});
