// Parameter Store's part of a --state-dir: every parameter with its versions, labels and
// tags, and the key SecureString values are encrypted under (so they decrypt after a restart).
import type { PersistedPart } from '../../state/persistence.ts';
import type { SecureValues } from './secure.ts';
import type { ParameterRecord, SsmStore } from './store.ts';

interface SsmSnapshot {
  key: Buffer;
  scopes: Array<{ account: string; region: string; state: Map<string, ParameterRecord> }>;
}

export function ssmPersistence(store: SsmStore, secure: SecureValues): PersistedPart {
  return {
    name: 'ssm',
    snapshot: (): SsmSnapshot => ({ key: secure.keyBytes, scopes: [...store.entries()] }),
    restore(data: SsmSnapshot) {
      secure.keyBytes = data.key;
      for (const { account, region, state } of data.scopes) store.set(account, region, state);
    },
  };
}
