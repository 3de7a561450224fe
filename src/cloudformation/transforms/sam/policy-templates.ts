// SAM policy templates (the "AWS SAM policy template list" in the SAM developer guide): a
// name and its parameters expand into IAM statements. localgate expands the common ones;
// any other template SAM knows is left off the generated role with a warning (localgate
// does not enforce IAM), and a name SAM does not know is SAM's error.
import { invalidResource, pythonList } from './errors.ts';

type Statement = Record<string, unknown>;
interface PolicyTemplate {
  parameters: string[];
  statements(p: Record<string, unknown>): Statement[];
}

/** `arn:${AWS::Partition}:...${name}...` with one variable bound to a template parameter. */
const arnSub = (pattern: string, variable: string, value: unknown) => ({ 'Fn::Sub': [`arn:\${AWS::Partition}:${pattern}`, { [variable]: value }] });
const allow = (Action: unknown, Resource: unknown): Statement => ({ Effect: 'Allow', Action, Resource });

const tableArns = (t: unknown) => [
  arnSub('dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}', 'tableName', t),
  arnSub('dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/index/*', 'tableName', t),
];
const bucketArns = (b: unknown) => [arnSub('s3:::${bucketName}', 'bucketName', b), arnSub('s3:::${bucketName}/*', 'bucketName', b)];
const dynamo = (actions: string[]): PolicyTemplate => ({
  parameters: ['TableName'],
  statements: (p) => [allow(actions.map((a) => `dynamodb:${a}`), tableArns(p.TableName))],
});
const s3 = (actions: string[]): PolicyTemplate => ({
  parameters: ['BucketName'],
  statements: (p) => [allow(actions.map((a) => `s3:${a}`), bucketArns(p.BucketName))],
});
const queue = (actions: string[]): PolicyTemplate => ({
  parameters: ['QueueName'],
  statements: (p) => [allow(actions, arnSub('sqs:${AWS::Region}:${AWS::AccountId}:${queueName}', 'queueName', p.QueueName))],
});

