import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { expandServerless, serverlessTransform, unsupportedServerlessResources, WARNINGS_METADATA_KEY } from './index.ts';

const ctx = { account: '123456789012', region: 'eu-west-1', stackName: 'demo', parameters: {} };
const fn = (extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::Serverless::Function',
  Properties: { CodeUri: 's3://b/k.zip', Handler: 'index.handler', Runtime: 'nodejs20.x', ...extra },
});
const sam = (resources: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ Transform: 'AWS::Serverless-2016-10-31', Resources: resources, ...extra });

describe('SAM transform', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sam-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps other transforms and drops Globals', () => {
    const { template } = expandServerless(
      { Transform: ['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31'], Globals: { Function: { Timeout: 9 } }, Resources: { F: fn() } },
      ctx,
    );
    assert.deepEqual(template.Transform, ['AWS::LanguageExtensions']);
    assert.equal(template.Globals, undefined);
    assert.equal(template.Resources.F.Properties.Timeout, 9);
  });

  it('passes intrinsics inside SAM properties through for the engine to resolve', () => {
    const handler = { 'Fn::Sub': '${AWS::StackName}.handler' };
    const env = { Variables: { TABLE: { Ref: 'Table' }, ARN: { 'Fn::GetAtt': ['Queue', 'Arn'] } } };
    const { template } = expandServerless(sam({ F: fn({ Handler: handler, Environment: env }) }), ctx);
    assert.deepEqual(template.Resources.F.Properties.Handler, handler);
    assert.deepEqual(template.Resources.F.Properties.Environment, env);
  });

  it('runs a local directory in place and reads the partition from the region', () => {
    const { template } = expandServerless(sam({ F: fn({ CodeUri: dir }) }), { ...ctx, region: 'cn-north-1' });
    assert.deepEqual(template.Resources.F.Properties.Code, { S3Bucket: 'hot-reload', S3Key: dir });
    assert.deepEqual(template.Resources.FRole.Properties.ManagedPolicyArns, ['arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']);
  });

  it('refuses the SAM types localgate does not serve, naming them, and lists them for skip-unsupported', () => {
    const template = sam({ F: fn(), Table: { Type: 'AWS::Serverless::SimpleTable' }, Flow: { Type: 'AWS::Serverless::StateMachine', Properties: {} } });
    assert.deepEqual(unsupportedServerlessResources(template), ['Table', 'Flow']);
    assert.throws(() => expandServerless(template, ctx), {
      code: 'ValidationError',
      samMessage:
        'Invalid Serverless Application Specification document. Number of errors found: 2. ' +
        'Resource with id [Table] is invalid. localgate does not serve AWS::Serverless::SimpleTable resources; tag the stack localgate:skip-unsupported=true to deploy without it. ' +
        'Resource with id [Flow] is invalid. localgate does not serve AWS::Serverless::StateMachine resources; tag the stack localgate:skip-unsupported=true to deploy without it.',
    });
    delete template.Resources.Table;
    delete template.Resources.Flow;
    assert.deepEqual(Object.keys(expandServerless(template, ctx).template.Resources), ['FRole', 'F']);
  });

  it('reports each skipped event source in the output Metadata, never silently', async () => {
    const out = await serverlessTransform(
      sam({ F: fn({ Events: { Jobs: { Type: 'SQS', Properties: { Queue: 'arn:aws:sqs:eu-west-1:123456789012:q' } }, Tick: { Type: 'Schedule', Properties: { Schedule: 'rate(1 minute)' } } } }) }, { Metadata: { Mine: 1 } }),
      ctx,
    );
    assert.deepEqual(out.Metadata, {
      Mine: 1,
      [WARNINGS_METADATA_KEY]: [
        'F: event Jobs (SQS) is skipped: localgate does not serve SQS event sources; the function is deployed without it',
        'F: event Tick (Schedule) is skipped: localgate does not serve Schedule event sources; the function is deployed without it',
      ],
    });
    assert.deepEqual(Object.keys(out.Resources), ['FRole', 'F']);
    const quiet = await serverlessTransform(sam({ F: fn() }), ctx);
    assert.equal(quiet.Metadata, undefined);
  });

  it('warns about what it deploys differently: CodeDeploy preferences, generated resource policy lists', () => {
    const { warnings } = expandServerless(
      sam({
        F: fn({ AutoPublishAlias: 'live', DeploymentPreference: { Type: 'Canary10Percent5Minutes' } }),
        A: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'v1', Auth: { ResourcePolicy: { IpRangeWhitelist: ['10.0.0.0/8'], CustomStatements: [] } } } },
      }),
      ctx,
    );
    assert.deepEqual(warnings, [
      'F: DeploymentPreference is skipped: localgate does not serve CodeDeploy; new versions take all traffic at once',
      'A: Auth.ResourcePolicy IpRangeWhitelist skipped: localgate stores custom statements only',
    ]);
  });

  it('follows a renamed layer in Outputs', () => {
    const { template } = expandServerless(
      sam({ L: { Type: 'AWS::Serverless::LayerVersion', Properties: { ContentUri: 's3://b/l.zip' } }, F: fn({ Layers: [{ Ref: 'L' }] }) }, { Outputs: { Layer: { Value: { Ref: 'L' } } } }),
      ctx,
    );
    const layerId = Object.keys(template.Resources).find((id) => id.startsWith('L'))!;
    assert.match(layerId, /^L[0-9a-f]{10}$/);
    assert.deepEqual(template.Outputs.Layer.Value, { Ref: layerId });
    assert.deepEqual(template.Resources.F.Properties.Layers, [{ Ref: layerId }]);
  });

  it('reads a local DefinitionUri from disk and keeps an S3 one for the API to import', () => {
    const file = join(dir, 'api.yaml');
    writeFileSync(file, 'openapi: 3.0.1\ninfo: {title: from-file, version: "1"}\npaths:\n  /hi:\n    get:\n      x-amazon-apigateway-integration: {type: mock}\n');
    const { template } = expandServerless(
      sam({
        FileApi: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'v1', DefinitionUri: file } },
        S3Api: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'v1', DefinitionUri: 's3://specs/api.yaml?versionId=3' } },
      }),
      ctx,
    );
    assert.equal(template.Resources.FileApi.Properties.Body.info.title, 'from-file');
    assert.deepEqual(template.Resources.S3Api.Properties.BodyS3Location, { Bucket: 'specs', Key: 'api.yaml', Version: '3' });
    assert.throws(() => expandServerless(sam({ A: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'v1', DefinitionUri: join(dir, 'missing.yaml') } } }), ctx), /Resource with id \[A\] is invalid. 'DefinitionUri' file not found/);
  });

  it('names a new REST deployment when the routes change, the same one when they do not', () => {
    const deployment = (events: Record<string, unknown>) =>
      Object.keys(expandServerless(sam({ F: fn({ Events: events }) }), ctx).template.Resources).find((id) => id.startsWith('ServerlessRestApiDeployment'));
    const one = { A: { Type: 'Api', Properties: { Path: '/a', Method: 'get' } } };
    const two = { ...one, B: { Type: 'Api', Properties: { Path: '/b', Method: 'get' } } };
    assert.match(deployment(one)!, /^ServerlessRestApiDeployment[0-9a-f]{10}$/);
    assert.equal(deployment(one), deployment(structuredClone(one)));
    assert.notEqual(deployment(one), deployment(two));
  });

  it("creates SAM's extra Stage stage only without OpenApiVersion", () => {
    const api = (props: Record<string, unknown>) => {
      const { template } = expandServerless(sam({ A: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'prod', ...props } } }), ctx);
      return template.Resources[Object.keys(template.Resources).find((id) => id.startsWith('ADeployment'))!].Properties;
    };
    assert.equal(api({}).StageName, 'Stage');
    assert.equal(api({ OpenApiVersion: '3.0.1' }).StageName, undefined);
    assert.throws(() => api({ OpenApiVersion: 'three' }), /The OpenApiVersion value must be of the format '3.0.0'./);
  });

  it('shares one usage plan and key between APIs with CreateUsagePlan SHARED', () => {
    const auth = { ApiKeyRequired: true, UsagePlan: { CreateUsagePlan: 'SHARED' } };
    const { template } = expandServerless(
      sam({ A: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'a', Auth: auth } }, B: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'b', Auth: auth } } }),
      ctx,
    );
    const plan = template.Resources.ServerlessUsagePlan;
    assert.deepEqual(plan.DependsOn, ['A', 'B']);
    assert.deepEqual(plan.Properties.ApiStages, [{ ApiId: { Ref: 'A' }, Stage: { Ref: 'AaStage' } }, { ApiId: { Ref: 'B' }, Stage: { Ref: 'BbStage' } }]);
    assert.deepEqual(template.Resources.ServerlessApiKey.Properties.StageKeys.length, 2);
    assert.ok(template.Resources.ServerlessUsagePlanKey);
  });

  it('leaves the input template as it was', () => {
    const input = sam({ F: fn({ Events: { A: { Type: 'HttpApi' } } }) }, { Globals: { Function: { Layers: ['x'] } } });
    const before = JSON.stringify(input);
    expandServerless(input, ctx);
    assert.equal(JSON.stringify(input), before);
  });
});
