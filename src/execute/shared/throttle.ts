// Stage and route throttling: a token bucket per (stage, route) holding up to `burst`
// tokens, refilled at `rate` tokens per second. A request takes one token or is refused
// with 429. Settings of 0 refuse everything, as they do on API Gateway.
import type { RouteSettings } from '../../models/apigatewayv2.types.ts';

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly rate: number,
    readonly burst: number,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now = Date.now()): boolean {
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    const refill = this.rate === Number.POSITIVE_INFINITY ? this.burst : elapsed * this.rate;
    this.tokens = Math.min(this.burst, this.tokens + refill);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The limits in force for a route: its own RouteSettings over the stage's defaults. */
export function limitsFor(defaults: RouteSettings | undefined, route: RouteSettings | undefined): { rate: number; burst: number } | undefined {
  const rate = route?.ThrottlingRateLimit ?? defaults?.ThrottlingRateLimit;
  const burst = route?.ThrottlingBurstLimit ?? defaults?.ThrottlingBurstLimit;
  if (rate === undefined && burst === undefined) return undefined;
  // One limit alone: the other does not constrain (a burst of at least one request).
  return { rate: rate ?? Number.POSITIVE_INFINITY, burst: burst ?? Math.max(1, Math.ceil(rate ?? 1)) };
}

/** Buckets by key; a bucket is replaced when its limits change. */
export class Throttler {
  private buckets = new Map<string, TokenBucket>();

  allow(key: string, limits: { rate: number; burst: number }, now = Date.now()): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.rate !== limits.rate || bucket.burst !== limits.burst) {
      bucket = new TokenBucket(limits.rate, limits.burst, now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(now);
  }

  clear() {
    this.buckets.clear();
  }
}
