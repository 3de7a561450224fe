// A directory as a zip archive, for code AWS needs zipped where localgate cannot serve a
// directory hot (layer content): what `sam deploy` and `aws cloudformation package` upload.
// The archive is deterministic (sorted entries, fixed times) so unchanged content keeps its
// hash, and so its S3 key and layer version, from one deploy to the next.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

/** 1980-01-01 00:00 (local time, as zip entries carry it), the earliest time a zip entry can carry. */
const EARLIEST = new Date(1980, 0, 1);

/** Every regular file under `dir` (symbolic links followed), as paths relative to it, sorted. */
function filesUnder(dir: string, root = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) out.push(...filesUnder(full, root));
    else if (stat.isFile()) out.push(relative(root, full));
  }
  return out;
}

export function zipDirectory(dir: string): Buffer {
  const files: Zippable = {};
  for (const path of filesUnder(dir)) {
    const full = join(dir, path);
    // Unix permissions in the high bits of the external attributes (os 3: made by Unix).
    const attrs = ((0o100000 | (statSync(full).mode & 0o777)) << 16) >>> 0;
    files[path.split(sep).join('/')] = [readFileSync(full), { mtime: EARLIEST, os: 3, attrs }];
  }
  return Buffer.from(zipSync(files));
}
