// Runs work over a dependency graph: each item starts once everything it depends on has
// succeeded, independent items run concurrently; after a failure nothing new starts and the
// items already running finish.
export interface RunResult {
  failed: string[];
  /** Items that never started (a dependency failed, or a failure stopped the run). */
  skipped: string[];
}

export async function runInOrder(items: string[], dependsOn: (item: string) => Iterable<string>, work: (item: string) => Promise<boolean>): Promise<RunResult> {
  const pending = new Set(items);
  const succeeded = new Set<string>();
  const failed: string[] = [];
  const running = new Map<string, Promise<void>>();
  const wanted = new Set(items);
  const ready = (item: string) => [...dependsOn(item)].every((d) => !wanted.has(d) || succeeded.has(d));
  for (;;) {
    if (!failed.length) {
      for (const item of [...pending]) {
        if (!ready(item)) continue;
        pending.delete(item);
        running.set(item, work(item).then(
          (ok) => { (ok ? succeeded.add(item) : failed.push(item)); },
          () => { failed.push(item); },
        ).finally(() => running.delete(item)));
      }
    }
    if (!running.size) break;
    await Promise.race(running.values());
  }
  return { failed, skipped: [...pending] };
}

/** The graph backwards: an item may be deleted once everything that depends on it is gone. */
export function reverse(deps: Map<string, Set<string>>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>([...deps.keys()].map((id) => [id, new Set<string>()]));
  for (const [id, on] of deps) for (const d of on) out.get(d)?.add(id);
  return out;
}
