// A function's resource-based policy: AddPermission, RemovePermission and GetPolicy.
// Statements are kept per qualifier, as Lambda keeps one policy per version or alias. The
// policy has no revision of its own: it shares the RevisionId of its function, version or
// alias, which every change of the policy renews (test_lambda_api.snapshot.json,
// test_lambda_permission_fn_versioning, test_lambda_permission_revisions).
import { randomUUID } from 'node:crypto';
import { lambdaErrors } from '../../models/lambda.errors.ts';
import type { AddPermissionRequest, RemovePermissionRequest } from '../../models/lambda.types.ts';
import type { LambdaFunction, PolicyStatement } from './store.ts';
import { checkRevision } from './versions.ts';

/** The statement's Principal: "*", an account (as its root), an IAM ARN or a service. */
function principalOf(principal: string): unknown {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (/^arn:aws[a-zA-Z-]*:iam::\d{12}:/.test(principal)) return { AWS: principal };
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.(amazonaws\.com|amazon\.com)$/.test(principal)) return { Service: principal };
  throw lambdaErrors.invalidParameterValue('The provided principal was invalid. Please check the principal and try again.');
}

/** A qualifier of the function, or Lambda's error for one it does not have: AddPermission and
 * RemovePermission name a missing alias as an alias and a missing version as a function, while
 * GetPolicy says only that the resource does not exist (test_lambda_api.snapshot.json,
 * test_permission_exceptions). */
function checkQualifier(fn: LambdaFunction, qualifier: string | undefined, operation: 'change' | 'read' = 'change') {
  if (qualifier === undefined || qualifier === '$LATEST') return;
  if (fn.versions.has(qualifier) || fn.aliases.has(qualifier)) return;
  if (operation === 'read') throw lambdaErrors.resourceNotFound('The resource you requested does not exist.');
  const aliasName = /^[a-zA-Z0-9-_]+$/.test(qualifier) && !/^\d+$/.test(qualifier);
  throw lambdaErrors.resourceNotFound(`${aliasName ? 'Cannot find alias arn' : 'Function not found'}: ${fn.arn}:${qualifier}`);
}

/** The RevisionId of what the policy belongs to: $LATEST, a version or an alias. */
function revisionOf(fn: LambdaFunction, qualifier: string | undefined): string | undefined {
  if (qualifier === undefined || qualifier === '$LATEST') return fn.latest.config.RevisionId;
  return fn.versions.get(qualifier)?.config.RevisionId ?? fn.aliases.get(qualifier)?.RevisionId;
}

function renewRevision(fn: LambdaFunction, qualifier: string | undefined) {
  const revision = randomUUID();
  if (qualifier === undefined || qualifier === '$LATEST') {
    // A policy change is not a change of $LATEST for PublishVersion's purposes.
    if (fn.lastPublished?.revisionId === fn.latest.config.RevisionId) fn.lastPublished!.revisionId = revision;
    fn.latest = { ...fn.latest, config: { ...fn.latest.config, RevisionId: revision } };
    return;
  }
  const version = fn.versions.get(qualifier);
  if (version) version.config = { ...version.config, RevisionId: revision };
  const alias = fn.aliases.get(qualifier);
  if (alias) fn.aliases.set(qualifier, { ...alias, RevisionId: revision });
}

export function addPermission(fn: LambdaFunction, input: AddPermissionRequest): string {
  if (input.Qualifier === '$LATEST') throw lambdaErrors.invalidParameterValue('We currently do not support adding policies for $LATEST.');
  checkQualifier(fn, input.Qualifier);
  const principal = principalOf(input.Principal);
  const key = input.Qualifier ?? '';
  const policy = fn.policies.get(key) ?? { statements: [] };
  checkRevision(input.RevisionId, revisionOf(fn, input.Qualifier));
  if (policy.statements.some((s) => s.Sid === input.StatementId)) {
    throw lambdaErrors.resourceConflict(
      `The statement id (${input.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
    );
  }
  const statement: PolicyStatement = {
    Sid: input.StatementId,
    Effect: 'Allow',
    Principal: principal,
    Action: input.Action,
    Resource: input.Qualifier ? `${fn.arn}:${input.Qualifier}` : fn.arn,
  };
  // Keys in the order Lambda writes them (test_lambda_api.snapshot.json,
  // test_add_lambda_permission_fields); the Alexa token was recorded alone.
  const equals: Record<string, string> = {};
  if (input.EventSourceToken) equals['lambda:EventSourceToken'] = input.EventSourceToken;
  if (input.FunctionUrlAuthType) equals['lambda:FunctionUrlAuthType'] = input.FunctionUrlAuthType;
  if (input.PrincipalOrgID) equals['aws:PrincipalOrgID'] = input.PrincipalOrgID;
  if (input.SourceAccount) equals['AWS:SourceAccount'] = input.SourceAccount;
  const condition: Record<string, Record<string, string>> = {};
  if (Object.keys(equals).length) condition.StringEquals = equals;
  if (input.SourceArn) condition.ArnLike = { 'AWS:SourceArn': input.SourceArn };
  if (Object.keys(condition).length) statement.Condition = condition;
  policy.statements.push(statement);
  fn.policies.set(key, policy);
  renewRevision(fn, input.Qualifier);
  return JSON.stringify(statement);
}

export function removePermission(fn: LambdaFunction, input: RemovePermissionRequest) {
  checkQualifier(fn, input.Qualifier);
  const policy = fn.policies.get(input.Qualifier ?? '');
  if (!policy) throw lambdaErrors.resourceNotFound('No policy is associated with the given resource.');
  checkRevision(input.RevisionId, revisionOf(fn, input.Qualifier));
  const index = policy.statements.findIndex((s) => s.Sid === input.StatementId);
  if (index < 0) throw lambdaErrors.resourceNotFound(`Statement ${input.StatementId} is not found in resource policy.`);
  policy.statements.splice(index, 1);
  if (!policy.statements.length) fn.policies.delete(input.Qualifier ?? '');
  renewRevision(fn, input.Qualifier);
}

export function getPolicy(fn: LambdaFunction, qualifier: string | undefined): { Policy: string; RevisionId: string } {
  checkQualifier(fn, qualifier, 'read');
  const policy = fn.policies.get(qualifier ?? '');
  if (!policy?.statements.length) throw lambdaErrors.resourceNotFound('The resource you requested does not exist.');
  return { Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: policy.statements }), RevisionId: revisionOf(fn, qualifier)! };
}

/** Whether the policy of the function (or alias) behind a function URL lets anyone invoke it:
 * an AuthType NONE URL answers 403 without such a statement, as on Lambda. */
export function allowsPublicUrlInvoke(fn: LambdaFunction, qualifier: string | undefined): boolean {
  const statements = fn.policies.get(qualifier ?? '')?.statements ?? [];
  return statements.some((s) => {
    const principal = s.Principal === '*' || (typeof s.Principal === 'object' && (s.Principal as { AWS?: unknown }).AWS === '*');
    const action = s.Action === 'lambda:InvokeFunctionUrl' || s.Action === 'lambda:*';
    const authType = s.Condition?.StringEquals?.['lambda:FunctionUrlAuthType'];
    return principal && action && (authType === undefined || authType === 'NONE');
  });
}
