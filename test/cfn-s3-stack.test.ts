// AWS::S3::Bucket and AWS::S3::BucketPolicy in a stack created with
// @aws-sdk/client-cloudformation, with a Lambda function whose code comes from S3; outputs
// read the bucket's Ref and GetAtt values; deleting the stack removes the bucket.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CloudFormationClient, CreateStackCommand, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, GetBucketPolicyCommand, GetBucketVersioningCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { stackSettled } from './stack-settled.ts';
import { clientConfig, useClient } from './helpers.ts';
import { invokeJson, makeZip, ROLE } from './fixtures/lambda/zips.ts';

const TEMPLATE = {
  Resources: {
    Store: { Type: 'AWS::S3::Bucket', Properties: { VersioningConfiguration: { Status: 'Enabled' }, Tags: [{ Key: 'app', Value: 'demo' }] } },
    StorePolicy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'Store' },
        PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: { 'Fn::Sub': '${Store.Arn}/*' }, Condition: { Bool: { 'aws:SecureTransport': false } } }] },
      },
    },
    Fn: {
      Type: 'AWS::Lambda::Function',
      Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { S3Bucket: 'cfn-code', S3Key: 'fn.zip' } },
    },
  },
  Outputs: {
    Name: { Value: { Ref: 'Store' } },
    Arn: { Value: { 'Fn::GetAtt': ['Store', 'Arn'] } },
    Domain: { Value: { 'Fn::GetAtt': ['Store', 'RegionalDomainName'] } },
    Website: { Value: { 'Fn::GetAtt': ['Store', 'WebsiteURL'] } },
    Function: { Value: { Ref: 'Fn' } },
  },
};

describe('S3 resources in a CloudFormation stack', () => {
  let cfn: CloudFormationClient;
  let s3: S3Client;
  let lambda: LambdaClient;
  useClient((server) => new CloudFormationClient(clientConfig(server)), (server, client) => {
    cfn = client;
    s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
    lambda = new LambdaClient(clientConfig(server));
  });
  after(() => {
    s3.destroy();
    lambda.destroy();
  });


  it('creates the bucket, its policy and a function from S3 code, then deletes them', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'cfn-code' }));
    await s3.send(new PutObjectCommand({ Bucket: 'cfn-code', Key: 'fn.zip', Body: makeZip({ 'index.js': 'exports.handler = async () => "from s3";' }) }));
    await cfn.send(new CreateStackCommand({ StackName: 'storage', TemplateBody: JSON.stringify(TEMPLATE) }));
    const stack = await stackSettled(cfn, 'storage');
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE', stack.StackStatusReason);
    const out = Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o.OutputValue]));
    assert.match(out.Name!, /^storage-store-[a-z0-9]{12}$/);
    assert.deepEqual([out.Arn, out.Domain, out.Website], [
      `arn:aws:s3:::${out.Name}`,
      `${out.Name}.s3.us-east-1.amazonaws.com`,
      `http://${out.Name}.s3-website-us-east-1.amazonaws.com`,
    ]);
    assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket: out.Name }))).Status, 'Enabled');
    const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: out.Name }))).Policy!);
    assert.equal(policy.Statement[0].Resource, `arn:aws:s3:::${out.Name}/*`);
    assert.equal((await invokeJson(lambda, out.Function!)).json, 'from s3');

    await cfn.send(new DeleteStackCommand({ StackName: 'storage' }));
    const deleted = await stackSettled(cfn, stack.StackId!);
    assert.equal(deleted.StackStatus, 'DELETE_COMPLETE');
    await assert.rejects(s3.send(new HeadBucketCommand({ Bucket: out.Name })), (err: { $metadata?: { httpStatusCode?: number } }) => err.$metadata?.httpStatusCode === 404);
  });
});
