// A function's memory, as Lambda enforces it: the process is killed when its resident
// memory goes over the configured MemorySize, and REPORT says the peak ("Max Memory
// Used"). Linux's /proc/PID/status gives the peak (VmHWM), so a spike between two checks
// is still seen; checks run every CHECK_MS while the process lives, and once more when
// an invocation ends: with the peak the runtime sent with its result when it did
// (localgate's own bootstraps on the channel read their own VmHWM, and only when it can
// have changed), else from /proc. Elsewhere neither is available and nothing is enforced.
import { closeSync, openSync, readSync } from 'node:fs';

const CHECK_MS = 50;
const statusBuf = Buffer.alloc(8192);

export class MemoryLimit {
  private fd = -1;
  private timer?: NodeJS.Timeout;
  /** The last peak read: what is known once the process is gone. */
  private lastPeak?: number;
  exceeded = false;

  /** `onExceeded` is called once, the first time the peak goes over `limitMb`. */
  constructor(
    pid: number | undefined,
    private readonly limitMb: number,
    private readonly onExceeded: () => void,
  ) {
    if (!pid) return;
    try {
      // Kept open: each read from offset 0 regenerates the file (no open/close per check).
      this.fd = openSync(`/proc/${pid}/status`, 'r');
    } catch {
      return;
    }
    this.timer = setInterval(() => this.check(), CHECK_MS);
    this.timer.unref();
  }

  /** Peak resident memory in MB (VmHWM), or undefined where it cannot be read. */
  peakMb(): number | undefined {
    if (this.fd < 0) return this.lastPeak;
    try {
      const n = readSync(this.fd, statusBuf, 0, statusBuf.length, 0);
      const m = /VmHWM:\s+(\d+) kB/.exec(statusBuf.toString('latin1', 0, n));
      if (m) this.lastPeak = Math.ceil(Number(m[1]) / 1024);
    } catch {
      // the process is gone: its last peak stands
    }
    return this.lastPeak;
  }

  /** The peak a runtime reported: the peak only grows, so a later read of /proc stands. */
  private reported(kb: number): number {
    this.lastPeak = Math.max(this.lastPeak ?? 0, Math.ceil(kb / 1024));
    return this.lastPeak;
  }

  /** True (and onExceeded called) when the process went over its limit; `reportedKb`, the
   * peak the runtime read itself (VmHWM in kB), stands for a read of /proc. */
  check(reportedKb?: number): boolean {
    if (!this.exceeded && ((reportedKb === undefined ? this.peakMb() : this.reported(reportedKb)) ?? 0) > this.limitMb) {
      this.exceeded = true;
      this.onExceeded();
    }
    return this.exceeded;
  }

  /** What REPORT says: the peak, never above the memory size (the process dies first);
   * `read` false takes the peak last read (by check()). */
  reportMb(read = true): number | undefined {
    const peak = this.exceeded ? this.limitMb : read ? this.peakMb() : this.lastPeak;
    return peak === undefined ? undefined : Math.min(peak, this.limitMb);
  }

  close() {
    clearInterval(this.timer);
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
