// Change sets: CreateChangeSet validates at once and computes the changes in the background
// (CREATE_PENDING -> CREATE_COMPLETE, or FAILED when nothing changes, worded as
// `aws cloudformation deploy` expects); a CREATE change set on a new stack makes a
// REVIEW_IN_PROGRESS stack; executing one runs the stack operation.
import { randomUUID } from 'node:crypto';
import { validationError } from '../../cloudformation/errors.ts';
import { describeParameters } from '../../cloudformation/parameters.ts';
import { Operation } from '../../cloudformation/operation.ts';
import { planChanges, type ResourcePlan } from '../../cloudformation/plan.ts';
import { newStack, setStackStatus, skipsUnsupported, type StackRecord } from '../../cloudformation/stack.ts';
import { cloudformationErrors } from '../../models/cloudformation.errors.ts';
import type * as T from '../../models/cloudformation.types.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import { AwsError } from '../../protocol/errors.ts';
import type { CloudFormationProvider } from './provider.ts';
import { checkResourceTypes, checkRollbackConfiguration } from './request-checks.ts';
import type { ChangeSetRecord } from './store.ts';
import * as views from './views.ts';

const CHANGE_SET_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;
export const NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set.";

export async function create(p: CloudFormationProvider, input: T.CreateChangeSetInput, ctx: RequestContext): Promise<T.CreateChangeSetOutput> {
  p.checkStackName(input.StackName, true);
  if (!CHANGE_SET_NAME.test(input.ChangeSetName)) {
    throw validationError(`1 validation error detected: Value '${input.ChangeSetName}' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`);
  }
  const scope = p.store.scope(ctx.account, ctx.region);
  const type = input.ChangeSetType ?? 'UPDATE';
  if (type !== 'CREATE' && type !== 'UPDATE') throw validationError(`ChangeSetType ${type} is not supported by localgate`);
  let stack = p.store.find(ctx.account, ctx.region, input.StackName);
  if (!stack && input.StackName.startsWith('arn:')) throw validationError(`Stack [${input.StackName}] does not exist`);
  const isNew = !stack;
  if (type === 'CREATE' && stack && stack.status !== 'REVIEW_IN_PROGRESS') {
    throw validationError(`Stack [${input.StackName}] already exists and cannot be created again with the changeSet [${input.ChangeSetName}].`);
  }
  if (type === 'UPDATE') {
    if (!stack) throw validationError(`Stack [${input.StackName}] does not exist`);
    p.checkUpdatable(stack);
  }
  stack ??= newStack(p.stackId(ctx, input.StackName), input.StackName);
  if ([...scope.changeSets.values()].some((c) => c.stackId === stack.stackId && c.name === input.ChangeSetName)) {
    throw new AwsError('AlreadyExistsException', `ChangeSet [${input.ChangeSetName}] already exists`, 400);
  }
  const body = await p.templateBody(input, ctx, stack);
  checkRollbackConfiguration(input.RollbackConfiguration);
  const prepared = await p.prepare(stack, body, input.Parameters, ctx, input.Tags ?? (type === 'UPDATE' ? stack.tags : []));
  checkResourceTypes(prepared, input.ResourceTypes);
  p.checkCapabilities(prepared, input.Capabilities);
  if (isNew) {
    if (p.store.find(ctx.account, ctx.region, input.StackName)) throw validationError(`Stack [${input.StackName}] already exists and cannot be created again with the changeSet [${input.ChangeSetName}].`);
    stack.notificationARNs = input.NotificationARNs ?? [];
    setStackStatus(stack, 'REVIEW_IN_PROGRESS', 'User Initiated');
    scope.stacks.push(stack);
  }
  const record: ChangeSetRecord = {
    id: `arn:aws:cloudformation:${ctx.region}:${ctx.account}:changeSet/${input.ChangeSetName}/${randomUUID()}`,
    name: input.ChangeSetName, stackId: stack.stackId, stackName: stack.stackName, type, status: 'CREATE_PENDING',
    executionStatus: 'UNAVAILABLE', created: new Date(), description: input.Description, parameters: input.Parameters ?? [],
    tags: input.Tags ?? (type === 'UPDATE' ? stack.tags : []), capabilities: input.Capabilities ?? [], changes: [], onStackFailure: input.OnStackFailure,
  };
  scope.changeSets.set(record.id, record);
  const target = stack;
  p.run(stack, async () => {
    record.status = 'CREATE_IN_PROGRESS';
    const current = type === 'CREATE' ? new Map() : target.resources;
    // The change set reads the stack's current resources; an Operation supplies parameters, conditions and imports.
    const evalBase = new Operation(target, prepared, ctx, p.engine.deps, current, { skipUnsupported: false }).evalContext();
    const plans = planChanges(current, prepared, evalBase, p.types, type === 'UPDATE' ? target.prepared : undefined);
    record.prepared = prepared;
    record.changes = plans.map(change);
    if (type === 'UPDATE' && !plans.length && !views.changesSomething(target, prepared, record.tags)) {
      record.status = 'FAILED';
      record.statusReason = NO_CHANGES;
      return;
    }
    record.status = 'CREATE_COMPLETE';
    record.executionStatus = 'AVAILABLE';
  });
  return { Id: record.id, StackId: stack.stackId };
}

