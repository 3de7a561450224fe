// A function's output, streamed: the process writes stdout and stderr to a file; localgate
// reads it in chunks, prints each chunk (unless quiet) and keeps only a bounded part per
// invocation (its first and last kilobytes: the START line, what LogType Tail returns and
// the REPORT line), so a function that writes gigabytes costs localgate a chunk of memory.
import { closeSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK_BYTES = 64 * 1024;
/** What an invocation's log keeps: this much of its start and of its end. */
export const KEEP_HEAD = 4 * 1024;
export const KEEP_TAIL = 28 * 1024;

/** Reused by every reader: reads are synchronous and never interleave. */
const chunk = Buffer.alloc(CHUNK_BYTES);

/** The file a process writes its output to. */
export class OutputFile {
  private fd: number;
  private offset = 0;
  private decoder = new StringDecoder('utf8');

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a+');
  }

  /** The fd to hand the child as stdout and stderr. */
  get descriptor() {
    return this.fd;
  }

  /** localgate's own lines; the file is in append mode, so they land after the child's. */
  append(text: string) {
    if (this.fd >= 0) writeSync(this.fd, text);
  }

  /** Hands what the process wrote since the last call to `sink`, a chunk at a time; the
   * file is emptied once read to its end past 1 MB. */
  drain(sink: (text: string) => void) {
    if (this.fd < 0) return;
    for (;;) {
      const n = readSync(this.fd, chunk, 0, CHUNK_BYTES, this.offset);
      this.offset += n;
      const text = this.decoder.write(chunk.subarray(0, n));
      if (text) sink(text);
      if (n < CHUNK_BYTES) break;
    }
    if (this.offset > 1 << 20) {
      ftruncateSync(this.fd, 0);
      this.offset = 0;
    }
  }

  close() {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

/** One invocation's log as kept: the first KEEP_HEAD and last KEEP_TAIL characters, with
 * a note of how much was left out between them. Each piece is also printed. */
export class InvocationLog {
  private head = '';
  private tail: string[] = [];
  private tailLength = 0;
  private dropped = 0;

  constructor(private readonly print?: (text: string) => void) {}

  add(text: string) {
    this.print?.(text);
    if (this.head.length < KEEP_HEAD && !this.tail.length) {
      const room = KEEP_HEAD - this.head.length;
      this.head += text.slice(0, room);
      text = text.slice(room);
      if (!text) return;
    }
    this.tail.push(text);
    this.tailLength += text.length;
    if (this.tailLength > 2 * KEEP_TAIL) this.compact();
  }

  private compact() {
    const joined = this.tail.join('');
    this.dropped += joined.length - KEEP_TAIL;
    this.tail = [joined.slice(-KEEP_TAIL)];
    this.tailLength = KEEP_TAIL;
  }

  text(): string {
    if (this.tailLength > KEEP_TAIL) this.compact();
    const note = this.dropped ? `[localgate: ${this.dropped} characters of output were printed but not kept]\n` : '';
    return this.head + note + this.tail.join('');
  }
}
