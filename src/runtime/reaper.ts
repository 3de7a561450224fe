// Finds and ends every process a function started, however it was started. Each
// execution environment's process gets LOCALGATE_PROCESS_TAG in its environment, and every
// descendant inherits it (detached or not, in a new session or not):
//   <localgate pid>.<its start time>.<pool id>.<environment id>
// so localgate can end an environment's processes when it ends, all of a pool's at shutdown,
// and, at the next start, those of a localgate that was killed (its pid no longer runs with
// that start time). The watcher (watcher.ts) uses the same tag when localgate vanishes.
// Linux only (/proc); elsewhere the process-group kills are all there is.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

export const TAG_VARIABLE = 'LOCALGATE_PROCESS_TAG';
const HAS_PROC = existsSync('/proc/self/environ');

/** The start time of a process in clock ticks since boot (field 22 of /proc/PID/stat). */
function startTicks(pid: number | 'self'): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name (field 2) may hold spaces and parentheses: count from its end.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** This localgate process's part of every tag. */
export const ownerTag = `${process.pid}.${HAS_PROC ? startTicks('self') : '0'}`;

/** A fresh tag prefix for one pool (several localgates may share a process in tests). */
export function newPoolTag(): string {
  return `${ownerTag}.${randomBytes(4).toString('hex')}`;
}

/** The pids in /proc but our own (none without /proc). */
function processIds(): number[] {
  if (!HAS_PROC) return [];
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid !== process.pid) pids.push(pid);
  }
  return pids;
}

/** A process's tag; undefined when it has none, is gone, or belongs to another user. */
function tagOf(pid: number): string | undefined {
  const prefix = `${TAG_VARIABLE}=`;
  let environ: string;
  try {
    environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
  } catch {
    return undefined;
  }
  let at = 0;
  if (!environ.startsWith(prefix)) {
    at = environ.indexOf(`\0${prefix}`) + 1;
    if (at === 0) return undefined;
  }
  const end = environ.indexOf('\0', at);
  // An empty tag marks the watcher, which must outlive the processes it ends (watcher.ts).
  return environ.slice(at + prefix.length, end < 0 ? undefined : end) || undefined;
}

function kill(pid: number) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** SIGKILLs every process whose tag `matches`; returns how many. */
export function killTagged(matches: (tag: string) => boolean): number {
  return killAmong(processIds(), matches);
}

function killAmong(pids: number[], matches: (tag: string) => boolean): number {
  let n = 0;
  for (const pid of pids) {
    const tag = tagOf(pid);
    if (tag === undefined || !matches(tag)) continue;
    kill(pid);
    n++;
  }
  return n;
}

/** Processes read per event-loop turn by killTaggedInSlices (~30 us each). */
const SLICE = 16;

/** killTagged, reading SLICE processes per event-loop turn: a sweep on a machine with
 * hundreds of processes takes 5-15 ms, which would otherwise stall every request. */
export async function killTaggedInSlices(matches: (tag: string) => boolean): Promise<number> {
  const pids = processIds();
  let n = 0;
  for (let at = 0; at < pids.length; at += SLICE) {
    if (at) await new Promise((resolve) => setImmediate(resolve));
    n += killAmong(pids.slice(at, at + SLICE), matches);
  }
  return n;
}

/** Ends the processes left by localgates that are gone (killed with SIGKILL, crashed). */
export function reapOrphans(): number {
  const alive = new Map<string, boolean>();
  return killTagged((tag) => {
    const [pid, ticks] = tag.split('.');
    const owner = `${pid}.${ticks}`;
    if (owner === ownerTag || !/^\d+\.\d+$/.test(owner)) return false;
    if (!alive.has(owner)) alive.set(owner, startTicks(Number(pid)) === ticks);
    return !alive.get(owner);
  });
}
