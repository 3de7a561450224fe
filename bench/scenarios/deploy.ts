// Deploy time: a template with 20 functions behind a REST API and an HTTP API, from
// CreateStack to CREATE_COMPLETE, next to the same resources created by direct SDK calls
// against the same localgate in the same run.
import { APIGatewayClient, CreateDeploymentCommand, CreateResourceCommand, CreateRestApiCommand, GetResourcesCommand, PutIntegrationCommand, PutMethodCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { zipSync, strToU8 } from 'fflate';
import { startLocalgate } from '../../src/app.ts';
import type { BenchRow } from '../types.ts';

const FUNCTIONS = 20;
const ROLE = 'arn:aws:iam::000000000000:role/bench';
const CODE = 'exports.handler = async () => ({ statusCode: 200, body: "ok" });';
const uri = (arn: unknown) => ({ 'Fn::Sub': ['arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Arn}/invocations', { Arn: arn }] });

/** 20 functions, each a REST resource + method and an HTTP API route, with their permissions. */
function template(): object {
  const Resources: Record<string, object> = {
    Rest: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'bench-rest' } },
    Http: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'bench-http', ProtocolType: 'HTTP' } },
    HttpStage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Http' }, StageName: '$default', AutoDeploy: true } },
  };
  const methods: string[] = [];
  for (let i = 0; i < FUNCTIONS; i++) {
    Resources[`Fn${i}`] = { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: CODE } } };
    Resources[`Res${i}`] = { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Rest' }, ParentId: { 'Fn::GetAtt': ['Rest', 'RootResourceId'] }, PathPart: `f${i}` } };
    Resources[`Method${i}`] = {
      Type: 'AWS::ApiGateway::Method',
      Properties: { RestApiId: { Ref: 'Rest' }, ResourceId: { Ref: `Res${i}` }, HttpMethod: 'GET', AuthorizationType: 'NONE', Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', Uri: uri({ 'Fn::GetAtt': [`Fn${i}`, 'Arn'] }) } },
    };
    Resources[`Integration${i}`] = { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: { Ref: 'Http' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': [`Fn${i}`, 'Arn'] }, PayloadFormatVersion: '2.0' } };
    Resources[`Route${i}`] = { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Http' }, RouteKey: `GET /f${i}`, Target: { 'Fn::Sub': `integrations/\${Integration${i}}` } } };
    Resources[`Permission${i}`] = { Type: 'AWS::Lambda::Permission', Properties: { FunctionName: { Ref: `Fn${i}` }, Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' } };
    methods.push(`Method${i}`);
  }
  Resources.Deployment = { Type: 'AWS::ApiGateway::Deployment', DependsOn: methods, Properties: { RestApiId: { Ref: 'Rest' }, StageName: 'prod' } };
  return { Resources };
}

async function viaStack(cfn: CloudFormationClient): Promise<number> {
  const started = performance.now();
  await cfn.send(new CreateStackCommand({ StackName: 'bench', TemplateBody: JSON.stringify(template()) }));
  for (;;) {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'bench' }));
    const status = Stacks?.[0]?.StackStatus ?? '';
    if (status === 'CREATE_COMPLETE') return performance.now() - started;
    if (!status.endsWith('_IN_PROGRESS')) throw new Error(`bench stack ended ${status}: ${Stacks?.[0]?.StackStatusReason}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function viaSdk(lambda: LambdaClient, v1: APIGatewayClient, v2: ApiGatewayV2Client): Promise<number> {
  const started = performance.now();
  const zip = zipSync({ 'index.js': strToU8(CODE) });
  const arns = await Promise.all(
    Array.from({ length: FUNCTIONS }, async (_, i) => (await lambda.send(new CreateFunctionCommand({ FunctionName: `sdk-${i}`, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zip } }))).FunctionArn!),
  );
  const { id: restApiId } = await v1.send(new CreateRestApiCommand({ name: 'sdk-rest' }));
  const { items } = await v1.send(new GetResourcesCommand({ restApiId }));
  const rootId = items!.find((r) => r.path === '/')!.id;
  const { ApiId } = await v2.send(new CreateApiCommand({ Name: 'sdk-http', ProtocolType: 'HTTP' }));
  await Promise.all(
    arns.map(async (arn, i) => {
      const { id: resourceId } = await v1.send(new CreateResourceCommand({ restApiId, parentId: rootId, pathPart: `f${i}` }));
      await v1.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
      const invocation = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arn}/invocations`;
      await v1.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod: 'GET', type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: invocation }));
      const { IntegrationId } = await v2.send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: arn, PayloadFormatVersion: '2.0' }));
      await v2.send(new CreateRouteCommand({ ApiId, RouteKey: `GET /f${i}`, Target: `integrations/${IntegrationId}` }));
    }),
  );
  await v1.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
  await v2.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));
  return performance.now() - started;
}

export default async function deploy(): Promise<BenchRow[]> {
  const app = await startLocalgate({ port: 0, quiet: true });
  const config = { endpoint: app.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const cfn = new CloudFormationClient(config);
  const lambda = new LambdaClient(config);
  const v1 = new APIGatewayClient(config);
  const v2 = new ApiGatewayV2Client(config);
  try {
    const stackMs = await viaStack(cfn);
    const sdkMs = await viaSdk(lambda, v1, v2);
    return [
      {
        scenario: 'deploy',
        metric: `CreateStack to CREATE_COMPLETE: ${FUNCTIONS} functions, REST + HTTP API`,
        unit: 'ms',
        localgate: stackMs,
        baseline: sdkMs,
        baselineLabel: 'same resources by SDK calls',
        goal: '< 1000 ms',
        met: stackMs < 1000,
      },
    ];
  } finally {
    for (const client of [cfn, lambda, v1, v2]) client.destroy();
    await app.close();
  }
}
