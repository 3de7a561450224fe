// --state-dir end to end: what is created through the real SDK clients is there after a
// restart (and works: functions run from their kept code and layers, objects read back,
// SecureStrings decrypt, usage counters continue), reset empties it, and a state file this
// localgate cannot read is refused whole.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { zipSync, strToU8 } from 'fflate';
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetUsageCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
} from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetApisCommand, GetRoutesCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand, waitUntilStackCreateComplete } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  GetAliasCommand,
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  InvokeCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
  PublishLayerVersionCommand,
  PublishVersionCommand,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Localgate } from '../src/app.ts';
import { STATE_FILE } from '../src/state/persist-file.ts';
import { clientConfig, fakeAuth, startTestServer } from './helpers.ts';
import { connectClient, ask, createWebSocketApi, lambdaInvokeUri, wsUrl } from './websocket-setup.ts';
import { createHttpApi, fnArn, lambdaProxy } from './http-api-setup.ts';

const dirs: string[] = [];
const newStateDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'localgate-state-test-'));
  dirs.push(dir);
  return dir;
};
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';
/** Greets with the layer's module: the function needs its layer's /opt to run. */
const GREETER = `const greet = require('greet'); exports.handler = async (event) => ({ statusCode: 200, body: greet(event.name ?? (event.body ? JSON.parse(event.body).name : 'http')) });`;
const GREET_LAYER = `module.exports = (name) => 'hello ' + name;`;

function clients(app: Localgate) {
  const config = clientConfig(app);
  return {
    v1: new APIGatewayClient(config),
    v2: new ApiGatewayV2Client(config),
    lambda: new LambdaClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    iam: new IAMClient(config),
    ssm: new SSMClient(config),
    logs: new CloudWatchLogsClient(config),
    cfn: new CloudFormationClient(config),
  };
}

