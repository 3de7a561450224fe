// Execution environments per function version: a warm idle one is reused; when all are busy
// an invocation waits for one to free up, and starts another (up to maxPerFunction) once
// the function's environments have been stuck for scaleUpDelayMs: none freed up and none
// started meanwhile (and, once one is up, none still initialising: a burst on a cold
// function gets environments side by side, as on Lambda; a warm function grows one at a
// time). Each environment runs one invocation at a time. Idle environments are stopped
// after idleMs. All of them stop when localgate shuts down.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecutionEnvironment, type Invocation, type Outcome } from './environment.ts';
import { defaultTransport, type FunctionSpec, type TransportChoice } from './launch.ts';
import { LogPrinter } from './logs.ts';
import { killTagged, killTaggedInSlices, newPoolTag, reapOrphans } from './reaper.ts';
import { defaultExecutor, type Executor } from './worker-runtime.ts';

/** Processes left by a localgate killed earlier are ended once, when the first pool starts. */
let orphansReaped = false;

export interface PoolOptions {
  maxPerFunction: number;
  idleMs: number;
  quiet: boolean;
  /** Called when an environment has ended (its code directory may now be removed). */
  onEnvironmentEnd?: () => void;
  /** How localgate's own runtimes talk to it (default: LOCALGATE_LAMBDA_RUNTIME_TRANSPORT, else the channel). */
  transport?: TransportChoice;
  /** Where `nodejs*` runtimes run: a process each, or a worker thread each (default: LOCALGATE_LAMBDA_EXECUTOR, else process). */
  executor?: Executor;
  /** How long a function's environments must all stay busy, none freeing up and none
   * starting, before a waiting invocation starts one more (the first starts at once): at
   * most one new environment per this many ms while the queue does not move. Short
   * functions under load are then served by a few warm processes instead of one per
   * concurrent request; slow ones still get an environment each, a little later. */
  scaleUpDelayMs?: number;
}

/** See PoolOptions.scaleUpDelayMs; chosen from measurements (README, "Sizing"). */
export const SCALE_UP_DELAY_MS = 25;

interface Group {
  envs: Set<ExecutionEnvironment>;
  /** Idle environments, most recently used last: taken first, its caches are warm and the
   * others can age out. */
  idle: ExecutionEnvironment[];
  /** Invocations waiting, first come first served: each gets the environment that frees up
   * (handed over directly, so a newcomer cannot take it first) or undefined when a slot
   * opened and it should start one. */
  queue: Array<(env: ExecutionEnvironment | undefined) => void>;
  /** Its code or configuration is stale: environments stop once their invocation ends. */
  retired?: boolean;
  /** When an environment last freed up or started (performance.now()). */
  lastProgress: number;
}

/** A warm group with an environment still initialising: wait for it before adding more. */
function growing(group: Group): boolean {
  let starting = false;
  let up = false;
  for (const env of group.envs) {
    if (env.state === 'init') starting = true;
    else if (env.state !== 'dead') up = true;
  }
  return starting && up;
}

export class EnvironmentPool {
  /** Keyed by a string naming the function version and its code/config revision. */
  private groups = new Map<string, Group>();
  /** Retired groups whose environments are still finishing an invocation. */
  private retiredGroups = new Set<Group>();
  private readonly workDir = mkdtempSync(join(tmpdir(), 'localgate-env-'));
  private reaper: NodeJS.Timeout;
  private closed = false;
  /** Tags processes of this pool's environments; each environment adds a number. */
  private readonly tag = newPoolTag();
  private environments = 0;
  /** Tags of environments that ended: their leftover processes (e.g. detached children)
   * are killed in one sweep of /proc soon after (in slices, not to stall requests). */
  private ended = new Set<string>();
  private readonly transport: TransportChoice;
  private readonly executor: Executor;

  constructor(private readonly opts: PoolOptions) {
    this.transport = opts.transport ?? defaultTransport();
    this.executor = opts.executor ?? defaultExecutor();
    if (!orphansReaped) {
      orphansReaped = true;
      reapOrphans();
    }
    this.reaper = setInterval(() => this.reap(), Math.max(50, Math.min(opts.idleMs / 2, 30_000)));
    this.reaper.unref();
  }

  async invoke(key: string, spec: FunctionSpec, inv: Invocation): Promise<Outcome> {
    if (this.closed) throw new Error('localgate is shutting down');
    let group = this.groups.get(key);
    if (!group) {
      group = { envs: new Set(), idle: [], queue: [], lastProgress: 0 };
      this.groups.set(key, group);
    }
    const env = await this.acquire(group, key, spec);
    const outcome = await env.invoke(inv);
    // A dead environment already woke a waiter when it ended; a stale one ends now.
    if (env.state === 'idle') {
      if (group.retired) env.dispose();
      else this.release(group, env);
    }
    return outcome;
  }

