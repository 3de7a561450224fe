// Object data on disk: every object version and every uploaded part is one file in a
// temporary directory this localgate owns (created on first write, removed on reset and
// shutdown). Bodies stream through here, hashed on the way, so memory stays flat
// whatever the object size.
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
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
    const checksums: WrittenBlob['checksums'] = {};
    for (const [a, d] of digests) checksums[a] = d.digest().toString('base64');
    return { path, size, md5: md5.digest(), checksums };
  }

  remove(path: string) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone (e.g. removed by a reset while a request was in flight).
    }
  }

  /** Removes every file and the directory itself. */
  clear() {
    if (!this.dir) return;
    rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    process.removeListener('exit', this.onExit);
  }
}
