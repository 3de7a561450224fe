import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { decodeState, encodeState, readStateFile, STATE_FILE, StateDirError } from './persist-file.ts';
import { StatePersistence, type PersistedPart } from './persistence.ts';

const dirs: string[] = [];
const newDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'localgate-persist-unit-'));
  dirs.push(dir);
  return dir;
};
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A part holding one Map, restored into `into`. */
function mapPart(live: Map<string, unknown>, into = live): PersistedPart {
  return { name: 'things', snapshot: () => live, restore: (data: Map<string, unknown>) => data.forEach((v, k) => into.set(k, v)) };
}

test('the file round-trips Maps, Sets, Dates and Buffers, and names its format and version', () => {
  const bytes = encodeState({ a: new Map([['k', { when: new Date(5), tags: new Set(['x']), raw: Buffer.from('hi') }]]) });
  assert.match(bytes.subarray(0, bytes.indexOf(0x0a)).toString(), /^\{"format":"localgate-state","version":1,"written":"[^"]+","bytes":\d+,"sha256":"[0-9a-f]{64}"\}$/);
  const back = decodeState(bytes, 'f') as { a: Map<string, { when: Date; tags: Set<string>; raw: Buffer }> };
  const value = back.a.get('k')!;
  assert.equal(value.when.getTime(), 5);
  assert.deepEqual([...value.tags], ['x']);
  assert.equal(value.raw.toString(), 'hi');
});

test('a foreign, older or corrupted file is refused with what is wrong', () => {
  const bytes = encodeState({ a: 1 });
  const newline = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.subarray(0, newline).toString());
  const withHeader = (h: object) => Buffer.concat([Buffer.from(JSON.stringify(h)), bytes.subarray(newline)]);
  assert.throws(() => decodeState(Buffer.from('PK\x03\x04 not ours'), 'f'), new StateDirError('f is not a localgate state file (no header)'));
  assert.throws(() => decodeState(withHeader({ ...header, format: 'other' }), 'f'), new StateDirError('f is not a localgate state file (format "other")'));
  assert.throws(() => decodeState(withHeader({ ...header, version: 0 }), 'f'), new StateDirError('f has state format version 0; this localgate reads version 1'));
  const flipped = Buffer.from(bytes);
  flipped[flipped.length - 1] ^= 1;
  assert.throws(() => decodeState(flipped, 'f'), new StateDirError("f is damaged (its content does not match its header's length and SHA-256)"));
});

test('watch: state-changing calls (sync, async, failing) save; reads do not', async () => {
  const dir = newDir();
  const live = new Map<string, unknown>();
  const persistence = new StatePersistence(dir);
  persistence.open([mapPart(live)]);
  const provider = persistence.watch({
    createThing: async (name: string) => void live.set(name, 1),
    deleteThing: (name: string) => {
      live.delete(name);
      throw new Error('failed after deleting');
    },
    getThing: (name: string) => live.get(name),
    listThings: async () => [...live.keys()],
  });
  assert.equal(provider.getThing('x'), undefined);
  await provider.listThings();
  await persistence.flush();
  assert.equal(existsSync(join(dir, STATE_FILE)), false, 'reads write nothing');

  await provider.createThing('a');
  await provider.createThing('b');
  await persistence.flush();
  assert.deepEqual([...(readStateFile(dir)!.things as Map<string, unknown>).keys()], ['a', 'b']);
  assert.throws(() => provider.deleteThing('a'), /failed after deleting/);
  await persistence.shutdown();
  assert.deepEqual([...(readStateFile(dir)!.things as Map<string, unknown>).keys()], ['b']);
});

test('restore puts parts back; removals of kept files wait for the state that drops them', async () => {
  const dir = newDir();
  const file = join(dir, 'blob');
  writeFileSync(file, 'body');
  const first = new StatePersistence(dir);
  let files: Parameters<NonNullable<PersistedPart['attach']>>[0]['files'] | undefined;
  const live = new Map<string, unknown>([['blob', file]]);
  first.open([{ ...mapPart(live), attach: (context) => (files = context.files) }]);
  first.markDirty();
  await first.flush();

  live.delete('blob');
  files!.remove(file);
  assert.equal(existsSync(file), true, 'still referred to by the saved state');
  first.markDirty();
  await first.flush();
  assert.equal(existsSync(file), false, 'removed once the state without it is saved');
  live.set('later', 2);
  first.markDirty();
  await first.shutdown();

  const restored = new Map<string, unknown>();
  const second = new StatePersistence(dir);
  second.open([mapPart(new Map(), restored)]);
  assert.deepEqual([...restored], [['later', 2]]);
  await second.shutdown();
});

test('state for a part this localgate does not have is refused, and the directory released', async () => {
  const dir = newDir();
  const saved = encodeState({ things: new Map([['kept', 1]]), unknownService: {} });
  writeFileSync(join(dir, STATE_FILE), saved);
  const restored = new Map<string, unknown>();
  assert.throws(() => new StatePersistence(dir).open([mapPart(new Map(), restored)]), new StateDirError(`${join(dir, STATE_FILE)} holds state this localgate does not know (unknownService)`));
  assert.equal(restored.size, 0, 'no part restored');
  assert.equal(existsSync(join(dir, 'localgate.lock')), false);
  assert.deepEqual(readFileSync(join(dir, STATE_FILE)), saved);
});

test('a part holding what cannot be saved is named, the last good state kept, and saving resumes', async (t) => {
  const dir = newDir();
  const live = new Map<string, unknown>([['ok', 1]]);
  const persistence = new StatePersistence(dir);
  persistence.open([mapPart(live)]);
  persistence.markDirty();
  await persistence.flush();
  const errors: string[] = [];
  t.mock.method(console, 'error', (message: string) => errors.push(message));
  live.set('bad', () => 'a function');
  persistence.markDirty();
  await persistence.flush();
  await persistence.flush();
  assert.equal(errors.length, 1, 'said once');
  assert.ok(errors[0].startsWith(`localgate: could not save state to ${dir} (will retry): things: `), errors[0]);
  assert.match(errors[0], /could not be cloned\.$/);
  assert.deepEqual([...(readStateFile(dir)!.things as Map<string, unknown>).keys()], ['ok']);
  live.delete('bad');
  live.set('fine', 2);
  await persistence.shutdown();
  assert.deepEqual([...(readStateFile(dir)!.things as Map<string, unknown>).keys()], ['ok', 'fine']);
});
