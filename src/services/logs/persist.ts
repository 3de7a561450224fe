// CloudWatch Logs' part of a --state-dir: log groups (retention, class, KMS key, tags) and
// their streams. Events are not kept: the store bounds them in memory, and saving them
// would rewrite the state on every function invocation. A restored stream starts empty,
// its positions (paging tokens) counting on from where it was.
import type { PersistedPart } from '../../state/persistence.ts';
import type { LogGroupRecord, LogsStore } from './store.ts';

type LogsSnapshot = Array<{ account: string; region: string; groups: Map<string, LogGroupRecord> }>;

/** `flush` stores the function output still waiting in the sink's batch (sink.ts), so that
 * the groups and streams it creates are in the snapshot. */
export function logsPersistence(store: LogsStore, flush: () => void): PersistedPart {
  return {
    name: 'logs',
    snapshot: (): LogsSnapshot => {
      flush();
      return [...store.entries()].map(({ account, region, state }) => ({
        account,
        region,
        groups: new Map(
          [...state].map(([name, group]) => [
            name,
            { ...group, streams: new Map([...group.streams].map(([n, s]) => [n, { ...s, events: [], dropped: s.dropped + s.events.length }])) },
          ]),
        ),
      }));
    },
    restore(data: LogsSnapshot) {
      for (const { account, region, groups } of data) store.set(account, region, groups);
    },
  };
}
