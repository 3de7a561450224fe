// The isolation floors (bench/floor/): bare servers that do only what any emulator keeping
// an environment per process, or per worker thread, must do for an Invoke. Measured in the
// same run as localgate, they show what this machine allows: localgate's Invoke next to its
// floor is the cost of Lambda's semantics and of the AWS protocol, and a goal above the
// floor cannot be met on this machine by any design that keeps the isolation.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load, startProcess, type LoadResult } from './load.ts';

const FLOORS = fileURLToPath(new URL('./floor/', import.meta.url));
/** localgate's default number of environments per function (lambdaMaxEnvironments). */
const ENVIRONMENTS = 10;

/** Invoke-shaped load (POST of the bench's event, 50 connections) on each floor. */
export async function measureFloors(seconds: number): Promise<{ process: LoadResult; worker: LoadResult }> {
  const run = async (file: string, port: number) => {
    const url = `http://127.0.0.1:${port}/`;
    const server = await startProcess([`${FLOORS}${file}`, String(port), String(ENVIRONMENTS)], url);
    try {
      const invoke = { url, method: 'POST', body: '{"rawPath":"/bench"}' };
      await load({ ...invoke, seconds: 2 });
      return await load({ ...invoke, seconds });
    } finally {
      server.kill('SIGKILL');
    }
  };
  return { process: await run('process-floor.cjs', 45698), worker: await run('worker-floor.cjs', 45699) };
}

/** CPU time the hypervisor gave to others (steal) and all CPU time so far, from /proc/stat
 * (Linux only; undefined elsewhere). Ticks, all CPUs together. */
export function cpuTicks(): { steal: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'latin1').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    return { steal: fields[7] ?? 0, total: fields.reduce((a, b) => a + b, 0) };
  } catch {
    return undefined;
  }
}
