// More of what public sample projects rely on when deployed as their READMEs say (second
// round: serverless-patterns apigw-*, serverless/examples, aws-cdk-examples), reproduced with
// our own minimal projects: each case names the sample that showed it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { APIGatewayClient, GetRestApiCommand } from '@aws-sdk/client-api-gateway';
import { IAMClient, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { LambdaClient, GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { startLocalgate, type LocalgateInstance } from '../src/api.ts';
import { useProjects } from './sample-projects.ts';

let lg: LocalgateInstance;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
before(async () => {
  lg = await startLocalgate();
});
after(async () => {
  await lg.stop();
});
const writeProject = useProjects('localgate-samples2-');
/** Writes a project (see useProjects); answers its template's path. */
const project = (name: string, files: Record<string, string>) => join(writeProject(name, files), 'template.yml');

describe('sample projects, round 2: SAM', () => {
  // serverless-patterns apigw-lambda-json-xml-vtl-transformation: `Tracing: Active` in Globals
  // has SAM attach the AWSXrayWriteOnlyAccess managed policy to the generated role.
  it('deploys a function with Tracing: Active (its role gets AWSXrayWriteOnlyAccess)', async () => {
    const template = project('tracing', {
      'template.yml': `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Tracing: Active
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: traced
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: exports.handler = async () => 'ok';
`,
    });
    const [stack] = await lg.deploy(template, { stackName: 'tracing' });
    assert.equal(stack.status, 'CREATE_COMPLETE');
    const lambda = new LambdaClient({ region: 'us-east-1', endpoint: lg.endpoint, credentials });
    const iam = new IAMClient({ region: 'us-east-1', endpoint: lg.endpoint, credentials });
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'traced' }));
    assert.deepEqual(config.TracingConfig, { Mode: 'Active' });
    const { AttachedPolicies = [] } = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: config.Role!.split('/').pop() }));
    assert.deepEqual(AttachedPolicies.map((p) => p.PolicyArn).sort(), [
      'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ]);
    lambda.destroy();
    iam.destroy();
  });

  // serverless-patterns apigw-lambda-authorizer-custom-header: an Api with a Name, a
  // DefinitionBody without info.title and an Auth.DefaultAuthorizer; SAM puts the default
  // authorizer on every method of the body, and the authorizer's context reaches the mapping
  // template (there it set a header with $context.requestOverride).
  it('names a titleless DefinitionBody API by Name and guards its methods with the DefaultAuthorizer', async () => {
    const template = project('definition-default-authorizer', {
      'src/auth.js': `exports.handler = async (event) => ({
  principalId: 'user',
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: event.authorizationToken === 'allow' ? 'Allow' : 'Deny', Resource: event.methodArn }] },
  context: { enrichment: 'from the authorizer' },
});`,
      'template.yml': `Transform: AWS::Serverless-2016-10-31
Resources:
  AppApi:
    Type: AWS::Serverless::Api
    Properties:
      Name: named-by-template
      StageName: Prod
      Auth:
        DefaultAuthorizer: TokenAuth
        Authorizers:
          TokenAuth:
            FunctionArn: !GetAtt AuthFn.Arn
            Identity: { Header: AuthorizationToken }
      DefinitionBody:
        swagger: '2.0'
        paths:
          /:
            get:
              x-amazon-apigateway-integration:
                type: mock
                requestTemplates: { application/json: '{"statusCode": 200}' }
                responses:
                  default:
                    statusCode: '200'
                    responseTemplates: { application/json: '{"enrichment": "$context.authorizer.enrichment"}' }
              responses: { '200': { description: ok } }
  AuthFn:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src, Handler: auth.handler, Runtime: nodejs20.x }
`,
    });
    const [stack] = await lg.deploy(template, { stackName: 'definition-default-authorizer' });
    assert.equal(stack.status, 'CREATE_COMPLETE');
    const api = stack.apis.find((a) => a.stage === 'Prod')!;
    const apigw = new APIGatewayClient({ region: 'us-east-1', endpoint: lg.endpoint, credentials });
    assert.equal((await apigw.send(new GetRestApiCommand({ restApiId: api.apiId }))).name, 'named-by-template');
    apigw.destroy();

    const missing = await fetch(api.url);
    assert.equal(missing.status, 401);
    assert.deepEqual(await missing.json(), { message: 'Unauthorized' });
    const denied = await fetch(api.url, { headers: { AuthorizationToken: 'deny' } });
    assert.equal(denied.status, 403);
    assert.deepEqual(await denied.json(), { message: 'User is not authorized to access this resource with an explicit deny' });
    const allowed = await fetch(api.url, { headers: { AuthorizationToken: 'allow' } });
    assert.equal(allowed.status, 200);
    assert.deepEqual(await allowed.json(), { enrichment: 'from the authorizer' });
  });

  // sessions-with-aws-sam safe-deploy: a layer folder, functions naming no CodeUri, an alias
  // behind an HTTP API whose CORS origins come from a CommaDelimitedList, and a
  // DeploymentPreference whose hook's policy names SAM's CodeDeploy application.
  it('deploys a layer folder, code-less functions and an alias behind an HTTP API; the CodeDeploy application is named as unsupported', async () => {
    const template = project('safe-deploy', {
      'layer/nodejs/node_modules/greeting/index.js': "module.exports = (n) => 'Hello ' + n;",
      'src/base.js': "const greet = require('greeting'); exports.handler = async (event, context) => ({ statusCode: 200, body: JSON.stringify({ message: greet('world'), arn: context.invokedFunctionArn }) });",
      'src/hook.js': "exports.handler = async () => 'ok';",
      'template.yml': `Transform: AWS::Serverless-2016-10-31
Parameters:
  ClientDomains:
    Type: CommaDelimitedList
Globals:
  Function:
    Runtime: nodejs20.x
    Layers: [!Ref ResourcesLayer]
Resources:
  BaseAPI:
    Type: AWS::Serverless::HttpApi
    Properties:
      CorsConfiguration: { AllowMethods: [GET], AllowOrigins: !Ref ClientDomains }
  ResourcesLayer:
    Type: AWS::Serverless::LayerVersion
    Properties: { LayerName: resources, ContentUri: layer/, CompatibleRuntimes: [nodejs20.x] }
  BaseFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/base.handler
      AutoPublishAlias: live
      Events:
        ApiEvent:
          Type: HttpApi
          Properties: { ApiId: !Ref BaseAPI, Path: /, Method: GET }
      DeploymentPreference:
        Type: AllAtOnce
        Hooks: { PreTraffic: !Ref PreHook }
  PreHook:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/hook.handler
      DeploymentPreference: { Enabled: false }
      Policies:
        - Statement:
            - Effect: Allow
              Action: codedeploy:PutLifecycleEventHookExecutionStatus
              Resource: !Sub 'arn:\${AWS::Partition}:codedeploy:\${AWS::Region}:\${AWS::AccountId}:deploymentgroup:\${ServerlessDeploymentApplication}/*'
`,
    });
    const parameters = { ClientDomains: 'http://localhost:3000,https://example.com' };
    await assert.rejects(lg.deploy(template, { stackName: 'safe-deploy-strict', parameters }), /ROLLBACK_COMPLETE/);
    const [stack] = await lg.deploy(template, { stackName: 'safe-deploy', parameters, skipUnsupported: true });
    assert.equal(stack.status, 'CREATE_COMPLETE');
    const [api] = stack.apis;
    const res = await fetch(api.url, { headers: { Origin: 'https://example.com' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://example.com');
    const body = await res.json();
    assert.equal(body.message, 'Hello world');
    assert.match(body.arn, /^arn:aws:lambda:us-east-1:000000000000:function:safe-deploy-BaseFunction-[A-Z0-9]+:live$/);
  });

  // The HTTP API side of the same rule (SAM sets the DefaultAuthorizer on a user's OpenAPI
  // body's methods): a Lambda authorizer with simple responses guarding a given body's route.
  it('guards the methods of an HttpApi DefinitionBody with the DefaultAuthorizer', async () => {
    const template = project('http-definition-default-authorizer', {
      'src/auth.js': "exports.handler = async (event) => ({ isAuthorized: event.headers.authorization === 'let-me-in', context: { who: 'tester' } });",
      'src/app.js': "exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event.requestContext.authorizer) });",
      'template.yml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: Simple
        Authorizers:
          Simple:
            FunctionArn: !GetAtt AuthFn.Arn
            AuthorizerPayloadFormatVersion: '2.0'
            EnableSimpleResponses: true
            Identity: { Headers: [Authorization] }
      DefinitionBody:
        openapi: 3.0.1
        info: { title: given, version: '1' }
        paths:
          /hello:
            get:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                payloadFormatVersion: '2.0'
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${AppFn.Arn}/invocations
  AuthFn:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src, Handler: auth.handler, Runtime: nodejs20.x }
  AppFn:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src, Handler: app.handler, Runtime: nodejs20.x }
  AppPermission:
    Type: AWS::Lambda::Permission
    Properties: { Action: lambda:InvokeFunction, FunctionName: !Ref AppFn, Principal: apigateway.amazonaws.com }
`,
    });
    const [stack] = await lg.deploy(template, { stackName: 'http-definition-default-authorizer' });
    assert.equal(stack.status, 'CREATE_COMPLETE');
    const [api] = stack.apis;
    const missing = await fetch(`${api.url}hello`);
    assert.equal(missing.status, 401);
    const denied = await fetch(`${api.url}hello`, { headers: { Authorization: 'nope' } });
    assert.equal(denied.status, 403);
    assert.deepEqual(await denied.json(), { message: 'Forbidden' });
    const allowed = await fetch(`${api.url}hello`, { headers: { Authorization: 'let-me-in' } });
    assert.equal(allowed.status, 200);
    assert.deepEqual(await allowed.json(), { lambda: { who: 'tester' } });
  });
});
