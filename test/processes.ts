// Whether processes run, for the tests that check what localgate leaves behind.

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Those of `pids` still running after a bounded wait (reaping an exited child takes a
 * tick); the tests assert on the outcome, not on the time it took. */
export async function stillRunning(pids: number[], limitMs: number): Promise<number[]> {
  for (let waited = 0; waited < limitMs && pids.some(alive); waited += 100) await new Promise((r) => setTimeout(r, 100));
  return pids.filter(alive);
}
