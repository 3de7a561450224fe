// Hot reload: a function whose code is `S3Bucket: "hot-reload"`, `S3Key: "/abs/dir"` runs
// from that directory. Its signature (newest mtime and file count) is taken before each
// invocation; when it changes the function gets fresh environments, so edits apply on the
// next invoke. node_modules and .git are looked at only at their top level (cheap and
// rarely edited).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const HOT_RELOAD_BUCKET = 'hot-reload';
const SHALLOW = new Set(['node_modules', '.git', '__pycache__']);
const MAX_ENTRIES = 20_000;

export function dirSignature(dir: string): string {
  let newest = 0;
  let count = 0;
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (++count > MAX_ENTRIES) return;
      const p = join(d, e.name);
      try {
        newest = Math.max(newest, statSync(p).mtimeMs);
      } catch {
        continue;
      }
      if (e.isDirectory() && !SHALLOW.has(e.name)) walk(p);
    }
  };
  walk(dir);
  return `${newest}:${count}`;
}