function change(plan: ResourcePlan): T.Change {
  const resourceChange: T.ResourceChange = {
    Action: plan.action, LogicalResourceId: plan.logicalId, ResourceType: plan.type,
    Scope: plan.changes.length ? ['Properties'] : [],
    Details: plan.changes.flatMap((c) => (c.causes ?? []).map((cause) => ({
      Target: { Attribute: 'Properties', Name: c.name, RequiresRecreation: c.requiresRecreation },
      Evaluation: cause.evaluation, ChangeSource: cause.source, ...(cause.causingEntity ? { CausingEntity: cause.causingEntity } : {}),
    }))),
  };
  if (plan.physicalId) resourceChange.PhysicalResourceId = plan.physicalId;
  if (plan.action === 'Modify') resourceChange.Replacement = plan.replacement;
  return { Type: 'Resource', ResourceChange: resourceChange };
}

export function find(p: CloudFormationProvider, ctx: RequestContext, nameOrId: string, stackName?: string): ChangeSetRecord {
  const scope = p.store.scope(ctx.account, ctx.region);
  let record: ChangeSetRecord | undefined;
  if (nameOrId.startsWith('arn:')) record = scope.changeSets.get(nameOrId);
  else {
    if (!stackName) throw validationError('StackName must be specified if ChangeSetName is not specified as an ARN.');
    const stack = p.store.find(ctx.account, ctx.region, stackName);
    if (!stack) throw validationError(`Stack [${stackName}] does not exist`);
    record = [...scope.changeSets.values()].find((c) => c.stackId === stack.stackId && c.name === nameOrId);
  }
  if (!record) throw cloudformationErrors.changeSetNotFound(`ChangeSet [${nameOrId}] does not exist`);
  return record;
}

export function describe(p: CloudFormationProvider, input: T.DescribeChangeSetInput, ctx: RequestContext): T.DescribeChangeSetOutput {
  const c = find(p, ctx, input.ChangeSetName, input.StackName);
  const stack = p.store.find(ctx.account, ctx.region, c.stackId);
  const out: T.DescribeChangeSetOutput = {
    ChangeSetName: c.name, ChangeSetId: c.id, StackId: c.stackId, StackName: c.stackName, CreationTime: c.created,
    ExecutionStatus: c.executionStatus, Status: c.status, Changes: c.changes, Capabilities: c.capabilities as T.Capability[],
    NotificationARNs: stack?.notificationARNs ?? [], RollbackConfiguration: {}, IncludeNestedStacks: false,
  };
  const parameters = c.prepared ? describeParameters(c.prepared.parameters) : [];
  if (parameters.length) out.Parameters = parameters;
  // Unlike Capabilities, Tags and Parameters are left out when there are none (recorded on AWS).
  if (c.tags.length) out.Tags = c.tags;
  if (c.description !== undefined) out.Description = c.description;
  if (c.statusReason) out.StatusReason = c.statusReason;
  if (c.onStackFailure) out.OnStackFailure = c.onStackFailure as T.OnStackFailure;
  return out;
}

