/**
 * Group commit: items submitted while a batch is being written wait, and the next batch takes all of
 * them into ONE transaction (docs/decisions/perf-intake-group-commit.md). A busy writer pays one
 * transaction per batch instead of one per item, and takes a contended lock (the district's audit
 * chain) once per batch.
 *
 * Announced items: a caller that will submit soon takes a ticket first (`expect()`). Before writing, the
 * queue waits — at most `maxWaitMs` — for the items announced before that moment, so requests that
 * started together commit together even when their reads could not overlap the previous batch (PGlite
 * runs one statement at a time: without this its batches stay at one item). Items announced later do
 * not extend the wait, and a lone item with nothing announced is written at once.
 *
 * Failure keeps each caller's own outcome: when a batch of several fails, nothing of it was committed
 * (one transaction), and each item is written again alone, so a bad item fails with its own error and
 * the others commit exactly as they would have without batching.
 */
export class GroupCommit<T, R> {
  private readonly waiting: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private writing = false;
  private lastTicket = 0;
  private readonly announced = new Set<number>();
  private wake: (() => void) | null = null;
  /** Batches written, items committed in them, the largest batch, batches split after a failure. */
  readonly stats = { batches: 0, items: 0, largest: 0, split: 0 };

  constructor(
    /** Writes the items in one transaction and returns their results in the same order. */
    private readonly writeBatch: (items: T[]) => Promise<R[]>,
    private readonly options: {
      maxBatch?: number;
      maxWaitMs?: number;
      /** Items with the same key never share a batch (e.g. an idempotency key). */
      conflictKey?: (item: T) => string | null;
    } = {},
  ) {}

  /** Announces an item to come; submit it with the ticket, or withdraw the ticket (idempotent). */
  expect(): GroupTicket {
    const id = ++this.lastTicket;
    this.announced.add(id);
    return { id, withdraw: () => this.arrived(id) };
  }

  submit(item: T, ticket?: GroupTicket): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (ticket) this.arrived(ticket.id);
      if (!this.writing) void this.drain();
    });
  }

  /** Items waiting for the batch being written (for tests and metrics). */
  get queued(): number {
    return this.waiting.length;
  }

  private arrived(id: number): void {
    if (this.announced.delete(id)) this.wake?.();
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const horizon = this.lastTicket;
        if (this.awaitsAnnounced(horizon)) await this.awaitAnnounced(horizon);
        await this.writeOrSplit(this.takeBatch());
      }
    } finally {
      this.writing = false;
    }
  }

  /**
   * The next batch, in arrival order: up to maxBatch items, leaving for a later batch any item whose
   * conflict key is already in this one (two retries of one request would fail the whole batch on
   * its unique key; apart, the second simply finds the first).
   */
  private takeBatch(): typeof this.waiting {
    const max = this.options.maxBatch ?? 64;
    const keyOf = this.options.conflictKey;
    if (!keyOf) return this.waiting.splice(0, max);
    const keys = new Set<string>();
    const batch: typeof this.waiting = [];
    const later: typeof this.waiting = [];
    for (const w of this.waiting) {
      const key = keyOf(w.item);
      if (batch.length >= max || (key !== null && keys.has(key))) later.push(w);
      else {
        if (key !== null) keys.add(key);
        batch.push(w);
      }
    }
    this.waiting.splice(0, this.waiting.length, ...later);
    return batch;
  }

  /** Waits until every item announced so far has arrived or been withdrawn, the batch is full, or time is up. */
  private async awaitAnnounced(horizon: number): Promise<void> {
    const until = Date.now() + (this.options.maxWaitMs ?? 50);
    while (this.awaitsAnnounced(horizon) && Date.now() < until) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, until - Date.now()));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private awaitsAnnounced(horizon: number): boolean {
    if (this.waiting.length >= (this.options.maxBatch ?? 64)) return false;
    for (const id of this.announced) if (id <= horizon) return true;
    return false;
  }

  private async writeOrSplit(batch: typeof this.waiting): Promise<void> {
    try {
      const results = await this.writeBatch(batch.map((b) => b.item));
      if (results.length !== batch.length) throw new Error('group commit: one result per item expected');
      this.stats.batches++;
      this.stats.items += batch.length;
      this.stats.largest = Math.max(this.stats.largest, batch.length);
      for (const [i, b] of batch.entries()) b.resolve(results[i] as R);
    } catch (err) {
      if (batch.length === 1) {
        batch[0]?.reject(err);
        return;
      }
      this.stats.split++;
      for (const one of batch) await this.writeOrSplit([one]);
    }
  }
}

export interface GroupTicket {
  id: number;
  withdraw(): void;
}

/**
 * One queue per (handle, key), created on first use: a handle is a connection pool or a PGlite
 * instance, so tests with many databases never share a queue, and a closed database's queues go with it.
 */
export class GroupCommitRegistry<T, R> {
  private readonly byHandle = new WeakMap<object, Map<string, GroupCommit<T, R>>>();

  constructor(private readonly create: (handle: object, key: string) => GroupCommit<T, R>) {}

  for(handle: object, key: string): GroupCommit<T, R> {
    let byKey = this.byHandle.get(handle);
    if (!byKey) {
      byKey = new Map();
      this.byHandle.set(handle, byKey);
    }
    let queue = byKey.get(key);
    if (!queue) {
      queue = this.create(handle, key);
      byKey.set(key, queue);
    }
    return queue;
  }
}
