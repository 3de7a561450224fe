// Read-only JSON views of CloudFormation stacks for the console: the list, and one stack
// with its resources (linked to the console's API and function pages where localgate serves
// them), events (newest first), outputs and parameters (NoEcho ones masked, as
// DescribeStacks shows them).
import { describeParameters } from '../cloudformation/parameters.ts';
import type { StackRecord } from '../cloudformation/stack.ts';
import type { ViewDeps } from './views.ts';

export interface StackSource {
  stackScopes(): Iterable<{ account: string; region: string; stacks: readonly StackRecord[] }>;
}

export type StackViewDeps = Pick<ViewDeps, 'v1' | 'v2' | 'lambda'> & { stacks?: StackSource };

const iso = (d: Date | undefined) => d?.toISOString();

function stackSummary(account: string, region: string, s: StackRecord) {
  return {
    stackId: s.stackId,
    name: s.stackName,
    status: s.status,
    statusReason: s.reason,
    account,
    region,
    description: s.prepared?.template.Description as string | undefined,
    createdTime: iso(s.created),
    lastUpdatedTime: iso(s.updated),
    deletionTime: iso(s.deleted),
  };
}

/** Every stack, deleted ones included (as ListStacks shows them), newest first. */
export function listStacks(deps: StackViewDeps) {
  const out: Array<ReturnType<typeof stackSummary>> = [];
  for (const { account, region, stacks } of deps.stacks?.stackScopes() ?? []) {
    for (const s of stacks) out.push(stackSummary(account, region, s));
  }
  return out.sort((a, b) => (a.createdTime! < b.createdTime! ? 1 : a.createdTime! > b.createdTime! ? -1 : 0));
}

/** The console page a resource's physical id opens, when localgate serves that API or function. */
function consoleLink(deps: StackViewDeps, account: string, region: string, type: string, physicalId: string | undefined) {
  if (!physicalId) return undefined;
  if (type === 'AWS::ApiGateway::RestApi' && deps.v1.findRestApi(physicalId)) return { page: 'apis', id: physicalId };
  if (type === 'AWS::ApiGatewayV2::Api' && deps.v2.findApi(physicalId)) return { page: 'apis', id: physicalId };
  if (type === 'AWS::Lambda::Function') {
    // Looked up without deps.lambda.scope(), which would create an empty scope.
    for (const scope of deps.lambda?.scopes.entries() ?? []) {
      const fn = scope.account === account && scope.region === region ? scope.state.functions.get(physicalId) : undefined;
      if (fn) return { page: 'functions', id: fn.arn };
    }
  }
  return undefined;
}

/** A stack by its id (an ARN), or by name for the live stack of that name when it is unique. */
export function stackDetail(deps: StackViewDeps, ref: string) {
  const matches = [];
  for (const { account, region, stacks } of deps.stacks?.stackScopes() ?? []) {
    for (const s of stacks) {
      if (s.stackId === ref || (s.stackName === ref && s.status !== 'DELETE_COMPLETE')) matches.push({ account, region, s });
    }
  }
  if (matches.length !== 1) return undefined;
  const { account, region, s } = matches[0];
  return {
    ...stackSummary(account, region, s),
    resources: [...s.resources.values()].map((r) => ({
      logicalId: r.logicalId,
      type: r.type,
      physicalId: r.physicalId,
      status: r.status,
      statusReason: r.reason,
      lastUpdatedTime: iso(r.updated),
      link: consoleLink(deps, account, region, r.type, r.physicalId),
    })),
    events: s.events.map((e) => ({
      timestamp: iso(e.Timestamp),
      logicalId: e.LogicalResourceId,
      type: e.ResourceType,
      physicalId: e.PhysicalResourceId,
      status: e.ResourceStatus,
      statusReason: e.ResourceStatusReason,
    })),
    outputs: s.outputs.map((o) => ({ key: o.OutputKey, value: o.OutputValue, description: o.Description, exportName: o.ExportName })),
    parameters: s.prepared ? describeParameters(s.prepared.parameters).map((p) => ({ key: p.ParameterKey, value: p.ParameterValue })) : [],
  };
}
