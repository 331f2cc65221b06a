import { notificationConsumer } from '../core/outbox/consumers.ts';
import type { OutboxConsumer } from '../core/outbox/dispatch-outbox.ts';
import { NOTIFICATION_TOPIC } from '../core/outbox/enqueue-message.ts';
import { DEMAND_STATUS_TOPIC } from '../demands/record-events.ts';
import { open311StatusWebhook } from '../open311/status-webhook.ts';

/**
 * The consumers a server runs, from the environment: in-app notifications always; Open311 status
 * updates to JIEDAO_OPEN311_WEBHOOK_URL (signed with JIEDAO_OPEN311_WEBHOOK_SECRET) when set — without
 * a subscriber they are acknowledged and dropped.
 */
export function outboxConsumers(env: NodeJS.ProcessEnv = process.env): Record<string, OutboxConsumer> {
  const url = env.JIEDAO_OPEN311_WEBHOOK_URL;
  return {
    [NOTIFICATION_TOPIC]: notificationConsumer,
    [DEMAND_STATUS_TOPIC]: url
      ? open311StatusWebhook({ url, secret: env.JIEDAO_OPEN311_WEBHOOK_SECRET })
      : async () => {},
  };
}
