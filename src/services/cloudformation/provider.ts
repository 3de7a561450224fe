// The CloudFormation API: one method per operation of the `cloudformation` model. Stack
// operations answer at once and run in the background (CREATE_IN_PROGRESS first, as on
// AWS, so waiters work); read operations are in views.ts, change sets in change-sets.ts.
import { randomUUID } from 'node:crypto';
import { StackEngine } from '../../cloudformation/engine.ts';
import { validationError } from '../../cloudformation/errors.ts';
import { reasonOf } from '../../cloudformation/operation.ts';
import { prepareTemplate, type PreparedTemplate } from '../../cloudformation/prepare.ts';
import { resourceType } from '../../cloudformation/registry.ts';
import type { ResourceServices, ResourceType } from '../../cloudformation/resource.ts';
import { newStack, pseudoParameters, setStackStatus, skipsUnsupported, type StackRecord } from '../../cloudformation/stack.ts';
import type { SsmValue } from '../../cloudformation/ssm-references.ts';
import { MAX_TEMPLATE_BODY_BYTES } from '../../cloudformation/template.ts';
import type { Transform } from '../../cloudformation/transform.ts';
import type * as T from '../../models/cloudformation.types.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import { AwsError } from '../../protocol/errors.ts';
import * as changeSets from './change-sets.ts';
import { checkResourceTypes, checkRollbackConfiguration, refuseStackPolicy } from './request-checks.ts';
import type { CloudFormationStore } from './store.ts';
import { readS3Text, readTemplateUrl } from './template-url.ts';
import * as views from './views.ts';

export interface CloudFormationProviderOptions {
  store: CloudFormationStore;
  services: ResourceServices;
  /** Resource types by name; the shared registry unless a test passes its own. */
  types?: (type: string) => ResourceType | undefined;
  /** Replaces built-in transforms (tests stand in for the SAM transform). */
  transforms?: Record<string, Transform>;
  /** Where what deploys differently from AWS is reported (the server log). */
  warn?: (message: string) => void;
  /** Reads localgate's Parameter Store (SSM parameter types and dynamic references). */
  readSsm?: (account: string, region: string, reference: string) => SsmValue | undefined;
  /** Called when a background stack operation ends (the console re-renders then). */
  onOperationDone?: () => void;
}

const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;
const STACK_ID = /^arn:[-a-zA-Z0-9:/._+]*$/;

export class CloudFormationProvider implements Partial<T.Operations> {
  readonly engine: StackEngine;
  readonly store: CloudFormationStore;
  private readonly transforms?: Record<string, Transform>;
  private readonly warn: (message: string) => void;
  private readonly readSsm: CloudFormationProviderOptions['readSsm'];
  private readonly services: ResourceServices;
  private readonly onOperationDone?: () => void;

  constructor(options: CloudFormationProviderOptions) {
    this.store = options.store;
    this.transforms = options.transforms;
    this.warn = options.warn ?? (() => {});
    this.readSsm = options.readSsm;
    this.onOperationDone = options.onOperationDone;
    const types = options.types ?? resourceType;
    this.services = options.services;
    this.engine = new StackEngine({ types, services: options.services, exports: (account, region) => options.store.exportBook(account, region) });
    this.types = types;
  }

  readonly types: (type: string) => ResourceType | undefined;

  /** Resolves once every stack operation and change set computation has finished (tests, shutdown). */
  async settled(): Promise<void> {
    for (;;) {
      const pending = [...this.store.allStacks()].map((s) => s.operation);
      await Promise.all(pending);
      if ([...this.store.allStacks()].every((s) => pending.includes(s.operation))) return;
    }
  }

  // ---- shared by stacks and change sets ----

  stackId(ctx: RequestContext, name: string): string {
    return `arn:aws:cloudformation:${ctx.region}:${ctx.account}:stack/${name}/${randomUUID()}`;
  }

