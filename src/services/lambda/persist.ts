// Lambda's part of a --state-dir: functions (every version, alias, policy, URL config,
// settings) and layers, with their unpacked code and zips kept under the state directory.
import { readdirSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { PersistedPart } from '../../state/persistence.ts';
import type { CodeRef, LambdaFunction, LambdaLayer, LambdaStore } from './store.ts';

interface LambdaSnapshot {
  /** The code directory when saved: paths under it are re-based if the state moved. */
  codeRoot: string;
  scopes: Array<{ account: string; region: string; functions: Map<string, LambdaFunction>; layers: Map<string, LambdaLayer> }>;
}

export function lambdaPersistence(store: LambdaStore): PersistedPart {
  /** Every code reference: functions' versions and layer versions. */
  const codeRefs = function* (): Generator<CodeRef> {
    for (const { state } of store.scopes.entries()) {
      for (const fn of state.functions.values()) for (const v of [fn.latest, ...fn.versions.values()]) yield v.code;
      for (const layer of state.layers.values()) for (const v of layer.versions.values()) yield v.code;
    }
  };
  return {
    name: 'lambda',
    attach({ stateDir, files }) {
      store.keepCodeIn(join(stateDir, 'lambda-code'), files);
    },
    snapshot(): LambdaSnapshot {
      const scopes = [...store.scopes.entries()].map(({ account, region, state }) => ({ account, region, functions: state.functions, layers: state.layers }));
      return { codeRoot: store.codeDirectory, scopes };
    },
    restore(data: LambdaSnapshot) {
      const rebase = (path: string) => {
        const rel = relative(data.codeRoot, path);
        return rel.startsWith('..') || isAbsolute(rel) ? path : join(store.codeDirectory, rel);
      };
      for (const { account, region, functions, layers } of data.scopes) {
        store.scopes.set(account, region, { functions, layers });
        for (const fn of functions.values()) {
          fn.inflight = 0; // invocations end with the process
          for (const version of [fn.latest, ...fn.versions.values()]) version.layerDirs = version.layerDirs?.map(rebase);
          for (const [qualifier, url] of fn.urls) store.urlIds.set(url.id, { account, region, functionName: fn.name, qualifier });
        }
      }
      for (const code of codeRefs()) {
        if (code.hotReload) continue; // the developer's own directory
        code.dir = rebase(code.dir);
        if (code.zipPath) {
          code.zipPath = rebase(code.zipPath);
          store.addZip(code.token, code.zipPath);
        }
      }
    },
    removeOrphans() {
      const keep = new Set<string>();
      for (const code of codeRefs()) {
        keep.add(code.dir);
        if (code.zipPath) keep.add(code.zipPath);
      }
      const root = store.codeDirectory;
      // Merged /opt directories are rebuilt on demand; other unreferenced code was written
      // just before a kill, before a state referring to it.
      for (const name of readdirSync(root)) {
        const path = join(root, name);
        if (!keep.has(path)) rmSync(path, { recursive: true, force: true });
      }
    },
  };
}
