// Small projects written to disk for the sample-project tests (deploy-samples*.test.ts): each
// in its own folder under one scratch directory that the suite removes at its end.
import { after, before } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Registers the scratch directory's creation and removal; answers the project writer:
 * files (path -> content) into a fresh folder `name`, whose path it answers. */
export function useProjects(prefix: string): (name: string, files: Record<string, string>) => string {
  let scratch = '';
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), prefix));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));
  return (name, files) => {
    const dir = join(scratch, name);
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    return dir;
  };
}
