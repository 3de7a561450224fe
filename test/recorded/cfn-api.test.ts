// The CloudFormation API as recorded on AWS: template validation errors, stack lifecycle and
// names, termination protection, templates and their summaries, and UpdateStack's request
// checks, compared with LocalStack's aws-validated recordings under
// tests/aws/services/cloudformation/api/ (each `it` names its snapshot file and test). The
// templates are the recorded tests' own; where one holds a type localgate does not serve and
// the answer depends on it, an AWS::SSM::Parameter stands in (said so above the case).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetStackPolicyCommand,
  GetTemplateCommand,
  GetTemplateSummaryCommand,
  ListStacksCommand,
  UpdateStackCommand,
  UpdateTerminationProtectionCommand,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { cfnApi, DATE, deployedStack, matches, refused, STACK_ARN } from './cfn-api-steps.ts';

const API = 'localstack/localstack tests/aws/services/cloudformation/api';
const { cfn, close, deploy, settled, waitCreated, waitDeleted, waitUpdated, waitChangeSet } = cfnApi();
after(close);

const SSM = (value: string) => ({ Resources: { Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: value } } } });
/** deploy_cfn_template's first call: a CREATE change set (the errors come from it). */
const createChangeSet = (StackName: string, template: unknown) =>
  cfn().send(new CreateChangeSetCommand({ StackName, ChangeSetName: 'init', ChangeSetType: 'CREATE', TemplateBody: JSON.stringify(template) }));
/** A refused request leaves no stack behind. */
const noStack = (name: string) => refused(cfn().send(new DescribeStacksCommand({ StackName: name })), 'ValidationError', `Stack with id ${name} does not exist`);

describe('recorded on AWS: CloudFormation template validation', () => {
  const topic = { Foo: { Type: 'AWS::SNS::Topic' } };
  const cases: Array<[string, unknown, string]> = [
    ['test_invalid_output_structure[none-value]', { Resources: topic, Outputs: { MyOutput: { Value: null } } }, "[/Outputs/MyOutput/Value] 'null' values are not allowed in templates"],
    ['test_invalid_output_structure[missing-def]', { Resources: topic, Outputs: { MyOutput: { Value: null, AnotherValue: null } } }, "[/Outputs/MyOutput/Value] 'null' values are not allowed in templates"],
    ['test_invalid_output_structure[multiple-nones]', { Resources: topic, Outputs: { MyOutput: {} } }, 'Template format error: Every Outputs member must contain a Value object'],
    ['test_missing_resources_block', {}, 'Template format error: At least one Resources member must be defined.'],
    ['test_resources_blocks[missing-type]', { Resources: { A: { Properties: {} } } }, 'Template format error: [/Resources/A] Every Resources object must contain a Type member.'],
    ['test_resources_blocks[invalid-key]', { Resources: { A: { Type: 'AWS::SNS::Topic', Invalid: 10 } } }, "Invalid template resource property 'Invalid'"],
  ];
  for (const [name, template, message] of cases) {
    it(`answers as recorded (${API}/test_validations.snapshot.json#${name})`, async () => {
      const stack = `validation-${name.replace(/[^a-z]/g, '')}`;
      await refused(createChangeSet(stack, template), 'ValidationError', message);
      await noStack(stack);
    });
  }

  it(`answers as recorded (${API}/test_stacks.snapshot.json#test_linting_error_during_creation, test_stack_name_creation)`, async () => {
    await refused(cfn().send(new CreateStackCommand({ StackName: 'linting', TemplateBody: JSON.stringify({ Resources: '', Outputs: '' }) })), 'ValidationError', 'Template format error: Any Resources member must be an object.');
    await noStack('linting');
    await refused(
      cfn().send(new CreateStackCommand({ StackName: '*@da591fa3_$', TemplateBody: JSON.stringify(SSM('x')) })),
      'ValidationError',
      "1 validation error detected: Value '*@da591fa3_$' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*",
    );
  });
});

