// The CloudFormation template engine as recorded on AWS: conditions deciding which resources
// exist (change set, resources, events and stack read back), references to resources a
// condition leaves out, DependsOn on nothing, and Fn::Sub in all its forms, compared with
// LocalStack's aws-validated recordings under tests/aws/services/cloudformation/engine/ with
// the recorded tests' own templates (tests/aws/templates/).
import { after, describe, it } from 'node:test';
import {
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  DeleteStackCommand,
  ExecuteChangeSetCommand,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import assert from 'node:assert/strict';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { clientConfig } from '../helpers.ts';
import { ANY } from './harness.ts';
import { CHANGE_SET_ARN, cfnApi, DATE, matches, refused, STACK_ARN } from './cfn-api-steps.ts';

const ENGINE = 'localstack/localstack tests/aws/services/cloudformation/engine';
const { cfn, close, deploy, server, settled, waitChangeSet, waitCreated, waitDeleted } = cfnApi();
after(close);

/** A CREATE change set named `initial`, as the recorded tests make them. */
const createChangeSet = (StackName: string, TemplateBody: string, parameters: Record<string, string> = {}) =>
  cfn().send(new CreateChangeSetCommand({
    StackName, ChangeSetName: 'initial', ChangeSetType: 'CREATE', TemplateBody,
    Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
  }));

// conditions/nested-conditions.yaml
const NESTED_CONDITIONS = `Parameters:
  EnvType:
    Type: String
    AllowedValues:
      - prod
      - test
  BucketName:
    Default: ''
    Type: String
Conditions:
  IsProduction: !Equals
    - !Ref EnvType
    - prod
  CreateBucket: !Not
    - !Equals
      - !Ref BucketName
      - ''
  CreateBucketPolicy: !And
    - !Condition IsProduction
    - !Condition CreateBucket
Resources:
  Bucket:
    Type: 'AWS::S3::Bucket'
    Condition: CreateBucket
    Properties:
      BucketName: !Ref BucketName
  Policy:
    Type: 'AWS::S3::BucketPolicy'
    Condition: CreateBucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: 2012-10-17
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action:
              - s3:GetObject
            Resource:
              - !Join
                - ""
                - - !GetAtt Bucket.Arn
                  - "/*"
`;

describe('recorded on AWS: CloudFormation conditions', () => {
  const variants: Array<[string, string, boolean, boolean]> = [
    ['test-nobucket-nopolicy', 'test', false, false],
    ['test-bucket-nopolicy', 'test', true, false],
    ['prod-nobucket-nopolicy', 'prod', false, false],
    ['prod-bucket-policy', 'prod', true, true],
  ];
  for (const [variant, envType, withBucket, withPolicy] of variants) {
    it(`answers as recorded (${ENGINE}/test_conditions.snapshot.json#test_nested_conditions[${variant}])`, async () => {
      const stack = `condition-${variant}`;
      const bucket = withBucket ? `ls-test-bucket-${variant}` : '';
      matches(await createChangeSet(stack, NESTED_CONDITIONS, { EnvType: envType, BucketName: bucket }), { Id: CHANGE_SET_ARN('initial'), StackId: STACK_ARN(stack) }, 'create_cs_result');
      await waitChangeSet(stack, 'initial');
      // Parameters in CloudFormation's order (BucketName first); no Tags when none were given.
      const parameters = [{ ParameterKey: 'BucketName', ParameterValue: bucket }, { ParameterKey: 'EnvType', ParameterValue: envType }];
      const added = (LogicalResourceId: string, ResourceType: string) => ({ ResourceChange: { Action: 'Add', Details: [], LogicalResourceId, ResourceType, Scope: [] }, Type: 'Resource' });
      matches(await cfn().send(new DescribeChangeSetCommand({ StackName: stack, ChangeSetName: 'initial' })), {
        Capabilities: [], ChangeSetId: CHANGE_SET_ARN('initial'), ChangeSetName: 'initial',
        Changes: [...(withBucket ? [added('Bucket', 'AWS::S3::Bucket')] : []), ...(withPolicy ? [added('Policy', 'AWS::S3::BucketPolicy')] : [])],
        CreationTime: DATE, ExecutionStatus: 'AVAILABLE', IncludeNestedStacks: false, NotificationARNs: [], Parameters: parameters,
        RollbackConfiguration: {}, StackId: STACK_ARN(stack), StackName: stack, Status: 'CREATE_COMPLETE',
      }, 'describe_changeset_result');
      await cfn().send(new ExecuteChangeSetCommand({ StackName: stack, ChangeSetName: 'initial' }));
      await waitCreated(stack);

      // AWS named the recorded policy by a generated id; localgate by its bucket (not compared).
      const resource = (LogicalResourceId: string, ResourceType: string, PhysicalResourceId: unknown) => ({
        DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' }, LogicalResourceId, PhysicalResourceId, ResourceStatus: 'CREATE_COMPLETE',
        ResourceType, StackId: STACK_ARN(stack), StackName: stack, Timestamp: DATE,
      });
      matches(await cfn().send(new DescribeStackResourcesCommand({ StackName: stack })), {
        StackResources: [...(withBucket ? [resource('Bucket', 'AWS::S3::Bucket', bucket)] : []), ...(withPolicy ? [resource('Policy', 'AWS::S3::BucketPolicy', ANY)] : [])],
      }, 'stack_resources');

      // Newest first; each resource: in progress without and with its physical id, then complete.
      const stackEvent = (ResourceStatus: string, reason?: string) => ({
        EventId: /^[0-9a-f-]{36}$/, LogicalResourceId: stack, PhysicalResourceId: STACK_ARN(stack), ResourceStatus, ResourceType: 'AWS::CloudFormation::Stack',
        StackId: STACK_ARN(stack), StackName: stack, Timestamp: DATE, ...(reason ? { ResourceStatusReason: reason } : {}),
      });
      const resourceEvents = (id: string, type: string, physicalId: unknown, properties: unknown) => [
        ['CREATE_COMPLETE', physicalId, undefined], ['CREATE_IN_PROGRESS', physicalId, 'Resource creation Initiated'], ['CREATE_IN_PROGRESS', '', undefined],
      ].map(([ResourceStatus, PhysicalResourceId, reason]) => ({
        EventId: new RegExp(`^${id}-${ResourceStatus}-`), LogicalResourceId: id, PhysicalResourceId, ResourceProperties: properties, ResourceStatus,
        ResourceType: type, StackId: STACK_ARN(stack), StackName: stack, Timestamp: DATE, ...(reason ? { ResourceStatusReason: reason } : {}),
      }));
      const policyDocument = {
        Version: '2012-10-17',
        Statement: [{ Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/*`], Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
      };
      const { StackEvents } = await cfn().send(new DescribeStackEventsCommand({ StackName: stack }));
      // ResourceProperties is JSON text; its keys come in CloudFormation's (Java HashMap) order.
      const events = StackEvents!.map((e) => (e.ResourceProperties ? { ...e, ResourceProperties: JSON.parse(e.ResourceProperties) } : e));
      matches(events, [
        stackEvent('CREATE_COMPLETE'),
        ...(withPolicy ? resourceEvents('Policy', 'AWS::S3::BucketPolicy', ANY, { Bucket: bucket, PolicyDocument: policyDocument }) : []),
        ...(withBucket ? resourceEvents('Bucket', 'AWS::S3::Bucket', bucket, { BucketName: bucket }) : []),
        stackEvent('CREATE_IN_PROGRESS', 'User Initiated'),
        stackEvent('REVIEW_IN_PROGRESS', 'User Initiated'),
      ], 'stack_events');
      if (withPolicy) {
        const policy = StackEvents!.find((e) => e.LogicalResourceId === 'Policy')!.ResourceProperties!;
        const statement = '{"Action":["s3:GetObject"],"Resource":["arn:aws:s3:::ls-test-bucket-prod-bucket-policy/*"],"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"}}';
        matches(policy, `{"Bucket":"ls-test-bucket-prod-bucket-policy","PolicyDocument":{"Version":"2012-10-17","Statement":[${statement}]}}`, 'ResourceProperties key order');
      }

      matches(await cfn().send(new DescribeStacksCommand({ StackName: stack })), {
        Stacks: [{
          ChangeSetId: CHANGE_SET_ARN('initial'), CreationTime: DATE, DisableRollback: false, DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
          EnableTerminationProtection: false, LastUpdatedTime: DATE, NotificationARNs: [], Parameters: parameters, RollbackConfiguration: {},
          StackId: STACK_ARN(stack), StackName: stack, StackStatus: 'CREATE_COMPLETE', Tags: [],
        }],
      }, 'describe_stack_result');
    });
  }

  // conditions/get-att-condition.yml and ref-condition-output.yaml: a topic left out by its
  // condition, read by a resource's GetAtt or an output's Ref. The change set is refused before
  // anything exists, so the unserved topic type never matters.
  it(`answers as recorded (${ENGINE}/test_conditions.snapshot.json#test_dependent_get_att, test_output_reference_to_skipped_resource)`, async () => {
    const head = 'Parameters:\n  OptionParameter:\n    Type: String\n    AllowedValues:\n      - option-a\n      - option-b\nResources:\n  MyTopic:\n    Type: AWS::SNS::Topic\n    Condition: ShouldCreateTopic\n';
    const conditions = '\nConditions:\n  ShouldCreateTopic: !Equals\n    - !Ref OptionParameter\n    - option-a';
    const getAtt = `${head}\n  MySsmParam:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Type: String\n      Value: !GetAtt MyTopic.TopicName\n${conditions}`;
    await refused(createChangeSet('dependent-get-att', getAtt, { OptionParameter: 'option-b' }), 'ValidationError', 'Template format error: Unresolved resource dependencies [MyTopic] in the Resources block of the template');
    const output = `${head}${conditions}\n\nOutputs:\n  TopicRef:\n    Value: !Ref MyTopic\n`;
    await refused(createChangeSet('output-ref-skipped', output, { OptionParameter: 'option-b' }), 'ValidationError', 'Unresolved resource dependencies [MyTopic] in the Outputs block of the template');
  });
});

// mappings/simple-mapping*.yaml: a topic named through Fn::FindInMap. Every answer comes from
// CreateChangeSet, before anything exists (so the unserved topic type never matters).
describe('recorded on AWS: CloudFormation mappings', () => {
  const MAPPINGS = `${ENGINE}/test_mappings.snapshot.json`;
  const template = (parameters: string, lookup: string, mappings: string) =>
    `Parameters:\n  TopicName:\n    Type: String\n${parameters}\n  TopicNameSuffixSelector:\n    Type: String\n\nResources:\n  MyTopic:\n    Type: AWS::SNS::Topic\n` +
    `    Properties:\n      TopicName:\n        "Fn::Join":\n          - "-"\n          - - !Ref TopicName\n            - ${lookup}\n\nMappings:\n  TopicSuffixMap:\n${mappings}`;
  const cases: Array<[string, string, Record<string, string>, string]> = [
    [
      'test_mapping_with_nonexisting_key',
      template('\n  TopicAttributeSelector:\n    Type: String\n    Default: Suffix', '!FindInMap [TopicSuffixMap, !Ref TopicNameSuffixSelector, !Ref TopicAttributeSelector]', '    A:\n      Suffix: suffix-a\n    B:\n      Suffix: suffix-b\n'),
      { TopicName: 'topic-1', TopicNameSuffixSelector: 'C' },
      'Template error: Unable to get mapping for TopicSuffixMap::C::Suffix',
    ],
    [
      'test_mapping_with_invalid_refs',
      template('\n  TopicNameSuffix:\n    Type: String', '!FindInMap [TopicSuffixMap, !Ref TopicNameSuffixSelector, Suffix]', '    A:\n      Suffix: !Ref TopicNameSuffix\n    B:\n      Suffix: suffix-b\n'),
      { TopicName: 'topic-1', TopicNameSuffixSelector: 'C', TopicNameSuffix: 'suffix-c' },
      'Template format error: Every Mappings attribute must be a String or a List.',
    ],
    [
      'test_mapping_maximum_nesting_depth',
      template('', '!FindInMap [TopicSuffixMap, !Ref TopicNameSuffixSelector, Suffix, SuffixValue]', '    A:\n      Suffix:\n        SuffixValue: suffix-a\n    B:\n      Suffix:\n        SuffixValue: suffix-b\n'),
      { TopicName: 'topic-1', TopicNameSuffixSelector: 'A' },
      'Template format error: Every Mappings attribute must be a String or a List.',
    ],
    [
      'test_mapping_minimum_nesting_depth',
      template('', '!FindInMap [TopicSuffixMap, !Ref TopicNameSuffixSelector]', '    A: suffix-a\n    B: suffix-b\n'),
      { TopicName: 'topic-1', TopicNameSuffixSelector: 'A' },
      'Template format error: Every Mappings member A must be a map',
    ],
  ];
  for (const [name, body, parameters, message] of cases) {
    it(`answers as recorded (${MAPPINGS}#TestCloudFormationMappings::${name})`, async () => {
      const stack = `mapping-${name.slice('test_mapping_'.length).replace(/_/g, '-')}`;
      await refused(createChangeSet(stack, body, parameters), 'ValidationError', message);
      await refused(cfn().send(new DescribeStacksCommand({ StackName: stack })), 'ValidationError', `Stack with id ${stack} does not exist`);
    });
  }
});

// deletion_policy.yaml: an SSM parameter whose DeletionPolicy is an Fn::If on the environment.
describe('recorded on AWS: CloudFormation deletion policies', () => {
  const DELETION = `${ENGINE}/test_deletion_policy.snapshot.json`;
  const template = "AWSTemplateFormatVersion: '2010-09-09'\nDescription: Minimal DynamoDB Conditional DeletionPolicy Example\n\nParameters:\n  ParameterValue:\n    Type: String\n" +
    "  EnvType:\n    Type: String\n    Default: dev\n    AllowedValues: [dev, prod]\n    Description: Environment name. Use 'prod' to trigger Retain policy.\n\n" +
    'Conditions:\n  IsPermanentEnvironment: !Equals [!Ref EnvType, prod]\n\nResources:\n  MyParameter:\n    Type: AWS::SSM::Parameter\n' +
    '    DeletionPolicy: !If [IsPermanentEnvironment, Retain, Delete]\n    Properties:\n        Type: String\n        Value: !Ref ParameterValue\n\n' +
    'Outputs:\n  ParameterName:\n    Value: !Ref MyParameter';
  let ssm: SSMClient | undefined;
  after(() => ssm?.destroy());
  /** Each one's statuses in order, repeats folded (as LocalStack's capture_per_resource_events lists them). */
  const statusesById = (events: StackEvent[]) => {
    const out: Record<string, string[]> = {};
    for (const e of [...events].reverse()) {
      const list = (out[e.LogicalResourceId!] ??= []);
      if (list.at(-1) !== e.ResourceStatus) list.push(e.ResourceStatus!);
    }
    return out;
  };

  for (const [envType, retained] of [['dev', false], ['prod', true]] as const) {
    it(`answers as recorded (${DELETION}#${retained ? 'test_deletion_policy_with_retain' : 'test_deletion_policy_with_deletion'})`, async () => {
      const stackName = `deletion-policy-${envType}`;
      const stack = await deploy(stackName, template, { EnvType: envType, ParameterValue: 'value-1' });
      const name = stack.Outputs!.find((o) => o.OutputKey === 'ParameterName')!.OutputValue!;
      // AWS generates `CFN-{logicalId}-{12 letters and digits}`.
      assert.match(name, /^CFN-MyParameter-[A-Za-z0-9]{12}$/);
      ssm ??= new SSMClient(clientConfig(server.app));
      assert.equal((await ssm.send(new GetParameterCommand({ Name: name }))).Parameter!.Value, 'value-1');
      await cfn().send(new DeleteStackCommand({ StackName: stackName }));
      await waitDeleted(stack.StackId!);
      if (retained) {
        assert.equal((await ssm.send(new GetParameterCommand({ Name: name }))).Parameter!.Value, 'value-1');
        const { StackEvents } = await cfn().send(new DescribeStackEventsCommand({ StackName: stack.StackId }));
        assert.deepEqual(statusesById(StackEvents!), {
          MyParameter: ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'DELETE_SKIPPED'],
          [stackName]: ['REVIEW_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE'],
        });
      } else {
        // The error's message is the SSM provider's; the recording checks the code.
        const err = await ssm.send(new GetParameterCommand({ Name: name })).then(() => undefined, (e: { name: string }) => e);
        assert.equal(err?.name, 'ParameterNotFound');
      }
    });
  }
});

describe('recorded on AWS: CloudFormation attributes and pseudo parameters', () => {
  // An output reading an attribute the type lacks: the stack rolls back before creating anything.
  it(`answers as recorded (${ENGINE}/test_attributes.snapshot.json#TestResourceAttributes::test_invalid_getatt_fails)`, async () => {
    const template = JSON.stringify({
      Resources: { Parameter: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'abc' } } },
      Outputs: { InvalidOutput: { Value: { 'Fn::GetAtt': ['Parameter', 'Invalid'] } } },
    });
    const { StackId } = await createChangeSet('invalid-getatt', template);
    await waitChangeSet('invalid-getatt', 'initial');
    await cfn().send(new ExecuteChangeSetCommand({ StackName: 'invalid-getatt', ChangeSetName: 'initial' }));
    const stack = await settled(StackId!);
    assert.equal(stack.StackStatus, 'ROLLBACK_COMPLETE');
    const event = (ResourceStatus: string, reason?: string) => ({
      EventId: /^[0-9a-f-]{36}$/, LogicalResourceId: 'invalid-getatt', PhysicalResourceId: StackId, ResourceStatus, ResourceType: 'AWS::CloudFormation::Stack',
      StackId, StackName: 'invalid-getatt', Timestamp: DATE, ...(reason ? { ResourceStatusReason: reason } : {}),
    });
    matches((await cfn().send(new DescribeStackEventsCommand({ StackName: StackId }))).StackEvents, [
      event('ROLLBACK_COMPLETE'),
      event('ROLLBACK_IN_PROGRESS', '[Error] /Outputs/InvalidOutput/Value/Fn::GetAtt: Resource type AWS::SSM::Parameter does not support attribute {Invalid}. Rollback requested by user.'),
      event('CREATE_IN_PROGRESS', 'User Initiated'),
      event('REVIEW_IN_PROGRESS', 'User Initiated'),
    ], 'stack_events');
  });

  it(`answers as recorded (${ENGINE}/test_select_split.snapshot.json#test_select_split_stack_id)`, async () => {
    const template = {
      Resources: { Parameter: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'abc' } } },
      Outputs: { StackID: { Value: { Ref: 'AWS::StackId' } }, SelectedOutput: { Value: { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] } } },
    };
    const stack = await deploy('select-split', template);
    const outputs = Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o.OutputValue]));
    matches(outputs, { SelectedOutput: stack.StackId!.split('/')[2], StackID: stack.StackId }, 'outputs');
    assert.match(outputs.SelectedOutput!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe('recorded on AWS: CloudFormation references', () => {
  // The recorded template (engine/cfn_dependson_nonexisting_resource.yaml) is not public; this
  // one has the same fault: a DependsOn naming no resource.
  it(`answers as recorded (${ENGINE}/test_references.snapshot.json#TestDependsOn::test_depends_on_with_missing_reference)`, async () => {
    const template = 'Resources:\n  Param:\n    Type: AWS::SSM::Parameter\n    DependsOn: NonExistingResource\n    Properties:\n      Type: String\n      Value: x\n';
    await refused(createChangeSet('depends-on-nothing', template), 'ValidationError', 'Template format error: Unresolved resource dependencies [NonExistingResource] in the Resources block of the template');
  });

  // engine/cfn_fn_sub.yaml
  it(`answers as recorded (${ENGINE}/test_references.snapshot.json#TestFnSub::test_fn_sub_cases)`, async () => {
    const template = `Parameters:
  ParameterName:
    Type: String
  Param1:
    Type: String
    Default: Param1Value

Resources:
  MyResource:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: unimportant
      Name: !Ref Param1

Outputs:
  StringStatic:
    Value: !Sub 'this is a static string'
  StringRefParam:
    Value: !Sub "\${Param1}"
  StringRefResource:
    Value: !Sub "\${MyResource}"
  StringRefPseudoParam:
    Value: !Sub "\${AWS::Region}"
  StringRefMultiple:
    Value: !Sub "\${Param1} - \${MyResource}"
  StringRefGetAtt:
    Value: !Sub "\${MyResource.Value}"
  ListStatic:
    Value: !Sub
      - 'this is a static string'
      - somekey: somevalue
  ListRefParam:
    Value: !Sub
      - "\${Param1}"
      - somekey: somevalue
  ListRefResourceDirect:
    Value: !Sub
      - "\${MyResource}"
      - somekey: somevalue
  ListRefResourceMappingRef:
    Value: !Sub
      - "\${MyResourceRef}"
      - MyResourceRef: !Ref MyResource
  ListRefPseudoParam:
    Value: !Sub
      - "\${AWS::Region}"
      - somekey: somevalue
  ListRefMultipleMix:
    Value: !Sub
      - "\${MyResourceRef}-\${AWS::Region}-\${Param1}"
      - MyResourceRef: !Ref MyResource
  ListRefGetAtt:
    Value: !Sub
      - "\${MyResource.Value}"
      - somekey: somevalue
  ListRefGetAttMapping:
    Value: !Sub
      - "\${ParamValue}"
      - ParamValue: !GetAtt MyResource.Value
  UrlSuffixPseudoParam:
    Value:
      "Fn::Sub": "\${AWS::URLSuffix}"
`;
    const stack = await deploy('fn-sub', template, { ParameterName: 'test-param-1' });
    const outputs = Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o.OutputValue]));
    matches(outputs, {
      ListRefGetAtt: 'unimportant', ListRefGetAttMapping: 'unimportant', ListRefMultipleMix: 'Param1Value-us-east-1-Param1Value', ListRefParam: 'Param1Value',
      ListRefPseudoParam: 'us-east-1', ListRefResourceDirect: 'Param1Value', ListRefResourceMappingRef: 'Param1Value', ListStatic: 'this is a static string',
      StringRefGetAtt: 'unimportant', StringRefMultiple: 'Param1Value - Param1Value', StringRefParam: 'Param1Value', StringRefPseudoParam: 'us-east-1',
      StringRefResource: 'Param1Value', StringStatic: 'this is a static string', UrlSuffixPseudoParam: 'amazonaws.com',
    }, 'outputs');
  });
});
