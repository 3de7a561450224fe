// A stack reads localgate's Parameter Store: an AWS::SSM::Parameter::Value<String> parameter
// (what CDK's bootstrap version check uses) and {{resolve:ssm:...}} / {{resolve:ssm-secure:...}}
// references in resource properties, with CloudFormation's errors for missing parameters.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { stackSettled } from './stack-settled.ts';
import { clientConfig, useClient } from './helpers.ts';

const TEMPLATE = {
  Parameters: {
    BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' },
  },
  Resources: {
    Copy: {
      Type: 'AWS::SSM::Parameter',
      Properties: { Name: '/app/copy', Type: 'String', Value: 'host={{resolve:ssm:/app/host:1}} pw={{resolve:ssm-secure:/app/pw}}' },
    },
  },
  Outputs: { Version: { Value: { Ref: 'BootstrapVersion' } } },
};

describe('CloudFormation reads the SSM Parameter Store', () => {
  let cfn: CloudFormationClient;
  let ssm: SSMClient;
  useClient((server) => new CloudFormationClient(clientConfig(server)), (server, client) => {
    cfn = client;
    ssm = new SSMClient(clientConfig(server));
  });
  after(() => ssm.destroy());


  it('refuses a stack whose SSM parameter does not exist, with CloudFormation\'s message', async () => {
    await assert.rejects(cfn.send(new CreateStackCommand({ StackName: 'no-bootstrap', TemplateBody: JSON.stringify(TEMPLATE) })), (err: any) =>
      err.name === 'ValidationError' && err.message === 'Unable to fetch parameters [/cdk-bootstrap/hnb659fds/version] from parameter store for this account.');
  });

  it('resolves the parameter type and the dynamic references from stored values', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version', Type: 'String', Value: '21' }));
    await ssm.send(new PutParameterCommand({ Name: '/app/host', Type: 'String', Value: 'db.internal' }));
    await ssm.send(new PutParameterCommand({ Name: '/app/host', Type: 'String', Value: 'db.changed', Overwrite: true }));
    await ssm.send(new PutParameterCommand({ Name: '/app/pw', Type: 'SecureString', Value: 's3cret' }));
    await cfn.send(new CreateStackCommand({ StackName: 'reads-ssm', TemplateBody: JSON.stringify(TEMPLATE) }));
    const stack = await stackSettled(cfn, 'reads-ssm');
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE', stack.StackStatusReason);
    assert.deepEqual(stack.Outputs?.map((o) => [o.OutputKey, o.OutputValue]), [['Version', '21']]);
    assert.deepEqual(stack.Parameters, [{ ParameterKey: 'BootstrapVersion', ParameterValue: '/cdk-bootstrap/hnb659fds/version', ResolvedValue: '21' }]);
    const copy = await ssm.send(new GetParameterCommand({ Name: '/app/copy' }));
    assert.equal(copy.Parameter?.Value, 'host=db.internal pw=s3cret');
  });

  it('refuses a missing dynamic reference', async () => {
    const body = { Resources: { P: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: '{{resolve:ssm:/app/absent}}' } } } };
    await assert.rejects(cfn.send(new CreateStackCommand({ StackName: 'bad-ref', TemplateBody: JSON.stringify(body) })), (err: any) =>
      err.name === 'ValidationError' && err.message === 'Parameters: [ssm:/app/absent] cannot be found.');
  });
});
