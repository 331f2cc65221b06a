import { CALENDAR_IMPORTED_TOPIC } from '../core/calendar/import-overrides.ts';
import { notificationConsumer } from '../core/outbox/consumers.ts';
import type { OutboxConsumer } from '../core/outbox/dispatch-outbox.ts';
import { NOTIFICATION_TOPIC } from '../core/outbox/enqueue-message.ts';
import { recomputeProvisionalDeadlines } from '../demands/recompute-provisional-deadlines.ts';
import { DEMAND_STATUS_TOPIC } from '../demands/record-events.ts';
import { open311StatusWebhook } from '../open311/status-webhook.ts';

/**
 * The consumers a server runs, from the environment: in-app notifications and the recomputation of
 * provisional deadlines after a calendar import always; Open311 status
 * updates to JIEDAO_OPEN311_WEBHOOK_URL (signed with JIEDAO_OPEN311_WEBHOOK_SECRET) when set — without
 * a subscriber they are acknowledged and dropped.
 */
export function outboxConsumers(env: NodeJS.ProcessEnv = process.env): Record<string, OutboxConsumer> {
  const url = env.JIEDAO_OPEN311_WEBHOOK_URL;
  return {
    [NOTIFICATION_TOPIC]: notificationConsumer,
    // a new year's holidays: recompute the deadlines written as provisional (idempotent)
    [CALENDAR_IMPORTED_TOPIC]: async (message, db) => {
      const scope = (message.payload as { scope?: string }).scope;
      await recomputeProvisionalDeadlines({
        db,
        ...(scope && scope !== 'national' ? { districtCode: scope } : {}),
      });
    },
    [DEMAND_STATUS_TOPIC]: url
      ? open311StatusWebhook({ url, secret: env.JIEDAO_OPEN311_WEBHOOK_SECRET })
      : async () => {},
  };
}