  /** A stack name, or (where the operation takes one, as CreateChangeSet does) a stack id. */
  checkStackName(name: string, idAllowed = false) {
    if (!STACK_NAME.test(name) && !(idAllowed && STACK_ID.test(name))) {
      throw validationError(`1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*`);
    }
  }

  /** The template body a request names: TemplateBody, TemplateURL (an object in localgate's S3) or the stack's current one. */
  async templateBody(input: { TemplateBody?: string; TemplateURL?: string; UsePreviousTemplate?: boolean }, ctx: RequestContext, stack?: StackRecord): Promise<string> {
    const given = [input.TemplateBody !== undefined, input.TemplateURL !== undefined, input.UsePreviousTemplate === true].filter(Boolean).length;
    if (given > 1) throw validationError('Specify exactly one of TemplateBody, TemplateURL or UsePreviousTemplate.');
    if (input.UsePreviousTemplate) {
      if (!stack?.prepared) throw validationError('UsePreviousTemplate is only valid for a stack that has a template');
      return stack.prepared.body;
    }
    if (input.TemplateURL !== undefined) return readTemplateUrl(input.TemplateURL, this.services, ctx);
    if (input.TemplateBody === undefined) throw validationError('Either Template URL or Template Body must be specified.');
    if (Buffer.byteLength(input.TemplateBody) > MAX_TEMPLATE_BODY_BYTES) {
      throw validationError(`1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TEMPLATE_BODY_BYTES}`);
    }
    return input.TemplateBody;
  }

  async prepare(stack: StackRecord, body: string, parameters: T.Parameter[] | undefined, ctx: RequestContext, tags: T.Tag[] | undefined): Promise<PreparedTemplate> {
    const prepared = await prepareTemplate({
      body, parameters, previousParameters: stack.prepared?.parameters.given, transforms: this.transforms, skipUnsupported: skipsUnsupported(tags),
      pseudo: pseudoParameters(stack, ctx.account, ctx.region),
      readSsm: (reference) => this.readSsm?.(ctx.account, ctx.region, reference),
      readS3: (bucket, key) => readS3Text({ Bucket: bucket, Key: key }, this.services, ctx, `cannot read s3://${bucket}/${key}`),
    });
    for (const warning of prepared.warnings) this.warn(`[cloudformation:${stack.stackName}] ${warning}`);
    return prepared;
  }

  /** InsufficientCapabilitiesException unless the caller acknowledged what the template needs. */
  checkCapabilities(prepared: PreparedTemplate, capabilities: string[] = [], expandsMacros = false) {
    const needed = views.requiredCapabilities(prepared.template);
    if (expandsMacros && prepared.transforms.some((t) => t.startsWith('AWS::Serverless')) && !capabilities.includes('CAPABILITY_AUTO_EXPAND')) {
      throw new AwsError('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_AUTO_EXPAND]', 400);
    }
    if (!needed) return;
    if (capabilities.includes('CAPABILITY_NAMED_IAM') || (needed === 'CAPABILITY_IAM' && capabilities.includes('CAPABILITY_IAM'))) return;
    throw new AwsError('InsufficientCapabilitiesException', `Requires capabilities : [${needed}]`, 400);
  }

  /** Runs an operation in the background after the stack's previous one; a crash fails the stack, never the server. */
  run(stack: StackRecord, work: () => Promise<void>) {
    const failed = (err: unknown) => {
      const status = stack.status.startsWith('DELETE') ? 'DELETE_FAILED' : stack.status.startsWith('UPDATE') ? 'UPDATE_ROLLBACK_FAILED' : 'ROLLBACK_FAILED';
      setStackStatus(stack, status, `Internal failure: ${reasonOf(err)}`);
    };
    stack.operation = stack.operation.then(work).catch(failed).finally(() => this.onOperationDone?.());
  }

  requireStack(ctx: RequestContext, nameOrId: string, message = `Stack with id ${nameOrId} does not exist`): StackRecord {
    const stack = this.store.find(ctx.account, ctx.region, nameOrId);
    if (!stack) throw validationError(message);
    return stack;
  }

