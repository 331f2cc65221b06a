import type { FastifyBaseLogger } from 'fastify';
import { auditRetentionDays, purgeAudit } from '../core/audit/purge-audit.ts';
import type { Database } from '../core/db/connection.ts';
import { startOutboxDispatcher } from '../core/outbox/dispatch-outbox.ts';
import { outboxConsumers } from './outbox-consumers.ts';

const num = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
};

/**
 * The reliability jobs every `jiedao serve` process runs next to the sweepers: the outbox dispatcher
 * (JIEDAO_OUTBOX_INTERVAL_MS, default 2000) and, once a day, the audit retention purge
 * (JIEDAO_AUDIT_RETENTION_DAYS, default 365; a value under 190 stops the server from starting).
 * Safe in several processes at once. Returns a stop function.
 */
export function startBackgroundJobs(options: {
  database: Database;
  log: FastifyBaseLogger;
  env?: NodeJS.ProcessEnv;
}): () => void {
  const env = options.env ?? process.env;
  const retentionDays = auditRetentionDays(env);
  const purge = () =>
    purgeAudit({ db: options.database.db, retentionDays })
      .then((results) => {
        const purged = results.reduce((n, r) => n + r.purged, 0);
        if (purged > 0) options.log.info({ audit: results, retentionDays }, 'audit retention purge');
      })
      .catch((err: unknown) => options.log.error({ err }, 'audit retention purge failed'));
  const purgeTimer = setInterval(() => void purge(), 24 * 3600_000);
  purgeTimer.unref();
  const firstPurge = setTimeout(() => void purge(), 60_000);
  firstPurge.unref();
  const stopOutbox = startOutboxDispatcher({
    db: options.database.db,
    consumers: outboxConsumers(env),
    intervalMs: num(env.JIEDAO_OUTBOX_INTERVAL_MS, 2000),
    onError: (err) => options.log.error({ err }, 'outbox dispatch failed'),
    onDelivered: (r) => {
      if (r.failed > 0) options.log.warn({ outbox: r }, 'outbox: some messages failed, will retry');
    },
  });
  return () => {
    stopOutbox();
    clearInterval(purgeTimer);
    clearTimeout(firstPurge);
  };
}
