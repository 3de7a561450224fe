// Parameter Store state, per account and region: each parameter with its versions (the
// newest last). SecureString values are stored encrypted.
import type { ParameterTier, ParameterType, Tag } from '../../models/ssm.types.ts';
import { AccountRegionStore } from '../../state/store.ts';

export interface ParameterVersion {
  Version: number;
  /** Plain text, or the ciphertext of a SecureString. */
  Value: string;
  Type: ParameterType;
  KeyId?: string;
  Description?: string;
  AllowedPattern?: string;
  DataType: string;
  Tier: ParameterTier;
  LastModifiedDate: Date;
  LastModifiedUser: string;
  Labels: string[];
}

export interface ParameterRecord {
  /** The name it was created under. */
  Name: string;
  Tags: Tag[];
  versions: ParameterVersion[];
  /** The number the next version takes (versions are never reused). */
  nextVersion: number;
}

export const current = (p: ParameterRecord) => p.versions[p.versions.length - 1];

export class SsmStore extends AccountRegionStore<Map<string, ParameterRecord>> {
  constructor() {
    super(() => new Map());
  }
}
