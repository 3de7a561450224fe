// The files a store keeps beside its records (S3 object bodies, unpacked Lambda code).
// Without a state directory they are removed as soon as no record needs them. With one,
// a removal waits until a state file that no longer refers to the file has been written:
// a kill between the two then leaves the old state with its files still there, never a
// state that points at a removed file. New files are fsynced before a state refers to them.
import { readdirSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export class StoreFiles {
  private queued: string[] = [];

  /** `persistent`: removals wait for commit() and new files are fsynced. */
  constructor(readonly persistent = false) {}

  /** Removes a file or directory now, or once the next state file is written. */
  remove(path: string) {
    if (this.persistent) this.queued.push(path);
    else rmSync(path, { recursive: true, force: true });
  }

  /** The removals a state about to be written no longer needs (see StatePersistence). */
  takeRemovals(): string[] {
    return this.queued.splice(0);
  }

  /** Puts removals back when writing the state failed. */
  requeue(paths: string[]) {
    this.queued.unshift(...paths);
  }

  /** Writes a file's or a directory tree's data to disk (only with a state directory). */
  async sync(path: string) {
    if (!this.persistent) return;
    await syncTree(path);
    await syncTree(dirname(path), false);
  }
}

export function removeAll(paths: string[]) {
  for (const path of paths) rmSync(path, { recursive: true, force: true });
}

async function syncTree(path: string, recursive = true) {
  const handle = await open(path, 'r');
  try {
    if (recursive && (await handle.stat()).isDirectory()) {
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        if (entry.isFile() || entry.isDirectory()) await syncTree(join(path, entry.name));
      }
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}
