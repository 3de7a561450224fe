// How stacks, resources and templates read in CloudFormation's answers (NoEcho parameters
// masked everywhere), and the template checks ValidateTemplate and GetTemplateSummary share.
import { describeParameters } from '../../cloudformation/parameters.ts';
import { parseAndCheck, type PreparedTemplate } from '../../cloudformation/prepare.ts';
import type { ResourceRecord, StackRecord } from '../../cloudformation/stack.ts';
import { declaredTransforms, type Template } from '../../cloudformation/template.ts';
import { validationError } from '../../cloudformation/errors.ts';
import type * as T from '../../models/cloudformation.types.ts';

/** IAM types that need CAPABILITY_IAM, and the name property that makes them need CAPABILITY_NAMED_IAM. */
const IAM_TYPES: Record<string, string | undefined> = {
  'AWS::IAM::Role': 'RoleName', 'AWS::IAM::ManagedPolicy': 'ManagedPolicyName', 'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName', 'AWS::IAM::InstanceProfile': 'InstanceProfileName', 'AWS::IAM::Policy': undefined,
  'AWS::IAM::AccessKey': undefined, 'AWS::IAM::UserToGroupAddition': undefined,
};

export function requiredCapabilities(template: Template): 'CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM' | undefined {
  let needed: 'CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM' | undefined;
  for (const resource of Object.values<any>(template.Resources ?? {})) {
    if (!Object.hasOwn(IAM_TYPES, resource?.Type)) continue;
    const nameProperty = IAM_TYPES[resource.Type];
    if (nameProperty && resource.Properties?.[nameProperty] !== undefined) return 'CAPABILITY_NAMED_IAM';
    needed = 'CAPABILITY_IAM';
  }
  return needed;
}

const iamTypesIn = (template: Template) =>
  [...new Set(Object.values<any>(template.Resources ?? {}).map((r) => r?.Type).filter((t) => Object.hasOwn(IAM_TYPES, t)))];

