import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { type OutboxRow, outbox } from './tables.ts';

/**
 * Delivers one message. Consumers must be idempotent by `message.id`: a message is delivered at least
 * once (again after a crash between delivery and acknowledgement). Throwing means "not delivered":
 * the message is retried later. `db` is the database (not a transaction): a consumer that writes
 * there keys its rows by the message id.
 */
export type OutboxConsumer = (message: OutboxRow, db: Db) => Promise<void>;

export interface DispatchOptions {
  db: Db;
  /** Consumer per topic. A message whose topic has none waits (a newer server may know it). */
  consumers: Readonly<Record<string, OutboxConsumer>>;
  /** Messages claimed at a time. */
  batch?: number;
  /** Stop after this many batches (the loop calls again on its next tick). */
  maxBatches?: number;
  /** How long a claim keeps other dispatchers off a message; after a crash it is delivered again. */
  leaseSeconds?: number;
  now?: () => Date;
  /**
   * Called after a message was delivered and before it is acknowledged. Tests throw here to simulate
   * a crash between delivery and acknowledgement.
   */
  beforeAcknowledge?: (message: OutboxRow) => void | Promise<void>;
}

export interface DispatchResult {
  delivered: number;
  failed: number;
}

/** Seconds to wait before the n-th retry: 2, 4, 8 … at most an hour. Messages are never dropped. */
export const retryDelaySeconds = (attempts: number): number => Math.min(3600, 2 ** Math.min(attempts, 12));

/** The lease of a claim: JIEDAO_OUTBOX_LEASE_SECONDS, default 60. */
export const defaultLeaseSeconds = (): number => {
  const n = Number(process.env.JIEDAO_OUTBOX_LEASE_SECONDS);
  return Number.isFinite(n) && n > 0 ? n : 60;
};

/**
 * Delivers pending messages at least once. A batch is claimed in one short transaction — rows picked
 * FOR UPDATE SKIP LOCKED and leased (available_at moved past the lease) — so several processes never
 * deliver the same message at the same time and no transaction stays open during delivery (PGlite
 * has one connection). Each message is then delivered and acknowledged (delivered_at); a crash in
 * between leaves it unacknowledged, so it is delivered again when the lease runs out, and the
 * consumer de-duplicates by the message id.
 */
export async function dispatchOutbox(options: DispatchOptions): Promise<DispatchResult> {
  const { db } = options;
  const batch = options.batch ?? 50;
  const maxBatches = options.maxBatches ?? 20;
  const lease = (options.leaseSeconds ?? defaultLeaseSeconds()) * 1000;
  const now = options.now ?? (() => new Date());
  const result: DispatchResult = { delivered: 0, failed: 0 };
  for (let b = 0; b < maxBatches; b++) {
    const claimed = await db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(outbox)
        .where(and(isNull(outbox.deliveredAt), lte(outbox.availableAt, now())))
        .orderBy(asc(outbox.availableAt), asc(outbox.id))
        .limit(batch)
        .for('update', { skipLocked: true });
      if (rows.length > 0) {
        await tx
          .update(outbox)
          .set({ availableAt: new Date(now().getTime() + lease) })
          .where(
            inArray(
              outbox.id,
              rows.map((r) => r.id),
            ),
          );
      }
      return rows;
    });
    for (const row of claimed) {
      try {
        const consumer = options.consumers[row.topic];
        if (!consumer) throw new Error(`no consumer for topic ${row.topic}`);
        await consumer(row, db);
      } catch (err) {
        await db
          .update(outbox)
          .set({
            attempts: sql`${outbox.attempts} + 1`,
            lastError: String((err as Error)?.message ?? err).slice(0, 500),
            availableAt: new Date(now().getTime() + retryDelaySeconds(row.attempts + 1) * 1000),
          })
          .where(eq(outbox.id, row.id));
        result.failed++;
        continue;
      }
      await options.beforeAcknowledge?.(row);
      await db
        .update(outbox)
        .set({ deliveredAt: now(), attempts: sql`${outbox.attempts} + 1`, lastError: null })
        .where(eq(outbox.id, row.id));
      result.delivered++;
    }
    if (claimed.length < batch) break;
  }
  return result;
}

/**
 * Runs the dispatcher every `intervalMs` in this process (never two runs at once); every server
 * process may run one. Returns a function that stops it.
 */
export function startOutboxDispatcher(
  options: Omit<DispatchOptions, 'beforeAcknowledge'> & {
    intervalMs?: number;
    onError?: (err: unknown) => void;
    onDelivered?: (result: DispatchResult) => void;
  },
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    dispatchOutbox(options)
      .then((r) => {
        if (r.delivered + r.failed > 0) options.onDelivered?.(r);
      })
      .catch((err: unknown) => options.onError?.(err))
      .finally(() => {
        running = false;
      });
  }, options.intervalMs ?? 2000);
  timer.unref();
  return () => clearInterval(timer);
}

/** Pending, failing and delivered counts, for operators (`GET /api/outbox/status`). */
export async function outboxStatus(
  db: Db,
  districtCode: string,
): Promise<{ pending: number; failing: number; delivered: number; oldestPendingAt: string | null }> {
  const rows = (await db.execute(sql`
    SELECT count(*) FILTER (WHERE delivered_at IS NULL)::int AS pending,
           count(*) FILTER (WHERE delivered_at IS NULL AND attempts > 0)::int AS failing,
           count(*) FILTER (WHERE delivered_at IS NOT NULL)::int AS delivered,
           min(created_at) FILTER (WHERE delivered_at IS NULL) AS oldest
      FROM outbox WHERE district_code = ${districtCode}`)) as unknown as {
    rows: { pending: number; failing: number; delivered: number; oldest: string | Date | null }[];
  };
  const r = rows.rows[0];
  return {
    pending: r?.pending ?? 0,
    failing: r?.failing ?? 0,
    delivered: r?.delivered ?? 0,
    oldestPendingAt: r?.oldest ? new Date(r.oldest).toISOString() : null,
  };
}
