// The framed channel between localgate and its own runtimes (see src/runtime/channel.ts):
// a stream of frames on a socket the runtime inherits at spawn, carrying what the Lambda
// Runtime API carries. One frame:
//   u32 BE  length of what follows (1 + 4 + head + body)
//   u8      type (FRAME)
//   u32 BE  length of head
//   head    a JSON object of the frame's fields (request id, deadline, error type, ...)
//   body    bytes: the event, the response or the error document
// Plain CommonJS so that the node bootstrap requires it as is; localgate imports the same
// file (types in frames.d.cts). The Python bootstrap writes the same layout.

const FRAME = Object.freeze({
  /** runtime -> localgate: ready for the next event (the Runtime API's GET /invocation/next). */
  NEXT: 1,
  /** localgate -> runtime: an event; head {requestId, deadlineMs, invokedArn, traceId, clientContext?, cognitoIdentity?}. */
  INVOKE: 2,
  /** runtime -> localgate: the function's result; head {requestId, peakKb?}: peakKb is the
   * process's peak resident memory (VmHWM, kB), which localgate reads from /proc without it. */
  RESPONSE: 3,
  /** runtime -> localgate: a function error; head {requestId, errorType?, peakKb?}. */
  ERROR: 4,
  /** runtime -> localgate: the runtime could not initialise; head {errorType?}. */
  INIT_ERROR: 5,
});

const PREFIX = 9;
/** Below this a frame is copied into one buffer (one write); above, the body is written as is. */
const COPY_LIMIT = 64 * 1024;

/** Writes one frame to a stream (a net.Socket); `done` runs once it is handed to the OS. */
function writeFrame(stream, type, head, body, done) {
  return writeFrames(stream, [[type, head, body]], done);
}

/** Writes frames ([type, head, body] each) to a stream in one write when together they are
 * under COPY_LIMIT (one syscall, no writev), else prefixes and bodies corked as they are;
 * `done` runs once all are handed to the OS. */
function writeFrames(stream, frames, done) {
  let total = 0;
  const parts = frames.map(([type, head, body]) => {
    const headBytes = Buffer.from(JSON.stringify(head ?? {}));
    const bodyBytes = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
    const size = PREFIX + headBytes.length + (bodyBytes?.length ?? 0);
    total += size;
    return { type, headBytes, bodyBytes, size };
  });
  if (total <= COPY_LIMIT) {
    const out = Buffer.allocUnsafe(total);
    let at = 0;
    for (const part of parts) {
      at = writePrefix(out, at, part);
      if (part.bodyBytes) at += part.bodyBytes.copy(out, at);
    }
    return stream.write(out, done);
  }
  stream.cork();
  let flushed = true;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const prefix = Buffer.allocUnsafe(PREFIX + part.headBytes.length);
    writePrefix(prefix, 0, part);
    flushed = stream.write(prefix, last && !part.bodyBytes ? done : undefined);
    if (part.bodyBytes) flushed = stream.write(part.bodyBytes, last ? done : undefined);
  });
  stream.uncork();
  return flushed;
}

/** A frame's length, type, head length and head at `at` of `out`; returns where its body goes. */
function writePrefix(out, at, { type, headBytes, size }) {
  out.writeUInt32BE(size - 4, at);
  out.writeUInt8(type, at + 4);
  out.writeUInt32BE(headBytes.length, at + 5);
  return at + PREFIX + headBytes.copy(out, at + PREFIX);
}

/**
 * Reads frames from a stream's chunks. `onFrame(type, head, body)` gets each whole frame;
 * a body over `maxBody` bytes is skipped, not kept, and reported with `body` undefined.
 * `onError(message)` is called once for bytes that are not frames; nothing is read after it.
 */
class FrameReader {
  constructor(onFrame, onError, limits = {}) {
    this.onFrame = onFrame;
    this.onError = onError;
    this.maxBody = limits.maxBody ?? Infinity;
    this.maxHead = limits.maxHead ?? 1024 * 1024;
    this.chunks = [];
    this.available = 0;
    this.frame = undefined; // {type, headLength, bodyLength, head?}
    this.skipping = 0;
    this.broken = false;
  }

  push(chunk) {
    if (this.broken) return;
    this.chunks.push(chunk);
    this.available += chunk.length;
    while (!this.broken && this.step());
  }

  /** Consumes what it can of one frame; false when it needs more bytes. */
  step() {
    if (this.skipping) {
      const n = Math.min(this.skipping, this.available);
      this.take(n);
      this.skipping -= n;
      return this.skipping === 0;
    }
    if (!this.frame) {
      if (this.available < PREFIX) return false;
      const prefix = this.take(PREFIX);
      const length = prefix.readUInt32BE(0);
      const headLength = prefix.readUInt32BE(5);
      if (length < 5 || headLength > length - 5 || headLength > this.maxHead) return this.fail('frame lengths out of bounds');
      this.frame = { type: prefix.readUInt8(4), headLength, bodyLength: length - 5 - headLength, head: undefined };
    }
    const frame = this.frame;
    if (frame.head === undefined) {
      if (this.available < frame.headLength) return false;
      const text = this.take(frame.headLength).toString('utf8');
      try {
        frame.head = text ? JSON.parse(text) : {};
      } catch {
        return this.fail('frame head is not JSON');
      }
      if (frame.head === null || typeof frame.head !== 'object' || Array.isArray(frame.head)) return this.fail('frame head is not a JSON object');
      if (frame.bodyLength > this.maxBody) {
        this.frame = undefined;
        this.skipping = frame.bodyLength;
        this.onFrame(frame.type, frame.head, undefined);
        return true;
      }
    }
    if (this.available < frame.bodyLength) return false;
    this.frame = undefined;
    this.onFrame(frame.type, frame.head, this.take(frame.bodyLength));
    return true;
  }

  fail(message) {
    this.broken = true;
    this.chunks = [];
    this.available = 0;
    this.onError(message);
    return false;
  }

  /** The next `n` buffered bytes (n <= available). */
  take(n) {
    this.available -= n;
    const first = this.chunks[0];
    if (first && first.length === n) {
      this.chunks.shift();
      return first;
    }
    if (first && first.length > n) {
      this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) {
      const chunk = this.chunks[0];
      const used = Math.min(chunk.length, n - at);
      chunk.copy(out, at, 0, used);
      at += used;
      if (used === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(used);
    }
    return out;
  }
}

module.exports = { FRAME, writeFrame, writeFrames, FrameReader };