/** A REST API whose GET /pets needs an API key of a usage plan with a quota; MOCK answers. */
async function restApiWithKey(v1: APIGatewayClient) {
  const api = await v1.send(new CreateRestApiCommand({ name: 'pets' }));
  const pets = await v1.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: 'pets' }));
  const base = { restApiId: api.id!, resourceId: pets.id!, httpMethod: 'GET' };
  await v1.send(new PutMethodCommand({ ...base, authorizationType: 'NONE', apiKeyRequired: true }));
  await v1.send(new PutIntegrationCommand({ ...base, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
  await v1.send(new PutMethodResponseCommand({ ...base, statusCode: '200' }));
  await v1.send(new PutIntegrationResponseCommand({ ...base, statusCode: '200', responseTemplates: { 'application/json': '{"pets": 3}' } }));
  await v1.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod' }));
  const key = await v1.send(new CreateApiKeyCommand({ name: 'k', enabled: true, value: 'a-key-of-at-least-twenty-chars' }));
  const plan = await v1.send(new CreateUsagePlanCommand({ name: 'p', apiStages: [{ apiId: api.id, stage: 'prod' }], quota: { limit: 100, period: 'DAY' } }));
  await v1.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' }));
  return { restApiId: api.id!, planId: plan.id!, keyId: key.id! };
}

const getPets = (app: Localgate, restApiId: string) =>
  fetch(`${app.url}/restapis/${restApiId}/prod/_user_request_/pets`, { headers: { 'x-api-key': 'a-key-of-at-least-twenty-chars' } });

const today = () => new Date().toISOString().slice(0, 10);

/** An ECR call (no ECR client among the test dependencies), signed-looking as the SDK's are. */
const ecrCall = (app: Localgate, operation: string, body: object) =>
  fetch(app.url, {
    method: 'POST',
    headers: { 'x-amz-target': `AmazonEC2ContainerRegistry_V20150921.${operation}`, 'content-type': 'application/x-amz-json-1.1', authorization: fakeAuth('ecr') },
    body: JSON.stringify(body),
  });

test('everything created is there after a restart, and works', async () => {
  const stateDir = newStateDir();
  const first = await startTestServer({ stateDir });
  const c1 = clients(first);
  let ids;
  try {
    const { restApiId, planId, keyId } = await restApiWithKey(c1.v1);
    assert.equal((await getPets(first, restApiId)).status, 200);
    assert.equal((await getPets(first, restApiId)).status, 200);

    const layer = await c1.lambda.send(new PublishLayerVersionCommand({ LayerName: 'greet', Content: { ZipFile: zipSync({ 'nodejs/node_modules/greet/index.js': strToU8(GREET_LAYER) }) } }));
    await c1.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'greeter', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Layers: [layer.LayerVersionArn!],
        Code: { ZipFile: zipSync({ 'index.js': strToU8(GREETER) }) },
      }),
    );
    const published = await c1.lambda.send(new PublishVersionCommand({ FunctionName: 'greeter' }));
    await c1.lambda.send(new CreateAliasCommand({ FunctionName: 'greeter', Name: 'live', FunctionVersion: published.Version }));
    await c1.lambda.send(new AddPermissionCommand({ FunctionName: 'greeter', StatementId: 'apigw', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' }));
    const url = await c1.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'greeter', AuthType: 'NONE' }));
    const httpApiId = await createHttpApi(first, [{ routeKey: 'GET /hello', integration: lambdaProxy('greeter') }]);
    const wsApiId = await createWebSocketApi(first, [{ routeKey: '$default', integration: { IntegrationType: 'AWS_PROXY', IntegrationUri: lambdaInvokeUri(fnArn('greeter')) }, twoWay: true }]);

    await c1.s3.send(new CreateBucketCommand({ Bucket: 'kept' }));
    await c1.s3.send(new PutObjectCommand({ Bucket: 'kept', Key: 'a.txt', Body: 'alpha' }));
    await c1.s3.send(new PutObjectCommand({ Bucket: 'kept', Key: 'gone.txt', Body: 'removed before the restart' }));
    await c1.s3.send(new DeleteObjectCommand({ Bucket: 'kept', Key: 'gone.txt' }));
    await c1.iam.send(new CreateRoleCommand({ RoleName: 'lambda-role', AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}' }));
    await c1.ssm.send(new PutParameterCommand({ Name: '/app/plain', Value: 'v1', Type: 'String' }));
    await c1.ssm.send(new PutParameterCommand({ Name: '/app/secret', Value: 's3cr3t', Type: 'SecureString' }));
    assert.equal((await ecrCall(first, 'CreateRepository', { repositoryName: 'images' })).status, 200);
    await c1.logs.send(new CreateLogGroupCommand({ logGroupName: '/app/kept' }));
    await c1.logs.send(new PutRetentionPolicyCommand({ logGroupName: '/app/kept', retentionInDays: 7 }));
    await c1.cfn.send(
      new CreateStackCommand({ StackName: 'params', TemplateBody: JSON.stringify({ Resources: { P: { Type: 'AWS::SSM::Parameter', Properties: { Name: '/stack/p', Type: 'String', Value: 'from-stack' } } } }) }),
    );
    await waitUntilStackCreateComplete({ client: c1.cfn, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { StackName: 'params' });
    // Last, with no Logs call after it: its output (and the log group it creates) waits in the
    // sink's batch when the state is saved.
    await c1.lambda.send(new InvokeCommand({ FunctionName: 'greeter', Payload: JSON.stringify({ name: 'first' }) }));
    ids = { restApiId, planId, keyId, url, httpApiId, wsApiId };
  } finally {
    Object.values(c1).forEach((c) => c.destroy());
    await first.close();
  }
  const { restApiId, planId, keyId, url, httpApiId, wsApiId } = ids;

  const second = await startTestServer({ stateDir });
  const c2 = clients(second);
  try {
    // Before anything runs here: the function log group the first run's invocation created.
    const functionGroups = await c2.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/greeter' }));
    assert.deepEqual(functionGroups.logGroups!.map((g) => g.logGroupName), ['/aws/lambda/greeter']);
    // REST API: resources, stage, and the usage plan's counter (2 requests before, 1 now).
    assert.deepEqual((await c2.v1.send(new GetRestApisCommand({}))).items!.map((a) => a.id), [restApiId]);
    assert.deepEqual((await c2.v1.send(new GetResourcesCommand({ restApiId }))).items!.map((r) => r.path).sort(), ['/', '/pets']);
    assert.equal((await c2.v1.send(new GetStageCommand({ restApiId, stageName: 'prod' }))).stageName, 'prod');
    const pets = await getPets(second, restApiId);
    assert.equal(pets.status, 200);
    assert.equal(await pets.text(), '{"pets": 3}');
    const usage = await c2.v1.send(new GetUsageCommand({ usagePlanId: planId, keyId, startDate: today(), endDate: today() }));
    assert.deepEqual(usage.items, { [keyId]: [[3, 97]] });

    // Lambda: versions, alias, policy, URL config; it runs from its kept code and layer.
    assert.deepEqual((await c2.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'greeter' }))).Versions!.map((v) => v.Version), ['$LATEST', '1']);
    assert.equal((await c2.lambda.send(new GetAliasCommand({ FunctionName: 'greeter', Name: 'live' }))).FunctionVersion, '1');
    assert.equal(JSON.parse((await c2.lambda.send(new GetPolicyCommand({ FunctionName: 'greeter' }))).Policy!).Statement[0].Sid, 'apigw');
    assert.equal((await c2.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'greeter' }))).FunctionUrl, url.FunctionUrl);
    const invoked = await c2.lambda.send(new InvokeCommand({ FunctionName: 'greeter', Qualifier: 'live', Payload: JSON.stringify({ name: 'again' }) }));
    assert.equal(Buffer.from(invoked.Payload!).toString(), '{"statusCode":200,"body":"hello again"}');

    // HTTP API (AutoDeploy stage) and WebSocket API serve again; connections are new.
    assert.deepEqual((await c2.v2.send(new GetApisCommand({}))).Items!.map((a) => a.ApiId).sort(), [httpApiId, wsApiId].sort());
    assert.deepEqual((await c2.v2.send(new GetRoutesCommand({ ApiId: httpApiId }))).Items!.map((r) => r.RouteKey), ['GET /hello']);
    const hello = await fetch(`${second.url}/execute-api/${httpApiId}/hello`);
    assert.equal(await hello.text(), 'hello http');
    const client = await connectClient(wsUrl(second, wsApiId));
    assert.equal(await ask(client, { name: 'socket' }), 'hello socket');
    client.ws.close();

    // S3 objects read back; the deleted one stays deleted and its body is gone from disk.
    assert.deepEqual((await c2.s3.send(new ListObjectsV2Command({ Bucket: 'kept' }))).Contents!.map((o) => o.Key), ['a.txt']);
    assert.equal(await (await c2.s3.send(new GetObjectCommand({ Bucket: 'kept', Key: 'a.txt' }))).Body!.transformToString(), 'alpha');
    assert.equal(readdirSync(join(stateDir, 's3-objects')).length, 1);

    assert.equal((await c2.iam.send(new GetRoleCommand({ RoleName: 'lambda-role' }))).Role!.RoleName, 'lambda-role');
    assert.equal((await c2.ssm.send(new GetParameterCommand({ Name: '/app/plain' }))).Parameter!.Value, 'v1');
    assert.equal((await c2.ssm.send(new GetParameterCommand({ Name: '/app/secret', WithDecryption: true }))).Parameter!.Value, 's3cr3t');
    assert.equal((await c2.ssm.send(new GetParameterCommand({ Name: '/stack/p' }))).Parameter!.Value, 'from-stack');
    const repositories = await (await ecrCall(second, 'DescribeRepositories', {})).json();
    assert.deepEqual(repositories.repositories.map((r: { repositoryName: string }) => r.repositoryName), ['images']);
    const groups = await c2.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/app/' }));
    assert.deepEqual(groups.logGroups!.map((g) => [g.logGroupName, g.retentionInDays]), [['/app/kept', 7]]);
    assert.equal((await c2.cfn.send(new DescribeStacksCommand({ StackName: 'params' }))).Stacks![0].StackStatus, 'CREATE_COMPLETE');

    // POST /_localgate/reset empties the saved state too.
    assert.equal((await fetch(`${second.url}/_localgate/reset`, { method: 'POST' })).status, 200);
  } finally {
    Object.values(c2).forEach((c) => c.destroy());
    await second.close();
  }

  const third = await startTestServer({ stateDir });
  const c3 = clients(third);
  try {
    assert.deepEqual((await c3.v1.send(new GetRestApisCommand({}))).items, []);
    assert.deepEqual((await c3.v2.send(new GetApisCommand({}))).Items, []);
    assert.deepEqual(readdirSync(join(stateDir, 's3-objects')), []);
    assert.deepEqual(readdirSync(join(stateDir, 'lambda-code')), []);
  } finally {
    Object.values(c3).forEach((c) => c.destroy());
    await third.close();
  }
});

