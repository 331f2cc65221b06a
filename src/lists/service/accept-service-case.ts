import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../core/audit/append-audit.ts';
import type { WorkCalendar } from '../../core/calendar/index.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { getUnitByCode } from '../../jurisdiction/store.ts';
import { parseOrThrow } from '../../policy/model.ts';
import { findCatalogItem } from './find-catalog-item.ts';
import type { ServiceCaseResult } from './open-service-case.ts';
import { missingMaterials, oneTimeNotice, serviceDue } from './rules.ts';
import { getServiceCase, updateServiceCase } from './store.ts';
import type { ServiceCaseRow } from './tables.ts';

export const AcceptServiceCaseInput = z.strictObject({
  /** Everything the resident has now brought (the complete set, not just the new ones). */
  providedMaterials: z.array(z.string().trim().min(1).max(200)).max(50),
});

/**
 * The resident comes back (after an appointment or a one-time notice) with materials. Complete →
 * `accepted` and the time limit starts; still incomplete → `notified` again with the same complete
 * list. The first responder stays the one who took the case first.
 */
export async function acceptServiceCase(options: {
  db: Db;
  calendar: WorkCalendar;
  caseId: string;
  input: z.input<typeof AcceptServiceCaseInput>;
  actor: AuditActor;
  requestId?: string | null;
  authorizeCase?: (row: ServiceCaseRow) => void;
}): Promise<ServiceCaseResult> {
  const input = parseOrThrow(AcceptServiceCaseInput, options.input, '受理信息无效 (invalid input)');
  return options.db.transaction(async (tx) => {
    const current = await getServiceCase(tx, options.caseId);
    if (!current) throw notFound('办件', options.caseId);
    options.authorizeCase?.(current);
    if (current.status !== 'appointed' && current.status !== 'notified') {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `办件当前状态为 ${current.status}，不能再受理 (cannot accept)`,
        {
          status: current.status,
        },
      );
    }
    const station = await getUnitByCode(tx, current.stationCode);
    if (!station) throw notFound('服务站', current.stationCode);
    const item = await findCatalogItem(tx, station, current.itemCode);
    const now = new Date();
    const missing = missingMaterials(item.details.materials, input.providedMaterials);
    const accepted = missing.length === 0;
    const row = await updateServiceCase(tx, current.id, {
      status: accepted ? 'accepted' : 'notified',
      providedMaterials: input.providedMaterials,
      missingMaterials: missing,
      noticeIssuedAt: accepted ? current.noticeIssuedAt : now,
      acceptedAt: accepted ? now : null,
      dueAt: accepted ? serviceDue(options.calendar, now, current.timeLimit) : null,
      history: [
        ...current.history,
        { at: now.toISOString(), action: accepted ? 'accepted' : 'notified', by: options.actor.label },
      ],
    });
    await appendAudit(tx, {
      districtCode: current.districtCode,
      actor: options.actor,
      action: 'service_case.accept',
      targetType: 'service_case',
      targetId: current.id,
      details: { status: accepted ? 'accepted' : 'notified', ...(accepted ? {} : { missing }) },
      requestId: options.requestId ?? null,
    });
    return {
      serviceCase: row ?? current,
      notice: oneTimeNotice(item, station.name, input.providedMaterials),
    };
  });
}
