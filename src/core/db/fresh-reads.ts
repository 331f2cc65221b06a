/**
 * Concurrent callers of the same read share one statement, and each still sees everything committed
 * before it asked. A read already running when a caller arrives may have taken its snapshot before a
 * commit that caller must see, so the caller never joins it: it joins the NEXT read of that key, which
 * starts when the running one ends and which every caller arriving meanwhile shares.
 *
 * Why: every intake reads its district's stamps (district-stamps.ts) and every request its session
 * (sessions.ts). At concurrency 8 that was eight identical statements of each per batch of intakes;
 * now it is one or two (docs/decisions/perf-intake-group-commit.md).
 */
export class FreshReads<V> {
  private readonly running = new Map<string, Promise<V>>();
  private readonly next = new Map<string, Promise<V>>();

  read(key: string, load: () => Promise<V>): Promise<V> {
    const queued = this.next.get(key);
    if (queued) return queued;
    const current = this.running.get(key);
    if (!current) return this.start(key, load);
    const following = current
      .catch(() => undefined) // a failed read fails its own callers; the next one still runs
      .then(() => {
        this.next.delete(key);
        return this.start(key, load);
      });
    this.next.set(key, following);
    return following;
  }

  private start(key: string, load: () => Promise<V>): Promise<V> {
    const reading = load().finally(() => {
      if (this.running.get(key) === reading) this.running.delete(key);
    });
    this.running.set(key, reading);
    return reading;
  }
}

/** One FreshReads per database handle (a transaction is a handle of its own, with its own snapshot). */
export function freshReadsFor<V>(registry: WeakMap<object, FreshReads<V>>, db: object): FreshReads<V> {
  let reads = registry.get(db);
  if (!reads) {
    reads = new FreshReads<V>();
    registry.set(db, reads);
  }
  return reads;
}
