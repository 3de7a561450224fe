// The state file of a --state-dir: one file holding every service's snapshot, replaced
// atomically (written to a temporary file, fsynced, renamed over the old one, directory
// fsynced), so a kill at any moment leaves the previous state or the new one.
//
// Layout: a one-line JSON header, then the payload in Node's structured-clone wire format
// (v8.serialize: Maps, Sets, Dates and Buffers round-trip as themselves, shared references
// stay shared). The header carries the format version and the payload's length and SHA-256,
// so a file from a newer localgate, or a damaged one, is refused whole, never half-read.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

export const STATE_FILE = 'localgate-state.bin';
export const STATE_FORMAT = 'localgate-state';
/** Bumped when a snapshot's shape changes in a way an older localgate cannot read. */
export const STATE_VERSION = 1;

interface Header {
  format: string;
  version: number;
  /** When the file was written (ISO 8601), for people reading the header. */
  written: string;
  bytes: number;
  sha256: string;
}

/** A state directory localgate must not read (newer format, foreign or damaged file). */
export class StateDirError extends Error {}

export type Snapshot = Record<string, unknown>;

/** Encodes a snapshot as the file's bytes (header line + payload). */
export function encodeState(snapshot: Snapshot, now = new Date()): Buffer {
  const payload = serialize(snapshot);
  const header: Header = {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    written: now.toISOString(),
    bytes: payload.length,
    sha256: createHash('sha256').update(payload).digest('hex'),
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), payload]);
}

/** Decodes a state file's bytes; throws StateDirError for anything it cannot fully read. */
export function decodeState(bytes: Buffer, where: string): Snapshot {
  const newline = bytes.indexOf(0x0a);
  let header: Header;
  try {
    header = JSON.parse(bytes.subarray(0, newline < 0 ? bytes.length : newline).toString('utf8'));
  } catch {
    throw new StateDirError(`${where} is not a localgate state file (no header)`);
  }
  if (header?.format !== STATE_FORMAT) throw new StateDirError(`${where} is not a localgate state file (format ${JSON.stringify(header?.format)})`);
  if (header.version !== STATE_VERSION) {
    const newer = typeof header.version === 'number' && header.version > STATE_VERSION;
    throw new StateDirError(
      `${where} has state format version ${JSON.stringify(header.version)}; this localgate reads version ${STATE_VERSION}` +
        (newer ? ' (it was written by a newer localgate: upgrade, or use another --state-dir)' : ''),
    );
  }
  const payload = bytes.subarray(newline + 1);
  const sha256 = createHash('sha256').update(payload).digest('hex');
  if (payload.length !== header.bytes || sha256 !== header.sha256) {
    throw new StateDirError(`${where} is damaged (its content does not match its header's length and SHA-256)`);
  }
  try {
    return deserialize(payload) as Snapshot;
  } catch (err) {
    throw new StateDirError(`${where} cannot be read by this Node.js (${(err as Error).message})`);
  }
}

/** The snapshot in `dir`, or undefined when the directory holds none yet. */
export function readStateFile(dir: string): Snapshot | undefined {
  const path = join(dir, STATE_FILE);
  if (!existsSync(path)) return undefined;
  return decodeState(readFileSync(path), path);
}

/** Replaces the state file in `dir` atomically and durably (fsync off the event loop). */
export async function writeStateFile(dir: string, bytes: Buffer) {
  const path = join(dir, STATE_FILE);
  const temp = `${path}.tmp`;
  const file = await open(temp, 'w', 0o600);
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, path);
  await syncDirectory(dir);
}

/** Makes a directory's entries (a rename, a new file) durable. */
export async function syncDirectory(dir: string) {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
