// Per-second metrics for the console's charts: requests per API (count, p50/p99 latency) and
// invocations per function (count, p50/p99 duration, cold starts) over the last WINDOW_SECONDS.
// Each API and function keeps a fixed ring of one bucket per second, so memory is bounded by
// WINDOW_SECONDS x MAX_SAMPLES per series and MAX_SERIES series of each kind.

export const WINDOW_SECONDS = 300;
/** Latencies kept per second for the percentiles; a busier second's percentiles are its first MAX_SAMPLES'. */
const MAX_SAMPLES = 500;
/** APIs or functions tracked at once; the one updated least recently gives way. */
const MAX_SERIES = 200;

/** Requests that matched no API are counted under this key. */
export const NO_API = '(no API)';

interface Bucket {
  second: number;
  count: number;
  coldStarts: number;
  samples: number[];
}

/** One second of a series, as the console API serves it. */
export interface MetricsPoint {
  /** Epoch seconds. */
  t: number;
  count: number;
  /** Absent when nothing in that second had a latency/duration. */
  p50?: number;
  p99?: number;
  coldStarts?: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  const rank = Math.max(Math.ceil((p / 100) * sorted.length), 1);
  return sorted[rank - 1];
}

const round = (ms: number) => Math.round(ms * 100) / 100;

class SecondRing {
  private buckets: Array<Bucket | undefined> = new Array(WINDOW_SECONDS);

  add(timeMs: number, value: number | undefined, coldStart = false) {
    const second = Math.floor(timeMs / 1000);
    const slot = second % WINDOW_SECONDS;
    let bucket = this.buckets[slot];
    if (!bucket || bucket.second !== second) bucket = this.buckets[slot] = { second, count: 0, coldStarts: 0, samples: [] };
    bucket.count++;
    if (coldStart) bucket.coldStarts++;
    if (value !== undefined && bucket.samples.length < MAX_SAMPLES) bucket.samples.push(value);
  }

  /** The seconds with data in (nowMs - WINDOW_SECONDS s, nowMs], oldest first. */
  points(nowMs: number, withColdStarts: boolean, sinceSecond = -Infinity): MetricsPoint[] {
    const now = Math.floor(nowMs / 1000);
    const from = Math.max(now - WINDOW_SECONDS + 1, sinceSecond);
    const out: MetricsPoint[] = [];
    for (const b of this.buckets) {
      if (!b || b.second < from || b.second > now) continue;
      const point: MetricsPoint = { t: b.second, count: b.count };
      if (b.samples.length) {
        const sorted = [...b.samples].sort((x, y) => x - y);
        point.p50 = round(percentile(sorted, 50));
        point.p99 = round(percentile(sorted, 99));
      }
      if (withColdStarts) point.coldStarts = b.coldStarts;
      out.push(point);
    }
    return out.sort((a, b) => a.t - b.t);
  }
}

class SeriesSet {
  // A Map keeps insertion order: re-inserting on update makes the first key the stalest.
  private series = new Map<string, SecondRing>();
  /** The key updated last: already the freshest, it need not be re-inserted. */
  private newest?: { key: string; ring: SecondRing };

  ring(key: string): SecondRing {
    if (this.newest?.key === key) return this.newest.ring;
    let ring = this.series.get(key);
    if (ring) this.series.delete(key);
    else ring = new SecondRing();
    this.series.set(key, ring);
    if (this.series.size > MAX_SERIES) this.series.delete(this.series.keys().next().value!);
    this.newest = { key, ring };
    return ring;
  }

  get(key: string) {
    return this.series.get(key);
  }

  entries() {
    return this.series.entries();
  }

  clear() {
    this.series.clear();
    this.newest = undefined;
  }
}

export class Metrics {
  private apis = new SeriesSet();
  private functions = new SeriesSet();

  constructor(private readonly now: () => number = Date.now) {}

  request(apiId: string | undefined, timeMs: number, latencyMs: number | undefined) {
    this.apis.ring(apiId ?? NO_API).add(timeMs, latencyMs);
  }

  invocation(functionArn: string, timeMs: number, durationMs: number, coldStart: boolean) {
    this.functions.ring(functionArn).add(timeMs, durationMs, coldStart);
  }

  /** Every API's seconds with requests (since `sinceSecond`, within the window). */
  requests(sinceSecond?: number) {
    const now = this.now();
    const series = [];
    for (const [apiId, ring] of this.apis.entries()) {
      const points = ring.points(now, false, sinceSecond);
      if (points.length) series.push({ apiId, points });
    }
    series.sort((a, b) => a.apiId.localeCompare(b.apiId));
    return { now: Math.floor(now / 1000), windowSeconds: WINDOW_SECONDS, series };
  }

  /** One function's seconds with invocations (since `sinceSecond`, within the window). */
  invocations(functionArn: string, sinceSecond?: number) {
    const now = this.now();
    return { now: Math.floor(now / 1000), windowSeconds: WINDOW_SECONDS, points: this.functions.get(functionArn)?.points(now, true, sinceSecond) ?? [] };
  }

  /** The given second, for the live stream: every API's and every function's point in it. */
  second(second: number) {
    const atEnd = second * 1000 + 999;
    const apis = [];
    for (const [apiId, ring] of this.apis.entries()) {
      const [point] = ring.points(atEnd, false, second);
      if (point) apis.push({ apiId, ...point });
    }
    const functions = [];
    for (const [functionArn, ring] of this.functions.entries()) {
      const [point] = ring.points(atEnd, true, second);
      if (point) functions.push({ functionArn, ...point });
    }
    return { t: second, apis, functions };
  }

  clear() {
    this.apis.clear();
    this.functions.clear();
  }
}

/** Whether an invocation started a new execution environment: AWS's REPORT line then carries an Init Duration. */
export function isColdStart(log: string): boolean {
  return /^REPORT RequestId: .*\tInit Duration: /m.test(log);
}
