import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../core/audit/append-audit.ts';
import type { WorkCalendar } from '../../core/calendar/index.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { maskName } from '../../core/privacy.ts';
import { getUnitByCode } from '../../jurisdiction/store.ts';
import type { OrgUnitRow } from '../../jurisdiction/tables.ts';
import { parseOrThrow } from '../../policy/model.ts';
import { itemCodeSchema } from '../model.ts';
import { findCatalogItem } from './find-catalog-item.ts';
import { missingMaterials, type OneTimeNotice, oneTimeNotice, serviceDue } from './rules.ts';
import { insertServiceCase } from './store.ts';
import { SERVICE_CHANNELS, type ServiceCaseRow } from './tables.ts';

export const OpenServiceCaseInput = z
  .strictObject({
    stationCode: z.string().min(1),
    itemCode: itemCodeSchema,
    channel: z.enum(SERVICE_CHANNELS),
    applicantName: z.string().trim().min(1).max(50),
    applicantPhone: z
      .string()
      .trim()
      .regex(/^[0-9+\- ]{5,20}$/)
      .optional(),
    /** 代办员: who carries the matter to where it is handled on the resident's behalf. */
    proxyAgent: z.string().trim().min(1).max(50).optional(),
    appointmentAt: z.iso.datetime({ offset: true }).optional(),
    /** The materials the resident brought (names as in the catalog). */
    providedMaterials: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  })
  .refine((v) => v.channel !== 'proxy' || v.proxyAgent, { message: '代办须写明代办员', path: ['proxyAgent'] })
  .refine((v) => v.channel !== 'appointment' || v.appointmentAt, {
    message: '预约须写明预约时间',
    path: ['appointmentAt'],
  });
export type OpenServiceCaseInput = z.input<typeof OpenServiceCaseInput>;

export interface ServiceCaseResult {
  serviceCase: ServiceCaseRow;
  /** Always issued: the complete list of materials, missing ones marked (一次性告知). */
  notice: OneTimeNotice;
}

/**
 * One-window intake (一口受理) of a catalog item at a station, by the staff member who becomes its
 * first responder (首问负责). An appointment is booked (`appointed`); otherwise materials are checked:
 * incomplete → `notified` with ONE notice listing everything; complete → `accepted`, due by the
 * catalog's time limit on the working-day calendar. Proxy handling (代办) needs an item that allows it.
 */
export async function openServiceCase(options: {
  db: Db;
  calendar: WorkCalendar;
  input: OpenServiceCaseInput;
  actor: AuditActor;
  requestId?: string | null;
  authorizeStation?: (unit: OrgUnitRow) => void;
}): Promise<ServiceCaseResult> {
  const input = parseOrThrow(OpenServiceCaseInput, options.input, '办件信息无效 (invalid service case)');
  return options.db.transaction(async (tx) => {
    const station = await getUnitByCode(tx, input.stationCode);
    if (!station) throw notFound('服务站', input.stationCode);
    options.authorizeStation?.(station);
    if (station.level !== 'community' && station.level !== 'street') {
      throw new AppError('VALIDATION_FAILED', `便民服务站点须为社区或街道：${station.name} (not a station)`);
    }
    const item = await findCatalogItem(tx, station, input.itemCode);
    if (input.channel === 'proxy' && !item.details.proxyAllowed) {
      throw new AppError('UNPROCESSABLE', `该事项须本人办理，不可代办：${item.name} (proxy not allowed)`, {
        itemCode: item.itemCode,
      });
    }
    const now = new Date();
    const missing = missingMaterials(item.details.materials, input.providedMaterials);
    const status =
      input.channel === 'appointment' ? 'appointed' : missing.length > 0 ? 'notified' : 'accepted';
    const row: ServiceCaseRow = {
      id: uuidv7(),
      districtCode: station.districtCode,
      stationCode: station.code,
      stationPath: station.path,
      itemId: item.id,
      itemCode: item.itemCode,
      itemName: item.name,
      channel: input.channel,
      status,
      applicantName: input.applicantName,
      applicantPhone: input.applicantPhone ?? null,
      proxyAgent: input.proxyAgent ?? null,
      firstResponder: options.actor.label,
      firstResponderId: options.actor.id,
      appointmentAt: input.appointmentAt ? new Date(input.appointmentAt) : null,
      providedMaterials: input.providedMaterials,
      missingMaterials: status === 'appointed' ? [] : missing,
      noticeIssuedAt: status === 'notified' ? now : null,
      timeLimit: item.details.timeLimit,
      acceptedAt: status === 'accepted' ? now : null,
      dueAt: status === 'accepted' ? serviceDue(options.calendar, now, item.details.timeLimit) : null,
      completedAt: null,
      completedOnTime: null,
      result: null,
      history: [{ at: now.toISOString(), action: status, by: options.actor.label }],
      createdAt: now,
    };
    await insertServiceCase(tx, row);
    await appendAudit(tx, {
      districtCode: station.districtCode,
      actor: options.actor,
      action: 'service_case.open',
      targetType: 'service_case',
      targetId: row.id,
      details: {
        station: station.code,
        itemCode: item.itemCode,
        channel: input.channel,
        status,
        applicant: maskName(input.applicantName),
        ...(missing.length > 0 && status === 'notified' ? { missing } : {}),
      },
      requestId: options.requestId ?? null,
    });
    return { serviceCase: row, notice: oneTimeNotice(item, station.name, input.providedMaterials) };
  });
}
