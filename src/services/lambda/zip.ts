// Unpacks a function's deployment package into its own directory, an entry at a time:
// entries are read one by one from the zip's central directory (yauzl); small ones are
// inflated and written at once, in time slices that leave the event loop free, and large
// ones are streamed through zlib (off the main thread). So neither a zip bomb nor 100,000
// entries stall the server or fill its memory. Lambda's limits apply: the real unzipped bytes are
// counted (the sizes a zip declares are not trusted) and capped at 250 MB; entries may not
// escape the directory (no "..", no absolute paths, nothing written through a symlink).
// Symbolic links are kept as links, as Lambda keeps them; Unix permissions are kept (a
// provided runtime's bootstrap must stay executable).
import { createHash } from 'node:crypto';
import { chmodSync, createWriteStream, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AwsError } from '../../protocol/errors.ts';
import { lambdaErrors } from '../../models/lambda.errors.ts';

export const MAX_UNZIPPED_BYTES = 262_144_000;
/** Lambda's limit on a deployment package as uploaded (test_lambda_api.snapshot.json,
 * TestLambdaSizeLimits::test_oversized_zipped_create_lambda). */
export const MAX_ZIPPED_BYTES = 52_428_800;

interface ExtractedCode {
  /** Base64 SHA-256 of the zip, as CodeSha256 reports it. */
  sha256: string;
  size: number;
  dir: string;
  zipPath: string;
}

const unzipFailed = () =>
  lambdaErrors.invalidParameterValue('Could not unzip uploaded file. Please check your file, then try to upload again.');
const tooBig = () => lambdaErrors.invalidParameterValue(`Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`);

export function codeSha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('base64');
}

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/** Unpacks `zip` into `dir` (created); on any fault the directory is removed and an
 * InvalidParameterValueException thrown. */
export async function extractZip(zip: Buffer, dir: string): Promise<ExtractedCode> {
  if (zip.length > MAX_ZIPPED_BYTES) throw lambdaErrors.requestTooLarge(`Zipped size must be smaller than ${MAX_ZIPPED_BYTES} bytes`);
  const root = resolve(dir);
  let zipfile: ZipFile;
  try {
    zipfile = await new Promise<ZipFile>((ok, fail) =>
      yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: false, decodeStrings: true }, (err, z) => (err ? fail(err) : ok(z))),
    );
  } catch {
    throw unzipFailed();
  }
  try {
    await mkdir(root, { recursive: true });
    await new Extraction(zip, zipfile, root).run();
    const zipPath = `${root}.zip`;
    await writeFile(zipPath, zip);
    return { sha256: codeSha256(zip), size: zip.length, dir: root, zipPath };
  } catch (err) {
    zipfile.close();
    await rm(root, { recursive: true, force: true });
    throw err instanceof AwsError ? err : unzipFailed();
  }
}

/** Entries whose data inflates to at most this are unpacked synchronously in one go (cheap:
 * most files of a package are small); larger ones are streamed through zlib. */
const SMALL_ENTRY_BYTES = 1 << 20;
/** Synchronous work runs in slices this long before the event loop gets a turn. */
const SLICE_MS = 10;

class Extraction {
  /** Real bytes written so far, across entries. */
  private total = 0;
  /** Directories already made (saves a mkdir per file) and links made (never written through). */
  private made = new Set<string>();
  private links = new Set<string>();
  private sliceStart = performance.now();

  constructor(
    private readonly zip: Buffer,
    private readonly zipfile: ZipFile,
    private readonly root: string,
  ) {}

  async run() {
    for (let entry = await this.next(); entry; entry = await this.next()) {
      await this.write(entry);
      if (performance.now() - this.sliceStart > SLICE_MS) {
        await new Promise(setImmediate);
        this.sliceStart = performance.now();
      }
    }
  }

  private next(): Promise<Entry | undefined> {
    return new Promise((ok, fail) => {
      const cleanup = () => this.zipfile.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
      this.zipfile.once('entry', (e: Entry) => (cleanup(), ok(e)));
      this.zipfile.once('end', () => (cleanup(), ok(undefined)));
      this.zipfile.once('error', (err: Error) => (cleanup(), fail(err)));
      this.zipfile.readEntry();
    });
  }

  /** The entry's path inside the root; throws when it would land outside or under a link. */
  private target(name: string): string {
    const target = resolve(this.root, name);
    if (name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name) || name.split('/').includes('..') || !(target + sep).startsWith(this.root + sep)) {
      throw unzipFailed();
    }
    const parts = name.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) if (this.links.has(parts.slice(0, i).join('/'))) throw unzipFailed();
    return target;
  }

  private async write(entry: Entry) {
    const name = entry.fileName;
    const target = this.target(name);
    const madeOnUnix = entry.versionMadeBy >> 8 === 3;
    const mode = madeOnUnix ? entry.externalFileAttributes >>> 16 : 0;
    const isDir = name.endsWith('/') || (mode & S_IFMT) === S_IFDIR;
    try {
      if (isDir) {
        this.mkdir(target);
        return;
      }
      this.mkdir(dirname(target));
      const raw = this.rawData(entry);
      const small = this.inflateSmall(entry, raw);
      if ((mode & S_IFMT) === S_IFLNK) {
        if (!small || small.length > 4096) throw unzipFailed();
        this.count(small.length);
        symlinkSync(small.toString('utf8'), target);
        this.links.add(name.split('/').filter(Boolean).join('/'));
        return;
      }
      if (small) {
        this.count(small.length);
        writeFileSync(target, small);
      } else {
        await pipeline(Readable.from([raw]), createInflateRaw({ chunkSize: 256 * 1024 }), this.counter(), createWriteStream(target));
      }
      if (mode & 0o777) chmodSync(target, mode & 0o777);
    } catch (err) {
      if (err instanceof AwsError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      // A file and a folder of the same name (or a link in the way).
      if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR') throw unzipFailed();
      throw err;
    }
  }

  private mkdir(dir: string) {
    if (dir === this.root || this.made.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.made.add(dir);
  }

  /** The entry's data as stored, found through its local header. */
  private rawData(entry: Entry): Buffer {
    const at = entry.relativeOffsetOfLocalHeader;
    if (entry.isEncrypted() || at + 30 > this.zip.length || this.zip.readUInt32LE(at) !== 0x04034b50) throw unzipFailed();
    const start = at + 30 + this.zip.readUInt16LE(at + 26) + this.zip.readUInt16LE(at + 28);
    const end = start + entry.compressedSize;
    if (end > this.zip.length) throw unzipFailed();
    return this.zip.subarray(start, end);
  }

  /** The entry's bytes when they are few (whatever its header claims), else undefined. */
  private inflateSmall(entry: Entry, raw: Buffer): Buffer | undefined {
    if (entry.compressionMethod === 0) return raw.length <= SMALL_ENTRY_BYTES ? raw : undefined;
    if (entry.compressionMethod !== 8) throw unzipFailed();
    try {
      return inflateRawSync(raw, { maxOutputLength: SMALL_ENTRY_BYTES });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return undefined;
      throw unzipFailed();
    }
  }

  private count(bytes: number) {
    this.total += bytes;
    if (this.total > MAX_UNZIPPED_BYTES) throw tooBig();
  }

  /** Counts the real bytes inflated and stops the stream past the limit. */
  private counter(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        try {
          this.count(chunk.length);
          done(null, chunk);
        } catch (err) {
          done(err as Error);
        }
      },
    });
  }
}