test('a state file of another version, or a damaged one, is refused whole and left as it is', async () => {
  const stateDir = newStateDir();
  const app = await startTestServer({ stateDir });
  const s3 = new S3Client({ ...clientConfig(app), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'bucket-b' }));
  s3.destroy();
  await app.close();
  const path = join(stateDir, STATE_FILE);
  const saved = readFileSync(path);
  const newline = saved.indexOf(0x0a);
  const header = JSON.parse(saved.subarray(0, newline).toString());

  writeFileSync(path, Buffer.concat([Buffer.from(JSON.stringify({ ...header, version: 99 })), saved.subarray(newline)]));
  await assert.rejects(startTestServer({ stateDir }), {
    message: `${path} has state format version 99; this localgate reads version 1 (it was written by a newer localgate: upgrade, or use another --state-dir)`,
  });
  writeFileSync(path, saved.subarray(0, saved.length - 3));
  await assert.rejects(startTestServer({ stateDir }), { message: `${path} is damaged (its content does not match its header's length and SHA-256)` });
  assert.deepEqual(readFileSync(path), saved.subarray(0, saved.length - 3));

  // The refused start released the directory: the intact file starts again.
  writeFileSync(path, saved);
  const again = await startTestServer({ stateDir });
  await again.close();
});

test('one localgate per state directory', async () => {
  const stateDir = newStateDir();
  const app = await startTestServer({ stateDir });
  try {
    await assert.rejects(startTestServer({ stateDir }), /is already used by another localgate in this process/);
  } finally {
    await app.close();
  }
  assert.equal(existsSync(join(stateDir, 'localgate.lock')), false);
});
