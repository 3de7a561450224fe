// What public sample projects (aws-samples/serverless-patterns, serverless/examples,
// aws-cdk-examples, the SAM CLI's templates) rely on when deployed as their READMEs say,
// reproduced with our own minimal projects: each case names the sample that showed it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ApiGatewayV2Client, GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { startLocalgate, type LocalgateInstance } from '../src/api.ts';
import { useProjects } from './sample-projects.ts';

let lg: LocalgateInstance;
before(async () => {
  lg = await startLocalgate();
});
after(async () => {
  await lg.stop();
});
const project = useProjects('localgate-samples-');

const echoHandler = `exports.handler = async (event, context) => ({
  statusCode: 200,
  body: JSON.stringify({ functionName: context.functionName, xForwardedFor: event.headers['x-forwarded-for'], method: event.requestContext.http.method, rawPath: event.rawPath, queryString: event.queryStringParameters, body: event.body }),
});`;

describe('sample projects: SAM', () => {
  // aws-samples/serverless-patterns apigw-http-api-lambda: the code directory is named once in
  // Globals (`sam deploy` packages it), and a quick-create HTTP API targets the function's
  // invocation URI rather than its ARN.
  it('deploys Globals.Function.CodeUri and a quick-create Target written as an invocation URI', async () => {
    const dir = project('globals-quick-create', {
      'src/app.js': echoHandler,
      'template.yml': `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    CodeUri: ./src
    Runtime: nodejs20.x
Resources:
  HttpApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: quick
      ProtocolType: HTTP
      Target: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/arn:aws:lambda:\${AWS::Region}:\${AWS::AccountId}:function:\${Fn}/invocations
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: quick-function
      Handler: app.handler
  Permission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      Principal: apigateway.amazonaws.com
      FunctionName: !Ref Fn
      SourceArn: !Sub arn:aws:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${HttpApi}/*
Outputs:
  HttpApiEndpoint:
    Value: !GetAtt HttpApi.ApiEndpoint
`,
    });
    const [stack] = await lg.deploy(join(dir, 'template.yml'), { stackName: 'globals-quick-create' });
    assert.equal(stack.status, 'CREATE_COMPLETE');
    const [api] = stack.apis;
    assert.equal(api.stage, '$default');
    const res = await fetch(`${api.url}path1/path2?foo=bar`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"key1":"value1"}' });
    assert.equal(res.status, 200);
    // The README shows the caller's address in x-forwarded-for, which API Gateway adds.
    assert.deepEqual(await res.json(), { functionName: 'quick-function', xForwardedFor: '127.0.0.1', method: 'POST', rawPath: '/path1/path2', queryString: { foo: 'bar' }, body: '{"key1":"value1"}' });
  });

  // aws-samples/serverless-patterns apigw-websocket-api-lambda: a DynamoDB table localgate does
  // not serve; deployed with --skip-unsupported, its outputs reading the table's Arn are left
  // out and the WebSocket API is served.
  it('leaves out an output that reads an attribute of a resource skipped as unsupported', async () => {
    const dir = project('skipped-output', {
      'template.yml': `Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      BillingMode: PAY_PER_REQUEST
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
  TablePolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: table-access
      Roles: [!Ref Role]
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: 'dynamodb:*', Resource: [!GetAtt Table.Arn] }] }
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: skipped-output
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: $request.body.action
Outputs:
  TableArn:
    Value: !GetAtt Table.Arn
  ApiId:
    Value: !Ref Api
`,
    });
    await assert.rejects(lg.deploy(join(dir, 'template.yml'), { stackName: 'skipped-output-strict' }), /ROLLBACK_COMPLETE/);
    const [stack] = await lg.deploy(join(dir, 'template.yml'), { stackName: 'skipped-output', skipUnsupported: true });
    assert.equal(stack.status, 'CREATE_COMPLETE');
    assert.deepEqual(Object.keys(stack.outputs), ['ApiId']);
    // aws-cdk-examples api-websocket-lambda-dynamodb: CDK's table grants are IAM policies naming
    // the table's Arn; such a policy is skipped too, saying why.
    const cfn = new CloudFormationClient({ region: 'us-east-1', endpoint: lg.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const { StackResources = [] } = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'skipped-output' }));
    cfn.destroy();
    assert.deepEqual(
      StackResources.map((r) => [r.LogicalResourceId, r.ResourceStatus, r.ResourceStatusReason]).sort(),
      [
        ['Api', 'CREATE_COMPLETE', undefined],
        ['Role', 'CREATE_COMPLETE', undefined],
        ['Table', 'CREATE_COMPLETE', 'Skipped: localgate does not support resource type AWS::DynamoDB::Table'],
        ['TablePolicy', 'CREATE_COMPLETE', 'Skipped: its properties read an attribute of Table, which was skipped as unsupported'],
      ],
    );
  });
});

