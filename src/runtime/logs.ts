// Function logs as Lambda writes them: START / END / REPORT lines around the function's
// own output, printed to localgate's log with the function name in front of each line.

export function startLine(requestId: string, version: string): string {
  return `START RequestId: ${requestId} Version: ${version}\n`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}\n`;
}

export function reportLine(r: { requestId: string; durationMs: number; memoryMb: number; maxMemoryMb?: number; initDurationMs?: number; status?: 'timeout' }): string {
  let line = `REPORT RequestId: ${r.requestId}\tDuration: ${r.durationMs.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(r.durationMs))} ms\tMemory Size: ${r.memoryMb} MB`;
  if (r.maxMemoryMb !== undefined) line += `\tMax Memory Used: ${r.maxMemoryMb} MB`;
  if (r.initDurationMs !== undefined) line += `\tInit Duration: ${r.initDurationMs.toFixed(2)} ms`;
  if (r.status) line += `\tStatus: ${r.status}`;
  return `${line}\t\n`;
}

/** Base64 of the last 4 KB of an invocation's log, as X-Amz-Log-Result carries it. A cold
 * start's INIT_START line goes to CloudWatch Logs only: Lambda's tail starts at START
 * (test_lambda.snapshot.json, test_invocation_with_logs). */
export function tail(log: string): string {
  const bytes = Buffer.from(log.startsWith('INIT_START ') ? log.slice(log.indexOf('\n') + 1) : log, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - 4096)).toString('base64');
}

/** Printed lines wait here for the end of the event-loop turn and then go out in one
 * write: an invocation prints START, its output, END and REPORT in several pieces, and many
 * environments finish in one turn under load, so a write per piece would be a syscall each. */
let printed: string[] = [];
let flushScheduled = false;

function flushPrinted() {
  flushScheduled = false;
  if (!printed.length) return;
  const text = printed.join('');
  printed = [];
  process.stdout.write(text);
}

function print(text: string) {
  printed.push(text);
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushPrinted);
  }
}

// What the last turn printed still goes out when the process exits in it.
process.once('exit', flushPrinted);

/** Prints a function's output with its name in front of each line, as it comes: a line
 * split between two chunks is held until its end arrives (or flush()). */
export class LogPrinter {
  private partial = '';

  constructor(private readonly functionName: string) {}

  write = (text: string) => {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop()!;
    // A line without end is printed in pieces rather than held whole.
    if (this.partial.length > 64 * 1024) {
      lines.push(this.partial);
      this.partial = '';
    }
    if (lines.length) print(lines.map((l) => `[lambda:${this.functionName}] ${l}\n`).join(''));
  };

  flush() {
    if (this.partial) this.write('\n');
  }
}
