// Unpacks a function's deployment package into its own directory. Lambda's limits apply:
// entries may not escape the directory (no "..", no absolute paths) and the unzipped size
// is capped at 250 MB. Unix permissions stored in the zip are kept (a provided runtime's
// bootstrap must stay executable).
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { AwsError } from '../../protocol/errors.ts';

const MAX_UNZIPPED_BYTES = 262_144_000;

interface ExtractedCode {
  /** Base64 SHA-256 of the zip, as CodeSha256 reports it. */
  sha256: string;
  size: number;
  dir: string;
  zipPath: string;
}

const unzipFailed = () =>
  new AwsError('InvalidParameterValueException', 'Could not unzip uploaded file. Please check your file, then try to upload again.');

export function codeSha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('base64');
}

export function extractZip(zip: Buffer, dir: string): ExtractedCode {
  let declared = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter(file) {
        declared += file.originalSize;
        if (declared > MAX_UNZIPPED_BYTES) throw new SizeError();
        return true;
      },
    });
  } catch (err) {
    if (err instanceof SizeError) throw tooBig();
    throw unzipFailed();
  }
  const modes = unixModes(zip);
  let total = 0;
  const root = resolve(dir);
  const entries: Array<[string, Uint8Array]> = [];
  for (const [name, data] of Object.entries(files)) {
    total += data.length;
    if (total > MAX_UNZIPPED_BYTES) throw tooBig();
    const target = resolve(root, name);
    if (name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name) || name.split('/').includes('..') || !(target + sep).startsWith(root + sep)) {
      throw unzipFailed();
    }
    entries.push([name, data]);
  }
  mkdirSync(root, { recursive: true });
  for (const [name, data] of entries) {
    const target = resolve(root, name);
    if (name.endsWith('/')) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
    const mode = modes.get(name);
    if (mode) chmodSync(target, mode & 0o777);
  }
  const zipPath = `${root}.zip`;
  writeFileSync(zipPath, zip);
  return { sha256: codeSha256(zip), size: zip.length, dir: root, zipPath };
}

class SizeError extends Error {}

const tooBig = () => new AwsError('InvalidParameterValueException', `Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`);

/** Unix permission bits per entry, from the zip's central directory (entries made on Unix). */
function unixModes(zip: Buffer): Map<string, number> {
  const modes = new Map<string, number>();
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return modes;
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count && p + 46 <= zip.length; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) break;
    const host = zip.readUInt8(p + 5);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const attrs = zip.readUInt32LE(p + 38);
    const name = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (host === 3 && attrs >>> 16) modes.set(name, attrs >>> 16);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return modes;
}

