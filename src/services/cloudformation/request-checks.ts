// Checks of request parameters that the stack operations and change sets share.
import { validationError } from '../../cloudformation/errors.ts';
import type { PreparedTemplate } from '../../cloudformation/prepare.ts';
import type * as T from '../../models/cloudformation.types.ts';
import { AwsError } from '../../protocol/errors.ts';

/** ValidationError unless every resource type of the template is one the caller's ResourceTypes allows (`AWS::*`, `AWS::S3::*`, exact). */
export function checkResourceTypes(prepared: PreparedTemplate, allowed: string[] | undefined) {
  if (!allowed?.length) return;
  const allows = (type: string) => allowed.some((entry) => (entry.endsWith('*') ? type.startsWith(entry.slice(0, -1)) : type === entry));
  for (const resource of Object.values<any>(prepared.template.Resources)) {
    if (!allows(resource.Type)) throw validationError(`Resource type ${resource.Type} is not allowed by parameter ResourceTypes [${allowed.join(', ')}]`);
  }
}

/** Rollback triggers name CloudWatch alarms, which localgate does not serve: malformed ones answer as AWS does, the rest are refused. */
export function checkRollbackConfiguration(config: T.RollbackConfiguration | undefined) {
  for (const trigger of config?.RollbackTriggers ?? []) {
    if (trigger.Type !== 'AWS::CloudWatch::Alarm' && trigger.Type !== 'AWS::CloudWatch::CompositeAlarm') throw validationError('Rollback Trigger Type not supported');
    if (!/^arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\d{12}:alarm:.+$/.test(trigger.Arn)) throw validationError("RelativeId of a Rollback Trigger's ARN is incorrect");
  }
  if (config?.RollbackTriggers?.length) throw new AwsError('NotImplemented', 'localgate does not implement rollback triggers (RollbackConfiguration.RollbackTriggers): it serves no CloudWatch alarms', 501);
}

/** Stack policies are not implemented: a request setting one is refused rather than ignored. */
export function refuseStackPolicy(input: { StackPolicyBody?: string; StackPolicyURL?: string; StackPolicyDuringUpdateBody?: string; StackPolicyDuringUpdateURL?: string }) {
  const given = (['StackPolicyBody', 'StackPolicyURL', 'StackPolicyDuringUpdateBody', 'StackPolicyDuringUpdateURL'] as const).filter((key) => input[key] !== undefined);
  if (given.length) throw new AwsError('NotImplemented', `localgate does not implement stack policies (${given.join(', ')})`, 501);
}
