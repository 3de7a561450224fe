// --account-id / --region: the account of requests whose access key is not an account id, and
// the region of requests that name none; each localgate instance keeps its own.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startTestServer, clientConfig } from './helpers.ts';
import type { Localgate } from '../src/app.ts';
import { makeZip, ROLE } from './fixtures/lambda/zips.ts';

describe('configured default account and region', () => {
  let custom: Localgate;
  let plain: Localgate;
  before(async () => {
    custom = await startTestServer({ accountId: '111122223333', region: 'eu-west-1' });
    plain = await startTestServer();
  });
  after(async () => {
    await custom.close();
    await plain.close();
  });

  const zip = makeZip({ 'index.js': 'exports.handler = async () => 1;' });
  const create = (app: Localgate) => {
    const client = new LambdaClient(clientConfig(app));
    return client.send(new CreateFunctionCommand({ FunctionName: 'f', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zip } })).finally(() => client.destroy());
  };

  it('puts the configured account in ARNs for access key "test", per instance', async () => {
    assert.equal((await create(custom)).FunctionArn, 'arn:aws:lambda:us-east-1:111122223333:function:f');
    assert.equal((await create(plain)).FunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:f');
    const sts = new STSClient(clientConfig(custom));
    assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Account, '111122223333');
    sts.destroy();
  });

  it('keeps a 12-digit access key as the account', async () => {
    const client = new LambdaClient(clientConfig(custom, { accessKeyId: '444455556666' }));
    const out = await client.send(new CreateFunctionCommand({ FunctionName: 'g', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zip } }));
    client.destroy();
    assert.equal(out.FunctionArn, 'arn:aws:lambda:us-east-1:444455556666:function:g');
  });

  it('gives an unsigned request the configured region', async () => {
    const res = await fetch(`${custom.url}/2015-03-31/functions/f`);
    assert.equal(res.status, 404);
    const body = await res.json();
    // Unsigned: the configured account and region, where that function does not exist.
    assert.equal(body.Message ?? body.message, 'Function not found: arn:aws:lambda:eu-west-1:111122223333:function:f');
  });

  it('shows both in the health answer', async () => {
    const health = await fetch(`${custom.url}/_localgate/health`).then((r) => r.json());
    assert.equal(health.accountId, '111122223333');
    assert.equal(health.region, 'eu-west-1');
    const other = await fetch(`${plain.url}/_localgate/health`).then((r) => r.json());
    assert.equal(other.accountId, '000000000000');
    assert.equal(other.region, 'us-east-1');
  });
});
