// IAM state. IAM is global: one scope per account, whatever region a call is signed for.
// Names are unique without regard to case (as IAM has it), so maps are keyed by the
// lower-cased name and records keep the name as it was given.
import type { Tag } from '../../models/iam.types.ts';
import { randomId } from '../../state/ids.ts';

export interface RoleRecord {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path: string;
  /** As the caller sent it; answers carry it URL-encoded. */
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  PermissionsBoundary?: string;
  CreateDate: Date;
  Tags: Tag[];
  /** Inline policies: name -> document. */
  inline: Map<string, string>;
  /** Attached managed policy ARNs, in attachment order. */
  attached: string[];
}

export interface PolicyVersionRecord {
  VersionId: string;
  Document: string;
  CreateDate: Date;
}

export interface ManagedPolicyRecord {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  Description?: string;
  CreateDate: Date;
  UpdateDate: Date;
  DefaultVersionId: string;
  versions: PolicyVersionRecord[];
  /** The number the next CreatePolicyVersion takes. */
  nextVersion: number;
  Tags: Tag[];
}

export interface InstanceProfileRecord {
  InstanceProfileName: string;
  InstanceProfileId: string;
  Arn: string;
  Path: string;
  CreateDate: Date;
  Tags: Tag[];
  /** Lower-cased names of its roles (at most one, IAM's quota). */
  roles: string[];
}

export interface IamAccount {
  roles: Map<string, RoleRecord>;
  /** Customer managed policies by ARN. */
  policies: Map<string, ManagedPolicyRecord>;
  instanceProfiles: Map<string, InstanceProfileRecord>;
}

const UNIQUE_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** An IAM unique id: a four-letter prefix naming the kind (AROA role, ANPA policy, AIPA
 * instance profile) and 17 upper-case characters. */
export function uniqueId(prefix: 'AROA' | 'ANPA' | 'AIPA'): string {
  return prefix + randomId(17, UNIQUE_ID_CHARS);
}

export class IamStore {
  readonly accounts = new Map<string, IamAccount>();

  account(account: string): IamAccount {
    let scope = this.accounts.get(account);
    if (!scope) {
      scope = { roles: new Map(), policies: new Map(), instanceProfiles: new Map() };
      this.accounts.set(account, scope);
    }
    return scope;
  }

  /** The role with this name in this account, if IAM holds one (no scope is created). */
  findRole(account: string, name: string): RoleRecord | undefined {
    return this.accounts.get(account)?.roles.get(name.toLowerCase());
  }

  reset() {
    this.accounts.clear();
  }
}
