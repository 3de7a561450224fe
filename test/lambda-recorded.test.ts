// Lambda behaviour recorded on AWS that is easier to check with the SDK than with raw steps:
// each block names the recording (LocalStack's aws-validated snapshots) it follows.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  GetAccountSettingsCommand,
  LambdaClient,
  PublishLayerVersionCommand,
  PublishVersionCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { clientConfig, fakeAuth, useClient } from './helpers.ts';
import { createFunction, makeZip } from './fixtures/lambda/zips.ts';

describe('lambda as recorded on AWS (SDK)', () => {
  let client: LambdaClient;
  let endpoint: string;
  useClient((server) => new LambdaClient(clientConfig(server)), (server, sdk) => {
    client = sdk;
    endpoint = server.url;
  });

  const totalCodeSize = async () => (await client.send(new GetAccountSettingsCommand({}))).AccountUsage!.TotalCodeSize!;

  // localstack/localstack tests/aws/services/lambda_/test_lambda_api.snapshot.json
  // #TestLambdaAccountSettings::test_account_settings_total_code_size and
  // test_account_settings_total_code_size_config_update: creating a function and publishing
  // a layer version each add the package's size; a configuration update adds nothing;
  // publishing a version after it adds the version's code.
  it('counts every stored package in AccountUsage.TotalCodeSize', async () => {
    const start = await totalCodeSize();
    const created = await createFunction(client, 'sized', { 'index.js': 'exports.handler = async () => 1;' });
    assert.equal(await totalCodeSize(), start + created.CodeSize!);

    const layerZip = makeZip({ 'nodejs/node_modules/lib/index.js': 'module.exports = 2;' });
    const layer = await client.send(new PublishLayerVersionCommand({ LayerName: 'sized-layer', Content: { ZipFile: layerZip } }));
    assert.equal(await totalCodeSize(), start + created.CodeSize! + layer.Content!.CodeSize!);
    const layer2 = await client.send(new PublishLayerVersionCommand({ LayerName: 'sized-layer', Content: { ZipFile: layerZip } }));
    const withLayers = start + created.CodeSize! + layer.Content!.CodeSize! + layer2.Content!.CodeSize!;
    assert.equal(await totalCodeSize(), withLayers);

    await client.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'sized', Description: 'changed' }));
    assert.equal(await totalCodeSize(), withLayers);
    const version = await client.send(new PublishVersionCommand({ FunctionName: 'sized' }));
    assert.equal(await totalCodeSize(), withLayers + version.CodeSize!);
  });

  // test_lambda_api.snapshot.json#TestLambdaSizeLimits::test_oversized_request_create_lambda:
  // a CreateFunction request over Lambda's request limit is refused with the limit named.
  it('refuses a CreateFunction request over 70167211 bytes', async () => {
    const body = JSON.stringify({ FunctionName: 'huge', Code: { ZipFile: 'A'.repeat(70_167_212) } });
    const res = await fetch(`${endpoint}/2015-03-31/functions`, { method: 'POST', headers: { authorization: fakeAuth('lambda'), 'content-type': 'application/json' }, body });
    assert.equal(res.status, 413);
    assert.equal(res.headers.get('x-amzn-errortype'), 'RequestEntityTooLargeException');
    assert.deepEqual(await res.json(), { message: 'Request must be smaller than 70167211 bytes for the CreateFunction operation' });
  });
});
