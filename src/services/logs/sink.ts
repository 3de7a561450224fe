// Where function output goes besides localgate's own log: the function's log group
// (/aws/lambda/{name} unless its LoggingConfig names another) and the stream of the
// execution environment that ran it, both created on first use as Lambda does.
import type { LogGroups } from './groups.ts';
import type { LogStreamRecord } from './store.ts';

export interface FunctionLogRecord {
  account: string;
  region: string;
  logGroup: string;
  /** One per execution environment, e.g. 2026/01/31/[$LATEST]0123...abcdef. */
  logStream: string;
  /** START/END/REPORT and the function's own lines, newline-separated. */
  log: string;
  /** When the invocation ended (ms since the epoch): each line's timestamp. */
  timestamp: number;
}

/** What the Lambda service calls after each invocation. */
export interface FunctionLogSink {
  write(record: FunctionLogRecord): void;
}

/** Records wait at most this long for their batch, and a batch at most this many records. */
const FLUSH_AFTER_MS = 1000;
const MAX_PENDING = 1000;

/** Function output goes into the store in batches: an invocation only queues its record, and
 * the batch is stored when a Logs operation is about to read or change the store (flush()),
 * after FLUSH_AFTER_MS, or once MAX_PENDING records wait. Busy functions thus cost one group
 * and stream lookup and one append per stream and batch, not per invocation. */
export class LogsFunctionSink implements FunctionLogSink {
  private pending: FunctionLogRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Streams this sink has written to (account, region, group, stream). */
  private known = new Set<string>();

  /** `onNewStream` is told at once when a record goes to a stream not written before: the
   * group and stream it creates are state worth saving (--state-dir) even before the batch
   * is stored. */
  constructor(
    private readonly groups: LogGroups,
    private readonly onNewStream: () => void = () => {},
  ) {}

  write(r: FunctionLogRecord): void {
    const stream = `${r.account}|${r.region}|${r.logGroup}|${r.logStream}`;
    if (!this.known.has(stream)) {
      this.known.add(stream);
      this.onNewStream();
    }
    this.pending.push(r);
    if (this.pending.length >= MAX_PENDING) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), FLUSH_AFTER_MS);
      this.timer.unref();
    }
  }

  /** Stores what waits (in the order written). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending.length) return;
    const records = this.pending;
    this.pending = [];
    const byStream = new Map<LogStreamRecord, Array<{ timestamp: number; message: string }>>();
    for (const r of records) {
      const lines = r.log.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      if (!lines.length) continue;
      const scope = this.groups.store.get(r.account, r.region);
      const group = scope.get(r.logGroup) ?? this.groups.create({ account: r.account, region: r.region }, r.logGroup);
      const stream = group.streams.get(r.logStream) ?? this.groups.createStream(group, r.logStream);
      let events = byStream.get(stream);
      if (!events) byStream.set(stream, (events = []));
      // Lambda's events end with the newline that ended the line.
      for (const line of lines) events.push({ timestamp: r.timestamp, message: `${line}\n` });
    }
    const now = Date.now();
    for (const [stream, events] of byStream) this.groups.store.append(stream, events, now);
  }

  /** Forgets what waits (the store was cleared). */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
    this.known.clear();
  }
}
