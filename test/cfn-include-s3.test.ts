// AWS::Include with snippets stored in localgate's S3, in a stack created with
// @aws-sdk/client-cloudformation: a value snippet, a resources snippet, and a missing one.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CloudFormationClient, CreateStackCommand, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { stackSettled } from './stack-settled.ts';
import { clientConfig, useClient } from './helpers.ts';

describe('AWS::Include from S3', () => {
  let cfn: CloudFormationClient;
  let s3: S3Client;
  let logs: CloudWatchLogsClient;
  useClient((server) => new CloudFormationClient(clientConfig(server)), (server, client) => {
    cfn = client;
    s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
    logs = new CloudWatchLogsClient(clientConfig(server));
  });
  after(() => {
    s3.destroy();
    logs.destroy();
  });


  it('expands snippets read from S3 before the stack is created; a missing one is a ValidationError', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'snippets' }));
    await s3.send(new PutObjectCommand({ Bucket: 'snippets', Key: 'retention.yaml', Body: 'RetentionInDays: 7\n' }));
    await s3.send(new PutObjectCommand({ Bucket: 'snippets', Key: 'more.json', Body: JSON.stringify({ Other: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/included/other' } } }) }));
    const template = {
      Resources: {
        Group: {
          Type: 'AWS::Logs::LogGroup',
          Properties: { LogGroupName: '/included/group', 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://snippets/retention.yaml' } } },
        },
        'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://snippets/more.json' } },
      },
    };
    await cfn.send(new CreateStackCommand({ StackName: 'included', TemplateBody: JSON.stringify(template) }));
    const stack = await stackSettled(cfn, 'included');
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE', stack.StackStatusReason);
    const groups = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/included/' }))).logGroups!;
    assert.deepEqual(groups.map((g) => [g.logGroupName, g.retentionInDays]), [['/included/group', 7], ['/included/other', undefined]]);
    const processed = JSON.parse((await cfn.send(new GetTemplateCommand({ StackName: 'included', TemplateStage: 'Processed' }))).TemplateBody!);
    assert.deepEqual(Object.keys(processed.Resources), ['Group', 'Other']);

    const missing = { Resources: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://snippets/none.yaml' } } } };
    await assert.rejects(cfn.send(new CreateStackCommand({ StackName: 'broken', TemplateBody: JSON.stringify(missing) })), {
      name: 'ValidationError',
      message: 'Transform AWS::Include failed: cannot read s3://snippets/none.yaml',
    });
  });
});