describe('recorded on AWS: CloudFormation stacks', () => {
  // The recorded stack holds an AWS::ApiGateway::RestApi named by a parameter (simple_api.yaml).
  const SIMPLE_API = 'AWSTemplateFormatVersion: "2010-09-09"\n\nParameters:\n  ApiName:\n    Type: String\n\nResources:\n  Api:\n    Type: \'AWS::ApiGateway::RestApi\'\n    Properties:\n      Name:\n        Ref: ApiName\n';

  it(`answers as recorded (${API}/test_stacks.snapshot.json#TestStacksApi::test_stack_lifecycle)`, async () => {
    const created = await deploy('lifecycle', SIMPLE_API, { ApiName: 'test_1' });
    matches(created, deployedStack('lifecycle', { Parameters: [{ ParameterKey: 'ApiName', ParameterValue: 'test_1' }] }), 'creation');
    await cfn().send(new CreateChangeSetCommand({ StackName: 'lifecycle', ChangeSetName: 'update', TemplateBody: SIMPLE_API, Parameters: [{ ParameterKey: 'ApiName', ParameterValue: 'test_2' }], Capabilities: ['CAPABILITY_AUTO_EXPAND', 'CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'] }));
    await waitChangeSet('lifecycle', 'update');
    await cfn().send(new ExecuteChangeSetCommand({ StackName: 'lifecycle', ChangeSetName: 'update' }));
    await waitUpdated('lifecycle');
    const [updated] = (await cfn().send(new DescribeStacksCommand({ StackName: 'lifecycle' }))).Stacks!;
    matches(updated, deployedStack('lifecycle', { ChangeSetId: /changeSet\/update\//, StackStatus: 'UPDATE_COMPLETE', Parameters: [{ ParameterKey: 'ApiName', ParameterValue: 'test_2' }] }), 'update');
    assert.notEqual(updated.ChangeSetId, created.ChangeSetId);
    await cfn().send(new DeleteStackCommand({ StackName: 'lifecycle' }));
    await waitDeleted(updated.StackId!);
    // deletion: the deleted stack, described by its id, has a DeletionTime.
    const [deleted] = (await cfn().send(new DescribeStacksCommand({ StackName: updated.StackId }))).Stacks!;
    assert.deepEqual([deleted.StackStatus, deleted.DeletionTime instanceof Date], ['DELETE_COMPLETE', true]);
  });

  it(`answers as recorded (${API}/test_stacks.snapshot.json#test_update_termination_protection)`, async () => {
    await deploy('protected', SIMPLE_API, { ApiName: 'test_3' });
    const described = () => cfn().send(new DescribeStacksCommand({ StackName: 'protected' }));
    await cfn().send(new UpdateTerminationProtectionCommand({ StackName: 'protected', EnableTerminationProtection: true }));
    matches(await described(), { Stacks: [deployedStack('protected', { EnableTerminationProtection: true, Parameters: [{ ParameterKey: 'ApiName', ParameterValue: 'test_3' }] })] }, 'describe-stack-1');
    // The refusal's wording: AWS's answer as quoted by its users (e.g. aws-samples' SAM workshop).
    await refused(cfn().send(new DeleteStackCommand({ StackName: 'protected' })), 'ValidationError', 'Stack [protected] cannot be deleted while TerminationProtection is enabled');
    await cfn().send(new UpdateTerminationProtectionCommand({ StackName: 'protected', EnableTerminationProtection: false }));
    matches(await described(), { Stacks: [deployedStack('protected', { Parameters: [{ ParameterKey: 'ApiName', ParameterValue: 'test_3' }] })] }, 'describe-stack-2');
  });

  // The recorded stack's resource is not named; an SSM parameter stands in. CreateStack (not a
  // change set): no ChangeSetId, no LastUpdatedTime, no Capabilities.
  it(`answers as recorded (${API}/test_stacks.snapshot.json#test_name_conflicts)`, async () => {
    const create = () => cfn().send(new CreateStackCommand({ StackName: 'conflicts', TemplateBody: JSON.stringify(SSM('v')) }));
    const first = (await create()).StackId!;
    await waitCreated('conflicts');
    await refused(create(), 'AlreadyExistsException', 'Stack [conflicts] already exists');
    await cfn().send(new DeleteStackCommand({ StackName: 'conflicts' }));
    await waitDeleted(first);
    await refused(cfn().send(new DescribeStacksCommand({ StackName: 'conflicts' })), 'ValidationError', 'Stack with id conflicts does not exist');
    const deleted = {
      CreationTime: DATE, DeletionTime: DATE, DisableRollback: false, DriftInformation: { StackDriftStatus: 'NOT_CHECKED' }, NotificationARNs: [],
      RollbackConfiguration: {}, StackId: first, StackName: 'conflicts', StackStatus: 'DELETE_COMPLETE', Tags: [],
    };
    matches(await cfn().send(new DescribeStacksCommand({ StackName: first })), { Stacks: [deleted] }, 'deleted_stack_desc');
    const second = (await create()).StackId!;
    await waitCreated('conflicts');
    assert.notEqual(second, first);
    const fresh = {
      CreationTime: DATE, DisableRollback: false, DriftInformation: { StackDriftStatus: 'NOT_CHECKED' }, EnableTerminationProtection: false,
      NotificationARNs: [], RollbackConfiguration: {}, StackId: second, StackName: 'conflicts', StackStatus: 'CREATE_COMPLETE', Tags: [],
    };
    matches(await cfn().send(new DescribeStacksCommand({ StackName: 'conflicts' })), { Stacks: [fresh] }, 'new_stack_desc');
    matches(await cfn().send(new DescribeStacksCommand({ StackName: first })), { Stacks: [deleted] }, 'stack_id_desc');
    matches(await cfn().send(new DescribeStacksCommand({ StackName: second })), { Stacks: [fresh] }, 'new_stack_id_desc');
  });
});

describe('recorded on AWS: stack resources', () => {
  it(`answers as recorded (${API}/test_resources.snapshot.json#test_describe_non_existent_stack, test_describe_non_existent_resource, test_invalid_logical_resource_id)`, async () => {
    await refused(cfn().send(new DescribeStackResourceCommand({ StackName: 'not-a-valid-stack', LogicalResourceId: 'not-a-valid-resource' })), 'ValidationError', "Stack 'not-a-valid-stack' does not exist");
    const { StackId } = await deploy('resources-stack', SSM('myvalue'));
    await refused(cfn().send(new DescribeStackResourceCommand({ StackName: StackId, LogicalResourceId: 'not-a-valid-resource' })), 'ValidationError', `Resource not-a-valid-resource does not exist for stack ${StackId}`);
    const badId = { Resources: { 'my-bad-resource-id': { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'Foo' } } } };
    await refused(createChangeSet('bad-logical-id', badId), 'ValidationError', 'Template format error: Resource name my-bad-resource-id is non alphanumeric.');
  });
});

describe('recorded on AWS: stack policies', () => {
  // A stack without a policy answers an empty GetStackPolicy. localgate does not implement
  // stack policies: setting one is refused, never silently ignored.
  it(`answers as recorded (${API}/test_stack_policies.snapshot.json#TestStackPolicy::test_policy_lifecycle, initial_policy)`, async () => {
    await deploy('no-policy', SSM('v'));
    matches(await cfn().send(new GetStackPolicyCommand({ StackName: 'no-policy' })), {}, 'initial_policy');
    const policy = JSON.stringify({ Statement: [{ Effect: 'Deny', Action: 'Update:*', Principal: '*', Resource: '*' }] });
    await refused(cfn().send(new UpdateStackCommand({ StackName: 'no-policy', TemplateBody: JSON.stringify(SSM('w')), StackPolicyBody: policy })), 'NotImplemented', 'localgate does not implement stack policies (StackPolicyBody)', 501);
    assert.equal((await cfn().send(new DescribeStacksCommand({ StackName: 'no-policy' }))).Stacks![0].StackStatus, 'CREATE_COMPLETE');
  });
});

describe('recorded on AWS: ListStacks', () => {
  it('answers as recorded (localstack/localstack tests/aws/services/cloudformation/test_list_stacks.snapshot.json#test_listing_stacks)', async () => {
    const template = { Parameters: { ParameterValue: { Type: 'String' } }, Resources: { MyParameter: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { Ref: 'ParameterValue' } } } } };
    const names = ['stack-1-listed', 'stack-2-listed', 'stack-3-listed'];
    for (const [i, name] of names.entries()) await deploy(name, template, { ParameterValue: `${i + 1}-value` });
    const { StackSummaries } = await cfn().send(new ListStacksCommand({}));
    const listed = StackSummaries!.filter((s) => names.includes(s.StackName!)).sort((a, b) => a.StackName!.localeCompare(b.StackName!));
    matches(listed, names.map((name) => ({
      CreationTime: DATE, DriftInformation: { StackDriftStatus: 'NOT_CHECKED' }, LastUpdatedTime: DATE, StackId: STACK_ARN(name), StackName: name, StackStatus: 'CREATE_COMPLETE',
    })), 'stacks');
  });
});

