// AWS::Lambda::* resource types, driven directly (no engine) over a running localgate's
// providers, checked through @aws-sdk/client-lambda and the function URL data plane.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  LambdaClient,
  ListTagsCommand,
} from '@aws-sdk/client-lambda';
import type { Localgate } from '../src/app.ts';
import { resourceType } from '../src/cloudformation/registry.ts';
import type { ResourceResult, ResourceType } from '../src/cloudformation/resource.ts';
import { AwsError } from '../src/protocol/errors.ts';
import { resourceContext } from './cfn-context.ts';
import { body } from '../src/services/s3/test-support.ts';
import { ROLE, invokeJson, makeZip } from './fixtures/lambda/zips.ts';
import { clientConfig, startTestServer } from './helpers.ts';

const type = (name: string): ResourceType => resourceType(name)!;
const INLINE = (tag: string) => `exports.handler = async (event) => ({ tag: ${JSON.stringify(tag)}, env: process.env.GREETING ?? null, event });`;

describe('AWS::Lambda resource types', () => {
  let app: Localgate;
  let client: LambdaClient;
  before(async () => {
    app = await startTestServer();
    client = new LambdaClient(clientConfig(app));
  });
  after(async () => {
    client.destroy();
    await app.close();
  });

  it('creates a function from inline code with string-typed numbers, updates and deletes it', async () => {
    const fn = type('AWS::Lambda::Function');
    const ctx = resourceContext(app, 'Hello');
    const props = {
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: ROLE,
      Timeout: '7',
      MemorySize: '256',
      Environment: { Variables: { GREETING: 'hi' } },
      Tags: [{ Key: 'team', Value: 'core' }],
      Code: { ZipFile: INLINE('one') },
    };
    const created = await fn.create(props, ctx);
    assert.match(created.physicalId, /^test-stack-Hello-[A-Z0-9]{12}$/);
    assert.equal(created.attributes.Arn, `arn:aws:lambda:us-east-1:000000000000:function:${created.physicalId}`);
    assert.deepEqual(created.attributes.SnapStartResponse, { ApplyOn: 'None', OptimizationStatus: 'Off' });
    const got = await client.send(new GetFunctionCommand({ FunctionName: created.physicalId }));
    assert.equal(got.Configuration?.Timeout, 7);
    assert.equal(got.Configuration?.MemorySize, 256);
    const system = { 'aws:cloudformation:stack-name': 'test-stack', 'aws:cloudformation:stack-id': ctx.stackId, 'aws:cloudformation:logical-id': 'Hello' };
    assert.deepEqual(got.Tags, { team: 'core', ...system });
    assert.deepEqual((await invokeJson(client, created.physicalId, { n: 1 })).json, { tag: 'one', env: 'hi', event: { n: 1 } });

    const newProps = { ...props, Environment: undefined, Tags: [{ Key: 'tier', Value: 'web' }], Code: { ZipFile: INLINE('two') } };
    const updated = await fn.update!(created.physicalId, props, newProps, ctx, created);
    assert.equal(updated.physicalId, created.physicalId);
    assert.deepEqual((await invokeJson(client, created.physicalId, {})).json, { tag: 'two', env: null, event: {} });
    const tags = await client.send(new ListTagsCommand({ Resource: created.attributes.Arn as string }));
    assert.deepEqual(tags.Tags, { tier: 'web', ...system });

    // Reserved concurrency is its own API call, set and removed with the property.
    const reserved = { ...newProps, ReservedConcurrentExecutions: '3' };
    await fn.update!(created.physicalId, newProps, reserved, ctx, updated);
    assert.equal((await client.send(new GetFunctionCommand({ FunctionName: created.physicalId }))).Concurrency?.ReservedConcurrentExecutions, 3);
    await fn.update!(created.physicalId, reserved, newProps, ctx, updated);
    assert.equal((await client.send(new GetFunctionCommand({ FunctionName: created.physicalId }))).Concurrency, undefined);

    await fn.delete(created.physicalId, newProps, ctx, updated);
    await assert.rejects(client.send(new GetFunctionCommand({ FunctionName: created.physicalId })), { name: 'ResourceNotFoundException' });
    // Deleting again succeeds: the resource is already gone.
    await fn.delete(created.physicalId, newProps, ctx, updated);
  });

  it('refuses bad properties with the service error and creates nothing', async () => {
    const fn = type('AWS::Lambda::Function');
    const base = { FunctionName: 'bad-fn', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: INLINE('x') } };
    await assert.rejects(fn.create({ ...base, Timeout: 'soon' }, resourceContext(app, 'Bad')), (err: unknown) => {
      assert.ok(err instanceof AwsError);
      assert.equal(err.code, 'ValidationException');
      assert.match(err.message, /Value 'soon' at 'timeout' failed to satisfy constraint: Member must be an integer/);
      return true;
    });
    await assert.rejects(fn.create({ ...base, Runtime: 'java21' }, resourceContext(app, 'Bad')), { code: 'InvalidParameterValueException' });
    await assert.rejects(fn.create({ ...base, Role: undefined }, resourceContext(app, 'Bad')), { code: 'ValidationException' });
    await assert.rejects(client.send(new GetFunctionCommand({ FunctionName: 'bad-fn' })), { name: 'ResourceNotFoundException' });
  });

  it('publishes a version, points an alias at it, grants a permission, serves a URL and stores an invoke config', async () => {
    const fnCtx = resourceContext(app, 'Fn');
    const fnProps = { FunctionName: 'versioned', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: INLINE('v1') } };
    const fn = await type('AWS::Lambda::Function').create(fnProps, fnCtx);
    const fnArn = fn.attributes.Arn as string;

    const version = await type('AWS::Lambda::Version').create({ FunctionName: fn.physicalId, Description: 'first' }, resourceContext(app, 'V1'));
    assert.deepEqual(version, { physicalId: `${fnArn}:1`, attributes: { FunctionArn: `${fnArn}:1`, Version: '1' } });

    const aliasProps = { FunctionName: fn.physicalId, Name: 'live', FunctionVersion: '1' };
    const alias = await type('AWS::Lambda::Alias').create(aliasProps, resourceContext(app, 'Live'));
    assert.deepEqual(alias, { physicalId: `${fnArn}:live`, attributes: { AliasArn: `${fnArn}:live` } });
    const fnProps2 = { ...fnProps, Code: { ZipFile: INLINE('v2') } };
    await type('AWS::Lambda::Function').update!(fn.physicalId, fnProps, fnProps2, fnCtx, fn);
    const version2 = await type('AWS::Lambda::Version').create({ FunctionName: fn.physicalId }, resourceContext(app, 'V2'));
    assert.equal(version2.attributes.Version, '2');
    // CloudFormation lists the weights; Lambda keeps a map. Weights may arrive as strings.
    const aliasUpdate = { ...aliasProps, Description: 'canary', RoutingConfig: { AdditionalVersionWeights: [{ FunctionVersion: '2', FunctionWeight: '0.25' }] } };
    await type('AWS::Lambda::Alias').update!(alias.physicalId, aliasProps, aliasUpdate, resourceContext(app, 'Live'), alias);
    const gotAlias = await client.send(new GetAliasCommand({ FunctionName: fn.physicalId, Name: 'live' }));
    assert.equal(gotAlias.Description, 'canary');
    assert.deepEqual(gotAlias.RoutingConfig?.AdditionalVersionWeights, { '2': 0.25 });

    const permProps = { FunctionName: fnArn, Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: 'arn:aws:execute-api:us-east-1:000000000000:abc/*' };
    const perm = await type('AWS::Lambda::Permission').create(permProps, resourceContext(app, 'Perm'));
    assert.match(perm.physicalId, /^test-stack-Perm-[A-Z0-9]{12}$/);
    const policy = JSON.parse((await client.send(new GetPolicyCommand({ FunctionName: fn.physicalId }))).Policy!);
    assert.deepEqual(policy.Statement.map((s: { Sid: string }) => s.Sid), [perm.physicalId]);

    const urlProps = { TargetFunctionArn: fnArn, AuthType: 'NONE' };
    const url = await type('AWS::Lambda::Url').create(urlProps, resourceContext(app, 'Url'));
    assert.equal(url.physicalId, fnArn);
    const config = await client.send(new GetFunctionUrlConfigCommand({ FunctionName: fn.physicalId }));
    assert.equal(url.attributes.FunctionUrl, config.FunctionUrl);
    // The URL's host form needs DNS for *.localhost; the path form reaches the same function.
    const urlId = new URL(url.attributes.FunctionUrl as string).hostname.split('.')[0];
    // An AuthType NONE URL answers only with a public lambda:InvokeFunctionUrl permission.
    assert.equal((await fetch(`${app.url}/lambda-url/${urlId}/`)).status, 403);
    const urlPermProps = { FunctionName: fnArn, Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' };
    const urlPerm = await type('AWS::Lambda::Permission').create(urlPermProps, resourceContext(app, 'UrlPerm'));
    const answer = await fetch(`${app.url}/lambda-url/${urlId}/`);
    assert.equal(answer.status, 200);
    assert.equal((await answer.json()).tag, 'v2');

    const eicProps = { FunctionName: fn.physicalId, Qualifier: '$LATEST', MaximumRetryAttempts: '1' };
    const eic = await type('AWS::Lambda::EventInvokeConfig').create(eicProps, resourceContext(app, 'Eic'));
    assert.equal((await client.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: fn.physicalId, Qualifier: '$LATEST' }))).MaximumRetryAttempts, 1);

    const teardown: Array<[string, Record<string, unknown>, ResourceResult]> = [
      ['AWS::Lambda::EventInvokeConfig', eicProps, eic],
      ['AWS::Lambda::Url', urlProps, url],
      ['AWS::Lambda::Permission', urlPermProps, urlPerm],
      ['AWS::Lambda::Permission', permProps, perm],
      ['AWS::Lambda::Alias', aliasProps, alias],
      ['AWS::Lambda::Version', { FunctionName: fn.physicalId }, version2],
      ['AWS::Lambda::Version', { FunctionName: fn.physicalId }, version],
    ];
    for (const [name, props, res] of teardown) await type(name).delete(res.physicalId, props, resourceContext(app, 'X'), res);
    await assert.rejects(client.send(new GetFunctionUrlConfigCommand({ FunctionName: fn.physicalId })), { name: 'ResourceNotFoundException' });
    await assert.rejects(client.send(new GetPolicyCommand({ FunctionName: fn.physicalId })), { name: 'ResourceNotFoundException' });
    await assert.rejects(client.send(new GetAliasCommand({ FunctionName: fn.physicalId, Name: 'live' })), { name: 'ResourceNotFoundException' });
    await assert.rejects(client.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: fn.physicalId, Qualifier: '$LATEST' })), { name: 'ResourceNotFoundException' });
    await assert.rejects(client.send(new GetFunctionCommand({ FunctionName: fn.physicalId, Qualifier: '1' })), { name: 'ResourceNotFoundException' });
    await type('AWS::Lambda::Function').delete(fn.physicalId, fnProps, fnCtx, fn);
  });

  it('passes Code.S3Bucket / S3Key to the provider: the hot-reload bucket serves a local directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'localgate-cfn-hot-'));
    try {
      writeFileSync(join(dir, 'index.js'), INLINE('from-dir'));
      const props = { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { S3Bucket: 'hot-reload', S3Key: dir } };
      const created = await type('AWS::Lambda::Function').create(props, resourceContext(app, 'Hot'));
      assert.equal((await invokeJson(client, created.physicalId, {})).json.tag, 'from-dir');
      await type('AWS::Lambda::Function').delete(created.physicalId, props, resourceContext(app, 'Hot'), created);
      await assert.rejects(
        type('AWS::Lambda::Function').create({ ...props, Code: { S3Bucket: 'my-bucket', S3Key: 'code.zip' } }, resourceContext(app, 'S3')),
        { code: 'InvalidParameterValueException', message: /NoSuchBucket/ },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('publishes a layer version from S3 content a function uses, and grants a layer version permission (Ref: layer version ARN # statement id)', async () => {
    const lambda = app.providers.lambda;
    const request = resourceContext(app, 'L').request;
    const layer = await lambda.publishLayerVersion!({ LayerName: 'shared', Content: { ZipFile: Buffer.from(makeZip({ 'nodejs/x.js': '1' })) } }, request);
    const props = { LayerVersionArn: layer.LayerVersionArn, Action: 'lambda:GetLayerVersion', Principal: '*' };
    const perm = await type('AWS::Lambda::LayerVersionPermission').create(props, resourceContext(app, 'Share'));
    assert.match(perm.physicalId, new RegExp(`^${layer.LayerVersionArn}#test-stack-Share-[A-Z0-9]{12}$`));
    const policy = JSON.parse((await lambda.getLayerVersionPolicy!({ LayerName: 'shared', VersionNumber: 1 }, request)).Policy!);
    assert.deepEqual(policy.Statement.map((s: { Sid: string }) => s.Sid), [perm.physicalId.split('#')[1]]);
    await type('AWS::Lambda::LayerVersionPermission').delete(perm.physicalId, props, resourceContext(app, 'Share'), perm);
    await assert.rejects(Promise.resolve().then(() => lambda.getLayerVersionPolicy!({ LayerName: 'shared', VersionNumber: 1 }, request)), { code: 'ResourceNotFoundException' });

    // Layer content comes from S3 (CloudFormation has no inline form for layers).
    await app.providers.s3.createBucket!({ Bucket: 'layer-bucket' }, request);
    await app.providers.s3.putObject!({ Bucket: 'layer-bucket', Key: 'layer.zip', Body: body(Buffer.from(makeZip({ 'nodejs/node_modules/greet/index.js': 'module.exports = "hi";' }))) }, request);
    const layerProps = { Content: { S3Bucket: 'layer-bucket', S3Key: 'layer.zip' }, CompatibleRuntimes: ['nodejs20.x'] };
    const fromS3 = await type('AWS::Lambda::LayerVersion').create(layerProps, resourceContext(app, 'Layer'));
    assert.deepEqual(fromS3, { physicalId: 'arn:aws:lambda:us-east-1:000000000000:layer:Layer:1', attributes: { LayerVersionArn: 'arn:aws:lambda:us-east-1:000000000000:layer:Layer:1' } });
    const fnProps = { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Layers: [fromS3.physicalId], Code: { ZipFile: `exports.handler = async () => require('greet');` } };
    const fn = await type('AWS::Lambda::Function').create(fnProps, resourceContext(app, 'Layered'));
    assert.equal((await invokeJson(client, fn.physicalId, {})).json, 'hi');
    await type('AWS::Lambda::Function').delete(fn.physicalId, fnProps, resourceContext(app, 'Layered'), fn);
    await type('AWS::Lambda::LayerVersion').delete(fromS3.physicalId, layerProps, resourceContext(app, 'Layer'), fromS3);
    await assert.rejects(Promise.resolve().then(() => lambda.getLayerVersion!({ LayerName: 'Layer', VersionNumber: 1 }, request)), { code: 'ResourceNotFoundException' });
    await assert.rejects(
      type('AWS::Lambda::LayerVersion').create({ LayerName: 'from-s3', Content: { S3Bucket: 'no-such-bucket', S3Key: 'layer.zip' } }, resourceContext(app, 'Layer')),
      { code: 'InvalidParameterValueException', message: /NoSuchBucket/ },
    );
  });
});
