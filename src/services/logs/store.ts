// CloudWatch Logs state: log groups per account and region, their streams and events.
// Memory is bounded: past `maxEvents` stored events (all groups together) the oldest
// ingested are dropped first. Retention is applied when a group is read or written.
import { AccountRegionStore } from '../../state/store.ts';

export interface StoredEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  /** Ingestion order across the store: event ids, stable sorting, paging. */
  seq: number;
}

export interface LogStreamRecord {
  name: string;
  creationTime: number;
  /** Sorted by timestamp, then ingestion. */
  events: StoredEvent[];
  /** How many events were removed from the front (retention or the cap): keeps positions stable for tokens. */
  dropped: number;
  lastIngestionTime?: number;
  /** Removed with its group or on its own: queued drops skip it. */
  deleted: boolean;
}

export interface LogGroupRecord {
  name: string;
  creationTime: number;
  retentionInDays?: number;
  kmsKeyId?: string;
  logGroupClass: 'STANDARD' | 'INFREQUENT_ACCESS' | 'DELIVERY';
  tags: Record<string, string>;
  streams: Map<string, LogStreamRecord>;
}

/** Batches in ingestion order, so the oldest can be dropped when the cap is reached. */
interface Batch {
  stream: LogStreamRecord;
  count: number;
}

export class LogsStore extends AccountRegionStore<Map<string, LogGroupRecord>> {
  private total = 0;
  private seq = 0;
  private batches: Batch[] = [];
  private head = 0;

  constructor(readonly maxEvents: number) {
    super(() => new Map());
  }

  get size(): number {
    return this.total;
  }

  /** Adds events (already sorted by timestamp) to a stream, then enforces the cap. */
  append(stream: LogStreamRecord, events: Array<{ timestamp: number; message: string }>, now: number): void {
    if (!events.length) return;
    const stored = events.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: now, seq: ++this.seq }));
    const list = stream.events;
    if (!list.length || list[list.length - 1].timestamp <= stored[0].timestamp) list.push(...stored);
    else {
      list.push(...stored);
      list.sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
    }
    stream.lastIngestionTime = now;
    this.total += stored.length;
    this.batches.push({ stream, count: stored.length });
    this.enforceCap();
  }

  /** Drops a stream's events older than `cutoff` (retention). */
  expire(stream: LogStreamRecord, cutoff: number): void {
    let n = 0;
    while (n < stream.events.length && stream.events[n].timestamp < cutoff) n++;
    this.dropFront(stream, n);
  }

  /** A stream (or a whole group's streams) is gone: its events no longer count. */
  forget(stream: LogStreamRecord): void {
    stream.deleted = true;
    this.total -= stream.events.length;
    stream.events = [];
  }

  private dropFront(stream: LogStreamRecord, n: number) {
    if (n <= 0) return;
    stream.events.splice(0, n);
    stream.dropped += n;
    this.total -= n;
  }

  private enforceCap() {
    while (this.total > this.maxEvents && this.head < this.batches.length) {
      const batch = this.batches[this.head];
      if (batch.stream.deleted || !batch.stream.events.length) {
        this.head++;
        continue;
      }
      const n = Math.min(batch.count, batch.stream.events.length, this.total - this.maxEvents);
      this.dropFront(batch.stream, n);
      batch.count -= n;
      if (batch.count === 0) this.head++;
    }
    // Compact the batch queue now and then rather than shifting it on every drop; batches
    // of deleted or emptied streams go too, so the queue stays bounded by the cap.
    if ((this.head > 1024 && this.head * 2 > this.batches.length) || this.batches.length - this.head > this.maxEvents) {
      this.batches = this.batches.slice(this.head).filter((b) => !b.stream.deleted && b.stream.events.length);
      this.head = 0;
    }
  }

  override clear() {
    super.clear();
    this.total = 0;
    this.batches = [];
    this.head = 0;
  }
}