describe('sample projects: the headers API Gateway adds to proxy events', () => {
  // serverless/examples aws-node-rest-api and aws-node-http-api echo the whole event; AWS adds
  // X-Forwarded-For/-Port/-Proto and X-Amzn-Trace-Id (REST names them so; HTTP APIs lower-case).
  it('adds them for REST and HTTP APIs, appending the caller to a client X-Forwarded-For', async () => {
    const dir = project('forwarded-headers', {
      'src/app.js': 'exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event.headers) });',
      'template.yml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src
      Handler: app.handler
      Runtime: nodejs20.x
      Events:
        Rest:
          Type: Api
          Properties: { Path: /rest, Method: get }
        Http:
          Type: HttpApi
          Properties: { Path: /http, Method: get }
`,
    });
    const [stack] = await lg.deploy(join(dir, 'template.yml'), { stackName: 'forwarded-headers' });
    const rest = stack.apis.find((a) => a.kind === 'REST' && a.stage === 'Prod')!;
    const http = stack.apis.find((a) => a.kind === 'HTTP')!;
    const port = new URL(rest.url).port;
    const traceId = /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/;

    const restHeaders = await (await fetch(`${rest.url}rest`)).json();
    assert.equal(restHeaders['X-Forwarded-For'], '127.0.0.1');
    assert.equal(restHeaders['X-Forwarded-Port'], port);
    assert.equal(restHeaders['X-Forwarded-Proto'], 'http');
    assert.match(restHeaders['X-Amzn-Trace-Id'], traceId);

    const httpHeaders = await (await fetch(`${http.url}http`, { headers: { 'X-Forwarded-For': '10.0.0.1' } })).json();
    assert.equal(httpHeaders['x-forwarded-for'], '10.0.0.1, 127.0.0.1');
    assert.equal(httpHeaders['x-forwarded-port'], port);
    assert.equal(httpHeaders['x-forwarded-proto'], 'http');
    assert.match(httpHeaders['x-amzn-trace-id'], traceId);
  });
});

describe('sample projects: CDK', () => {
  // aws-cdk-examples api-websocket-lambda-dynamodb: a CfnStage naming its first deployment
  // and auto-deploying from then on; an update naming a deployment is still refused.
  it('creates a v2 stage with both DeploymentId and AutoDeploy', async () => {
    const dir = project('stage-deployment-autodeploy', {
      'template.yml': `Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: chat, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action }
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties: { ApiId: !Ref Api, IntegrationType: MOCK }
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties: { ApiId: !Ref Api, RouteKey: $default, Target: !Sub 'integrations/\${Integration}' }
  Deployment:
    Type: AWS::ApiGatewayV2::Deployment
    DependsOn: Route
    Properties: { ApiId: !Ref Api }
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: !Ref Api, StageName: dev, AutoDeploy: true, DeploymentId: !Ref Deployment }
`,
    });
    const [stack] = await lg.deploy(join(dir, 'template.yml'), { stackName: 'stage-deployment-autodeploy' });
    assert.equal(stack.status, 'CREATE_COMPLETE');
    const [api] = stack.apis;
    assert.deepEqual([api.kind, api.stage], ['WebSocket', 'dev']);
    const v2 = new ApiGatewayV2Client({ region: 'us-east-1', endpoint: lg.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const { DeploymentId } = await v2.send(new GetStageCommand({ ApiId: api.apiId, StageName: 'dev' }));
    await assert.rejects(v2.send(new UpdateStageCommand({ ApiId: api.apiId, StageName: 'dev', DeploymentId })), /DeploymentId cannot be specified for a stage with AutoDeploy enabled/);
    v2.destroy();
  });
});
