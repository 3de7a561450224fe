// A function's resource-based policy: AddPermission, RemovePermission and GetPolicy.
// Statements are kept per qualifier, as Lambda keeps one policy per version or alias.
import { randomUUID } from 'node:crypto';
import { lambdaErrors } from '../../models/lambda.errors.ts';
import type { AddPermissionRequest, RemovePermissionRequest } from '../../models/lambda.types.ts';
import type { LambdaFunction, PolicyStatement } from './store.ts';
import { checkRevision } from './versions.ts';

function principalOf(principal: string): unknown {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (principal.endsWith('.amazonaws.com') || principal.endsWith('.amazon.com')) return { Service: principal };
  return { AWS: principal };
}

function checkQualifier(fn: LambdaFunction, qualifier: string | undefined) {
  if (qualifier === undefined || qualifier === '$LATEST') return;
  if (!fn.versions.has(qualifier) && !fn.aliases.has(qualifier)) {
    throw lambdaErrors.resourceNotFound(`Function not found: ${fn.arn}:${qualifier}`);
  }
}

export function addPermission(fn: LambdaFunction, input: AddPermissionRequest): string {
  checkQualifier(fn, input.Qualifier);
  const key = input.Qualifier ?? '';
  const policy = fn.policies.get(key) ?? { statements: [], revisionId: randomUUID() };
  checkRevision(input.RevisionId, policy.revisionId);
  if (policy.statements.some((s) => s.Sid === input.StatementId)) {
    throw lambdaErrors.resourceConflict(
      'The statement id (' + input.StatementId + ') provided already exists. Please choose a new statement id, or remove the existing statement.',
    );
  }
  const statement: PolicyStatement = {
    Sid: input.StatementId,
    Effect: 'Allow',
    Principal: principalOf(input.Principal),
    Action: input.Action,
    Resource: input.Qualifier ? `${fn.arn}:${input.Qualifier}` : fn.arn,
  };
  const condition: Record<string, Record<string, string>> = {};
  if (input.SourceAccount) condition.StringEquals = { 'AWS:SourceAccount': input.SourceAccount };
  if (input.SourceArn) condition.ArnLike = { 'AWS:SourceArn': input.SourceArn };
  if (input.PrincipalOrgID) condition.StringEquals = { ...condition.StringEquals, 'aws:PrincipalOrgID': input.PrincipalOrgID };
  if (input.FunctionUrlAuthType) condition.StringEquals = { ...condition.StringEquals, 'lambda:FunctionUrlAuthType': input.FunctionUrlAuthType };
  if (Object.keys(condition).length) statement.Condition = condition;
  policy.statements.push(statement);
  policy.revisionId = randomUUID();
  fn.policies.set(key, policy);
  return JSON.stringify(statement);
}

export function removePermission(fn: LambdaFunction, input: RemovePermissionRequest) {
  checkQualifier(fn, input.Qualifier);
  const policy = fn.policies.get(input.Qualifier ?? '');
  if (policy) checkRevision(input.RevisionId, policy.revisionId);
  const index = policy?.statements.findIndex((s) => s.Sid === input.StatementId) ?? -1;
  if (!policy || index < 0) throw lambdaErrors.resourceNotFound(`Statement ${input.StatementId} is not found in resource policy.`);
  policy.statements.splice(index, 1);
  policy.revisionId = randomUUID();
  if (!policy.statements.length) fn.policies.delete(input.Qualifier ?? '');
}

export function getPolicy(fn: LambdaFunction, qualifier: string | undefined): { Policy: string; RevisionId: string } {
  checkQualifier(fn, qualifier);
  const policy = fn.policies.get(qualifier ?? '');
  if (!policy?.statements.length) throw lambdaErrors.resourceNotFound('The resource you requested does not exist.');
  return { Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: policy.statements }), RevisionId: policy.revisionId };
}
