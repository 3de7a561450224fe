// A CDK-shaped REST API template (Lambda proxy on / and /{proxy+}, a Deployment with a Stage,
// a Lambda permission) deployed with the CloudFormation SDK client against localgate's
// CloudFormation API, called on its invoke URL, updated with a new route and deployment,
// then deleted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { APIGatewayClient, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import type { Localgate } from '../src/app.ts';
import { ROLE } from './fixtures/lambda/zips.ts';
import { clientConfig, startTestServer } from './helpers.ts';

let app: Localgate;
let cfn: CloudFormationClient;
let gw: APIGatewayClient;

before(async () => {
  app = await startTestServer();
  cfn = new CloudFormationClient(clientConfig(app));
  gw = new APIGatewayClient(clientConfig(app));
});

after(async () => {
  cfn.destroy();
  gw.destroy();
  await app.close();
});

const HANDLER = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ resource: event.resource, path: event.path, stage: event.requestContext.stage }) });`;
const proxyUri = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': ['Handler', 'Arn'] }, '/invocations']] };
const anyMethod = (resourceId: unknown) => ({
  Type: 'AWS::ApiGateway::Method',
  Properties: { AuthorizationType: 'NONE', HttpMethod: 'ANY', ResourceId: resourceId, RestApiId: { Ref: 'RestApi' }, Integration: { IntegrationHttpMethod: 'POST', Type: 'AWS_PROXY', Uri: proxyUri } },
});

function template(version: 1 | 2) {
  const deployment = `Deployment${version}`;
  const resources: Record<string, unknown> = {
    Handler: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: HANDLER } } },
    RestApi: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'RestApi' } },
    Proxy: { Type: 'AWS::ApiGateway::Resource', Properties: { ParentId: { 'Fn::GetAtt': ['RestApi', 'RootResourceId'] }, PathPart: '{proxy+}', RestApiId: { Ref: 'RestApi' } } },
    ProxyAny: anyMethod({ Ref: 'Proxy' }),
    RootAny: anyMethod({ 'Fn::GetAtt': ['RestApi', 'RootResourceId'] }),
    [deployment]: {
      Type: 'AWS::ApiGateway::Deployment',
      DependsOn: ['ProxyAny', 'RootAny', ...(version === 2 ? ['AdminAny'] : [])],
      Properties: { Description: 'Automatically created by the RestApi construct', RestApiId: { Ref: 'RestApi' } },
    },
    Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { DeploymentId: { Ref: deployment }, RestApiId: { Ref: 'RestApi' }, StageName: 'prod' } },
    Permission: {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': ['Handler', 'Arn'] },
        Principal: 'apigateway.amazonaws.com',
        SourceArn: { 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${RestApi}/*/*' },
      },
    },
  };
  if (version === 2) {
    resources.Admin = { Type: 'AWS::ApiGateway::Resource', Properties: { ParentId: { 'Fn::GetAtt': ['RestApi', 'RootResourceId'] }, PathPart: 'admin', RestApiId: { Ref: 'RestApi' } } };
    resources.AdminAny = anyMethod({ Ref: 'Admin' });
  }
  return JSON.stringify({
    Resources: resources,
    Outputs: {
      Endpoint: { Value: { 'Fn::Join': ['', ['https://', { Ref: 'RestApi' }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: 'Stage' }, '/']] } },
      ApiId: { Value: { Ref: 'RestApi' } },
    },
  });
}

const waiter = () => ({ client: cfn, maxWaitTime: 120, minDelay: 1, maxDelay: 1 });

test('a CDK-shaped REST API stack deploys through the CloudFormation API, serves, updates and deletes', async () => {
  await cfn.send(new CreateStackCommand({ StackName: 'rest', TemplateBody: template(1) }));
  await waitUntilStackCreateComplete(waiter(), { StackName: 'rest' });
  const [stack] = (await cfn.send(new DescribeStacksCommand({ StackName: 'rest' }))).Stacks!;
  const out = Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o.OutputValue]));
  assert.equal(out.Endpoint, `https://${out.ApiId}.execute-api.us-east-1.amazonaws.com/prod/`);

  const invoke = (path: string) => fetch(`${app.url}/restapis/${out.ApiId}/prod/_user_request_${path}`);
  assert.deepEqual(await (await invoke('/')).json(), { resource: '/', path: '/', stage: 'prod' });
  assert.deepEqual(await (await invoke('/a/b')).json(), { resource: '/{proxy+}', path: '/a/b', stage: 'prod' });

  await cfn.send(new UpdateStackCommand({ StackName: 'rest', TemplateBody: template(2) }));
  await waitUntilStackUpdateComplete(waiter(), { StackName: 'rest' });
  assert.deepEqual(await (await invoke('/admin')).json(), { resource: '/admin', path: '/admin', stage: 'prod' });

  await cfn.send(new DeleteStackCommand({ StackName: 'rest' }));
  await waitUntilStackDeleteComplete(waiter(), { StackName: 'rest' });
  assert.deepEqual((await gw.send(new GetRestApisCommand({}))).items, []);
  assert.equal((await invoke('/')).status, 404);
});
