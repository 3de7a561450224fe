// An IAM user and its access key from a CloudFormation stack (as serverless-patterns apigw-iam
// deploys them): the key's Ref and SecretAccessKey outputs sign calls that STS and API Gateway
// attribute to the user; deleting the stack removes both.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CloudFormationClient, CreateStackCommand, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { GetUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { stackSettled } from './stack-settled.ts';
import { clientConfig, useClient } from './helpers.ts';
import type { Localgate } from '../src/app.ts';

const TEMPLATE = {
  Resources: {
    Caller: { Type: 'AWS::IAM::User', Properties: { Policies: [{ PolicyName: 'invoke', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }] } }] } },
    CallerKey: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: { Ref: 'Caller' } } },
  },
  Outputs: {
    User: { Value: { Ref: 'Caller' } },
    UserArn: { Value: { 'Fn::GetAtt': ['Caller', 'Arn'] } },
    AccessKeyId: { Value: { Ref: 'CallerKey' } },
    SecretAccessKey: { Value: { 'Fn::GetAtt': ['CallerKey', 'SecretAccessKey'] } },
  },
};

describe('IAM users and access keys in a CloudFormation stack', () => {
  let app: Localgate;
  let cfn: CloudFormationClient;
  useClient((server) => new CloudFormationClient(clientConfig(server)), (server, client) => {
    app = server;
    cfn = client;
  });


  it('creates a user whose key signs as that user, and deletes both with the stack', async () => {
    await cfn.send(new CreateStackCommand({ StackName: 'callers', TemplateBody: JSON.stringify(TEMPLATE), Capabilities: ['CAPABILITY_IAM'] }));
    const stack = await stackSettled(cfn, 'callers');
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE');
    const out = Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o.OutputValue]));
    assert.match(out.User!, /^callers-Caller-[A-Z0-9]+$/);
    assert.equal(out.UserArn, `arn:aws:iam::000000000000:user/${out.User}`);
    const sts = new STSClient({ ...clientConfig(app), credentials: { accessKeyId: out.AccessKeyId!, secretAccessKey: out.SecretAccessKey! } });
    assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Arn, out.UserArn);
    sts.destroy();

    await cfn.send(new DeleteStackCommand({ StackName: 'callers' }));
    assert.equal((await stackSettled(cfn, stack.StackId!)).StackStatus, 'DELETE_COMPLETE');
    const iam = new IAMClient(clientConfig(app));
    await assert.rejects(iam.send(new GetUserCommand({ UserName: out.User })), { name: 'NoSuchEntityException' });
    iam.destroy();
  });
});
