import { createHmac } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import type { OutboxConsumer } from './dispatch-outbox.ts';
import type { NotificationPayload } from './enqueue-message.ts';
import { notifications, type OutboxRow } from './tables.ts';

/**
 * The in-app notification consumer: one row per message id, so a message delivered twice (after a
 * crash before its acknowledgement) still notifies once.
 */
export const notificationConsumer: OutboxConsumer = async (message: OutboxRow, db: Db) => {
  const p = message.payload as NotificationPayload;
  await db
    .insert(notifications)
    .values({
      messageId: message.id,
      districtCode: message.districtCode,
      unitId: p.unitId,
      unitPath: p.unitPath,
      kind: p.kind,
      title: p.title,
      targetType: p.targetType,
      targetId: p.targetId,
      createdAt: message.createdAt,
    })
    .onConflictDoNothing({ target: notifications.messageId });
};

export interface WebhookOptions {
  url: string;
  /** Signs the body: `x-jiedao-signature: sha256=<hex HMAC>` (receivers check it). */
  secret?: string | undefined;
  timeoutMs?: number;
  /** What to send for a message (default: id, topic, district, time and payload). */
  body?: (message: OutboxRow) => Record<string, unknown>;
}

/**
 * Delivers a message by HTTP POST. The receiver must answer 2xx and de-duplicate by the
 * `x-jiedao-message-id` header (also `id` in the body): the same message can arrive again.
 */
export function webhookConsumer(options: WebhookOptions): OutboxConsumer {
  return async (message) => {
    const body = JSON.stringify(
      options.body?.(message) ?? {
        id: message.id,
        topic: message.topic,
        districtCode: message.districtCode,
        createdAt: message.createdAt.toISOString(),
        payload: message.payload,
      },
    );
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-jiedao-message-id': message.id,
      'x-jiedao-topic': message.topic,
    };
    if (options.secret)
      headers['x-jiedao-signature'] =
        `sha256=${createHmac('sha256', options.secret).update(body).digest('hex')}`;
    const res = await fetch(options.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  };
}
