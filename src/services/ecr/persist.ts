// ECR's part of a --state-dir: repositories (their settings and tags), per registry and region.
import type { PersistedPart } from '../../state/persistence.ts';
import { scopedPersistence } from '../../state/scoped-persistence.ts';
import type { EcrStore } from './provider.ts';

export function ecrPersistence(store: EcrStore): PersistedPart {
  return scopedPersistence('ecr', store);
}
