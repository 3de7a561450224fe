// State that survives a restart (--state-dir). Each service contributes a PersistedPart
// (its persist.ts: a snapshot of its maps, and how to put them back). At start the state
// file is read and every part restored before the server listens; afterwards every call
// that may change state marks the state dirty, and one save shortly after writes every
// part's snapshot as one file (state/persist-file.ts), so a burst of calls costs one write
// and the services are always saved together, consistent with each other.
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { encodeState, readStateFile, STATE_FILE, StateDirError, writeStateFile, type Snapshot } from './persist-file.ts';
import { removeAll, StoreFiles } from './persist-files.ts';

export interface AttachContext {
  stateDir: string;
  /** Removals deferred until a state without them is written; fsync of new files. */
  files: StoreFiles;
  /** For changes no provider call makes (the data plane's usage counters). */
  markDirty(): void;
}

export interface PersistedPart {
  /** Its key in the state file. */
  name: string;
  /** Called once before restore, saved state or not: e.g. moves the part's files (code,
   * object bodies) into the state directory, their removals waiting for a commit. */
  attach?(context: AttachContext): void;
  /** The part's state as plain data (Maps, Sets, Dates, Buffers allowed), taken
   * synchronously; it is encoded before anything else runs, so live objects may be returned. */
  snapshot(): unknown;
  restore(data: any): void;
  /** After restore: removes files no restored record refers to (written just before a kill). */
  removeOrphans?(): void;
}

/** Operations that never change what is saved (Get*, List*, Describe*, Invoke, ...). */
const READ_ONLY = /^(get|list|describe|head|test|filter|invoke|select|validate|estimate|export|detect|lookup|search|post|on)[A-Z]/;
/** A short pause coalesces a burst of calls into one write. */
const SAVE_DELAY_MS = 25;
const RETRY_DELAY_MS = 1000;
const LOCK_FILE = 'localgate.lock';

/** State directories open in this process (the lock file's pid cannot tell them apart). */
const openHere = new Set<string>();

export class StatePersistence {
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> | undefined;
  private closed = false;
  /** The lock is ours (open() succeeded). */
  private locked = false;
  private parts: PersistedPart[] = [];
  private realDir = '';
  /** The last write failed: a retry is due even if nothing changes. */
  private failed = false;
  private lastFault: string | undefined;
  private readonly files = new StoreFiles(true);
  /** How long open() took to read the state file and restore every part. */
  restoreMs = 0;

  /** Nothing is read or written until open(); providers can be watched before. */
  constructor(readonly dir: string) {}

  /** Locks the directory, then restores every part from its state file (if any). Throws a
   * StateDirError, before any part is restored, for a state file this localgate cannot read. */
  open(parts: PersistedPart[]) {
    const started = performance.now();
    mkdirSync(this.dir, { recursive: true });
    this.realDir = realpathSync(this.dir);
    lock(this.realDir);
    try {
      const snapshot = readStateFile(this.dir);
      const unknown = Object.keys(snapshot ?? {}).filter((name) => !parts.some((p) => p.name === name));
      if (unknown.length) throw new StateDirError(`${join(this.dir, STATE_FILE)} holds state this localgate does not know (${unknown.join(', ')})`);
      const context: AttachContext = { stateDir: this.dir, files: this.files, markDirty: () => this.markDirty() };
      for (const part of parts) part.attach?.(context);
      if (snapshot) for (const part of parts) if (Object.hasOwn(snapshot, part.name)) part.restore(snapshot[part.name]);
      for (const part of parts) part.removeOrphans?.();
    } catch (err) {
      unlock(this.realDir);
      throw err;
    }
    this.parts = parts;
    this.locked = true;
    this.restoreMs = performance.now() - started;
  }

  /** The provider, with every call that may change state marking the state dirty. */
  watch<T extends object>(provider: T): T {
    const markDirty = () => this.markDirty();
    return new Proxy(provider, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function' || typeof prop !== 'string' || READ_ONLY.test(prop) || !/^[a-z]+[A-Z]/.test(prop)) return value;
        return function (this: unknown, ...args: unknown[]) {
          let result: unknown;
          try {
            result = value.apply(target, args);
          } finally {
            // Marked when the call ends (a failed call may have changed something too).
            if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(markDirty, markDirty);
            else markDirty();
          }
          return result;
        };
      },
    });
  }

  /** Something changed: a save follows shortly. */
  markDirty() {
    if (this.closed || !this.locked) return;
    this.dirty = true;
    this.schedule(SAVE_DELAY_MS);
  }

  private schedule(delay: number) {
    if (this.timer || this.saving) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.closed) void this.save();
    }, delay);
    this.timer.unref();
  }

  /** Writes the current state now (waits for a save in progress first). */
  async flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.saving) await this.saving;
    if (this.dirty || this.failed) await this.save();
  }

  private save(): Promise<void> {
    this.saving = this.write().finally(() => {
      this.saving = undefined;
      if (this.dirty && !this.closed) this.schedule(SAVE_DELAY_MS);
    });
    return this.saving;
  }

  private async write() {
    this.dirty = false;
    // Files released before this snapshot are not in it: they go once it is on disk.
    const removals = this.files.takeRemovals();
    try {
      const snapshot: Snapshot = {};
      for (const part of this.parts) snapshot[part.name] = part.snapshot();
      await writeStateFile(this.dir, encodeNamingPart(snapshot));
    } catch (err) {
      this.files.requeue(removals);
      // Said once per distinct fault, not on every retry.
      const message = `localgate: could not save state to ${this.dir} (will retry): ${(err as Error).message}`;
      if (message !== this.lastFault) console.error(message);
      this.lastFault = message;
      this.failed = true;
      if (!this.closed) setTimeout(() => this.markDirty(), RETRY_DELAY_MS).unref();
      return;
    }
    this.failed = false;
    this.lastFault = undefined;
    removeAll(removals);
  }

  /** POST /_localgate/reset: the stores are empty now; so is the saved state, shortly. */
  reset() {
    this.markDirty();
  }

  /** Saves what is pending and unlocks the directory; later changes are not saved. */
  async shutdown() {
    if (this.closed || !this.locked) return;
    await this.flush();
    // Stores are emptied after this (shutdown order in app.ts): nothing may be saved later.
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    unlock(this.realDir);
  }
}

/** Encodes the snapshot; a value that cannot be saved (a function, a promise) is reported
 * with the part holding it. */
function encodeNamingPart(snapshot: Snapshot): Buffer {
  try {
    return encodeState(snapshot);
  } catch (err) {
    const part = Object.keys(snapshot).find((name) => {
      try {
        serialize(snapshot[name]);
        return false;
      } catch {
        return true;
      }
    });
    throw new Error(`${part ?? 'state'}: ${(err as Error).message}`);
  }
}

/** One localgate per state directory: a second would overwrite the first one's state. */
function lock(realDir: string) {
  const path = join(realDir, LOCK_FILE);
  if (openHere.has(realDir)) throw new StateDirError(`${realDir} is already used by another localgate in this process`);
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, 'utf8'));
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new StateDirError(`${realDir} is in use by another localgate (process ${pid})`);
    }
  }
  writeFileSync(path, String(process.pid));
  openHere.add(realDir);
}

function unlock(realDir: string) {
  openHere.delete(realDir);
  rmSync(join(realDir, LOCK_FILE), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
