// `npm run build`: the bundles in dist/ that `npm start`, the benchmarks and the published
// package run (dependencies included, so nothing is resolved at start):
//   dist/localgate.mjs   the CLI (bin/localgate.js runs it)
//   dist/index.mjs       the programmatic API (src/api.ts), `import { startLocalgate } from 'localgate'`
//   dist/chunks/         code both share, and code reached only by dynamic import (deploy + AWS SDK)
//   dist/index.cjs       the API for require(): it loads index.mjs on the first call
//   dist/index.d.ts, index.d.cts   the API's types: src/api-types.ts, which declares only types
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const dist = new URL('dist/', root);
rmSync(dist, { recursive: true, force: true });

await build({
  absWorkingDir: root.pathname,
  entryPoints: { localgate: 'src/cli.ts', index: 'src/api.ts' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
  // ws's optional native helpers.
  external: ['bufferutil', 'utf-8-validate'],
  // Bundled CommonJS dependencies call require().
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

writeFileSync(
  new URL('index.cjs', dist),
  `'use strict';
// localgate's API for CommonJS. The API is an ES module (index.mjs); startLocalgate is
// asynchronous anyway, so it is loaded on the first call.
exports.startLocalgate = (options) => import('./index.mjs').then((api) => api.startLocalgate(options));
`,
);

const types = `${readFileSync(new URL('src/api-types.ts', root), 'utf8')}
export declare const startLocalgate: StartLocalgate;
`;
writeFileSync(new URL('index.d.ts', dist), types);
writeFileSync(new URL('index.d.cts', dist), types);