  // ---- stack operations ----

  async createStack(input: T.CreateStackInput, ctx: RequestContext): Promise<T.CreateStackOutput> {
    this.checkStackName(input.StackName);
    // A stack that only has change sets so far (REVIEW_IN_PROGRESS) is created in place; its
    // change sets become obsolete (recorded on AWS: test_changesets.py::test_create_while_in_review).
    const existing = this.store.find(ctx.account, ctx.region, input.StackName);
    const inReview = existing?.status === 'REVIEW_IN_PROGRESS' ? existing : undefined;
    if (existing && !inReview) {
      if (input.ClientRequestToken && existing.requestTokens.has(input.ClientRequestToken)) return { StackId: existing.stackId };
      throw new AwsError('AlreadyExistsException', `Stack [${input.StackName}] already exists`, 400);
    }
    const body = await this.templateBody(input, ctx);
    const stack = inReview ?? newStack(this.stackId(ctx, input.StackName), input.StackName);
    checkRollbackConfiguration(input.RollbackConfiguration);
    refuseStackPolicy(input);
    const prepared = await this.prepare(stack, body, input.Parameters, ctx, input.Tags);
    checkResourceTypes(prepared, input.ResourceTypes);
    this.checkCapabilities(prepared, input.Capabilities, true);
    // Another call may have created (or executed) the stack while this one read its template.
    const current = this.store.find(ctx.account, ctx.region, input.StackName);
    if (inReview ? current !== inReview || inReview.status !== 'REVIEW_IN_PROGRESS' : current) {
      throw new AwsError('AlreadyExistsException', `Stack [${input.StackName}] already exists`, 400);
    }
    Object.assign(stack, {
      notificationARNs: input.NotificationARNs ?? [],
      tags: input.Tags ?? [], capabilities: input.Capabilities ?? [], disableRollback: input.DisableRollback === true || input.OnFailure === 'DO_NOTHING',
      roleARN: input.RoleARN, timeoutInMinutes: input.TimeoutInMinutes, terminationProtection: input.EnableTerminationProtection === true,
    });
    if (input.ClientRequestToken) stack.requestTokens.add(input.ClientRequestToken);
    if (inReview) changeSets.obsoleteAll(this, ctx, stack.stackId);
    else this.store.scope(ctx.account, ctx.region).stacks.push(stack);
    const options = { disableRollback: stack.disableRollback, deleteOnFailure: input.OnFailure === 'DELETE', skipUnsupported: skipsUnsupported(stack.tags) };
    this.run(stack, () => this.engine.create(stack, prepared, ctx, options));
    return { StackId: stack.stackId };
  }

  async updateStack(input: T.UpdateStackInput, ctx: RequestContext): Promise<T.UpdateStackOutput> {
    const stack = this.requireStack(ctx, input.StackName, `Stack [${input.StackName}] does not exist`);
    if (input.ClientRequestToken && stack.requestTokens.has(input.ClientRequestToken)) return { StackId: stack.stackId };
    this.checkUpdatable(stack);
    const body = await this.templateBody(input, ctx, stack);
    const tags = input.Tags ?? stack.tags;
    checkRollbackConfiguration(input.RollbackConfiguration);
    refuseStackPolicy(input);
    const prepared = await this.prepare(stack, body, input.Parameters, ctx, tags);
    checkResourceTypes(prepared, input.ResourceTypes);
    this.checkCapabilities(prepared, input.Capabilities, true);
    if (!views.changesSomething(stack, prepared, tags)) throw validationError('No updates are to be performed.');
    this.checkUpdatable(stack);
    stack.tags = tags;
    stack.capabilities = input.Capabilities ?? [];
    stack.changeSetId = undefined;
    if (input.ClientRequestToken) stack.requestTokens.add(input.ClientRequestToken);
    const options = { skipUnsupported: skipsUnsupported(tags), disableRollback: input.DisableRollback === true };
    this.run(stack, () => this.engine.update(stack, prepared, ctx, options));
    return { StackId: stack.stackId };
  }

