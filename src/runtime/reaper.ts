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

/** Every process carrying a tag, with it. Processes of other users are skipped. */
function taggedProcesses(): Array<{ pid: number; tag: string }> {
  if (!HAS_PROC) return [];
  const found: Array<{ pid: number; tag: string }> = [];
  const prefix = `${TAG_VARIABLE}=`;
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
    } catch {
      continue;
    }
    let at = 0;
    if (!environ.startsWith(prefix)) {
      at = environ.indexOf(`\0${prefix}`) + 1;
      if (at === 0) continue;
    }
    const end = environ.indexOf('\0', at);
    const tag = environ.slice(at + prefix.length, end < 0 ? undefined : end);
    // An empty tag marks the watcher, which must outlive the processes it ends (watcher.ts).
    if (tag) found.push({ pid, tag });
  }
  return found;
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
  let n = 0;
  for (const { pid, tag } of taggedProcesses()) {
    if (!matches(tag)) continue;
    kill(pid);
    n++;
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
