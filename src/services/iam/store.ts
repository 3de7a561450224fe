// IAM state. IAM is global: one scope per account, whatever region a call is signed for.
// Names are unique without regard to case (as IAM has it), so maps are keyed by the
// lower-cased name and records keep the name as it was given.
import type { statusType, Tag } from '../../models/iam.types.ts';
import { accountOfAccessKey } from '../../state/access-keys.ts';
import { randomId } from '../../state/ids.ts';

export interface RoleRecord extends PolicyHolder {
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

/** What users, groups and roles share: inline policies and attached managed ones. */
export interface PolicyHolder {
  /** Inline policies: name -> document. */
  inline: Map<string, string>;
  /** Attached managed policy ARNs, in attachment order. */
  attached: string[];
}

export interface UserRecord extends PolicyHolder {
  UserName: string;
  UserId: string;
  Arn: string;
  Path: string;
  PermissionsBoundary?: string;
  CreateDate: Date;
  Tags: Tag[];
}

export interface AccessKeyRecord {
  AccessKeyId: string;
  SecretAccessKey: string;
  /** Lower-cased name of the user it belongs to. */
  user: string;
  Status: statusType;
  CreateDate: Date;
}

export interface GroupRecord extends PolicyHolder {
  GroupName: string;
  GroupId: string;
  Arn: string;
  Path: string;
  CreateDate: Date;
  /** Lower-cased names of its users, in the order they were added. */
  users: string[];
}

export interface IamAccount {
  roles: Map<string, RoleRecord>;
  users: Map<string, UserRecord>;
  groups: Map<string, GroupRecord>;
  /** Users' access keys by id. */
  accessKeys: Map<string, AccessKeyRecord>;
  /** Customer managed policies by ARN. */
  policies: Map<string, ManagedPolicyRecord>;
  instanceProfiles: Map<string, InstanceProfileRecord>;
}

const UNIQUE_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** An IAM unique id: a four-letter prefix naming the kind (AROA role, ANPA policy, AIPA
 * instance profile, AIDA user, AGPA group) and 17 upper-case characters. */
export function uniqueId(prefix: 'AROA' | 'ANPA' | 'AIPA' | 'AIDA' | 'AGPA'): string {
  return prefix + randomId(17, UNIQUE_ID_CHARS);
}

export class IamStore {
  readonly accounts = new Map<string, IamAccount>();

  account(account: string): IamAccount {
    let scope = this.accounts.get(account);
    if (!scope) {
      scope = { roles: new Map(), users: new Map(), groups: new Map(), accessKeys: new Map(), policies: new Map(), instanceProfiles: new Map() };
      this.accounts.set(account, scope);
    }
    return scope;
  }

  /** The role with this name in this account, if IAM holds one (no scope is created). */
  findRole(account: string, name: string): RoleRecord | undefined {
    return this.accounts.get(account)?.roles.get(name.toLowerCase());
  }

  /** The user an access key id belongs to, with its account, when IAM issued the key (the
   * key names its account, whichever account a request signed with it falls back to). */
  findAccessKeyUser(accessKeyId: string): { account: string; scope: IamAccount; user: UserRecord } | undefined {
    const account = accountOfAccessKey(accessKeyId);
    const scope = account ? this.accounts.get(account) : undefined;
    const key = scope?.accessKeys.get(accessKeyId);
    const user = key ? scope!.users.get(key.user) : undefined;
    return user ? { account: account!, scope: scope!, user } : undefined;
  }

  reset() {
    this.accounts.clear();
  }
}