  checkUpdatable(stack: StackRecord) {
    const ok = ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE', 'IMPORT_ROLLBACK_COMPLETE', 'UPDATE_FAILED', 'CREATE_FAILED'];
    if (!ok.includes(stack.status)) throw validationError(`Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
  }

  deleteStack(input: T.DeleteStackInput, ctx: RequestContext): void {
    const stack = this.store.find(ctx.account, ctx.region, input.StackName);
    if (!stack || stack.status === 'DELETE_COMPLETE' || stack.status === 'DELETE_IN_PROGRESS') return;
    if (stack.terminationProtection) throw validationError(`Stack [${input.StackName}] cannot be deleted while TerminationProtection is enabled`);
    // An update (or its rollback or cleanup) cannot be interrupted by a delete; a create can
    // (the delete then follows it). AWS's wording, as its users quote it.
    if (stack.status.startsWith('UPDATE_') && stack.status.endsWith('_IN_PROGRESS')) {
      throw validationError(`Stack [${input.StackName}] cannot be deleted while in status ${stack.status}`);
    }
    if (input.RetainResources?.length && stack.status !== 'DELETE_FAILED') {
      throw validationError(`Invalid operation on stack [${stack.stackId}]. RetainResources can only be specified when the stack is in the DELETE_FAILED state`);
    }
    if (stack.status === 'REVIEW_IN_PROGRESS') {
      setStackStatus(stack, 'DELETE_COMPLETE');
      stack.deleted = new Date();
      return;
    }
    const retain = new Set(input.RetainResources ?? []);
    this.run(stack, () => this.engine.delete(stack, ctx, retain));
  }

  updateTerminationProtection(input: T.UpdateTerminationProtectionInput, ctx: RequestContext): T.UpdateTerminationProtectionOutput {
    const stack = this.requireStack(ctx, input.StackName);
    stack.terminationProtection = input.EnableTerminationProtection;
    return { StackId: stack.stackId };
  }

  /** localgate stacks never have a policy (SetStackPolicy is not implemented): AWS answers an empty result then. */
  getStackPolicy(input: T.GetStackPolicyInput, ctx: RequestContext): T.GetStackPolicyOutput {
    this.requireStack(ctx, input.StackName);
    return {};
  }

  // ---- reads (views.ts) ----

  describeStacks(input: T.DescribeStacksInput, ctx: RequestContext): T.DescribeStacksOutput {
    if (input.StackName) return { Stacks: [views.stack(this.requireStack(ctx, input.StackName))] };
    return { Stacks: this.store.scope(ctx.account, ctx.region).stacks.filter((s) => s.status !== 'DELETE_COMPLETE').reverse().map(views.stack) };
  }

  listStacks(input: T.ListStacksInput, ctx: RequestContext): T.ListStacksOutput {
    const filter = input.StackStatusFilter?.length ? new Set<string>(input.StackStatusFilter) : undefined;
    const stacks = this.store.scope(ctx.account, ctx.region).stacks.filter((s) => !filter || filter.has(s.status));
    return { StackSummaries: stacks.reverse().map(views.summary) };
  }

  describeStackEvents(input: T.DescribeStackEventsInput, ctx: RequestContext): T.DescribeStackEventsOutput {
    const stack = this.requireStack(ctx, input.StackName, `Stack [${input.StackName}] does not exist`);
    return { StackEvents: [...stack.events] };
  }

  describeStackResource(input: T.DescribeStackResourceInput, ctx: RequestContext): T.DescribeStackResourceOutput {
    const stack = this.requireStack(ctx, input.StackName, `Stack '${input.StackName}' does not exist`);
    const record = stack.resources.get(input.LogicalResourceId);
    if (!record) throw validationError(`Resource ${input.LogicalResourceId} does not exist for stack ${input.StackName}`);
    return { StackResourceDetail: views.resourceDetail(stack, record) };
  }

  describeStackResources(input: T.DescribeStackResourcesInput, ctx: RequestContext): T.DescribeStackResourcesOutput {
    if (!input.StackName && !input.PhysicalResourceId) throw validationError('Either StackName or PhysicalResourceId must be specified.');
    const stack = input.StackName
      ? this.requireStack(ctx, input.StackName)
      : this.store.scope(ctx.account, ctx.region).stacks.find((s) => [...s.resources.values()].some((r) => r.physicalId === input.PhysicalResourceId));
    if (!stack) throw validationError(`Stack for ${input.PhysicalResourceId} does not exist`);
    const records = [...stack.resources.values()].filter((r) => !input.LogicalResourceId || r.logicalId === input.LogicalResourceId);
    return { StackResources: records.map((r) => views.resource(stack, r)) };
  }

  listStackResources(input: T.ListStackResourcesInput, ctx: RequestContext): T.ListStackResourcesOutput {
    const stack = this.requireStack(ctx, input.StackName);
    return { StackResourceSummaries: [...stack.resources.values()].map(views.resourceSummary) };
  }

  getTemplate(input: T.GetTemplateInput, ctx: RequestContext): T.GetTemplateOutput {
    if (input.ChangeSetName) {
      if (!input.StackName && !input.ChangeSetName.startsWith('arn:')) throw validationError('StackName is a required parameter.');
      const set = changeSets.find(this, ctx, input.ChangeSetName, input.StackName);
      return views.template(set.prepared, input.TemplateStage);
    }
    if (!input.StackName) throw validationError('Either StackName or ChangeSetName must be specified.');
    return views.template(this.requireStack(ctx, input.StackName).prepared, input.TemplateStage);
  }

  async getTemplateSummary(input: T.GetTemplateSummaryInput, ctx: RequestContext): Promise<T.GetTemplateSummaryOutput> {
    const stack = input.StackName ? this.requireStack(ctx, input.StackName) : undefined;
    if (stack?.status === 'REVIEW_IN_PROGRESS') throw validationError('GetTemplateSummary cannot be called on REVIEW_IN_PROGRESS stacks.');
    const body = stack ? stack.prepared?.body : await this.templateBody(input, ctx);
    if (body === undefined) throw validationError(`Stack with id ${input.StackName} has no template`);
    return views.templateSummary(body);
  }

  async validateTemplate(input: T.ValidateTemplateInput, ctx: RequestContext): Promise<T.ValidateTemplateOutput> {
    return views.validation(await this.templateBody(input, ctx));
  }

  listExports(_input: T.ListExportsInput, ctx: RequestContext): T.ListExportsOutput {
    const exports = [...this.store.scope(ctx.account, ctx.region).exports];
    return { Exports: exports.map(([Name, e]) => ({ Name, Value: e.value, ExportingStackId: e.stackId })) };
  }

  listImports(input: T.ListImportsInput, ctx: RequestContext): T.ListImportsOutput {
    const importers = this.store.exportBook(ctx.account, ctx.region).importers(input.ExportName);
    if (!importers.length) throw validationError(`Export '${input.ExportName}' is not imported by any stack.`);
    return { Imports: importers };
  }

  // ---- change sets (change-sets.ts) ----

  createChangeSet(input: T.CreateChangeSetInput, ctx: RequestContext) { return changeSets.create(this, input, ctx); }
  describeChangeSet(input: T.DescribeChangeSetInput, ctx: RequestContext) { return changeSets.describe(this, input, ctx); }
  executeChangeSet(input: T.ExecuteChangeSetInput, ctx: RequestContext) { return changeSets.execute(this, input, ctx); }
  deleteChangeSet(input: T.DeleteChangeSetInput, ctx: RequestContext) { return changeSets.remove(this, input, ctx); }
  listChangeSets(input: T.ListChangeSetsInput, ctx: RequestContext) { return changeSets.list(this, input, ctx); }
}