describe('recorded on AWS: CloudFormation stack events', () => {
  // An SSM parameter without its required Type: the resource fails before it is made, its
  // event showing the properties it was given, and the stack rolls back.
  it('answers as recorded (localstack/localstack tests/aws/services/cloudformation/test_template_engine.snapshot.json#TestStackEvents::test_invalid_stack_deploy)', async () => {
    const { StackId } = await createChangeSet('invalid-deploy', { Resources: { MyParameter: { Type: 'AWS::SSM::Parameter', Properties: { Value: 'abc123' } } } });
    await waitChangeSet('invalid-deploy', 'init');
    await cfn().send(new ExecuteChangeSetCommand({ StackName: 'invalid-deploy', ChangeSetName: 'init' }));
    const stack = await settled(StackId!);
    assert.equal(stack.StackStatus, 'ROLLBACK_COMPLETE');
    const { StackEvents } = await cfn().send(new DescribeStackEventsCommand({ StackName: StackId }));
    const failed = StackEvents!.filter((e) => e.ResourceStatus === 'CREATE_FAILED' && e.LogicalResourceId === 'MyParameter');
    matches(failed, [{
      EventId: /^MyParameter-CREATE_FAILED-/, LogicalResourceId: 'MyParameter', PhysicalResourceId: '', ResourceProperties: '{"Value":"abc123"}',
      ResourceStatus: 'CREATE_FAILED', ResourceStatusReason: 'Property validation failure: [The property {/Type} is required]', ResourceType: 'AWS::SSM::Parameter',
      StackId, StackName: 'invalid-deploy', Timestamp: DATE,
    }], 'failed_event');
  });
});

