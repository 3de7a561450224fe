// Parameter Store over the json protocol, with the SDK v3 client and the AWS CLI.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { GetParameterCommand, GetParametersByPathCommand, GetParametersCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Localgate } from '../src/app.ts';
import { clientConfig, startTestServer } from './helpers.ts';

const run = promisify(execFile);

describe('SSM Parameter Store end to end', () => {
  let app: Localgate;
  let ssm: SSMClient;
  before(async () => {
    app = await startTestServer();
    ssm = new SSMClient(clientConfig(app, { accessKeyId: '123456789012', region: 'eu-central-1' }));
  });
  after(async () => {
    ssm.destroy();
    await app.close();
  });

  it('puts, versions, reads by path and refuses an existing name without Overwrite', async () => {
    assert.equal((await ssm.send(new PutParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version', Value: '21', Type: 'String' }))).Version, 1);
    await ssm.send(new PutParameterCommand({ Name: '/app/secret', Value: 's3cr3t', Type: 'SecureString' }));
    await ssm.send(new PutParameterCommand({ Name: '/app/list', Value: 'a,b', Type: 'StringList' }));
    await assert.rejects(ssm.send(new PutParameterCommand({ Name: '/app/list', Value: 'c', Type: 'StringList' })), (err: any) => err.name === 'ParameterAlreadyExists' && err.$metadata.httpStatusCode === 400);
    assert.equal((await ssm.send(new PutParameterCommand({ Name: '/app/list', Value: 'c', Overwrite: true }))).Version, 2);
    const version = (await ssm.send(new GetParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version' }))).Parameter!;
    assert.equal(version.Value, '21');
    assert.equal(version.ARN, 'arn:aws:ssm:eu-central-1:123456789012:parameter/cdk-bootstrap/hnb659fds/version');
    assert.ok(version.LastModifiedDate instanceof Date);
    const secret = (await ssm.send(new GetParameterCommand({ Name: '/app/secret' }))).Parameter!;
    assert.notEqual(secret.Value, 's3cr3t');
    assert.equal((await ssm.send(new GetParameterCommand({ Name: '/app/secret', WithDecryption: true }))).Parameter!.Value, 's3cr3t');
    assert.equal((await ssm.send(new GetParameterCommand({ Name: '/app/list:1' }))).Parameter!.Value, 'a,b');
    const byPath = await ssm.send(new GetParametersByPathCommand({ Path: '/app', WithDecryption: true }));
    assert.deepEqual(byPath.Parameters!.map((p) => [p.Name, p.Value]), [['/app/list', 'c'], ['/app/secret', 's3cr3t']]);
    const some = await ssm.send(new GetParametersCommand({ Names: ['/app/list', '/missing'] }));
    assert.deepEqual(some.InvalidParameters, ['/missing']);
    await assert.rejects(ssm.send(new GetParameterCommand({ Name: '/missing' })), (err: any) => err.name === 'ParameterNotFound');
  });

  it('the AWS CLI reads what the SDK wrote', async () => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: '123456789012', AWS_SECRET_ACCESS_KEY: 'x', AWS_DEFAULT_REGION: 'eu-central-1', AWS_PAGER: '' };
    const { stdout } = await run('aws', ['ssm', 'get-parameter', '--name', '/app/secret', '--with-decryption', '--endpoint-url', app.url, '--output', 'json'], { env });
    const out = JSON.parse(stdout);
    assert.equal(out.Parameter.Value, 's3cr3t');
    assert.equal(out.Parameter.Type, 'SecureString');
    await assert.rejects(run('aws', ['ssm', 'get-parameter', '--name', '/nope', '--endpoint-url', app.url], { env }), (err: any) => /ParameterNotFound/.test(err.stderr));
  });
});
