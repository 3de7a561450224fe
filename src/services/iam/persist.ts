// IAM's part of a --state-dir: roles (with inline and attached policies), customer managed
// policies with their versions, and instance profiles, per account.
import type { PersistedPart } from '../../state/persistence.ts';
import type { IamAccount, IamStore } from './store.ts';

export function iamPersistence(store: IamStore): PersistedPart {
  return {
    name: 'iam',
    snapshot: (): Map<string, IamAccount> => store.accounts,
    restore(data: Map<string, IamAccount>) {
      for (const [account, scope] of data) store.accounts.set(account, scope);
    },
  };
}
