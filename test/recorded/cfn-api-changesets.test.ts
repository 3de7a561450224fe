// Change sets as recorded on AWS: several CREATE change sets on a stack in review, a stack
// id as StackName, CreateStack on a stack in review, names reused after a delete, a change
// set without changes, and the errors for change sets that are not there, compared with
// LocalStack's aws-validated recordings (api/test_changesets.snapshot.json). The recorded
// tests' MINIMAL_TEMPLATE is an SSM parameter named SimpleParam, as the recordings show.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  type Capability,
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import { CHANGE_SET_ARN, cfnApi, DATE, matches, refused, STACK_ARN } from './cfn-api-steps.ts';

const SNAPSHOT = 'localstack/localstack tests/aws/services/cloudformation/api/test_changesets.snapshot.json';
const { cfn, close, waitChangeSet, waitCreated, waitDeleted } = cfnApi();
after(close);

const MINIMAL_TEMPLATE = 'Resources:\n  SimpleParam:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Value: test\n      Type: String\n';
const createChangeSet = (StackName: string, ChangeSetName: string, TemplateBody = MINIMAL_TEMPLATE, extra: object = {}) =>
  cfn().send(new CreateChangeSetCommand({ StackName, ChangeSetName, ChangeSetType: 'CREATE', TemplateBody, ...extra }));
const describeStack = async (StackName: string) => (await cfn().send(new DescribeStacksCommand({ StackName }))).Stacks!;
const describeChangeSet = (ChangeSetName: string, StackName?: string) => cfn().send(new DescribeChangeSetCommand({ ChangeSetName, StackName }));

/** A change set adding SimpleParam, as recorded (no Parameters, no Tags: the template has neither). */
const addsSimpleParam = (stack: string, stackId: unknown, name: string, ExecutionStatus: string) => ({
  Capabilities: [], ChangeSetId: CHANGE_SET_ARN(name), ChangeSetName: name,
  Changes: [{ ResourceChange: { Action: 'Add', Details: [], LogicalResourceId: 'SimpleParam', ResourceType: 'AWS::SSM::Parameter', Scope: [] }, Type: 'Resource' }],
  CreationTime: DATE, ExecutionStatus, IncludeNestedStacks: false, NotificationARNs: [], RollbackConfiguration: {}, StackId: stackId, StackName: stack,
  Status: 'CREATE_COMPLETE',
});
/** A stack that only has change sets so far. */
const inReview = (stack: string, StackId: unknown) => ({
  CreationTime: DATE, DisableRollback: false, DriftInformation: { StackDriftStatus: 'NOT_CHECKED' }, EnableTerminationProtection: false,
  NotificationARNs: [], RollbackConfiguration: {}, StackId, StackName: stack, StackStatus: 'REVIEW_IN_PROGRESS', StackStatusReason: 'User Initiated', Tags: [],
});

