import type { Db } from '../db/connection.ts';
import { uuidv7 } from '../ids.ts';
import { outbox } from './tables.ts';

export interface OutboxMessage {
  districtCode: string;
  topic: string;
  payload: Record<string, unknown>;
}

/** The payload of a `notification` message: what the in-app notice says and whom it is for. */
export interface NotificationPayload extends Record<string, unknown> {
  unitId: string;
  unitPath: string;
  kind: string;
  title: string;
  targetType: string;
  targetId: string;
}

/**
 * Writes messages into the outbox inside the caller's transaction: they exist exactly when the change
 * that caused them committed. Returns the message ids (what consumers de-duplicate on).
 */
export async function enqueueMessages(tx: Db, messages: readonly OutboxMessage[]): Promise<string[]> {
  if (messages.length === 0) return [];
  const now = new Date();
  const rows = messages.map((m) => ({
    id: uuidv7(now.getTime()),
    districtCode: m.districtCode,
    topic: m.topic,
    payload: m.payload,
    createdAt: now,
    availableAt: now,
  }));
  // A few hundred rows per statement keeps far below PostgreSQL's 65 535 bind parameters.
  for (let i = 0; i < rows.length; i += 500) await tx.insert(outbox).values(rows.slice(i, i + 500));
  return rows.map((r) => r.id);
}

/** One in-app notification for a unit, as an outbox message. */
export function notificationMessage(districtCode: string, payload: NotificationPayload): OutboxMessage {
  return { districtCode, topic: NOTIFICATION_TOPIC, payload };
}

export const NOTIFICATION_TOPIC = 'notification';
