// ECR's part of a --state-dir: repositories (their settings and tags), per registry and region.
import type { PersistedPart } from '../../state/persistence.ts';
import type { EcrStore } from './provider.ts';

type EcrSnapshot = Array<{ account: string; region: string; state: ReturnType<EcrStore['get']> }>;

export function ecrPersistence(store: EcrStore): PersistedPart {
  return {
    name: 'ecr',
    snapshot: (): EcrSnapshot => [...store.entries()],
    restore(data: EcrSnapshot) {
      for (const { account, region, state } of data) store.set(account, region, state);
    },
  };
}