describe('recorded on AWS: CloudFormation change sets', () => {
  it(`answers as recorded (${SNAPSHOT}#test_multiple_create_changeset)`, async () => {
    const initial = await createChangeSet('repeated-stack', 'initial-changeset');
    await waitChangeSet('repeated-stack', 'initial-changeset');
    matches(await describeChangeSet(initial.Id!), addsSimpleParam('repeated-stack', STACK_ARN('repeated-stack'), 'initial-changeset', 'AVAILABLE'), 'initial_changeset');
    const additional = await createChangeSet('repeated-stack', 'additionalchangeset');
    matches(additional, { Id: CHANGE_SET_ARN('additionalchangeset'), StackId: initial.StackId }, 'additional_changeset');
    await waitChangeSet('repeated-stack', 'additionalchangeset');
  });

  it(`answers as recorded (${SNAPSHOT}#test_create_changeset_with_stack_id)`, async () => {
    const initial = await createChangeSet('stack-by-id', 'initial-changeset');
    await waitChangeSet('stack-by-id', 'initial-changeset');
    const additional = await createChangeSet(initial.StackId!, 'additional-create');
    assert.equal(additional.StackId, initial.StackId);
    await waitChangeSet('stack-by-id', 'additional-create');
    matches(await describeStack(initial.StackId!), [inReview('stack-by-id', initial.StackId)], 'describe_stack');
    await cfn().send(new DeleteStackCommand({ StackName: 'stack-by-id' }));
    await waitDeleted(initial.StackId!);
    assert.equal((await describeStack(initial.StackId!))[0].StackStatus, 'DELETE_COMPLETE');
    await refused(
      createChangeSet(initial.StackId!, 'revived-stack-changeset'),
      'ValidationError',
      `Stack [${initial.StackId}] already exists and cannot be created again with the changeSet [revived-stack-changeset].`,
    );
  });

  it(`answers as recorded (${SNAPSHOT}#test_create_while_in_review)`, async () => {
    const changeSet = await createChangeSet('in-review', 'changeset');
    await waitChangeSet('in-review', 'changeset');
    matches(await cfn().send(new CreateStackCommand({ StackName: 'in-review', TemplateBody: MINIMAL_TEMPLATE })), { StackId: changeSet.StackId }, 'create_stack_while_in_review');
    await waitCreated('in-review');
    matches(await describeStack(changeSet.StackId!), [{
      CreationTime: DATE, DisableRollback: false, DriftInformation: { StackDriftStatus: 'NOT_CHECKED' }, EnableTerminationProtection: false,
      NotificationARNs: [], RollbackConfiguration: {}, StackId: changeSet.StackId, StackName: 'in-review', StackStatus: 'CREATE_COMPLETE', Tags: [],
    }], 'describe_stack');
    matches(await describeChangeSet(changeSet.Id!), addsSimpleParam('in-review', changeSet.StackId, 'changeset', 'OBSOLETE'), 'describe_change_set');
  });

  it(`answers as recorded (${SNAPSHOT}#test_name_conflicts)`, async () => {
    const initial = await createChangeSet('conflicting', 'initial-changeset');
    await waitChangeSet('conflicting', 'initial-changeset');
    await cfn().send(new ExecuteChangeSetCommand({ StackName: 'conflicting', ChangeSetName: 'initial-changeset' }));
    await waitCreated('conflicting');
    await refused(createChangeSet('conflicting', 'initial-changeset'), 'ValidationError', 'Stack [conflicting] already exists and cannot be created again with the changeSet [initial-changeset].');
    await cfn().send(new DeleteStackCommand({ StackName: 'conflicting' }));
    await waitDeleted(initial.StackId!);
    const second = await createChangeSet('conflicting', 'initial-changeset');
    assert.notEqual(second.Id, initial.Id);
    assert.notEqual(second.StackId, initial.StackId);
    await waitChangeSet('conflicting', 'initial-changeset');
    matches(await describeStack('conflicting'), [inReview('conflicting', second.StackId)], 'new_stack_desc');
    // The deleted stack keeps its last update (the change set's execution) but no change set id.
    matches(await describeStack(initial.StackId!), [{
      CreationTime: DATE, DeletionTime: DATE, DisableRollback: false, DriftInformation: { StackDriftStatus: 'NOT_CHECKED' }, LastUpdatedTime: DATE,
      NotificationARNs: [], RollbackConfiguration: {}, StackId: initial.StackId, StackName: 'conflicting', StackStatus: 'DELETE_COMPLETE', Tags: [],
    }], 'stack_id_desc');
    matches(await describeStack(second.StackId!), [inReview('conflicting', second.StackId)], 'new_stack_id_desc');
    matches(await describeChangeSet(initial.Id!), addsSimpleParam('conflicting', initial.StackId, 'initial-changeset', 'EXECUTE_COMPLETE'), 'initial_changeset_id_desc');
    matches(await describeChangeSet(second.Id!), addsSimpleParam('conflicting', second.StackId, 'initial-changeset', 'AVAILABLE'), 'second_initial_changeset_id_desc');
  });

  // cdkmetadata.yaml holds one AWS::CDK::Metadata resource; ours has the same shape.
  const CDK_METADATA = 'Resources:\n  CDKMetadata:\n    Type: AWS::CDK::Metadata\n    Properties:\n      Analytics: v2:deflate64:H4sIAAAAAAAA/zPSMzQ01DNQTCwv1k1OydbNyUzVqw4uSUzO1kksL9YNCMrPyU/OSK0CAKNmQ8MiAAAA\n';
  const CAPABILITIES: { Capabilities: Capability[] } = { Capabilities: ['CAPABILITY_AUTO_EXPAND', 'CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'] };

  it(`answers as recorded (${SNAPSHOT}#test_empty_changeset)`, async () => {
    const first = await createChangeSet('empty-changes', 'change-set', CDK_METADATA, CAPABILITIES);
    await waitChangeSet('empty-changes', 'change-set');
    const common = { Capabilities: [...CAPABILITIES.Capabilities], CreationTime: DATE, IncludeNestedStacks: false, NotificationARNs: [], RollbackConfiguration: {}, StackId: first.StackId, StackName: 'empty-changes' };
    matches(await describeChangeSet(first.Id!, 'empty-changes'), {
      ...common, ChangeSetId: first.Id, ChangeSetName: 'change-set', ExecutionStatus: 'AVAILABLE', Status: 'CREATE_COMPLETE',
      Changes: [{ ResourceChange: { Action: 'Add', Details: [], LogicalResourceId: 'CDKMetadata', ResourceType: 'AWS::CDK::Metadata', Scope: [] }, Type: 'Resource' }],
    }, 'describe_first_cs');
    await cfn().send(new ExecuteChangeSetCommand({ StackName: 'empty-changes', ChangeSetName: first.Id }));
    await waitCreated('empty-changes');
    const nochange = await cfn().send(new CreateChangeSetCommand({ StackName: 'empty-changes', ChangeSetName: 'change-set-nochange', ChangeSetType: 'UPDATE', TemplateBody: CDK_METADATA, ...CAPABILITIES }));
    matches(nochange, { Id: CHANGE_SET_ARN('change-set-nochange'), StackId: first.StackId }, 'nochange_changeset');
    // The change set is computed in the background; wait until it has failed.
    await waitChangeSet('empty-changes', 'change-set-nochange').catch(() => undefined);
    matches(await describeChangeSet(nochange.Id!, 'empty-changes'), {
      ...common, ChangeSetId: nochange.Id, ChangeSetName: 'change-set-nochange', Changes: [], ExecutionStatus: 'UNAVAILABLE', Status: 'FAILED',
      StatusReason: "The submitted information didn't contain changes. Submit different information to create a change set.",
    }, 'describe_nochange');
    await refused(
      cfn().send(new ExecuteChangeSetCommand({ StackName: 'empty-changes', ChangeSetName: nochange.Id })),
      'InvalidChangeSetStatus',
      `ChangeSet [${nochange.Id}] cannot be executed in its current status of [FAILED]`,
    );
  });

  it(`answers as recorded (${SNAPSHOT}#test_deleted_changeset, test_describe_change_set_nonexisting, test_delete_change_set_exception)`, async () => {
    const created = await createChangeSet('deleted-changeset', 'changeset', CDK_METADATA, CAPABILITIES);
    await waitChangeSet('deleted-changeset', 'changeset');
    await cfn().send(new DeleteChangeSetCommand({ StackName: 'deleted-changeset', ChangeSetName: created.Id }));
    await refused(describeChangeSet(created.Id!, 'deleted-changeset'), 'ChangeSetNotFound', `ChangeSet [${created.Id}] does not exist`, 404);
    await refused(describeChangeSet('DoesNotExist', 'somestack'), 'ValidationError', 'Stack [somestack] does not exist');
    await refused(cfn().send(new DeleteChangeSetCommand({ StackName: 'nostack', ChangeSetName: 'DoesNotExist' })), 'ValidationError', 'Stack [nostack] does not exist');
    await refused(cfn().send(new DeleteChangeSetCommand({ ChangeSetName: 'DoesNotExist' })), 'ValidationError', 'StackName must be specified if ChangeSetName is not specified as an ARN.');
  });

  // TestChangeSetDiff: an UPDATE change set's details say what changed each property: the
  // template itself (static) or an attribute of a resource the update changes (dynamic).
  it(`answers as recorded (${SNAPSHOT}#TestChangeSetDiff::TestSingleResource::test_static_change, TestTwoResources::test_static_change)`, async () => {
    const template = (value: string) => JSON.stringify({
      Resources: {
        Parameter1: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: value } },
        Parameter2: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { 'Fn::GetAtt': ['Parameter1', 'Value'] } } },
      },
    });
    const created = await createChangeSet('diffs', 'initial', template('first'));
    await waitChangeSet('diffs', 'initial');
    await cfn().send(new ExecuteChangeSetCommand({ StackName: 'diffs', ChangeSetName: 'initial' }));
    await waitCreated('diffs');
    const physical = await cfn().send(new DescribeStackResourcesCommand({ StackName: 'diffs' }));
    const physicalId = (id: string) => physical.StackResources!.find((r) => r.LogicalResourceId === id)!.PhysicalResourceId;
    await cfn().send(new CreateChangeSetCommand({ StackName: created.StackId, ChangeSetName: 'update', ChangeSetType: 'UPDATE', TemplateBody: template('second') }));
    await waitChangeSet('diffs', 'update');
    const modified = (LogicalResourceId: string, details: object[]) => ({
      Type: 'Resource',
      ResourceChange: {
        Action: 'Modify', LogicalResourceId, PhysicalResourceId: physicalId(LogicalResourceId), ResourceType: 'AWS::SSM::Parameter', Replacement: 'False', Scope: ['Properties'],
        Details: details.map((detail) => ({ Target: { Attribute: 'Properties', Name: 'Value', RequiresRecreation: 'Never' }, ...detail })),
      },
    });
    const { Changes } = await describeChangeSet('update', 'diffs');
    matches(Changes, [
      modified('Parameter1', [{ Evaluation: 'Static', ChangeSource: 'DirectModification' }]),
      modified('Parameter2', [{ Evaluation: 'Dynamic', ChangeSource: 'ResourceAttribute', CausingEntity: 'Parameter1.Value' }]),
    ], 'changes');
  });
});
