// MemorySize for an environment in a worker thread (worker-runtime.ts): a thread has no RSS
// of its own, so its memory is what its isolate holds, JS heap plus buffers (V8's
// total_heap_size + external_memory), which the worker reports with every message and every
// CHECK_MS while it is free to run (bootstraps/node/worker.cjs). Over MemorySize the thread
// is stopped as the process executor kills a process (memory.ts); a heap that outgrows its
// resourceLimits in one go is stopped by V8 itself (ERR_WORKER_OUT_OF_MEMORY).
// Same surface as MemoryLimit, so the environment treats both alike.
export class WorkerMemory {
  private peak?: number;
  exceeded = false;

  /** `onExceeded` is called once, the first time the peak goes over `limitMb`. */
  constructor(
    private readonly limitMb: number,
    private readonly onExceeded: () => void,
  ) {}

  /** What the worker said it holds now, in MB. */
  note(mb: number) {
    if (Number.isFinite(mb) && (this.peak === undefined || mb > this.peak)) this.peak = Math.ceil(mb);
  }

  /** True (and onExceeded called) when the thread went over its limit. */
  check(): boolean {
    if (!this.exceeded && (this.peak ?? 0) > this.limitMb) {
      this.exceeded = true;
      this.onExceeded();
    }
    return this.exceeded;
  }

  /** What REPORT says: the peak, never above the memory size (the thread is stopped first). */
  reportMb(): number | undefined {
    if (this.exceeded) return this.limitMb;
    return this.peak === undefined ? undefined : Math.min(this.peak, this.limitMb);
  }

  close() {}
}
