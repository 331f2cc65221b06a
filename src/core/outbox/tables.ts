import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The transactional outbox: a side effect (a notification, an Open311 status update) is written as a
 * row in the same transaction as the change that causes it, then delivered at least once by the
 * dispatcher (src/core/outbox/dispatch-outbox.ts). The id is the message id every consumer
 * de-duplicates on.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    /** What kind of message: `notification`, `demand.status_changed` … (consumers register per topic). */
    topic: text('topic').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Not before this instant (retries back off). */
    availableAt: timestamp('available_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [index('outbox_pending_idx').on(t.availableAt).where(sql`${t.deliveredAt} IS NULL`)],
);

/**
 * In-app notifications (the consumer of `notification` messages): one per message, keyed by the
 * message id, so a redelivered message never notifies twice.
 */
export const notifications = pgTable(
  'notifications',
  {
    messageId: uuid('message_id').primaryKey(),
    districtCode: text('district_code').notNull(),
    unitId: uuid('unit_id').notNull(),
    unitPath: text('unit_path').notNull(),
    /** `demand.due_soon`, `demand.overdue`, `task.due_soon`, `task.overdue` … */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_unit_idx').on(t.districtCode, t.unitPath, t.createdAt)],
);

export type OutboxRow = typeof outbox.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
