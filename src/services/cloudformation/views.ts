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
    NotificationARNs: s.notificationARNs, Tags: s.tags, DisableRollback: s.disableRollback, RollbackConfiguration: {},
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
  // AWS leaves out empty Parameters, Capabilities and Outputs, and termination protection and the change set once deleted.
  const parameters = s.prepared ? describeParameters(s.prepared.parameters) : [];
  if (parameters.length) out.Parameters = parameters;
  if (s.capabilities.length) out.Capabilities = s.capabilities as T.Capability[];
  if (s.outputs.length) out.Outputs = s.outputs;
  if (s.status !== 'DELETE_COMPLETE') out.EnableTerminationProtection = s.terminationProtection === true;
  if (s.changeSetId && s.status !== 'DELETE_COMPLETE') out.ChangeSetId = s.changeSetId;
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
  // Without transforms the processed template is the original text, YAML included (recorded on AWS).
  const transformed = prepared.transforms.length > 0 || /Fn::Transform|!Transform/.test(prepared.body);
  const body = stage === 'Processed' && transformed ? JSON.stringify(prepared.template) : prepared.body;
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
    ResourceIdentifierSummaries: resourceIdentifierSummaries(t),
  };
  const transforms = declaredTransforms(t);
  if (transforms.length) out.DeclaredTransforms = transforms;
  if (t.Description !== undefined) out.Description = t.Description;
  if (t.Metadata !== undefined) out.Metadata = pythonRepr(t.Metadata);
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
  };
  const transforms = declaredTransforms(t);
  if (transforms.length) out.DeclaredTransforms = transforms;
  if (t.Description !== undefined) out.Description = t.Description;
  Object.assign(out, capabilities(t));
  return out;
}

/**
 * GetTemplateSummary's Metadata is the section written as a Python literal, not JSON (recorded
 * on AWS: `{"TopicName": "sns-topic-simple"}` reads `{'TopicName': 'sns-topic-simple'}`).
 */
export function pythonRepr(value: unknown): string {
  if (typeof value === 'string') {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    const escaped = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
    return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
  }
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`).join(', ')}}`;
  return String(value);
}

/**
 * The template's logical ids by resource type. AWS adds each type's ResourceIdentifiers (the
 * properties an import names); localgate does not know them and leaves them out.
 */
function resourceIdentifierSummaries(t: Template): T.ResourceIdentifierSummary[] {
  const byType = new Map<string, string[]>();
  for (const [id, r] of Object.entries<any>(t.Resources)) {
    if (typeof r?.Type !== 'string') continue;
    if (!byType.has(r.Type)) byType.set(r.Type, []);
    byType.get(r.Type)!.push(id);
  }
  return [...byType].map(([ResourceType, LogicalResourceIds]) => ({ ResourceType, LogicalResourceIds }));
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
