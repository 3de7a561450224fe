import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDeployArgs } from './command.ts';

describe('localgate deploy arguments', () => {
  it('reads the path, options and parameter overrides as the AWS CLI writes them', () => {
    const options = parseDeployArgs(['t.yaml', '--stack-name', 's', '--parameter-overrides', 'A=1', 'B=x=y', '--watch', '--region', 'eu-west-1'], {});
    assert.deepEqual(options, {
      path: 't.yaml',
      endpoint: 'http://localhost:4566',
      stackName: 's',
      parameters: { A: '1', B: 'x=y' },
      region: 'eu-west-1',
      skipUnsupported: false,
      watch: true,
    });
  });

  it('takes the endpoint from AWS_ENDPOINT_URL unless given', () => {
    const fromEnv = parseDeployArgs(['cdk.out'], { AWS_ENDPOINT_URL: 'http://127.0.0.1:9999' });
    assert.equal(fromEnv !== 'help' && fromEnv.endpoint, 'http://127.0.0.1:9999');
    const given = parseDeployArgs(['cdk.out', '--endpoint', 'http://localhost:1'], { AWS_ENDPOINT_URL: 'http://127.0.0.1:9999' });
    assert.equal(given !== 'help' && given.endpoint, 'http://localhost:1');
  });

  it('refuses what it does not know', () => {
    assert.throws(() => parseDeployArgs([], {}), /needs a PATH/);
    assert.throws(() => parseDeployArgs(['t.yaml', '--bogus'], {}), /unknown option --bogus/);
    assert.throws(() => parseDeployArgs(['t.yaml', '--parameter-overrides', 'novalue'], {}), /Key=Value/);
    assert.throws(() => parseDeployArgs(['t.yaml', '--stack-name'], {}), /--stack-name needs a value/);
    assert.equal(parseDeployArgs(['--help'], {}), 'help');
  });
});
