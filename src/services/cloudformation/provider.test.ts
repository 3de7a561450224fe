import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResourceType } from '../../cloudformation/resource.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import { NO_CHANGES } from './change-sets.ts';
import { CloudFormationProvider } from './provider.ts';
import { CloudFormationStore } from './store.ts';

function setup() {
  const live = new Map<string, Record<string, unknown>>();
  let n = 0;
  const thing: ResourceType = {
    type: 'Test::Thing',
    replaceOn: ['Name'],
    async create(props) {
      if (props.Fail) throw new Error('no thanks');
      const id = `thing-${++n}`;
      live.set(id, props);
      return { physicalId: id, attributes: { Arn: `arn:thing:${id}` } };
    },
    async update(id, _old, props) {
      live.set(id, props);
      return { physicalId: id, attributes: { Arn: `arn:thing:${id}` } };
    },
    async delete(id, props) {
      if (props.FailDelete) throw new Error('still in use');
      live.delete(id);
    },
  };
  const types = (t: string) => (t === 'Test::Thing' ? thing : undefined);
  const p = new CloudFormationProvider({ store: new CloudFormationStore(), services: {} as any, types });
  const ctx = { account: '111122223333', region: 'eu-central-1', requestId: 'r', baseUrl: 'http://localhost', caller: {} } as unknown as RequestContext;
  return { p, ctx, live };
}

const template = (resources: Record<string, unknown>, extra: Record<string, unknown> = {}) => JSON.stringify({ Resources: resources, ...extra });
const rejects = async (promise: unknown, code: string, message: string) =>
  assert.rejects(async () => promise, (err: any) => {
    assert.equal(err.code, code);
    assert.equal(err.message, message);
    return true;
  });

