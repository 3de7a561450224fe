import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogPrinter } from './logs.ts';

test("function output is printed with the function's name, every printer's lines of a turn in one write", async () => {
  const writes: string[] = [];
  const original = process.stdout.write;
  // The test runner reports on stdout too: only the printers' writes are taken.
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' && chunk.startsWith('[lambda:')) {
      writes.push(chunk);
      return true;
    }
    return (original as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
  }) as typeof process.stdout.write;
  try {
    const a = new LogPrinter('a');
    const b = new LogPrinter('b');
    a.write('START RequestId: 1\n');
    a.write('half ');
    b.write('one\ntwo\n');
    a.write('line\nEND RequestId: 1\n');
    b.write('no end');
    b.flush();
    assert.deepEqual(writes, [], 'nothing is written before the turn ends');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(writes, ['[lambda:a] START RequestId: 1\n[lambda:b] one\n[lambda:b] two\n[lambda:a] half line\n[lambda:a] END RequestId: 1\n[lambda:b] no end\n']);
    a.write('next turn\n');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(writes.slice(1), ['[lambda:a] next turn\n']);
  } finally {
    process.stdout.write = original;
  }
});