describe('recorded on AWS: CloudFormation templates', () => {
  const SNS_TOPIC_SIMPLE = "AWSTemplateFormatVersion: '2010-09-09'\nMetadata:\n  TopicName: sns-topic-simple\nResources:\n  topic123:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: sns-topic-simple\n    UpdateReplacePolicy: Delete\n    DeletionPolicy: Delete\n";

  // Recorded on a deployed stack; the summary reads the template, so the body itself is asked
  // about here (localgate does not serve SNS). AWS's ResourceIdentifiers are not compared.
  // The recorded template holds an SNS topic; an SSM parameter stands in, the layout kept.
  it(`answers as recorded (${API}/test_stacks.snapshot.json#TestStacksApi::test_get_template[yaml], [json])`, async () => {
    const yaml = 'Resources:\n  param69831491:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Type: String\n      Value: v\nOutputs:\n  ParamType:\n    Value:\n      Fn::GetAtt:\n        - param69831491\n        - Type\n';
    const json = JSON.stringify({ Outputs: { ParamType: { Value: { 'Fn::GetAtt': ['param69831491', 'Type'] } } }, Resources: { param69831491: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'v' } } } });
    for (const [name, body] of [['template-yaml', yaml], ['template-json', json]]) {
      const { StackId } = await deploy(name, body);
      for (const TemplateStage of ['Original', 'Processed'] as const) {
        matches(await cfn().send(new GetTemplateCommand({ StackName: StackId, TemplateStage })), { StagesAvailable: ['Original', 'Processed'], TemplateBody: body }, `template_${TemplateStage.toLowerCase()}`);
      }
    }
  });

  it(`answers as recorded (${API}/test_templates.snapshot.json#test_get_template_summary)`, async () => {
    const summary = await cfn().send(new GetTemplateSummaryCommand({ TemplateBody: SNS_TOPIC_SIMPLE }));
    matches(summary, {
      Metadata: "{'TopicName': 'sns-topic-simple'}", Parameters: [], ResourceIdentifierSummaries: [{ LogicalResourceIds: ['topic123'], ResourceType: 'AWS::SNS::Topic' }],
      ResourceTypes: ['AWS::SNS::Topic'], Version: '2010-09-09',
    }, 'template-summary');
  });

  it(`answers as recorded (${API}/test_templates.snapshot.json#test_get_template_summary_no_resources, test_get_template_summary_non_executed_change_set)`, async () => {
    await refused(cfn().send(new GetTemplateSummaryCommand({ TemplateBody: '{}' })), 'ValidationError', 'Template format error: At least one Resources member must be defined.');
    await createChangeSet('review', SSM('abc'));
    await waitChangeSet('review', 'init');
    await refused(cfn().send(new GetTemplateSummaryCommand({ StackName: 'review' })), 'ValidationError', 'GetTemplateSummary cannot be called on REVIEW_IN_PROGRESS stacks.');
  });

  it(`answers as recorded (${API}/test_templates.snapshot.json#test_get_template_missing_resources_stack, _change_set, _change_set_id)`, async () => {
    await refused(cfn().send(new GetTemplateCommand({ StackName: 'does-not-exist' })), 'ValidationError', 'Stack with id does-not-exist does not exist');
    await refused(cfn().send(new GetTemplateCommand({ ChangeSetName: 'does-not-exist' })), 'ValidationError', 'StackName is a required parameter.');
    const id = 'arn:aws:cloudformation:us-east-1:000000000000:changeSet/change-set-926829fe/d065e78c';
    await refused(cfn().send(new GetTemplateCommand({ ChangeSetName: id })), 'ChangeSetNotFound', `ChangeSet [${id}] does not exist`, 404);
  });

  it(`answers as recorded (${API}/test_templates.snapshot.json#test_validate_template, test_validate_invalid_json_template_should_fail)`, async () => {
    // valid_template.json's first parameter, the one the recording lists.
    const template = {
      Parameters: { KeyExample: { Description: 'The EC2 Key Pair to allow SSH access to the instance', Type: 'AWS::EC2::KeyPair::KeyName' } },
      Resources: { SecurityGroupExample: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'this is an example' } } },
    };
    matches(await cfn().send(new ValidateTemplateCommand({ TemplateBody: JSON.stringify(template) })), {
      Parameters: [{ Description: 'The EC2 Key Pair to allow SSH access to the instance', NoEcho: false, ParameterKey: 'KeyExample' }],
    }, 'validate-template');
    await refused(cfn().send(new ValidateTemplateCommand({ TemplateBody: '{"this is invalid JSON"="bobbins"}' })), 'ValidationError', 'Template format error: JSON not well-formed. (line 1, column 25)');
  });

  it(`answers as recorded (${API}/test_templates.snapshot.json#test_create_stack_from_s3_template_url[s3_url], [http_invalid])`, async () => {
    const create = (TemplateURL: string) => cfn().send(new CreateStackCommand({ StackName: 'from-url', TemplateURL, Parameters: [{ ParameterKey: 'TopicName', ParameterValue: 't' }] }));
    await refused(create('s3://bucket-1/test/template.yml'), 'ValidationError', 'S3 error: Domain name specified in bucket-1 is not a valid S3 domain');
    await refused(create('https://example.com/dummy.yml'), 'ValidationError', 'TemplateURL must be a supported URL.');
    await noStack('from-url');
  });
});

