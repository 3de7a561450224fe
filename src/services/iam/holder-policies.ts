// The policies of a user, group or role: inline ones (name -> document) and attached managed
// ones. One implementation for the three kinds; only IAM's messages name the kind.
import { AWS_MANAGED_POLICIES } from './aws-managed.ts';
import { checkDocument, deleteConflict, encodeDocument, invalidInput, listPage, noSuchEntity, type Paging } from './common.ts';
import type { IamAccount, ManagedPolicyRecord, PolicyHolder } from './store.ts';

export type HolderKind = 'user' | 'group' | 'role';

/** A customer managed policy of this account or an AWS managed one. */
export function findPolicy(scope: IamAccount, arn: string): ManagedPolicyRecord | undefined {
  return scope.policies.get(arn) ?? AWS_MANAGED_POLICIES.get(arn);
}

/** How many users, groups and roles of the account have the policy attached. */
export function attachmentCount(scope: IamAccount, arn: string): number {
  let n = 0;
  for (const holders of [scope.roles, scope.users, scope.groups]) {
    for (const holder of holders.values()) if (holder.attached.includes(arn)) n++;
  }
  return n;
}

/** IAM deletes a user, group or role only once no policy is attached to it or inline in it. */
export function checkNoPolicies(holder: PolicyHolder) {
  if (holder.attached.length) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  if (holder.inline.size) throw deleteConflict('Cannot delete entity, must delete policies first.');
}

export function putInline(holder: PolicyHolder, name: string, document: string) {
  if (!name) throw invalidInput('PolicyName must not be empty.');
  holder.inline.set(name, checkDocument(document));
}

/** The inline policy's document, URL-encoded as IAM answers it. */
export function getInline(holder: PolicyHolder, kind: HolderKind, name: string): string {
  const document = holder.inline.get(name);
  if (document === undefined) throw noSuchEntity(`The ${kind} policy with name ${name} cannot be found.`);
  return encodeDocument(document);
}

export function listInline(holder: PolicyHolder, paging: Paging) {
  return listPage('PolicyNames', [...holder.inline.keys()].sort(), paging);
}

export function deleteInline(holder: PolicyHolder, kind: HolderKind, name: string) {
  if (!holder.inline.delete(name)) throw noSuchEntity(`The ${kind} policy with name ${name} cannot be found.`);
}

export function attach(scope: IamAccount, holder: PolicyHolder, arn: string) {
  if (!findPolicy(scope, arn)) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  if (!holder.attached.includes(arn)) holder.attached.push(arn);
}

export function detach(holder: PolicyHolder, arn: string) {
  const at = holder.attached.indexOf(arn);
  if (at < 0) throw noSuchEntity(`Policy ${arn} was not found.`);
  holder.attached.splice(at, 1);
}

export function listAttached(scope: IamAccount, holder: PolicyHolder, input: Paging & { PathPrefix?: string }) {
  const prefix = input.PathPrefix ?? '/';
  const attached = holder.attached
    .map((arn) => findPolicy(scope, arn))
    .filter((p): p is ManagedPolicyRecord => p !== undefined && p.Path.startsWith(prefix))
    .map((p) => ({ PolicyName: p.PolicyName, PolicyArn: p.Arn }));
  return listPage('AttachedPolicies', attached, input);
}
