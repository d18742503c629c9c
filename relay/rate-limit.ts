/** A token bucket per name (a key name, or a client address): `burst` requests at once, refilled at `ratePerMinute`. */

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Full buckets are forgotten once there are this many names (client addresses are not a bounded set). */
const PRUNE_AT = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    ratePerMinute: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    this.perMs = ratePerMinute / 60_000;
  }

  /** Charges one request to `name`, or says when it may send again. */
  take(name: string): RateDecision {
    const decision = this.peek(name);
    if (decision.ok) this.bucket(name).tokens -= 1;
    return decision;
  }

  /** Whether `name` could send one now, without charging it. */
  peek(name: string): RateDecision {
    const bucket = this.bucket(name);
    if (bucket.tokens >= 1) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  private bucket(name: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(name);
    if (!bucket) {
      if (this.buckets.size >= PRUNE_AT) this.pruneFull(now);
      bucket = { tokens: this.burst, updatedMs: now };
      this.buckets.set(name, bucket);
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + Math.max(0, now - bucket.updatedMs) * this.perMs);
    bucket.updatedMs = now;
    return bucket;
  }

  private pruneFull(now: number): void {
    for (const [name, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedMs) * this.perMs >= this.burst) this.buckets.delete(name);
    }
  }
}
