// What a role, a user and a group share as holders of policies: inline policies put on them
// and managed policies attached to them, each through its own IAM operations. The resource
// types of the holders (role.ts, user.ts, group.ts) and of the policies (policy.ts,
// managed-policy.ts) go through these.
import type { ResourceContext, ResourceProperties } from '../../resource.ts';
import { documentText, gone, iam, listDiff } from './common.ts';

export type HolderKind = 'Role' | 'User' | 'Group';

interface HolderOperations {
  put(name: string, policyName: string, document: string): Promise<unknown>;
  remove(name: string, policyName: string): Promise<unknown>;
  attach(name: string, arn: string): Promise<unknown>;
  detach(name: string, arn: string): Promise<unknown>;
  inlineNames(name: string): Promise<string[]>;
  attachedArns(name: string): Promise<string[]>;
}

export function holder(ctx: ResourceContext, kind: HolderKind): HolderOperations {
  const api = iam(ctx);
  const r = ctx.request;
  const arns = (list: Array<{ PolicyArn?: string }> = []) => list.map((p) => p.PolicyArn!);
  switch (kind) {
    case 'Role':
      return {
        put: async (RoleName, PolicyName, PolicyDocument) => api.putRolePolicy({ RoleName, PolicyName, PolicyDocument }, r),
        remove: async (RoleName, PolicyName) => api.deleteRolePolicy({ RoleName, PolicyName }, r),
        attach: async (RoleName, PolicyArn) => api.attachRolePolicy({ RoleName, PolicyArn }, r),
        detach: async (RoleName, PolicyArn) => api.detachRolePolicy({ RoleName, PolicyArn }, r),
        inlineNames: async (RoleName) => (await api.listRolePolicies({ RoleName }, r)).PolicyNames,
        attachedArns: async (RoleName) => arns((await api.listAttachedRolePolicies({ RoleName }, r)).AttachedPolicies),
      };
    case 'User':
      return {
        put: async (UserName, PolicyName, PolicyDocument) => api.putUserPolicy({ UserName, PolicyName, PolicyDocument }, r),
        remove: async (UserName, PolicyName) => api.deleteUserPolicy({ UserName, PolicyName }, r),
        attach: async (UserName, PolicyArn) => api.attachUserPolicy({ UserName, PolicyArn }, r),
        detach: async (UserName, PolicyArn) => api.detachUserPolicy({ UserName, PolicyArn }, r),
        inlineNames: async (UserName) => (await api.listUserPolicies({ UserName }, r)).PolicyNames,
        attachedArns: async (UserName) => arns((await api.listAttachedUserPolicies({ UserName }, r)).AttachedPolicies),
      };
    case 'Group':
      return {
        put: async (GroupName, PolicyName, PolicyDocument) => api.putGroupPolicy({ GroupName, PolicyName, PolicyDocument }, r),
        remove: async (GroupName, PolicyName) => api.deleteGroupPolicy({ GroupName, PolicyName }, r),
        attach: async (GroupName, PolicyArn) => api.attachGroupPolicy({ GroupName, PolicyArn }, r),
        detach: async (GroupName, PolicyArn) => api.detachGroupPolicy({ GroupName, PolicyArn }, r),
        inlineNames: async (GroupName) => (await api.listGroupPolicies({ GroupName }, r)).PolicyNames,
        attachedArns: async (GroupName) => arns((await api.listAttachedGroupPolicies({ GroupName }, r)).AttachedPolicies),
      };
  }
}

/** The holders a policy resource names: its Roles, Users and Groups properties. */
export function holdersOf(props: ResourceProperties): Array<[HolderKind, string[]]> {
  const names = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
  return [
    ['Role', names(props.Roles)],
    ['User', names(props.Users)],
    ['Group', names(props.Groups)],
  ];
}

interface InlinePolicy {
  PolicyName: string;
  PolicyDocument: unknown;
}

const inline = (props: ResourceProperties): InlinePolicy[] => (Array.isArray(props.Policies) ? props.Policies : []);

/** A new holder's Policies and ManagedPolicyArns. */
export async function addPolicies(ctx: ResourceContext, kind: HolderKind, name: string, props: ResourceProperties) {
  const ops = holder(ctx, kind);
  for (const p of inline(props)) await ops.put(name, p.PolicyName, documentText(p.PolicyDocument));
  for (const arn of props.ManagedPolicyArns ?? []) await ops.attach(name, arn);
}

/** A holder's Policies and ManagedPolicyArns brought from `oldProps` to `props`. */
export async function updatePolicies(ctx: ResourceContext, kind: HolderKind, name: string, oldProps: ResourceProperties, props: ResourceProperties) {
  const ops = holder(ctx, kind);
  const managed = listDiff(oldProps.ManagedPolicyArns, props.ManagedPolicyArns);
  for (const arn of managed.removed) await gone(() => ops.detach(name, arn));
  for (const arn of managed.added) await ops.attach(name, arn);
  const policies = listDiff(inline(oldProps).map((p) => p.PolicyName), inline(props).map((p) => p.PolicyName));
  for (const p of policies.removed) await gone(() => ops.remove(name, p));
  for (const p of inline(props)) await ops.put(name, p.PolicyName, documentText(p.PolicyDocument));
}

/** Everything attached to or put on a holder, removed before the holder is deleted. */
export async function removeAllPolicies(ctx: ResourceContext, kind: HolderKind, name: string) {
  const ops = holder(ctx, kind);
  for (const arn of await ops.attachedArns(name)) await ops.detach(name, arn);
  for (const p of await ops.inlineNames(name)) await ops.remove(name, p);
}
