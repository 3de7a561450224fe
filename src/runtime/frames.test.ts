// The framed channel's codec (bootstraps/node/frames.cjs), shared by localgate and the node
// bootstrap: frames written are read back whole however the bytes are split, big bodies are
// skipped and reported, and bytes that are not frames break the reader once.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { FRAME, FrameReader, writeFrame, writeFrames } from './bootstraps/node/frames.cjs';

/** The bytes writeFrame puts on a stream. */
async function encode(type: number, head: Record<string, unknown> | undefined, body?: Buffer | string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await new Promise<void>((resolve) => writeFrame(out, type, head, body, () => resolve()));
  return Buffer.concat(chunks);
}

function collect(limits?: { maxBody?: number; maxHead?: number }) {
  const frames: Array<{ type: number; head: Record<string, unknown>; body: string | undefined }> = [];
  const errors: string[] = [];
  const reader = new FrameReader((type, head, body) => frames.push({ type, head, body: body?.toString() }), (m) => errors.push(m), limits);
  return { frames, errors, reader };
}

describe('frames', () => {
  it('lays a frame out as length, type, head length, JSON head, body', async () => {
    const bytes = await encode(FRAME.RESPONSE, { requestId: 'r1' }, '{"ok":true}');
    const head = '{"requestId":"r1"}';
    assert.equal(bytes.readUInt32BE(0), 1 + 4 + head.length + 11);
    assert.equal(bytes.readUInt8(4), 3);
    assert.equal(bytes.readUInt32BE(5), head.length);
    assert.equal(bytes.subarray(9).toString(), `${head}{"ok":true}`);
    assert.equal((await encode(FRAME.NEXT, undefined)).toString('hex'), '000000070100000002' + Buffer.from('{}').toString('hex'));
  });

  it('writes several frames as one chunk while small, and corked pieces past 64 KB, the same bytes', async () => {
    for (const size of [10, 100_000]) {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      const body = 'r'.repeat(size);
      await new Promise<void>((resolve) => writeFrames(out, [[FRAME.RESPONSE, { requestId: 'r1' }, body], [FRAME.NEXT, undefined]], () => resolve()));
      assert.deepEqual(Buffer.concat(chunks), Buffer.concat([await encode(FRAME.RESPONSE, { requestId: 'r1' }, body), await encode(FRAME.NEXT, undefined)]));
      assert.equal(chunks.length, size === 10 ? 1 : 3);
    }
  });

  it('reads frames back whole, byte by byte or several in one chunk', async () => {
    const one = await encode(FRAME.INVOKE, { requestId: 'a', deadlineMs: 5 }, Buffer.from('{"x":1}'));
    const two = await encode(FRAME.ERROR, { requestId: 'b', errorType: 'E' }, 'oops');
    const three = await encode(FRAME.NEXT, undefined);
    const all = Buffer.concat([one, two, three]);
    const expected = [
      { type: FRAME.INVOKE, head: { requestId: 'a', deadlineMs: 5 }, body: '{"x":1}' },
      { type: FRAME.ERROR, head: { requestId: 'b', errorType: 'E' }, body: 'oops' },
      { type: FRAME.NEXT, head: {}, body: '' },
    ];
    const whole = collect();
    whole.reader.push(all);
    assert.deepEqual(whole.frames, expected);
    const bytewise = collect();
    for (let i = 0; i < all.length; i++) bytewise.reader.push(all.subarray(i, i + 1));
    assert.deepEqual(bytewise.frames, expected);
    assert.deepEqual([whole.errors, bytewise.errors], [[], []]);
  });

  it('writes a large body as is and reads it back', async () => {
    const body = Buffer.alloc(200_000, 'z');
    const bytes = await encode(FRAME.RESPONSE, { requestId: 'big' }, body);
    const { frames } = collect();
    const reader = new FrameReader((type, head, b) => frames.push({ type, head, body: b?.toString() }), () => {});
    for (let at = 0; at < bytes.length; at += 65_536) reader.push(bytes.subarray(at, at + 65_536));
    assert.equal(frames.length, 1);
    assert.equal(frames[0].body, body.toString());
  });

  it('skips a body over maxBody, reports it without one, and reads on', async () => {
    const big = await encode(FRAME.RESPONSE, { requestId: 'r' }, 'x'.repeat(100));
    const next = await encode(FRAME.NEXT, undefined);
    const { frames, errors, reader } = collect({ maxBody: 10 });
    reader.push(Buffer.concat([big.subarray(0, 30)]));
    reader.push(Buffer.concat([big.subarray(30), next]));
    assert.deepEqual(frames, [
      { type: FRAME.RESPONSE, head: { requestId: 'r' }, body: undefined },
      { type: FRAME.NEXT, head: {}, body: '' },
    ]);
    assert.deepEqual(errors, []);
  });

  it('breaks once on bytes that are not frames, and reads nothing after', async () => {
    const garbage = collect();
    garbage.reader.push(Buffer.from('hello, this is not a frame at all'));
    garbage.reader.push(await encode(FRAME.NEXT, undefined));
    assert.deepEqual(garbage.frames, []);
    assert.deepEqual(garbage.errors, ['frame lengths out of bounds']);

    const notJson = collect();
    const bad = Buffer.alloc(12);
    bad.writeUInt32BE(8, 0);
    bad.writeUInt8(1, 4);
    bad.writeUInt32BE(3, 5);
    bad.write('{x}', 9);
    notJson.reader.push(bad);
    assert.deepEqual(notJson.errors, ['frame head is not JSON']);

    const array = collect();
    array.reader.push(await encode(FRAME.NEXT, [1] as unknown as Record<string, unknown>));
    assert.deepEqual(array.errors, ['frame head is not a JSON object']);

    const hugeHead = collect({ maxHead: 4 });
    hugeHead.reader.push(await encode(FRAME.NEXT, { a: 'long' }));
    assert.deepEqual(hugeHead.errors, ['frame lengths out of bounds']);
  });
});
