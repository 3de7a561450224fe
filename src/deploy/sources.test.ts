import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { packageRoot } from '../paths.ts';
import { readDeploySource } from './sources.ts';

const fixtures = join(packageRoot, 'test', 'fixtures');

describe('deploy sources', () => {
  it('reads a cdk.out: its stacks, their asset directories, without the bootstrap check', () => {
    const { kind, stacks } = readDeploySource(join(fixtures, 'cdk-app', 'cdk.out'));
    assert.equal(kind, 'cdk');
    assert.deepEqual(stacks.map((s) => s.stackName), ['LocalgateCdkFixture']);
    const [stack] = stacks;
    assert.equal(stack.template.Parameters, undefined);
    assert.equal(stack.template.Rules, undefined);
    const code = stack.template.Resources.Hello4A628BD4.Properties.Code;
    assert.equal(stack.assetsByKey.get(code.S3Key), join(fixtures, 'cdk-app', 'cdk.out', code.S3Key.replace(/\.zip$/, '').replace(/^/, 'asset.')));
  });

  it('finds the cdk.out inside a CDK project folder', () => {
    assert.equal(readDeploySource(join(fixtures, 'cdk-app')).kind, 'cdk');
  });

  it('reads a .serverless directory: the create and update templates and the artifact keys', () => {
    const { kind, stacks } = readDeploySource(join(fixtures, 'serverless-app'));
    assert.equal(kind, 'serverless');
    const [stack] = stacks;
    assert.equal(stack.stackName, 'localgate-sls-fixture-dev');
    assert.deepEqual(Object.keys(stack.createTemplate!.Resources), ['ServerlessDeploymentBucket', 'ServerlessDeploymentBucketPolicy']);
    const key = stack.template.Resources.HelloLambdaFunction.Properties.Code.S3Key;
    assert.equal(stack.assetsByKey.get(key), join(fixtures, 'serverless-app', '.serverless', 'localgate-sls-fixture.zip'));
  });

  it('reads a template file, named by its folder unless a stack name is given', () => {
    const path = join(fixtures, 'deploy', 'sam-app', 'template.yaml');
    const { kind, stacks } = readDeploySource(path);
    assert.equal(kind, 'template');
    assert.equal(stacks[0].stackName, 'sam-app');
    assert.deepEqual(stacks[0].template.Outputs.HelloFunctionArn.Value, { 'Fn::GetAtt': ['HelloFunction', 'Arn'] });
    assert.equal(readDeploySource(path, 'other').stacks[0].stackName, 'other');
  });

  it('says what it cannot read', () => {
    assert.throws(() => readDeploySource(join(fixtures, 'nothing-here')), /does not exist/);
    assert.throws(() => readDeploySource(join(fixtures, 'deploy')), /is not a template, a cdk.out directory or a .serverless directory/);
  });
});
