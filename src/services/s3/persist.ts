// S3's part of a --state-dir: buckets with their settings, object versions and multipart
// uploads; object bodies and parts are files under the state directory.
import { readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PersistedPart } from '../../state/persistence.ts';
import type { Bucket, S3Store } from './store.ts';

interface S3Snapshot {
  /** Blob paths are restored by file name, under the current state directory. */
  buckets: Map<string, Bucket>;
}

export function s3Persistence(store: S3Store): PersistedPart {
  const blobPaths = function* (): Generator<{ path: string; set(path: string): void }> {
    for (const bucket of store.buckets.values()) {
      for (const versions of bucket.objects.values()) {
        for (const v of versions) if (v.blobPath) yield { path: v.blobPath, set: (p) => (v.blobPath = p) };
      }
      for (const upload of bucket.uploads.values()) {
        for (const part of upload.parts.values()) yield { path: part.blobPath, set: (p) => (part.blobPath = p) };
      }
    }
  };
  const dir = () => store.blobs.directory!;
  return {
    name: 's3',
    attach({ stateDir, files }) {
      store.blobs.keepIn(join(stateDir, 's3-objects'), files);
    },
    snapshot(): S3Snapshot {
      return { buckets: store.buckets };
    },
    restore(data: S3Snapshot) {
      for (const [name, bucket] of data.buckets) store.buckets.set(name, bucket);
      for (const blob of blobPaths()) blob.set(join(dir(), basename(blob.path)));
    },
    removeOrphans() {
      // Bodies written just before a kill, before a state referring to them.
      const keep = new Set([...blobPaths()].map((b) => b.path));
      for (const name of readdirSync(dir())) {
        const path = join(dir(), name);
        if (!keep.has(path)) rmSync(path, { recursive: true, force: true });
      }
    },
  };
}
