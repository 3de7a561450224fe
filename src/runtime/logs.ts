// Function logs as Lambda writes them: START / END / REPORT lines around the function's
// own output, printed to localgate's log with the function name in front of each line.
import { readFileSync } from 'node:fs';

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

/** Peak resident memory of a process in MB (Linux /proc; undefined elsewhere). */
export function maxMemoryMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.ceil(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
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
