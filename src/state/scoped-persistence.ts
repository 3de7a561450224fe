// The --state-dir part of a service whose state is kept per account and region in an
// AccountRegionStore: every scope saved as it is and put back as it was.
import type { PersistedPart } from './persistence.ts';
import type { AccountRegionStore } from './store.ts';

type ScopedSnapshot<S> = Array<{ account: string; region: string; state: S }>;

/** `restored` runs for each scope put back (e.g. to rebuild an index over the scopes). */
export function scopedPersistence<S>(name: string, scopes: AccountRegionStore<S>, restored?: (account: string, region: string, state: S) => void): PersistedPart {
  return {
    name,
    snapshot: (): ScopedSnapshot<S> => [...scopes.entries()],
    restore(data: ScopedSnapshot<S>) {
      for (const { account, region, state } of data) {
        scopes.set(account, region, state);
        restored?.(account, region, state);
      }
    },
  };
}
