// Where function output goes besides localgate's own log: the function's log group
// (/aws/lambda/{name} unless its LoggingConfig names another) and the stream of the
// execution environment that ran it, both created on first use as Lambda does.
import type { LogGroups } from './groups.ts';

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

export class LogsFunctionSink implements FunctionLogSink {
  constructor(private readonly groups: LogGroups) {}

  write(r: FunctionLogRecord): void {
    const lines = r.log.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    if (!lines.length) return;
    const scope = this.groups.store.get(r.account, r.region);
    const group = scope.get(r.logGroup) ?? this.groups.create({ account: r.account, region: r.region }, r.logGroup);
    const stream = group.streams.get(r.logStream) ?? this.groups.createStream(group, r.logStream);
    // Lambda's events end with the newline that ended the line.
    this.groups.store.append(stream, lines.map((line) => ({ timestamp: r.timestamp, message: `${line}\n` })), Date.now());
  }
}
