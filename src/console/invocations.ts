// Recent invocations per function (with their START/END/REPORT logs), as the Lambda
// service reports them. Each function keeps its last RECENT_PER_FUNCTION invocations.
import { clip } from './request-log.ts';
import type { InvocationRecord } from '../services/lambda/invoker.ts';
import type { RecordedTrace } from './trace.ts';

const RECENT_PER_FUNCTION = 20;

export class InvocationLog {
  private byArn = new Map<string, InvocationRecord[]>();

  constructor(private readonly onRecord: (record: InvocationRecord) => void = () => {}) {}

  /** Keeps a finished invocation; `trace` is the data-plane request's it served, if any. */
  record(record: InvocationRecord, trace?: RecordedTrace) {
    const kept: InvocationRecord = { ...record, payload: clip(record.payload), response: clip(record.response) };
    let list = this.byArn.get(record.functionArn);
    if (!list) this.byArn.set(record.functionArn, (list = []));
    list.unshift(kept);
    if (list.length > RECENT_PER_FUNCTION) list.pop();
    if (trace) (trace.invocations ??= []).push(kept);
    this.onRecord(kept);
  }

  /** Newest first. */
  recent(functionArn: string): InvocationRecord[] {
    return this.byArn.get(functionArn) ?? [];
  }

  clear() {
    this.byArn.clear();
  }
}
