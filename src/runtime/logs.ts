// Function logs as Lambda writes them: START / END / REPORT lines around the function's
// own output, printed to localgate's log with the function name in front of each line.
import { closeSync, openSync, readSync } from 'node:fs';

export function startLine(requestId: string, version: string): string {
  return `START RequestId: ${requestId} Version: ${version}\n`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}\n`;
}

export function reportLine(r: { requestId: string; durationMs: number; memoryMb: number; maxMemoryMb?: number; initDurationMs?: number }): string {
  let line = `REPORT RequestId: ${r.requestId}\tDuration: ${r.durationMs.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(r.durationMs))} ms\tMemory Size: ${r.memoryMb} MB`;
  if (r.maxMemoryMb !== undefined) line += `\tMax Memory Used: ${r.maxMemoryMb} MB`;
  if (r.initDurationMs !== undefined) line += `\tInit Duration: ${r.initDurationMs.toFixed(2)} ms`;
  return `${line}\t\n`;
}

const statusBuf = Buffer.alloc(8192);

/** Peak resident memory of a process in MB (VmHWM of Linux /proc; undefined elsewhere).
 * The status file stays open: each pread from offset 0 regenerates it, which spares an
 * open and close per invocation. */
export class PeakMemory {
  private fd = -1;

  constructor(pid: number | undefined) {
    if (!pid) return;
    try {
      this.fd = openSync(`/proc/${pid}/status`, 'r');
    } catch {
      this.fd = -1;
    }
  }

  mb(): number | undefined {
    if (this.fd < 0) return undefined;
    try {
      const n = readSync(this.fd, statusBuf, 0, statusBuf.length, 0);
      const m = /VmHWM:\s+(\d+) kB/.exec(statusBuf.toString('latin1', 0, n));
      return m ? Math.ceil(Number(m[1]) / 1024) : undefined;
    } catch {
      return undefined;
    }
  }

  close() {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

/** Base64 of the last 4 KB of a log, as X-Amz-Log-Result carries it. */
export function tail(log: string): string {
  const bytes = Buffer.from(log, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - 4096)).toString('base64');
}

export function printLog(functionName: string, log: string) {
  const lines = log.endsWith('\n') ? log.slice(0, -1) : log;
  if (!lines) return;
  process.stdout.write(lines.split('\n').map((l) => `[lambda:${functionName}] ${l}\n`).join(''));
}