export function stack(s: StackRecord): T.Stack {
  const out: T.Stack = {
    StackId: s.stackId, StackName: s.stackName, CreationTime: s.created, StackStatus: s.status,
    Parameters: s.prepared ? describeParameters(s.prepared.parameters) : [],
    NotificationARNs: s.notificationARNs, Capabilities: s.capabilities as T.Capability[], Outputs: s.outputs, Tags: s.tags,
    DisableRollback: s.disableRollback, EnableTerminationProtection: false, RollbackConfiguration: {},
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
  const description = s.prepared?.template.Description;
  if (description !== undefined) out.Description = description;
  if (s.reason) out.StackStatusReason = s.reason;
  if (s.updated) out.LastUpdatedTime = s.updated;
  if (s.deleted) out.DeletionTime = s.deleted;
  if (s.roleARN) out.RoleARN = s.roleARN;
  if (s.timeoutInMinutes !== undefined) out.TimeoutInMinutes = s.timeoutInMinutes;
  return out;
}

export function summary(s: StackRecord): T.StackSummary {
  const out: T.StackSummary = { StackId: s.stackId, StackName: s.stackName, CreationTime: s.created, StackStatus: s.status, DriftInformation: { StackDriftStatus: 'NOT_CHECKED' } };
  if (s.prepared?.template.Description !== undefined) out.TemplateDescription = s.prepared.template.Description;
  if (s.reason) out.StackStatusReason = s.reason;
  if (s.updated) out.LastUpdatedTime = s.updated;
  if (s.deleted) out.DeletionTime = s.deleted;
  return out;
}

const base = (r: ResourceRecord) => ({
  LogicalResourceId: r.logicalId, ResourceType: r.type, ResourceStatus: r.status,
  ...(r.physicalId ? { PhysicalResourceId: r.physicalId } : {}),
  ...(r.reason ? { ResourceStatusReason: r.reason } : {}),
});

export function resource(s: StackRecord, r: ResourceRecord): T.StackResource {
  return { StackName: s.stackName, StackId: s.stackId, ...base(r), Timestamp: r.updated, DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' }, ...(r.description ? { Description: r.description } : {}) };
}

export function resourceDetail(s: StackRecord, r: ResourceRecord): T.StackResourceDetail {
  return {
    StackName: s.stackName, StackId: s.stackId, ...base(r), LastUpdatedTimestamp: r.updated,
    Metadata: JSON.stringify(r.metadata ?? {}), DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
    ...(r.description ? { Description: r.description } : {}),
  };
}

export function resourceSummary(r: ResourceRecord): T.StackResourceSummary {
  return { ...base(r), LastUpdatedTimestamp: r.updated, DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' } };
}

export function template(prepared: PreparedTemplate | undefined, stage: T.TemplateStage = 'Original'): T.GetTemplateOutput {
  // A stack still in REVIEW_IN_PROGRESS (only a change set so far) answers without a TemplateBody.
  if (!prepared) return { StagesAvailable: ['Original', 'Processed'] };
  const body = stage === 'Processed' ? JSON.stringify(prepared.template) : prepared.body;
  return { TemplateBody: body, StagesAvailable: ['Original', 'Processed'] };
}

export function templateSummary(body: string): T.GetTemplateSummaryOutput {
  const t = parseAndCheck(body);
  const out: T.GetTemplateSummaryOutput = {
    Parameters: Object.entries<any>(t.Parameters ?? {}).map(([key, p]) => ({
      ParameterKey: key, ParameterType: p.Type, NoEcho: p.NoEcho === true || p.NoEcho === 'true',
      ...(p.Default !== undefined ? { DefaultValue: String(p.Default) } : {}),
      ...(p.Description !== undefined ? { Description: p.Description } : {}),
      ParameterConstraints: Array.isArray(p.AllowedValues) ? { AllowedValues: p.AllowedValues.map(String) } : {},
    })),
    ResourceTypes: [...new Set(Object.values<any>(t.Resources).map((r) => r.Type as string))],
    Version: String(t.AWSTemplateFormatVersion ?? '2010-09-09'),
    DeclaredTransforms: declaredTransforms(t),
    ResourceIdentifierSummaries: [],
  };
  if (t.Description !== undefined) out.Description = t.Description;
  if (t.Metadata !== undefined) out.Metadata = JSON.stringify(t.Metadata);
  Object.assign(out, capabilities(t));
  return out;
}

export function validation(body: string): T.ValidateTemplateOutput {
  const t = parseAndCheck(body);
  const out: T.ValidateTemplateOutput = {
    Parameters: Object.entries<any>(t.Parameters ?? {}).map(([key, p]) => ({
      ParameterKey: key, NoEcho: p.NoEcho === true || p.NoEcho === 'true',
      ...(p.Default !== undefined ? { DefaultValue: String(p.Default) } : {}),
      ...(p.Description !== undefined ? { Description: p.Description } : {}),
    })),
    DeclaredTransforms: declaredTransforms(t),
  };
  if (t.Description !== undefined) out.Description = t.Description;
  Object.assign(out, capabilities(t));
  return out;
}

function capabilities(t: Template): { Capabilities?: T.Capability[]; CapabilitiesReason?: string } {
  const needed = requiredCapabilities(t);
  if (!needed) return {};
  return { Capabilities: [needed], CapabilitiesReason: `The following resource(s) require capabilities: [${iamTypesIn(t).join(', ')}]` };
}

/** Whether an update would change anything: resources, outputs, parameters or tags. */
export function changesSomething(s: StackRecord, next: PreparedTemplate, tags: T.Tag[]): boolean {
  const current = s.prepared;
  if (!current) return true;
  return JSON.stringify(current.template) !== JSON.stringify(next.template)
    || JSON.stringify(current.parameters.given) !== JSON.stringify(next.parameters.given)
    || JSON.stringify(s.tags) !== JSON.stringify(tags);
}
