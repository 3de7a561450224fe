#!/usr/bin/env node
// Runs the bundled CLI (dist/, made by `npm run build`) when present, else the TypeScript
// sources through tsx.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/localgate.mjs', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
