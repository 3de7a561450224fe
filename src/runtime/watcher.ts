// Containment when localgate itself goes away, however it stopped (kill -9 included): ONE
// small shell process per localgate process, started with the first execution environment,
// holds the read end of a pipe from localgate. The kernel closes the write end when
// localgate dies; the watcher then SIGKILLs every process carrying this localgate's tag
// (reaper.ts; detached children and new sessions included) and every environment's process
// group (children that scrubbed their environment), and exits. The functions' own processes
// run nothing for this: no thread, no extra process each, nothing to slow their start.
//
// While localgate lives, it writes the pid of each environment it spawns (also its process
// group id, environments run detached) on the pipe, and `-pid` once that environment has
// ended and its group has no process left, so the watcher's list holds only groups that may
// still need killing (bootstraps/watcher.sh says which groups it kills). The watcher runs in
// a session of its own, so a signal to localgate's process group or terminal does not reach
// it, and with an empty tag, so it is never among the processes it kills.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../paths.ts';
import { ownerTag, TAG_VARIABLE } from './reaper.ts';

const SCRIPT = join(packageRoot, 'src', 'runtime', 'bootstraps', 'watcher.sh');
/** How often groups of ended environments that still have processes are checked again. */
const RECHECK_MS = 1000;

let watcher: ChildProcess | undefined;
/** The groups the watcher holds. */
const watched = new Set<number>();
/** Groups of ended environments, told to the watcher to forget once they are empty. */
const ending = new Set<number>();
let recheck: NodeJS.Timeout | undefined;

function start(): ChildProcess {
  const pattern = `^${TAG_VARIABLE}=${ownerTag.replace(/\./g, '\\.')}\\.`;
  const child = spawn('/bin/sh', [SCRIPT, pattern], {
    cwd: '/',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', [TAG_VARIABLE]: '' },
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  // It must not keep localgate's event loop alive, nor fail it when it is gone.
  child.unref();
  (child.stdin as unknown as Socket).unref();
  child.stdin!.on('error', () => {});
  child.on('error', () => {});
  child.on('exit', () => {
    if (watcher !== child) return;
    watcher = undefined;
    watched.clear();
    ending.clear();
  });
  return child;
}

/** Has the watcher end `pid`'s process group (and every tagged process) if localgate dies. */
export function watchGroup(pid: number) {
  watcher ??= start();
  watched.add(pid);
  watcher.stdin!.write(`${pid}\n`);
}

/** `pid`'s environment has ended: the watcher forgets its group once no process is left in
 * it (a child that outlived the environment in its group keeps it watched). */
export function forgetGroup(pid: number) {
  if (!watched.has(pid)) return;
  ending.add(pid);
  forgetEmptyGroups();
}

function forgetEmptyGroups() {
  for (const pid of ending) {
    if (groupHasProcesses(pid)) continue;
    ending.delete(pid);
    watched.delete(pid);
    watcher?.stdin!.write(`-${pid}\n`);
  }
  if (ending.size && !recheck) {
    recheck = setTimeout(() => {
      recheck = undefined;
      forgetEmptyGroups();
    }, RECHECK_MS);
    recheck.unref();
  }
}

function groupHasProcesses(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The watcher's pid, once started (for tests). */
export function watcherPid(): number | undefined {
  return watcher?.pid;
}

/** The process groups the watcher holds (for tests). */
export function watchedGroups(): number[] {
  return [...watched];
}