export function execute(p: CloudFormationProvider, input: T.ExecuteChangeSetInput, ctx: RequestContext): T.ExecuteChangeSetOutput {
  const c = find(p, ctx, input.ChangeSetName, input.StackName);
  if (c.executionStatus !== 'AVAILABLE' || !c.prepared) {
    throw cloudformationErrors.invalidChangeSetStatus(`ChangeSet [${c.id}] cannot be executed in its current status of [${c.status}]`);
  }
  const stack = p.store.find(ctx.account, ctx.region, c.stackId) as StackRecord;
  if (c.type === 'UPDATE') p.checkUpdatable(stack);
  else if (stack.status !== 'REVIEW_IN_PROGRESS') throw validationError(`Stack:${stack.stackId} is in ${stack.status} state and can not be created.`);
  c.executionStatus = 'EXECUTE_IN_PROGRESS';
  obsoleteAll(p, ctx, c.stackId, c);
  stack.tags = c.tags;
  stack.capabilities = c.capabilities;
  stack.changeSetId = c.id;
  // A stack created from a change set shows the execution as its last update (recorded on AWS).
  if (c.type === 'CREATE') stack.updated = new Date();
  const skipUnsupported = skipsUnsupported(c.tags);
  const prepared = c.prepared;
  p.run(stack, async () => {
    if (c.type === 'CREATE') {
      const disableRollback = input.DisableRollback === true || c.onStackFailure === 'DO_NOTHING';
      stack.disableRollback = disableRollback;
      await p.engine.create(stack, prepared, ctx, { disableRollback, deleteOnFailure: c.onStackFailure === 'DELETE', skipUnsupported });
    } else {
      await p.engine.update(stack, prepared, ctx, { disableRollback: input.DisableRollback === true, skipUnsupported });
    }
    c.executionStatus = stack.status.endsWith('_COMPLETE') && !stack.status.includes('ROLLBACK') ? 'EXECUTE_COMPLETE' : 'EXECUTE_FAILED';
  });
  return {};
}

/** The stack's change sets (but `except`) can no longer be executed. */
export function obsoleteAll(p: CloudFormationProvider, ctx: RequestContext, stackId: string, except?: ChangeSetRecord) {
  for (const other of p.store.scope(ctx.account, ctx.region).changeSets.values()) {
    if (other.stackId === stackId && other !== except) other.executionStatus = 'OBSOLETE';
  }
}

export function remove(p: CloudFormationProvider, input: T.DeleteChangeSetInput, ctx: RequestContext): T.DeleteChangeSetOutput {
  let c: ChangeSetRecord;
  try {
    c = find(p, ctx, input.ChangeSetName, input.StackName);
  } catch (err) {
    // On an existing stack, deleting a change set that is not there succeeds (measured on AWS);
    // `serverless deploy` and `cdk deploy` delete their fixed-name change set before every update.
    if ((err as AwsError).code === 'ChangeSetNotFound' && !input.ChangeSetName.startsWith('arn:')) return {};
    throw err;
  }
  if (c.executionStatus === 'EXECUTE_IN_PROGRESS') {
    throw cloudformationErrors.invalidChangeSetStatus(`ChangeSet [${c.id}] cannot be deleted in its current status of [${c.executionStatus}]`);
  }
  p.store.scope(ctx.account, ctx.region).changeSets.delete(c.id);
  return {};
}

export function list(p: CloudFormationProvider, input: T.ListChangeSetsInput, ctx: RequestContext): T.ListChangeSetsOutput {
  const stack = p.requireStack(ctx, input.StackName, `Stack [${input.StackName}] does not exist`);
  const sets = [...p.store.scope(ctx.account, ctx.region).changeSets.values()].filter((c) => c.stackId === stack.stackId);
  return {
    Summaries: sets.map((c) => ({
      ChangeSetId: c.id, ChangeSetName: c.name, StackId: c.stackId, StackName: c.stackName, CreationTime: c.created,
      ExecutionStatus: c.executionStatus, Status: c.status, IncludeNestedStacks: false,
      ...(c.statusReason ? { StatusReason: c.statusReason } : {}), ...(c.description !== undefined ? { Description: c.description } : {}),
    })),
  };
}
