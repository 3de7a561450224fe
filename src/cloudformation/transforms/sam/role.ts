// The execution role SAM generates for a function without `Role`: `<Function>Role`, trusting
// lambda.amazonaws.com, with AWSLambdaBasicExecutionRole and the function's Policies as SAM
// expands them (managed policy names and ARNs, inline policy documents, policy templates).
import { invalidResource } from './errors.ts';
import { expandPolicyTemplate } from './policy-templates.ts';
import { isIntrinsic, isPlainObject, tagList } from './values.ts';

/** AWS managed policies that live under a path (most are at the root: `policy/<Name>`). */
const MANAGED_POLICY_PATHS: Record<string, string> = {
  AWSLambdaBasicExecutionRole: 'service-role/',
  AWSLambdaVPCAccessExecutionRole: 'service-role/',
  AWSLambdaRole: 'service-role/',
  AWSLambdaDynamoDBExecutionRole: 'service-role/',
  AWSLambdaKinesisExecutionRole: 'service-role/',
  AWSLambdaSQSQueueExecutionRole: 'service-role/',
  AWSLambdaMSKExecutionRole: 'service-role/',
  AWSLambdaENIManagementAccess: 'service-role/',
  AWSConfigRulesExecutionRole: 'service-role/',
  AWSIoTDeviceDefenderPublishFindingsToSNSMitigationAction: 'service-role/',
};

export const managedPolicyArn = (partition: string, name: string) =>
  `arn:${partition}:iam::aws:policy/${MANAGED_POLICY_PATHS[name] ?? ''}${name}`;

/** What the role needs to send to an EventInvokeConfig destination, by destination Type. */
const DESTINATION_POLICIES: Record<string, { suffix: string; action: string }> = {
  SQS: { suffix: 'SQSPolicy', action: 'sqs:SendMessage' },
  SNS: { suffix: 'SNSPolicy', action: 'sns:publish' },
  Lambda: { suffix: 'LambdaPolicy', action: 'lambda:InvokeFunction' },
  EventBridge: { suffix: 'EventBridgePolicy', action: 'events:PutEvents' },
};

function eventInvokePolicies(functionId: string, config: unknown): Array<Record<string, unknown>> {
  const destinations = isPlainObject(config) && isPlainObject(config.DestinationConfig) ? config.DestinationConfig : {};
  const out: Array<Record<string, unknown>> = [];
  for (const when of ['OnSuccess', 'OnFailure']) {
    const d = destinations[when];
    const policy = isPlainObject(d) ? DESTINATION_POLICIES[d.Type] : undefined;
    if (!policy || d.Destination === undefined) continue;
    out.push({
      PolicyName: `${functionId}EventInvokeConfig${when}${policy.suffix}`,
      PolicyDocument: { Statement: [{ Action: policy.action, Effect: 'Allow', Resource: d.Destination }] },
    });
  }
  return out;
}

const DLQ_ACTIONS: Record<string, string> = { SQS: 'sqs:SendMessage', SNS: 'sns:Publish' };

export interface RoleResult {
  role: Record<string, unknown>;
  warnings: string[];
}

/** The `<Function>Role` resource for a function's (Globals-merged) properties. */
export function functionRole(functionId: string, props: Record<string, any>, partition: string): RoleResult {
  const warnings: string[] = [];
  const managed: unknown[] = [managedPolicyArn(partition, 'AWSLambdaBasicExecutionRole')];
  if (props.Tracing !== undefined && props.Tracing !== 'PassThrough' && props.Tracing !== 'Disabled') managed.push(managedPolicyArn(partition, 'AWSXrayWriteOnlyAccess'));
  if (props.VpcConfig) managed.push(managedPolicyArn(partition, 'AWSLambdaVPCAccessExecutionRole'));

  const inline: Array<Record<string, unknown>> = [];
  const dlq = props.DeadLetterQueue;
  if (isPlainObject(dlq) && DLQ_ACTIONS[dlq.Type]) {
    inline.push({
      PolicyName: 'DeadLetterQueuePolicy',
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Action: DLQ_ACTIONS[dlq.Type], Resource: dlq.TargetArn, Effect: 'Allow' }] },
    });
  }

  inline.push(...eventInvokePolicies(functionId, props.EventInvokeConfig));

  const roleId = `${functionId}Role`;
  const policies = props.Policies === undefined ? [] : Array.isArray(props.Policies) ? props.Policies : [props.Policies];
  policies.forEach((entry: unknown, index: number) => {
    if (typeof entry === 'string') {
      managed.push(entry.startsWith('arn:') ? entry : managedPolicyArn(partition, entry));
    } else if (isIntrinsic(entry)) {
      managed.push(entry);
    } else if (isPlainObject(entry) && 'Statement' in entry) {
      inline.push({ PolicyName: `${roleId}Policy${index}`, PolicyDocument: entry });
    } else if (isPlainObject(entry) && Object.keys(entry).length === 1) {
      const [name] = Object.keys(entry);
      const expansion = expandPolicyTemplate(functionId, index, name, entry[name]);
      if ('skipped' in expansion) warnings.push(`${functionId}: policy template ${name} is not expanded by localgate; the role ${roleId} is created without it`);
      else inline.push({ PolicyName: `${roleId}Policy${index}`, PolicyDocument: { Statement: expansion.statements } });
    } else {
      throw invalidResource(functionId, `Policy at index ${index} in the 'Policies' property is not valid`);
    }
  });

  const properties: Record<string, unknown> = {
    AssumeRolePolicyDocument: props.AssumeRolePolicyDocument ?? {
      Version: '2012-10-17',
      Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } }],
    },
    ManagedPolicyArns: managed,
    Tags: tagList('lambda:createdBy', props.Tags),
  };
  if (inline.length) properties.Policies = inline;
  if (props.RolePath !== undefined) properties.Path = props.RolePath;
  if (props.PermissionsBoundary !== undefined) properties.PermissionsBoundary = props.PermissionsBoundary;
  return { role: { Type: 'AWS::IAM::Role', Properties: properties }, warnings };
}
