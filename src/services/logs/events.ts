// Log events: PutLogEvents, GetLogEvents (one stream, forward and backward tokens) and
// FilterLogEvents (a group's streams interleaved, with a filter pattern).
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/logs.types.ts';
import { compileFilterPattern } from './filter-pattern.ts';
import { invalidParameter, sequenceToken, type LogGroups } from './groups.ts';
import type { LogStreamRecord, StoredEvent } from './store.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** PutLogEvents limits: batch bytes (message bytes + 26 per event), one message's bytes. */
const MAX_BATCH_BYTES = 1_048_576;
const MAX_EVENT_BYTES = 1_048_550;

/** Events a put accepts: not more than 2 hours ahead, not older than 14 days or the retention. */
export function acceptedEvents(events: T.InputLogEvent[], now: number, retentionInDays: number | undefined) {
  const info: T.RejectedLogEventsInfo = {};
  const oldest = now - 14 * DAY_MS;
  const expiry = retentionInDays === undefined ? -Infinity : now - retentionInDays * DAY_MS;
  const accepted: T.InputLogEvent[] = [];
  events.forEach((e, i) => {
    if (e.timestamp > now + 2 * HOUR_MS) info.tooNewLogEventStartIndex ??= i;
    else if (e.timestamp < expiry) info.expiredLogEventEndIndex = i;
    else if (e.timestamp < oldest) info.tooOldLogEventEndIndex = i;
    else accepted.push(e);
  });
  return { accepted, info: Object.keys(info).length ? info : undefined };
}

/** GetLogEvents tokens: a direction and a position among all events the stream ever stored. */
function position(token: string | undefined): { direction: 'f' | 'b'; at: number } | undefined {
  if (token === undefined) return undefined;
  const m = /^([fb])\/(\d{56})\/s$/.exec(token);
  if (!m) throw invalidParameter('The specified nextToken is invalid.');
  return { direction: m[1] as 'f' | 'b', at: Number(m[2]) };
}
const tokenFor = (direction: 'f' | 'b', at: number) => `${direction}/${String(at).padStart(56, '0')}/s`;

export const eventId = (e: StoredEvent) => String(e.seq).padStart(56, '0');

export class EventsProvider {
  constructor(private readonly groups: LogGroups) {}

  putLogEvents(input: T.PutLogEventsRequest, ctx: RequestContext): T.PutLogEventsResponse {
    const group = this.groups.group(ctx, input.logGroupName);
    const stream = this.groups.stream(group, input.logStreamName);
    let bytes = 0;
    for (let i = 0; i < input.logEvents.length; i++) {
      const e = input.logEvents[i];
      const size = Buffer.byteLength(e.message);
      if (size > MAX_EVENT_BYTES) throw invalidParameter(`Log event too large: ${size} bytes exceeds limit of ${MAX_EVENT_BYTES}`);
      bytes += size + 26;
      if (i > 0 && e.timestamp < input.logEvents[i - 1].timestamp) throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
    }
    if (bytes > MAX_BATCH_BYTES) throw invalidParameter(`Upload too large: ${bytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
    const first = input.logEvents[0]?.timestamp ?? 0;
    const last = input.logEvents[input.logEvents.length - 1]?.timestamp ?? 0;
    if (last - first > DAY_MS) throw invalidParameter('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
    const now = Date.now();
    const { accepted, info } = acceptedEvents(input.logEvents, now, group.retentionInDays);
    this.groups.store.append(stream, accepted, now);
    const out: T.PutLogEventsResponse = { nextSequenceToken: sequenceToken(stream) };
    if (info) out.rejectedLogEventsInfo = info;
    return out;
  }

  getLogEvents(input: T.GetLogEventsRequest, ctx: RequestContext): T.GetLogEventsResponse {
    const group = this.groups.group(ctx, input.logGroupIdentifier ?? input.logGroupName);
    const stream = this.groups.stream(group, input.logStreamName);
    const limit = input.limit ?? 10_000;
    // Positions count every event the stream ever stored, so tokens survive dropped events.
    const { events, dropped } = stream;
    const firstAt = (time: number) => {
      let lo = 0;
      let hi = events.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (events[mid].timestamp < time) lo = mid + 1;
        else hi = mid;
      }
      return dropped + lo;
    };
    const lo = input.startTime === undefined ? dropped : firstAt(input.startTime);
    const hi = input.endTime === undefined ? dropped + events.length : firstAt(input.endTime);
    const token = position(input.nextToken);
    let from: number;
    let to: number;
    if (token?.direction === 'b') {
      to = Math.min(token.at, hi);
      from = Math.max(lo, to - limit);
    } else if (token || input.startFromHead) {
      from = Math.max(token?.at ?? lo, lo);
      to = Math.min(from + limit, hi);
    } else {
      to = hi;
      from = Math.max(lo, hi - limit);
    }
    to = Math.max(from, to);
    return {
      events: events.slice(from - dropped, to - dropped).map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
      nextForwardToken: tokenFor('f', to),
      nextBackwardToken: tokenFor('b', from),
    };
  }

  filterLogEvents(input: T.FilterLogEventsRequest, ctx: RequestContext): T.FilterLogEventsResponse {
    const group = this.groups.group(ctx, input.logGroupIdentifier ?? input.logGroupName);
    if (input.logStreamNames && input.logStreamNamePrefix) {
      throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive');
    }
    const matches = compileFilterPattern(input.filterPattern);
    const streams: LogStreamRecord[] = input.logStreamNames
      ? input.logStreamNames.map((n) => this.groups.stream(group, n))
      : [...group.streams.values()].filter((s) => !input.logStreamNamePrefix || s.name.startsWith(input.logStreamNamePrefix));
    // The token is the last event returned (timestamp and ingestion order): the next page resumes after it.
    let after: [number, number] | undefined;
    if (input.nextToken !== undefined) {
      const m = /^(\d+)-(\d+)$/.exec(Buffer.from(input.nextToken, 'base64').toString('utf8'));
      if (!m) throw invalidParameter('The specified nextToken is invalid.');
      after = [Number(m[1]), Number(m[2])];
    }
    const found: Array<{ stream: string; e: StoredEvent }> = [];
    for (const s of streams) {
      for (const e of s.events) {
        if (input.startTime !== undefined && e.timestamp < input.startTime) continue;
        if (input.endTime !== undefined && e.timestamp > input.endTime) continue;
        if (after && (e.timestamp < after[0] || (e.timestamp === after[0] && e.seq <= after[1]))) continue;
        if (matches(e.message)) found.push({ stream: s.name, e });
      }
    }
    found.sort((a, b) => a.e.timestamp - b.e.timestamp || a.e.seq - b.e.seq);
    const limit = input.limit ?? 10_000;
    const page = found.slice(0, limit);
    const out: T.FilterLogEventsResponse = {
      events: page.map(({ stream, e }) => ({ logStreamName: stream, timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime, eventId: eventId(e) })),
      searchedLogStreams: streams.map((s) => ({ logStreamName: s.name, searchedCompletely: found.length <= limit })),
    };
    if (found.length > limit) {
      const lastEvent = page[page.length - 1].e;
      out.nextToken = Buffer.from(`${lastEvent.timestamp}-${lastEvent.seq}`).toString('base64');
    }
    return out;
  }
}