const TEMPLATES: Record<string, PolicyTemplate> = {
  DynamoDBCrudPolicy: dynamo(['GetItem', 'DeleteItem', 'PutItem', 'Scan', 'Query', 'UpdateItem', 'BatchWriteItem', 'BatchGetItem', 'DescribeTable', 'ConditionCheckItem']),
  DynamoDBReadPolicy: dynamo(['GetItem', 'Scan', 'Query', 'BatchGetItem', 'DescribeTable']),
  DynamoDBWritePolicy: dynamo(['PutItem', 'UpdateItem', 'BatchWriteItem']),
  S3ReadPolicy: s3(['GetObject', 'ListBucket', 'GetBucketLocation', 'GetObjectVersion', 'GetLifecycleConfiguration']),
  S3WritePolicy: s3(['PutObject', 'PutObjectAcl', 'PutLifecycleConfiguration']),
  S3CrudPolicy: s3(['GetObject', 'ListBucket', 'GetBucketLocation', 'GetObjectVersion', 'PutObject', 'PutObjectAcl', 'GetLifecycleConfiguration', 'PutLifecycleConfiguration', 'DeleteObject']),
  SQSSendMessagePolicy: queue(['sqs:SendMessage*']),
  SQSPollerPolicy: queue(['sqs:ChangeMessageVisibility', 'sqs:ChangeMessageVisibilityBatch', 'sqs:DeleteMessage', 'sqs:DeleteMessageBatch', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage']),
  SNSPublishMessagePolicy: {
    parameters: ['TopicName'],
    statements: (p) => [allow(['sns:Publish'], arnSub('sns:${AWS::Region}:${AWS::AccountId}:${topicName}', 'topicName', p.TopicName))],
  },
  LambdaInvokePolicy: {
    parameters: ['FunctionName'],
    statements: (p) => [allow(['lambda:InvokeFunction'], arnSub('lambda:${AWS::Region}:${AWS::AccountId}:function:${functionName}*', 'functionName', p.FunctionName))],
  },
  SSMParameterReadPolicy: {
    parameters: ['ParameterName'],
    statements: (p) => [
      allow(['ssm:DescribeParameters'], '*'),
      allow(['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'], arnSub('ssm:${AWS::Region}:${AWS::AccountId}:parameter/${parameterName}', 'parameterName', p.ParameterName)),
    ],
  },
  AWSSecretsManagerGetSecretValuePolicy: {
    parameters: ['SecretArn'],
    statements: (p) => [allow(['secretsmanager:GetSecretValue'], { 'Fn::Sub': ['${secretArn}', { secretArn: p.SecretArn }] })],
  },
  CloudWatchPutMetricPolicy: { parameters: [], statements: () => [allow(['cloudwatch:PutMetricData'], '*')] },
  KMSDecryptPolicy: {
    parameters: ['KeyId'],
    statements: (p) => [allow('kms:Decrypt', arnSub('kms:${AWS::Region}:${AWS::AccountId}:key/${keyId}', 'keyId', p.KeyId))],
  },
  StepFunctionsExecutionPolicy: {
    parameters: ['StateMachineName'],
    statements: (p) => [allow(['states:StartExecution'], arnSub('states:${AWS::Region}:${AWS::AccountId}:stateMachine:${stateMachineName}', 'stateMachineName', p.StateMachineName))],
  },
  EventBridgePutEventsPolicy: {
    parameters: ['EventBusName'],
    statements: (p) => [allow('events:PutEvents', arnSub('events:${AWS::Region}:${AWS::AccountId}:event-bus/${eventBusName}', 'eventBusName', p.EventBusName))],
  },
};

/** Every other template name SAM publishes (expanded by SAM, not by localgate). */
const OTHER_SAM_TEMPLATES = new Set(
  ('AMIDescribePolicy AWSSecretsManagerRotationPolicy AcmGetCertificatePolicy AthenaQueryPolicy CloudFormationDescribeStacksPolicy ' +
    'CloudWatchDashboardPolicy CloudWatchDescribeAlarmHistoryPolicy CodeCommitCrudPolicy CodeCommitReadPolicy CodePipelineLambdaExecutionPolicy ' +
    'CodePipelineReadOnlyPolicy ComprehendBasicAccessPolicy CostExplorerReadOnlyPolicy DynamoDBBackupFullAccessPolicy DynamoDBReconfigurePolicy ' +
    'DynamoDBRestoreFromBackupPolicy DynamoDBStreamReadPolicy EC2CopyImagePolicy EC2DescribePolicy EFSWriteAccessPolicy EKSDescribePolicy ' +
    'EcsRunTaskPolicy ElasticMapReduceAddJobFlowStepsPolicy ElasticMapReduceCancelStepsPolicy ElasticMapReduceModifyInstanceFleetPolicy ' +
    'ElasticMapReduceModifyInstanceGroupsPolicy ElasticMapReduceSetTerminationProtectionPolicy ElasticMapReduceTerminateJobFlowsPolicy ' +
    'ElasticsearchHttpPostPolicy FilterLogEventsPolicy FirehoseCrudPolicy FirehoseWritePolicy KMSEncryptPolicy KMSEncryptPolicy_v2 ' +
    'KinesisCrudPolicy KinesisStreamReadPolicy MobileAnalyticsWriteOnlyAccessPolicy OrganizationsListAccountsPolicy PinpointEndpointAccessPolicy ' +
    'PollyFullAccessPolicy RekognitionDetectOnlyPolicy RekognitionFacesManagementPolicy RekognitionFacesPolicy RekognitionLabelsPolicy ' +
    'RekognitionNoDataAccessPolicy RekognitionReadPolicy RekognitionWriteOnlyAccessPolicy Route53ChangeResourceRecordSetsPolicy S3FullAccessPolicy ' +
    'SESBulkTemplatedCrudPolicy SESBulkTemplatedCrudPolicy_v2 SESCrudPolicy SESEmailTemplateCrudPolicy SESSendBouncePolicy SNSCrudPolicy ' +
    'SSMParameterWithSlashPrefixReadPolicy SageMakerCreateEndpointConfigPolicy SageMakerCreateEndpointPolicy ServerlessRepoReadWriteAccessPolicy ' +
    'StepFunctionsCallbackPolicy StepFunctionsExecutionPolicy_v2 TextractDetectAnalyzePolicy TextractGetResultPolicy TextractPolicy VPCAccessPolicy').split(' '),
);

export type TemplateExpansion = { statements: Statement[] } | { skipped: string };

/** `{Name: {params}}` from a Policies entry, or undefined when the entry is not a template call. */
export function expandPolicyTemplate(functionId: string, index: number, name: string, params: unknown): TemplateExpansion {
  const template = TEMPLATES[name];
  if (!template) {
    if (OTHER_SAM_TEMPLATES.has(name)) return { skipped: name };
    throw invalidResource(functionId, `Policy at index ${index} in the 'Policies' property is not valid`);
  }
  const values = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
  const missing = template.parameters.filter((p) => values[p] === undefined);
  if (missing.length) throw invalidResource(functionId, `Following required parameters of template '${name}' don't have values: ${pythonList(missing)}`);
  return { statements: template.statements(values) };
}

export const isPolicyTemplateName = (name: string) => name in TEMPLATES || OTHER_SAM_TEMPLATES.has(name);
