// Where localgate's own files are, whether it runs from TypeScript (tsx) or from the
// bundle in dist/: the package root is the nearest folder above this module with a
// package.json named "localgate".
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'localgate') return dir;
    if (dirname(dir) === dir) throw new Error(`localgate: package root not found above ${from}`);
  }
}

export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
/** The generated AWS service models. */
export const modelsDir = join(packageRoot, 'src', 'models');
