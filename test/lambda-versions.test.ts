// Lambda versions, aliases, permissions, tags, reserved concurrency, parallel invocations
// and hot reload, end to end with @aws-sdk/client-lambda.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  GetAliasCommand,
  GetFunctionConcurrencyCommand,
  GetPolicyCommand,
  LambdaClient,
  ListAliasesCommand,
  ListTagsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  RemovePermissionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { startTestServer, clientConfig } from './helpers.ts';
import type { Localgate } from '../src/app.ts';
import { createFunction, invokeJson, makeZip, ROLE } from './fixtures/lambda/zips.ts';

const VERSIONED = (tag: string) => `exports.handler = async (e, ctx) => ({ tag: ${JSON.stringify(tag)}, version: ctx.functionVersion, arn: ctx.invokedFunctionArn });`;

describe('lambda versions, aliases and concurrency', () => {
  let app: Localgate;
  let client: LambdaClient;
  let hotDir: string;
  before(async () => {
    app = await startTestServer({ lambdaMaxEnvironments: 4 });
    client = new LambdaClient(clientConfig(app));
    hotDir = mkdtempSync(join(tmpdir(), 'localgate-hot-test-'));
  });
  after(async () => {
    client.destroy();
    await app.close();
    rmSync(hotDir, { recursive: true, force: true });
  });

  it('publishes versions and routes invocations by version and alias', async () => {
    await createFunction(client, 'ver', { 'index.js': VERSIONED('one') });
    const v1 = await client.send(new PublishVersionCommand({ FunctionName: 'ver', Description: 'first' }));
    assert.equal(v1.Version, '1');
    assert.equal(v1.FunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:ver:1');
    // Unchanged code and configuration: the same version comes back.
    assert.equal((await client.send(new PublishVersionCommand({ FunctionName: 'ver' }))).Version, '1');
    await client.send(new UpdateFunctionCodeCommand({ FunctionName: 'ver', ZipFile: makeZip({ 'index.js': VERSIONED('two') }) }));
    assert.equal((await client.send(new PublishVersionCommand({ FunctionName: 'ver' }))).Version, '2');
    const versions = await client.send(new ListVersionsByFunctionCommand({ FunctionName: 'ver' }));
    assert.deepEqual(versions.Versions!.map((v) => v.Version), ['$LATEST', '1', '2']);

    const one = await invokeJson(client, 'ver', {}, { Qualifier: '1' });
    assert.equal(one.out.ExecutedVersion, '1');
    assert.deepEqual(one.json, { tag: 'one', version: '1', arn: 'arn:aws:lambda:us-east-1:000000000000:function:ver:1' });

    const alias = await client.send(new CreateAliasCommand({ FunctionName: 'ver', Name: 'live', FunctionVersion: '1' }));
    assert.equal(alias.AliasArn, 'arn:aws:lambda:us-east-1:000000000000:function:ver:live');
    const viaAlias = await invokeJson(client, 'arn:aws:lambda:us-east-1:000000000000:function:ver:live');
    assert.equal(viaAlias.out.ExecutedVersion, '1');
    assert.equal(viaAlias.json.arn, 'arn:aws:lambda:us-east-1:000000000000:function:ver:live');
    await client.send(new UpdateAliasCommand({ FunctionName: 'ver', Name: 'live', FunctionVersion: '2' }));
    const moved = await invokeJson(client, 'ver:live');
    assert.equal(moved.out.ExecutedVersion, '2');
    assert.equal(moved.json.tag, 'two');
    assert.equal((await client.send(new GetAliasCommand({ FunctionName: 'ver', Name: 'live' }))).FunctionVersion, '2');
    assert.deepEqual((await client.send(new ListAliasesCommand({ FunctionName: 'ver' }))).Aliases!.map((a) => a.Name), ['live']);

    await assert.rejects(invokeJson(client, 'ver', {}, { Qualifier: '9' }), (err: any) => {
      assert.equal(err.name, 'ResourceNotFoundException');
      assert.equal(err.message, 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:ver:9');
      return true;
    });
    await assert.rejects(client.send(new CreateAliasCommand({ FunctionName: 'ver', Name: 'live', FunctionVersion: '1' })), (err: any) => {
      assert.equal(err.name, 'ResourceConflictException');
      assert.equal(err.message, 'Alias already exists: arn:aws:lambda:us-east-1:000000000000:function:ver:live');
      return true;
    });
    // Only published versions may take routing weight; the alias is not created.
    await assert.rejects(
      client.send(new CreateAliasCommand({ FunctionName: 'ver', Name: 'canary', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { $LATEST: 0.5 } } })),
      (err: any) => {
        assert.equal(err.name, 'ValidationException');
        assert.equal(err.$metadata.httpStatusCode, 400);
        return true;
      },
    );
    await assert.rejects(client.send(new GetAliasCommand({ FunctionName: 'ver', Name: 'canary' })), { name: 'ResourceNotFoundException' });
  });

  it('keeps a resource policy and tags', async () => {
    const added = await client.send(
      new AddPermissionCommand({ FunctionName: 'ver', StatementId: 'apigw', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: 'arn:aws:execute-api:us-east-1:000000000000:abc/*' }),
    );
    assert.deepEqual(JSON.parse(added.Statement!), {
      Sid: 'apigw',
      Effect: 'Allow',
      Principal: { Service: 'apigateway.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: 'arn:aws:lambda:us-east-1:000000000000:function:ver',
      Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:execute-api:us-east-1:000000000000:abc/*' } },
    });
    const policy = JSON.parse((await client.send(new GetPolicyCommand({ FunctionName: 'ver' }))).Policy!);
    assert.equal(policy.Statement.length, 1);
    await assert.rejects(
      client.send(new AddPermissionCommand({ FunctionName: 'ver', StatementId: 'apigw', Action: 'lambda:InvokeFunction', Principal: '*' })),
      (err: any) => err.name === 'ResourceConflictException',
    );
    await client.send(new RemovePermissionCommand({ FunctionName: 'ver', StatementId: 'apigw' }));
    await assert.rejects(client.send(new GetPolicyCommand({ FunctionName: 'ver' })), (err: any) => err.name === 'ResourceNotFoundException');

    const arn = 'arn:aws:lambda:us-east-1:000000000000:function:ver';
    await client.send(new TagResourceCommand({ Resource: arn, Tags: { team: 'a', env: 'dev' } }));
    await client.send(new UntagResourceCommand({ Resource: arn, TagKeys: ['env'] }));
    assert.deepEqual((await client.send(new ListTagsCommand({ Resource: arn }))).Tags, { team: 'a' });
  });

  it('runs parallel invocations in separate environments without cross-talk', async () => {
    await createFunction(client, 'par', {
      'index.js': 'let mine; exports.handler = async (e) => { if (mine !== undefined) throw new Error("reused while busy"); mine = e.i; await new Promise((r) => setTimeout(r, 300)); const out = { i: mine, pid: process.pid }; mine = undefined; return out; };',
    });
    const results = await Promise.all([0, 1, 2, 3].map((i) => invokeJson(client, 'par', { i })));
    assert.deepEqual(results.map((r) => r.json.i), [0, 1, 2, 3]);
    assert.equal(new Set(results.map((r) => r.json.pid)).size, 4);
    // Past lambdaMaxEnvironments (4) invocations queue and still all complete.
    const more = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => invokeJson(client, 'par', { i })));
    assert.deepEqual(more.map((r) => r.json.i), [0, 1, 2, 3, 4, 5]);
    assert.ok(new Set(more.map((r) => r.json.pid)).size <= 4);
  });

  it('enforces reserved concurrency with TooManyRequestsException', async () => {
    await createFunction(client, 'limited', { 'index.js': 'exports.handler = async (e) => { await new Promise((r) => setTimeout(r, e.ms)); return "done"; };' });
    await client.send(new PutFunctionConcurrencyCommand({ FunctionName: 'limited', ReservedConcurrentExecutions: 1 }));
    assert.equal((await client.send(new GetFunctionConcurrencyCommand({ FunctionName: 'limited' }))).ReservedConcurrentExecutions, 1);
    const slow = invokeJson(client, 'limited', { ms: 400 });
    await new Promise((r) => setTimeout(r, 100));
    await assert.rejects(invokeJson(client, 'limited', { ms: 0 }), (err: any) => {
      assert.equal(err.name, 'TooManyRequestsException');
      assert.equal(err.$metadata.httpStatusCode, 429);
      assert.equal(err.Reason, 'ReservedFunctionConcurrentInvocationLimitExceeded');
      return true;
    });
    assert.equal((await slow).json, 'done');
    await client.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'limited' }));
    assert.equal((await client.send(new GetFunctionConcurrencyCommand({ FunctionName: 'limited' }))).ReservedConcurrentExecutions, undefined);
    await assert.rejects(
      client.send(new PutFunctionConcurrencyCommand({ FunctionName: 'limited', ReservedConcurrentExecutions: 950 })),
      (err: any) => err.name === 'InvalidParameterValueException',
    );
  });

  it('hot-reloads a function from a directory', async () => {
    writeFileSync(join(hotDir, 'index.js'), 'exports.handler = async () => "first";');
    await client.send(
      new CreateFunctionCommand({ FunctionName: 'hot', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { S3Bucket: 'hot-reload', S3Key: hotDir } }),
    );
    assert.equal((await invokeJson(client, 'hot')).json, 'first');
    assert.equal((await invokeJson(client, 'hot')).json, 'first');
    // A later mtime, as an editor's save gives.
    writeFileSync(join(hotDir, 'index.js'), 'exports.handler = async () => "second";');
    const { utimesSync } = await import('node:fs');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(hotDir, 'index.js'), later, later);
    assert.equal((await invokeJson(client, 'hot')).json, 'second');
  });
});
