// Lambda layers end to end with @aws-sdk/client-lambda: publishing, reading, listing,
// permissions and deletion, and functions (node and python) using a layer's modules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddLayerVersionPermissionCommand,
  DeleteLayerVersionCommand,
  GetFunctionCommand,
  GetLayerVersionByArnCommand,
  GetLayerVersionCommand,
  GetLayerVersionPolicyCommand,
  LambdaClient,
  ListLayersCommand,
  ListLayerVersionsCommand,
  PublishLayerVersionCommand,
  RemoveLayerVersionPermissionCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { clientConfig, useClient } from './helpers.ts';
import { BOOTSTRAP, createFunction, invokeJson, makeZip } from './fixtures/lambda/zips.ts';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:layer';

describe('lambda layers', () => {
  let client: LambdaClient;
  useClient((server) => new LambdaClient(clientConfig(server)), (_server, sdk) => {
    client = sdk;
  });

  const publish = (name: string, files: Record<string, string | [string, number]>, extra: Record<string, unknown> = {}) =>
    client.send(new PublishLayerVersionCommand({ LayerName: name, Content: { ZipFile: makeZip(files) }, ...extra }));

  it('publishes versions and answers them by name, version and ARN', async () => {
    const zip = makeZip({ 'nodejs/node_modules/greet/index.js': 'module.exports = () => "hi";' });
    const v1 = await client.send(
      new PublishLayerVersionCommand({ LayerName: 'shapes', Description: 'first', Content: { ZipFile: zip }, CompatibleRuntimes: ['nodejs20.x'], LicenseInfo: 'MIT' }),
    );
    assert.equal(v1.LayerArn, `${ARN}:shapes`);
    assert.equal(v1.LayerVersionArn, `${ARN}:shapes:1`);
    assert.equal(v1.Version, 1);
    assert.equal(v1.Description, 'first');
    assert.equal(v1.LicenseInfo, 'MIT');
    assert.deepEqual(v1.CompatibleRuntimes, ['nodejs20.x']);
    assert.equal(v1.Content!.CodeSize, zip.length);
    assert.match(v1.CreatedDate!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    const download = await fetch(v1.Content!.Location!);
    assert.equal(download.status, 200);
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), zip);

    const v2 = await publish('shapes', { 'python/x.py': 'X = 1' }, { CompatibleRuntimes: ['python3.12'], CompatibleArchitectures: ['arm64'] });
    assert.equal(v2.Version, 2);
    const got = await client.send(new GetLayerVersionCommand({ LayerName: 'shapes', VersionNumber: 1 }));
    assert.equal(got.Content!.CodeSha256, v1.Content!.CodeSha256);
    const byArn = await client.send(new GetLayerVersionByArnCommand({ Arn: `${ARN}:shapes:2` }));
    assert.deepEqual(byArn.CompatibleArchitectures, ['arm64']);
    await assert.rejects(client.send(new GetLayerVersionCommand({ LayerName: 'shapes', VersionNumber: 9 })), {
      name: 'ResourceNotFoundException',
      message: 'The resource you requested does not exist.',
    });
  });

  it('lists layers and versions with runtime and architecture filters and pages', async () => {
    const versions = await client.send(new ListLayerVersionsCommand({ LayerName: 'shapes' }));
    assert.deepEqual(versions.LayerVersions!.map((v) => v.Version), [2, 1]);
    assert.equal(versions.LayerVersions![0].LayerVersionArn, `${ARN}:shapes:2`);
    const node = await client.send(new ListLayerVersionsCommand({ LayerName: 'shapes', CompatibleRuntime: 'nodejs20.x' }));
    assert.deepEqual(node.LayerVersions!.map((v) => v.Version), [1]);
    const paged = await client.send(new ListLayerVersionsCommand({ LayerName: 'shapes', MaxItems: 1 }));
    assert.equal(paged.LayerVersions!.length, 1);
    const rest = await client.send(new ListLayerVersionsCommand({ LayerName: 'shapes', Marker: paged.NextMarker }));
    assert.deepEqual(rest.LayerVersions!.map((v) => v.Version), [1]);
    assert.equal(rest.NextMarker, undefined);
    assert.deepEqual((await client.send(new ListLayerVersionsCommand({ LayerName: 'nothing' }))).LayerVersions, []);

    const layers = await client.send(new ListLayersCommand({}));
    const shapes = layers.Layers!.find((l) => l.LayerName === 'shapes')!;
    assert.equal(shapes.LayerArn, `${ARN}:shapes`);
    assert.equal(shapes.LatestMatchingVersion!.Version, 2);
    const arm = await client.send(new ListLayersCommand({ CompatibleArchitecture: 'x86_64', CompatibleRuntime: 'nodejs20.x' }));
    assert.equal(arm.Layers!.find((l) => l.LayerName === 'shapes'), undefined);
    const forNode = await client.send(new ListLayersCommand({ CompatibleRuntime: 'nodejs20.x' }));
    assert.equal(forNode.Layers!.find((l) => l.LayerName === 'shapes')!.LatestMatchingVersion!.Version, 1);
  });

  it('keeps a resource policy per layer version', async () => {
    await assert.rejects(client.send(new GetLayerVersionPolicyCommand({ LayerName: 'shapes', VersionNumber: 1 })), { name: 'ResourceNotFoundException' });
    const added = await client.send(
      new AddLayerVersionPermissionCommand({ LayerName: 'shapes', VersionNumber: 1, StatementId: 'xaccount', Action: 'lambda:GetLayerVersion', Principal: '111122223333' }),
    );
    assert.deepEqual(JSON.parse(added.Statement!), {
      Sid: 'xaccount',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 'lambda:GetLayerVersion',
      Resource: `${ARN}:shapes:1`,
    });
    await assert.rejects(
      client.send(new AddLayerVersionPermissionCommand({ LayerName: 'shapes', VersionNumber: 1, StatementId: 'xaccount', Action: 'lambda:GetLayerVersion', Principal: '*' })),
      { name: 'ResourceConflictException' },
    );
    const policy = await client.send(new GetLayerVersionPolicyCommand({ LayerName: 'shapes', VersionNumber: 1 }));
    assert.equal(JSON.parse(policy.Policy!).Statement.length, 1);
    assert.equal(policy.RevisionId, added.RevisionId);
    await client.send(new RemoveLayerVersionPermissionCommand({ LayerName: 'shapes', VersionNumber: 1, StatementId: 'xaccount' }));
    await assert.rejects(client.send(new RemoveLayerVersionPermissionCommand({ LayerName: 'shapes', VersionNumber: 1, StatementId: 'xaccount' })), {
      name: 'ResourceNotFoundException',
      message: 'Statement xaccount is not found in resource policy.',
    });
  });

  it('runs a node function with a layer module, in layer order, and follows configuration updates', async () => {
    const base = await publish('nodelib', { 'nodejs/node_modules/greet/index.js': 'module.exports = (n) => `hello ${n}`;' });
    const override = await publish('nodelib2', {
      'nodejs/node20/node_modules/greet/index.js': 'module.exports = (n) => `hi ${n}`;',
      'nodejs/node_modules/extra/index.js': 'module.exports = 42;',
    });
    const handler = 'exports.handler = async () => ({ greet: require("greet")("ada"), opt: process.env.LOCALGATE_OPT_DIR !== undefined });';
    const created = await createFunction(client, 'uses-layer', { 'index.js': handler }, { Layers: [base.LayerVersionArn!] });
    assert.deepEqual(created.Layers, [{ Arn: base.LayerVersionArn, CodeSize: base.Content!.CodeSize }]);
    assert.deepEqual((await invokeJson(client, 'uses-layer')).json, { greet: 'hello ada', opt: true });

    // nodejs/node20/node_modules comes first on NODE_PATH for nodejs20.x.
    await client.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'uses-layer', Layers: [base.LayerVersionArn!, override.LayerVersionArn!] }));
    assert.deepEqual((await invokeJson(client, 'uses-layer')).json, { greet: 'hi ada', opt: true });
    const fn = await client.send(new GetFunctionCommand({ FunctionName: 'uses-layer' }));
    assert.deepEqual(fn.Configuration!.Layers!.map((l) => l.Arn), [base.LayerVersionArn, override.LayerVersionArn]);

    // A deleted layer version keeps working for the functions that use it.
    await client.send(new DeleteLayerVersionCommand({ LayerName: 'nodelib', VersionNumber: 1 }));
    await client.send(new DeleteLayerVersionCommand({ LayerName: 'nodelib', VersionNumber: 1 }));
    assert.deepEqual((await invokeJson(client, 'uses-layer')).json, { greet: 'hi ada', opt: true });

    await client.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'uses-layer', Layers: [] }));
    const removed = await client.send(new GetFunctionCommand({ FunctionName: 'uses-layer' }));
    assert.equal(removed.Configuration!.Layers, undefined);
    const failed = await invokeJson(client, 'uses-layer');
    assert.equal(failed.out.FunctionError, 'Unhandled');
    assert.match(failed.json.errorMessage, /Cannot find module 'greet'/);
    // Version numbers are not reused after a deletion.
    assert.equal((await publish('nodelib', { 'a.txt': 'a' })).Version, 2);
  });

  it('runs a python function importing a layer module', async () => {
    const layer = await publish('pylib', {
      'python/shout.py': 'def shout(s):\n    return s.upper()\n',
      'python/lib/python3.12/site-packages/quiet.py': 'def quiet(s):\n    return s.lower()\n',
    });
    await createFunction(
      client,
      'py-layer',
      { 'app.py': 'import shout, quiet\n\ndef handler(event, context):\n    return {"out": shout.shout("abc") + quiet.quiet("DEF")}\n' },
      { Runtime: 'python3.12', Handler: 'app.handler', Layers: [layer.LayerVersionArn!] },
    );
    assert.deepEqual((await invokeJson(client, 'py-layer')).json, { out: 'ABCdef' });
  });

  it('refuses unknown, duplicate and too many layers without creating the function', async () => {
    const missing = `${ARN}:nope:3`;
    await assert.rejects(createFunction(client, 'bad-layer', { 'index.js': '' }, { Layers: [missing] }), {
      name: 'InvalidParameterValueException',
      message: `Layer version ${missing} does not exist.`,
    });
    await assert.rejects(client.send(new GetFunctionCommand({ FunctionName: 'bad-layer' })), { name: 'ResourceNotFoundException' });
    const six = Array.from({ length: 6 }, () => `${ARN}:shapes:1`);
    await assert.rejects(createFunction(client, 'bad-layer', { 'index.js': '' }, { Layers: six }), { name: 'InvalidParameterValueException' });
    await assert.rejects(createFunction(client, 'bad-layer', { 'index.js': '' }, { Layers: [`${ARN}:shapes:1`, `${ARN}:shapes:2`] }), {
      name: 'InvalidParameterValueException',
    });
    await assert.rejects(client.send(new PublishLayerVersionCommand({ LayerName: 'broken', Content: { ZipFile: Buffer.from('not a zip') } })), {
      name: 'InvalidParameterValueException',
    });
  });

  it("runs a provided function with the bootstrap its layer brings, as /opt/bootstrap", async () => {
    const layer = await publish('runtime', { bootstrap: [BOOTSTRAP, 0o755] });
    await createFunction(client, 'layered-custom', { 'readme.txt': 'code without a bootstrap' }, { Runtime: 'provided.al2023', Handler: 'h.main', Layers: [layer.LayerVersionArn!] });
    assert.deepEqual((await invokeJson(client, 'layered-custom', { n: 1 })).json, { echo: { n: 1 }, handler: 'h.main' });
  });
});