  private async acquire(group: Group, key: string, spec: FunctionSpec): Promise<ExecutionEnvironment> {
    let waited = false;
    for (;;) {
      if (this.closed) throw new Error('localgate is shutting down');
      const idle = group.idle.pop();
      if (idle) {
        idle.state = 'busy';
        return idle;
      }
      const room = group.envs.size < this.opts.maxPerFunction;
      if (room && (group.envs.size === 0 || (waited && !growing(group)))) {
        const printer = this.opts.quiet ? undefined : new LogPrinter(spec.functionName);
        const env = new ExecutionEnvironment(spec, this.workDir, `${this.tag}.${++this.environments}`, printer, (e) => {
          this.sweepLater(e.tag);
          group.envs.delete(e);
          const at = group.idle.indexOf(e);
          if (at >= 0) group.idle.splice(at, 1);
          if (!group.envs.size && !group.queue.length && this.groups.get(key) === group) this.groups.delete(key);
          if (group.retired && !group.envs.size) this.retiredGroups.delete(group);
          this.release(group);
          this.opts.onEnvironmentEnd?.();
        }, this.transport, this.executor);
        group.envs.add(env);
        group.lastProgress = performance.now();
        await env.start();
        return env;
      }
      const handed = await this.wait(group, room ? (this.opts.scaleUpDelayMs ?? SCALE_UP_DELAY_MS) : undefined);
      if (handed) return handed;
      waited = true;
    }
  }

  /** Waits in the group's queue for an environment that frees up; undefined when a slot
   * opened instead, or once the group has made no progress for `stuckMs`. */
  private wait(group: Group, stuckMs: number | undefined): Promise<ExecutionEnvironment | undefined> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const wake = (env: ExecutionEnvironment | undefined) => {
        clearTimeout(timer);
        resolve(env);
      };
      group.queue.push(wake);
      if (stuckMs === undefined) return;
      const check = () => {
        const left = group.lastProgress + stuckMs - performance.now();
        if (left > 0) {
          timer = setTimeout(check, left);
          return;
        }
        const at = group.queue.indexOf(wake);
        if (at >= 0) group.queue.splice(at, 1);
        resolve(undefined);
      };
      timer = setTimeout(check, stuckMs);
    });
  }

  /** An invocation ended: its environment, when still usable, goes straight to the first
   * waiting invocation, else back to the idle stack; without one (it ended), a waiting
   * invocation is woken to start a new environment in the freed slot. */
  private release(group: Group, env?: ExecutionEnvironment) {
    group.lastProgress = performance.now();
    if (!env) {
      group.queue.shift()?.(undefined);
      return;
    }
    const next = group.queue.shift();
    if (!next) {
      group.idle.push(env);
      return;
    }
    env.state = 'busy';
    next(env);
  }

  /** Retires the environments of every key starting with `prefix` but `keep` (stale code):
   * idle ones stop now, busy ones when their invocation ends. */
  retire(prefix: string, keep?: string) {
    for (const [key, group] of this.groups) {
      if (!key.startsWith(prefix) || key === keep) continue;
      group.retired = true;
      this.groups.delete(key);
      if (group.envs.size) this.retiredGroups.add(group);
      for (const env of group.envs) if (env.state === 'idle') env.dispose();
    }
  }

  /** Idle and busy environments of every key starting with `prefix` (for the console). */
  counts(prefix: string): { idle: number; busy: number } {
    const out = { idle: 0, busy: 0 };
    for (const [key, group] of this.groups) {
      if (!key.startsWith(prefix)) continue;
      for (const env of group.envs) out[env.state === 'idle' ? 'idle' : 'busy']++;
    }
    return out;
  }

  /** Process ids of the live environments (for tests and diagnostics). */
  pids(): number[] {
    return [...this.groups.values(), ...this.retiredGroups].flatMap((g) => [...g.envs].map((e) => e.pid).filter((p): p is number => p !== undefined));
  }

  private sweepLater(tag: string) {
    if (!this.ended.size) {
      setImmediate(() => {
        const tags = this.ended;
        this.ended = new Set();
        void killTaggedInSlices((t) => tags.has(t));
      });
    }
    this.ended.add(tag);
  }

  /** The code and /opt directories live environments run from. */
  directoriesInUse(): string[] {
    return [...this.groups.values(), ...this.retiredGroups].flatMap((g) => [...g.envs].flatMap((e) => (e.spec.optDir ? [e.spec.codeDir, e.spec.optDir] : [e.spec.codeDir])));
  }

  private reap() {
    const cutoff = Date.now() - this.opts.idleMs;
    for (const group of this.groups.values()) {
      for (const env of group.envs) if (env.state === 'idle' && env.lastUsed < cutoff) env.dispose();
    }
  }

  shutdown() {
    this.closed = true;
    clearInterval(this.reaper);
    for (const group of [...this.groups.values(), ...this.retiredGroups]) {
      for (const env of group.envs) env.dispose();
      for (const wake of group.queue) wake(undefined);
    }
    this.groups.clear();
    this.retiredGroups.clear();
    killTagged((t) => t.startsWith(`${this.tag}.`));
    rmSync(this.workDir, { recursive: true, force: true });
  }
}
