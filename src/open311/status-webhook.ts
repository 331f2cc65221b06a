import { webhookConsumer } from '../core/outbox/consumers.ts';
import type { OutboxConsumer } from '../core/outbox/dispatch-outbox.ts';
import type { DemandEventRow } from '../demands/tables.ts';
import { open311Status, statusNotes, toBeijingIso } from './present.ts';

/**
 * Open311 status updates for a city's gateway: each status change of a demand filed through Open311
 * (outbox topic `demand.status_changed`) is POSTed to `url` as GeoReport fields. Delivered at least
 * once: the receiver de-duplicates by `message_id` (also the `x-jiedao-message-id` header).
 */
export function open311StatusWebhook(options: { url: string; secret?: string | undefined }): OutboxConsumer {
  return webhookConsumer({
    ...options,
    body: (message) => {
      const p = message.payload as {
        code: string;
        to: string;
        at: string;
        events: Pick<DemandEventRow, 'type' | 'data'>[];
      };
      // the notes of the latest step that has any (a copy to the district says nothing to a resident)
      const notes =
        [...(p.events ?? [])]
          .reverse()
          .map(statusNotes)
          .find((n) => n !== null) ?? null;
      return {
        message_id: message.id,
        jurisdiction_id: message.districtCode,
        service_request_id: p.code,
        status: open311Status(p.to),
        status_notes: notes,
        updated_datetime: toBeijingIso(new Date(p.at)),
      };
    },
  });
}
