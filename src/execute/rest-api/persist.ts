// The REST API data plane's part of a --state-dir: the usage plans' counters (quota used in
// the current period, requests per key and day for GetUsage). Throttling buckets are not
// kept: they refill within a second anyway.
import type { PersistedPart } from '../../state/persistence.ts';
import type { UsageTracker } from './usage.ts';

interface UsageSnapshot {
  quotas: Map<string, { start: number; used: number }>;
  daily: Map<string, number>;
}

export function usagePersistence(usage: UsageTracker): PersistedPart {
  return {
    name: 'apigateway-usage',
    attach({ markDirty }) {
      usage.onCount = markDirty;
    },
    snapshot: (): UsageSnapshot => ({ quotas: usage.quotas, daily: usage.daily }),
    restore(data: UsageSnapshot) {
      for (const [key, entry] of data.quotas) usage.quotas.set(key, entry);
      for (const [key, count] of data.daily) usage.daily.set(key, count);
    },
  };
}
