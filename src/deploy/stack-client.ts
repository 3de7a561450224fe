// Deploys one stack through localgate's CloudFormation API, as `aws cloudformation deploy`
// does: a change set (CREATE or UPDATE), executed, then waited for while its events print.
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type Output,
  type Parameter,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import type { Template } from '../cloudformation/transform.ts';

const POLL_MS = 150;
const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;
/** The largest TemplateBody CloudFormation takes; a larger template goes by TemplateURL. */
const MAX_TEMPLATE_BODY_BYTES = 51_200;

export interface DeployStackInput {
  stackName: string;
  template: Template;
  parameters: Record<string, string>;
  tags?: Record<string, string>;
  /** Uploads a template too large for TemplateBody and returns its URL. */
  uploadTemplate(body: string): Promise<string>;
  log(line: string): void;
}

export type DeployResult = { status: 'deployed' | 'unchanged'; stack: Stack };

export class StackDeployer {
  constructor(private readonly cfn: CloudFormationClient) {}

  async describe(stackName: string): Promise<Stack | undefined> {
    try {
      const { Stacks } = await this.cfn.send(new DescribeStacksCommand({ StackName: stackName }));
      return Stacks?.[0];
    } catch (err: any) {
      if (err?.name === 'ValidationError' && /does not exist/.test(err.message)) return undefined;
      throw err;
    }
  }

  async deploy(input: DeployStackInput): Promise<DeployResult> {
    let existing = await this.describe(input.stackName);
    if (existing?.StackStatus === 'ROLLBACK_COMPLETE' || existing?.StackStatus === 'REVIEW_IN_PROGRESS') {
      // A stack whose creation failed can only be deleted (as on AWS); start again.
      input.log(`${input.stackName} is ${existing.StackStatus}: deleting it before creating it again`);
      await this.remove(input.stackName, input.log);
      existing = undefined;
    }
    const body = JSON.stringify(input.template);
    const templateSource = Buffer.byteLength(body) > MAX_TEMPLATE_BODY_BYTES ? { TemplateURL: await input.uploadTemplate(body) } : { TemplateBody: body };
    const changeSetName = `localgate-deploy-${Date.now()}`;
    const since = new Date();
    const { Id } = await this.cfn.send(
      new CreateChangeSetCommand({
        StackName: input.stackName,
        ChangeSetName: changeSetName,
        ChangeSetType: existing ? 'UPDATE' : 'CREATE',
        ...templateSource,
        Parameters: parameterList(input.parameters, existing, input.template),
        Capabilities: [...CAPABILITIES],
        Tags: Object.entries(input.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
    const changeSet = await this.waitForChangeSet(Id!);
    if (changeSet.status === 'FAILED') {
      if (/didn't contain changes|No updates are to be performed/.test(changeSet.reason ?? '')) {
        return { status: 'unchanged', stack: (await this.describe(input.stackName))! };
      }
      throw new Error(`change set for ${input.stackName} failed: ${changeSet.reason}`);
    }
    await this.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: Id, StackName: input.stackName }));
    const stack = await this.waitForStack(input.stackName, since, input.log);
    if (!/_COMPLETE$/.test(stack.StackStatus ?? '') || /ROLLBACK/.test(stack.StackStatus ?? '')) {
      throw new Error(`${input.stackName} ended ${stack.StackStatus}${stack.StackStatusReason ? `: ${stack.StackStatusReason}` : ''}`);
    }
    return { status: 'deployed', stack };
  }

  async remove(stackName: string, log: (line: string) => void): Promise<void> {
    const since = new Date();
    // By id: once deleted, a stack is found by its id only (as on AWS).
    const stackId = (await this.describe(stackName))?.StackId ?? stackName;
    await this.cfn.send(new DeleteStackCommand({ StackName: stackId }));
    const stack = await this.waitForStack(stackId, since, log);
    if (stack.StackStatus !== 'DELETE_COMPLETE') throw new Error(`${stackName} ended ${stack.StackStatus}`);
  }

  private async waitForChangeSet(id: string): Promise<{ status: string; reason?: string }> {
    for (;;) {
      const out = await this.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id }));
      if (out.Status === 'CREATE_COMPLETE' || out.Status === 'FAILED') return { status: out.Status, reason: out.StatusReason };
      await sleep(POLL_MS);
    }
  }

  /** Polls until the stack is in a terminal status, printing each new event. */
  private async waitForStack(stackName: string, since: Date, log: (line: string) => void): Promise<Stack> {
    const seen = new Set<string>();
    let stackId = stackName;
    for (;;) {
      const stack = await this.describeById(stackId);
      if (stack?.StackId) stackId = stack.StackId;
      const { StackEvents = [] } = await this.cfn.send(new DescribeStackEventsCommand({ StackName: stackId }));
      for (const event of [...StackEvents].reverse()) {
        if (seen.has(event.EventId!) || (event.Timestamp && event.Timestamp < since)) continue;
        seen.add(event.EventId!);
        log(formatEvent(event));
      }
      if (stack && !/_IN_PROGRESS$/.test(stack.StackStatus ?? '')) return stack;
      await sleep(POLL_MS);
    }
  }

  private async describeById(stackId: string): Promise<Stack | undefined> {
    const { Stacks } = await this.cfn.send(new DescribeStacksCommand({ StackName: stackId }));
    return Stacks?.[0];
  }
}

/** Overrides as given; parameters the stack had and the template still declares keep their value (as `aws cloudformation deploy`). */
function parameterList(overrides: Record<string, string>, existing: Stack | undefined, template: Template): Parameter[] {
  const list: Parameter[] = Object.entries(overrides).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));
  for (const p of existing?.Parameters ?? []) {
    if (!(p.ParameterKey! in overrides) && p.ParameterKey! in (template.Parameters ?? {})) list.push({ ParameterKey: p.ParameterKey, UsePreviousValue: true });
  }
  return list;
}

function formatEvent(e: StackEvent): string {
  const reason = e.ResourceStatusReason ? `  ${e.ResourceStatusReason}` : '';
  return `  ${e.ResourceStatus?.padEnd(20)} ${e.ResourceType?.padEnd(36)} ${e.LogicalResourceId}${reason}`;
}

export function formatOutputs(outputs: Output[] | undefined): string[] {
  return (outputs ?? []).map((o) => `  ${o.OutputKey} = ${o.OutputValue}${o.ExportName ? `  (export ${o.ExportName})` : ''}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
