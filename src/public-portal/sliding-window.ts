/**
 * An in-memory sliding-window counter (pure apart from its own map): `hit` records an attempt under
 * a key and says whether it stays within `limit` attempts per `windowMs`. Each server process keeps
 * its own; the per-district cap is counted in the database, so several processes stay bounded.
 */
export class SlidingWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    /** Keys kept at most (oldest dropped first), so a flood of keys cannot exhaust memory. */
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts an attempt; `allowed: false` with the wait until the oldest attempt leaves the window. */
  hit(key: string, now: number): { allowed: boolean; retryAfterMs: number } {
    const recent = this.recent(key, now);
    if (recent.length >= this.limit) {
      return { allowed: false, retryAfterMs: Math.max(1, (recent[0] ?? now) + this.windowMs - now) };
    }
    recent.push(now);
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) {
      const oldest = this.hits.keys().next().value;
      if (oldest !== undefined) this.hits.delete(oldest);
    }
    return { allowed: true, retryAfterMs: 0 };
  }

  /** Whether an attempt would be refused now, without counting one. */
  blocked(key: string, now: number): { blocked: boolean; retryAfterMs: number } {
    const recent = this.recent(key, now);
    if (recent.length < this.limit) return { blocked: false, retryAfterMs: 0 };
    return { blocked: true, retryAfterMs: Math.max(1, (recent[0] ?? now) + this.windowMs - now) };
  }

  private recent(key: string, now: number): number[] {
    return (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }
}
