// Object data on disk: every object version and every uploaded part is one file in a
// temporary directory this localgate owns (created on first write, removed on reset and
// shutdown). Bodies stream through here, hashed on the way, so memory stays flat
// whatever the object size.
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { StoreFiles } from '../../state/persist-files.ts';
import { createDigest, type ChecksumAlgorithm } from './checksums.ts';

export interface WrittenBlob {
  path: string;
  size: number;
  /** Raw MD5 digest (the ETag is its hex form). */
  md5: Buffer;
  /** Base64 digests of the requested algorithms. */
  checksums: Partial<Record<ChecksumAlgorithm, string>>;
}

export class BlobStore {
  private dir: string | undefined;
  /** Removes the directory if the process exits without a shutdown (e.g. process.exit). */
  private readonly onExit = () => this.clear();
  /** Set with a state directory: blobs live there, removals wait for the next saved state. */
  private kept: StoreFiles | undefined;

  /** With a state directory: blobs are written to `dir` and kept (see s3/persist.ts). */
  keepIn(dir: string, files: StoreFiles) {
    this.clear();
    mkdirSync(dir, { recursive: true });
    this.dir = dir;
    this.kept = files;
  }

  get directory(): string | undefined {
    return this.dir;
  }

  private newPath(): string {
    if (!this.dir) {
      this.dir = mkdtempSync(join(tmpdir(), 'localgate-s3-'));
      process.once('exit', this.onExit);
    }
    return join(this.dir, randomUUID());
  }

  /** Streams `source` into a new file, computing its MD5 and the given checksums. */
  async write(source: AsyncIterable<Buffer>, algorithms: readonly ChecksumAlgorithm[] = []): Promise<WrittenBlob> {
    const path = this.newPath();
    const md5 = createDigest('MD5');
    const digests = algorithms.map((a) => [a, createDigest(a)] as const);
    let size = 0;
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            md5.update(chunk);
            for (const [, d] of digests) d.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(path),
      );
    } catch (err) {
      this.remove(path);
      throw err;
    }
    await this.kept?.sync(path);
    const checksums: WrittenBlob['checksums'] = {};
    for (const [a, d] of digests) checksums[a] = d.digest().toString('base64');
    return { path, size, md5: md5.digest(), checksums };
  }

  remove(path: string) {
    if (this.kept) return this.kept.remove(path);
    try {
      unlinkSync(path);
    } catch {
      // Already gone (e.g. removed by a reset while a request was in flight).
    }
  }

  /** Removes every file and the directory itself (a kept directory: every file, once the
   * next state is saved). */
  clear() {
    if (this.kept) {
      for (const name of readdirSync(this.dir!)) this.kept.remove(join(this.dir!, name));
      return;
    }
    if (!this.dir) return;
    rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    process.removeListener('exit', this.onExit);
  }
}