describe('recorded on AWS: UpdateStack', () => {
  const UPDATE = `${API}/test_update_stack.snapshot.json`;
  const BEFORE = '\nResources:\n    SimpleParam:\n        Type: AWS::SSM::Parameter\n        Properties:\n            Value: before-stack-update\n            Type: String\n';
  const AFTER = '\nResources:\n    SimpleParam1:\n        Type: AWS::SSM::Parameter\n        Properties:\n            Value: after-stack-update\n            Type: String\n';

  it(`answers as recorded (${UPDATE}#test_diff_after_update)`, async () => {
    await deploy('diff-after-update', BEFORE);
    await cfn().send(new UpdateStackCommand({ StackName: 'diff-after-update', TemplateBody: AFTER }));
    await waitUpdated('diff-after-update');
    matches(await cfn().send(new GetTemplateCommand({ StackName: 'diff-after-update' })), { StagesAvailable: ['Original', 'Processed'], TemplateBody: AFTER }, 'get-template-response');
    await refused(cfn().send(new UpdateStackCommand({ StackName: 'diff-after-update', TemplateBody: AFTER })), 'ValidationError', 'No updates are to be performed.');
    const [stack] = (await cfn().send(new DescribeStacksCommand({ StackName: 'diff-after-update' }))).Stacks!;
    assert.equal(stack.StackStatus, 'UPDATE_COMPLETE');
  });

  // The recorded stack holds an SNS topic; an SSM parameter stands in, so the refused type is its.
  it(`answers as recorded (${UPDATE}#test_no_template_error, test_update_with_resource_types, test_update_with_invalid_rollback_configuration_errors)`, async () => {
    await deploy('update-checks', BEFORE);
    const update = (input: Partial<ConstructorParameters<typeof UpdateStackCommand>[0]>) => cfn().send(new UpdateStackCommand({ StackName: 'update-checks', ...input }));
    await refused(update({}), 'ValidationError', 'Either Template URL or Template Body must be specified.');
    const changed = AFTER;
    await refused(update({ TemplateBody: changed, ResourceTypes: ['AWS::EC2:*'] }), 'ValidationError', 'Resource type AWS::SSM::Parameter is not allowed by parameter ResourceTypes [AWS::EC2:*]');
    await refused(update({ TemplateBody: changed, ResourceTypes: ['AWS::EC2::*'] }), 'ValidationError', 'Resource type AWS::SSM::Parameter is not allowed by parameter ResourceTypes [AWS::EC2::*]');
    await refused(update({ UsePreviousTemplate: true, RollbackConfiguration: { RollbackTriggers: [{ Arn: 'abc123', Type: 'Another' }] } }), 'ValidationError', 'Rollback Trigger Type not supported');
    await refused(
      update({ UsePreviousTemplate: true, RollbackConfiguration: { RollbackTriggers: [{ Arn: 'arn:aws:cloudwatch:us-east-1:123456789012:example-name', Type: 'AWS::CloudWatch::Alarm' }] } }),
      'ValidationError',
      "RelativeId of a Rollback Trigger's ARN is incorrect",
    );
    // Refused requests change nothing; the allowed type goes through.
    const [before] = (await cfn().send(new DescribeStacksCommand({ StackName: 'update-checks' }))).Stacks!;
    assert.equal(before.StackStatus, 'CREATE_COMPLETE');
    await update({ TemplateBody: changed, ResourceTypes: ['AWS::SSM::Parameter'] });
    await waitUpdated('update-checks');
  });
});