const withParams = template({ A: { Type: 'Test::Thing', Properties: { Name: { Ref: 'Secret' }, Size: { Ref: 'Size' } } } }, {
  Description: 'demo',
  Parameters: { Secret: { Type: 'String', NoEcho: true }, Size: { Type: 'Number', Default: 3, MinValue: 1 } },
  Outputs: { Arn: { Value: { 'Fn::GetAtt': ['A', 'Arn'] }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-arn' } } } },
});

test('CreateStack answers at once, runs in the background, and masks NoEcho parameters', async () => {
  const { p, ctx, live } = setup();
  const { StackId } = await p.createStack({ StackName: 'demo', TemplateBody: withParams, Parameters: [{ ParameterKey: 'Secret', ParameterValue: 'hunter2' }] }, ctx);
  assert.match(StackId!, /^arn:aws:cloudformation:eu-central-1:111122223333:stack\/demo\/[0-9a-f-]{36}$/);
  assert.equal(p.describeStacks({ StackName: 'demo' }, ctx).Stacks![0].StackStatus, 'CREATE_IN_PROGRESS');
  await p.settled();
  const [stack] = p.describeStacks({ StackName: StackId }, ctx).Stacks!;
  assert.equal(stack.StackStatus, 'CREATE_COMPLETE');
  assert.equal(stack.Description, 'demo');
  assert.deepEqual(stack.Parameters, [{ ParameterKey: 'Secret', ParameterValue: '****' }, { ParameterKey: 'Size', ParameterValue: '3' }]);
  assert.deepEqual(stack.Outputs, [{ OutputKey: 'Arn', OutputValue: 'arn:thing:thing-1', ExportName: 'demo-arn' }]);
  assert.deepEqual([...live.values()], [{ Name: 'hunter2', Size: '3' }]);
  assert.deepEqual(p.listExports({}, ctx).Exports, [{ Name: 'demo-arn', Value: 'arn:thing:thing-1', ExportingStackId: StackId }]);
  await rejects((async () => p.listImports({ ExportName: 'demo-arn' }, ctx))(), 'ValidationError', "Export 'demo-arn' is not imported by any stack.");
  assert.deepEqual(p.listStackResources({ StackName: 'demo' }, ctx).StackResourceSummaries!.map((r) => [r.LogicalResourceId, r.PhysicalResourceId, r.ResourceStatus]), [['A', 'thing-1', 'CREATE_COMPLETE']]);
  assert.equal(p.describeStackResource({ StackName: 'demo', LogicalResourceId: 'A' }, ctx).StackResourceDetail!.ResourceType, 'Test::Thing');
  assert.equal(p.getTemplate({ StackName: 'demo' }, ctx).TemplateBody, withParams);
  const events = p.describeStackEvents({ StackName: 'demo' }, ctx).StackEvents!;
  assert.deepEqual(events.map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}`), [
    'demo CREATE_COMPLETE', 'A CREATE_COMPLETE', 'A CREATE_IN_PROGRESS', 'A CREATE_IN_PROGRESS', 'demo CREATE_IN_PROGRESS',
  ]);
  await rejects(p.updateStack({ StackName: 'demo', UsePreviousTemplate: true, Parameters: [{ ParameterKey: 'Secret', UsePreviousValue: true }] }, ctx), 'ValidationError', 'No updates are to be performed.');
  await p.updateStack({ StackName: 'demo', UsePreviousTemplate: true, Parameters: [{ ParameterKey: 'Secret', UsePreviousValue: true }, { ParameterKey: 'Size', ParameterValue: '4' }] }, ctx);
  await p.settled();
  assert.equal(p.describeStacks({ StackName: 'demo' }, ctx).Stacks![0].StackStatus, 'UPDATE_COMPLETE');
  assert.deepEqual([...live.values()], [{ Name: 'hunter2', Size: '4' }]);
  p.deleteStack({ StackName: 'demo' }, ctx);
  await p.settled();
  assert.equal(live.size, 0);
  await rejects((async () => p.describeStacks({ StackName: 'demo' }, ctx))(), 'ValidationError', 'Stack with id demo does not exist');
  assert.equal(p.describeStacks({ StackName: StackId }, ctx).Stacks![0].StackStatus, 'DELETE_COMPLETE');
  assert.deepEqual(p.listStacks({}, ctx).StackSummaries!.map((s) => s.StackStatus), ['DELETE_COMPLETE']);
  assert.deepEqual(p.listExports({}, ctx).Exports, []);
});

test('bad templates and requests get ValidationError and create nothing', async () => {
  const { p, ctx, live } = setup();
  const cases: Array<[string, string, string?]> = [
    ['Resources:\n  A: [', 'Template format error: YAML not well-formed. (line 2, column 7)'],
    [template({ A: { Type: 'Test::Thing', Properties: { X: { Ref: 'B' } } }, B: { Type: 'Test::Thing', Properties: { X: { 'Fn::GetAtt': ['A', 'Arn'] } } } }), 'Circular dependency between resources: [A, B]'],
    [template({ A: { Type: 'Test::Thing', Properties: { X: { Ref: 'Nope' } } } }), 'Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template'],
    [template({ A: { Type: 'Test::Thing', DependsOn: 'Ghost' } }), 'Template format error: Unresolved resource dependencies [Ghost] in the Resources block of the template'],
    [template({ A: { Type: 'Test::Thing', Properties: { X: { 'Fn::GetAtt': ['Ghost', 'Arn'] } } } }), 'Template error: instance of Fn::GetAtt references undefined resource Ghost'],
    [template({ A: { Type: 'Test::Thing', Properties: { X: { 'Fn::Nope': 1 } } } }), 'Template format error: Encountered unsupported function: Fn::Nope Supported functions are: [Fn::Base64, Fn::Cidr, Fn::FindInMap, Fn::GetAtt, Fn::GetAZs, Fn::ImportValue, Fn::Join, Fn::Select, Fn::Split, Fn::Sub, Fn::If, Fn::Equals, Fn::And, Fn::Or, Fn::Not, Fn::Transform]'],
    [template({ A: { Type: 'Test::Thing' } }, { Parameters: { Env: { Type: 'String' } } }), 'Parameters: [Env] must have values'],
    [template({ A: { Type: 'Test::Thing' } }, { Parameters: { Env: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'] } }, Rules: { ProdOnly: { Assertions: [{ Assert: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, AssertDescription: 'Env must be prod' }] } } }), 'Env must be prod'],
    [template({ A: { Type: 'Test::Thing' } }, { Parameters: { Env: { Type: 'String', Default: 'qa', AllowedValues: ['dev', 'prod'] } } }), "Parameter 'Env' must be one of AllowedValues"],
    [template({ R: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'x' } } }), 'Requires capabilities : [CAPABILITY_NAMED_IAM]', 'InsufficientCapabilitiesException'],
  ];
  for (const [body, message, code] of cases) {
    await rejects(p.createStack({ StackName: 'bad', TemplateBody: body }, ctx), code ?? 'ValidationError', message);
    await rejects(p.createChangeSet({ StackName: 'bad', ChangeSetName: 'cs', ChangeSetType: 'CREATE', TemplateBody: body }, ctx), code ?? 'ValidationError', message);
  }
  await rejects(p.createStack({ StackName: 'bad', TemplateURL: 'https://example.com/t.yaml' }, ctx), 'ValidationError', 'TemplateURL must be a supported URL.');
  await rejects(p.createStack({ StackName: '1bad', TemplateBody: '{}' }, ctx), 'ValidationError', "1 validation error detected: Value '1bad' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*");
  await rejects(p.createStack({ StackName: 'bad', TemplateBody: ' '.repeat(51_201) }, ctx), 'ValidationError', "1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to 51200");
  assert.deepEqual(p.listStacks({}, ctx).StackSummaries, []);
  assert.equal(live.size, 0);
  await rejects((async () => p.describeStackEvents({ StackName: 'bad' }, ctx))(), 'ValidationError', 'Stack [bad] does not exist');
  await rejects(p.updateStack({ StackName: 'bad', TemplateBody: '{}' }, ctx), 'ValidationError', 'Stack [bad] does not exist');
});

test('a ROLLBACK_COMPLETE stack must be deleted before it is created again', async () => {
  const { p, ctx, live } = setup();
  const body = template({ A: { Type: 'Test::Thing', Properties: { Name: 'a' } }, B: { Type: 'Test::Thing', DependsOn: 'A', Properties: { Fail: true } } });
  await p.createStack({ StackName: 'rb', TemplateBody: body }, ctx);
  await p.settled();
  const [stack] = p.describeStacks({ StackName: 'rb' }, ctx).Stacks!;
  assert.equal(stack.StackStatus, 'ROLLBACK_COMPLETE');
  assert.equal(stack.StackStatusReason, undefined);
  assert.equal(live.size, 0);
  await rejects(p.createStack({ StackName: 'rb', TemplateBody: body }, ctx), 'AlreadyExistsException', 'Stack [rb] already exists');
  await rejects(p.updateStack({ StackName: 'rb', TemplateBody: body }, ctx), 'ValidationError', `Stack:${stack.StackId} is in ROLLBACK_COMPLETE state and can not be updated.`);
  p.deleteStack({ StackName: 'rb' }, ctx);
  await p.settled();
  await p.createStack({ StackName: 'rb', TemplateBody: template({ A: { Type: 'Test::Thing', Properties: { Name: 'a' } } }) }, ctx);
  await p.settled();
  assert.equal(p.describeStacks({ StackName: 'rb' }, ctx).Stacks![0].StackStatus, 'CREATE_COMPLETE');
});

test('change sets: CREATE on a new stack, then UPDATE with replacement flags, and an empty one', async () => {
  const { p, ctx, live } = setup();
  const v1 = template({ A: { Type: 'Test::Thing', Properties: { Name: 'a', Size: 1 } }, B: { Type: 'Test::Thing', Properties: { Name: 'b' } } });
  const created = await p.createChangeSet({ StackName: 'cs', ChangeSetName: 'first', ChangeSetType: 'CREATE', TemplateBody: v1 }, ctx);
  assert.match(created.Id!, /^arn:aws:cloudformation:eu-central-1:111122223333:changeSet\/first\/[0-9a-f-]{36}$/);
  assert.equal(p.describeStacks({ StackName: 'cs' }, ctx).Stacks![0].StackStatus, 'REVIEW_IN_PROGRESS');
  await p.settled();
  let described = p.describeChangeSet({ ChangeSetName: 'first', StackName: 'cs' }, ctx);
  assert.equal(described.Status, 'CREATE_COMPLETE');
  assert.equal(described.ExecutionStatus, 'AVAILABLE');
  assert.deepEqual(described.Changes!.map((c) => [c.ResourceChange!.Action, c.ResourceChange!.LogicalResourceId]), [['Add', 'A'], ['Add', 'B']]);
  assert.equal(live.size, 0, 'nothing runs before execution');
  p.executeChangeSet({ ChangeSetName: created.Id! }, ctx);
  await p.settled();
  assert.equal(p.describeStacks({ StackName: 'cs' }, ctx).Stacks![0].StackStatus, 'CREATE_COMPLETE');
  assert.equal(p.describeChangeSet({ ChangeSetName: created.Id! }, ctx).ExecutionStatus, 'EXECUTE_COMPLETE');

  await p.createChangeSet({ StackName: 'cs', ChangeSetName: 'same', TemplateBody: v1 }, ctx);
  await p.settled();
  described = p.describeChangeSet({ ChangeSetName: 'same', StackName: 'cs' }, ctx);
  assert.equal(described.Status, 'FAILED');
  assert.equal(described.StatusReason, NO_CHANGES);
  assert.equal(described.ExecutionStatus, 'UNAVAILABLE');
  assert.throws(() => p.executeChangeSet({ ChangeSetName: 'same', StackName: 'cs' }, ctx), (err: any) => err.code === 'InvalidChangeSetStatus');

  const v2 = template({ A: { Type: 'Test::Thing', Properties: { Name: 'a2', Size: 1 } }, B: { Type: 'Test::Thing', Properties: { Name: 'b', Size: 2 } }, C: { Type: 'Test::Thing' } });
  await p.createChangeSet({ StackName: 'cs', ChangeSetName: 'second', TemplateBody: v2 }, ctx);
  await p.settled();
  described = p.describeChangeSet({ ChangeSetName: 'second', StackName: 'cs' }, ctx);
  assert.deepEqual(described.Changes!.map((c) => [c.ResourceChange!.Action, c.ResourceChange!.LogicalResourceId, c.ResourceChange!.Replacement, c.ResourceChange!.Details!.map((d) => `${d.Target!.Name}:${d.Target!.RequiresRecreation}`)]), [
    ['Modify', 'A', 'True', ['Name:Always']],
    ['Modify', 'B', 'False', ['Size:Never']],
    ['Add', 'C', undefined, []],
  ]);
  assert.deepEqual(p.listChangeSets({ StackName: 'cs' }, ctx).Summaries!.map((s) => [s.ChangeSetName, s.Status]), [['first', 'CREATE_COMPLETE'], ['same', 'FAILED'], ['second', 'CREATE_COMPLETE']]);
  p.deleteChangeSet({ ChangeSetName: 'same', StackName: 'cs' }, ctx);
  assert.throws(() => p.describeChangeSet({ ChangeSetName: 'same', StackName: 'cs' }, ctx), (err: any) => err.code === 'ChangeSetNotFound' && err.status === 404 && err.message === 'ChangeSet [same] does not exist');
  // Deleting it again succeeds, as on AWS (serverless deploy and cdk deploy clear their change set
  // name before every update); on a stack that does not exist it is the stack's ValidationError.
  assert.deepEqual(p.deleteChangeSet({ ChangeSetName: 'same', StackName: 'cs' }, ctx), {});
  assert.throws(() => p.deleteChangeSet({ ChangeSetName: 'same', StackName: 'nope' }, ctx), (err: any) => err.code === 'ValidationError' && err.message === 'Stack [nope] does not exist');
  p.executeChangeSet({ ChangeSetName: 'second', StackName: 'cs' }, ctx);
  await p.settled();
  assert.equal(p.describeStacks({ StackName: 'cs' }, ctx).Stacks![0].StackStatus, 'UPDATE_COMPLETE');
  assert.deepEqual([...live.values()].map((v) => v.Name).sort(), ['a2', 'b', undefined]);
});

test('a CREATE change set cannot target an existing stack; unsupported types can be skipped by tag', async () => {
  const { p, ctx } = setup();
  const body = template({ A: { Type: 'Test::Thing' }, Q: { Type: 'AWS::SQS::Queue' } });
  await p.createStack({ StackName: 'sk', TemplateBody: body, Tags: [{ Key: 'localgate:skip-unsupported', Value: 'true' }] }, ctx);
  await p.settled();
  assert.equal(p.describeStacks({ StackName: 'sk' }, ctx).Stacks![0].StackStatus, 'CREATE_COMPLETE');
  assert.equal(p.describeStackResource({ StackName: 'sk', LogicalResourceId: 'Q' }, ctx).StackResourceDetail!.ResourceStatusReason, 'Skipped: localgate does not support resource type AWS::SQS::Queue');
  await rejects(p.createChangeSet({ StackName: 'sk', ChangeSetName: 'again', ChangeSetType: 'CREATE', TemplateBody: body }, ctx), 'ValidationError', 'Stack [sk] already exists and cannot be created again with the changeSet [again].');
});

test('a resource that fails to delete leaves DELETE_FAILED; RetainResources then completes the delete', async () => {
  const { p, ctx, live } = setup();
  await p.createStack({ StackName: 'df', TemplateBody: template({ A: { Type: 'Test::Thing', Properties: { FailDelete: true } }, B: { Type: 'Test::Thing' } }) }, ctx);
  await p.settled();
  assert.throws(() => p.deleteStack({ StackName: 'df', RetainResources: ['A'] }, ctx), /RetainResources can only be specified when the stack is in the DELETE_FAILED state/);
  p.deleteStack({ StackName: 'df' }, ctx);
  await p.settled();
  const [stack] = p.describeStacks({ StackName: 'df' }, ctx).Stacks!;
  assert.equal(stack.StackStatus, 'DELETE_FAILED');
  assert.equal(stack.StackStatusReason, 'The following resource(s) failed to delete: [A]. ');
  assert.equal(p.describeStackResource({ StackName: 'df', LogicalResourceId: 'A' }, ctx).StackResourceDetail!.ResourceStatusReason, 'still in use');
  assert.equal(live.size, 1);
  p.deleteStack({ StackName: 'df', RetainResources: ['A'] }, ctx);
  await p.settled();
  assert.equal(p.describeStacks({ StackName: stack.StackId }, ctx).Stacks![0].StackStatus, 'DELETE_COMPLETE');
  assert.equal(live.size, 1, 'A is retained');
});

test('a stack is not deleted while an update runs; termination protection refuses a delete', async () => {
  const { p, ctx, live } = setup();
  await p.createStack({ StackName: 'busy', TemplateBody: template({ A: { Type: 'Test::Thing', Properties: { Name: 'a' } } }) }, ctx);
  await p.settled();
  await p.updateStack({ StackName: 'busy', TemplateBody: template({ A: { Type: 'Test::Thing', Properties: { Name: 'b' } } }) }, ctx);
  assert.equal(p.describeStacks({ StackName: 'busy' }, ctx).Stacks![0].StackStatus, 'UPDATE_IN_PROGRESS');
  assert.throws(() => p.deleteStack({ StackName: 'busy' }, ctx), (err: any) => err.code === 'ValidationError' && err.message === 'Stack [busy] cannot be deleted while in status UPDATE_IN_PROGRESS');
  await p.settled();
  p.updateTerminationProtection({ StackName: 'busy', EnableTerminationProtection: true }, ctx);
  assert.throws(() => p.deleteStack({ StackName: 'busy' }, ctx), (err: any) => err.message === 'Stack [busy] cannot be deleted while TerminationProtection is enabled');
  p.updateTerminationProtection({ StackName: 'busy', EnableTerminationProtection: false }, ctx);
  p.deleteStack({ StackName: 'busy' }, ctx);
  await p.settled();
  assert.equal(live.size, 0);
});
