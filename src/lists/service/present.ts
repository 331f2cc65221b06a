import { z } from 'zod';
import { type StaffNames, staffName } from '../../core/auth/staff-names.ts';
import type { WorkCalendar } from '../../core/calendar/index.ts';
import { maskName, maskPhone } from '../../core/privacy.ts';
import { serviceTimeLimitSchema } from '../model.ts';
import { SERVICE_CHANNELS, SERVICE_STATUSES, type ServiceCaseRow } from './tables.ts';

export const OneTimeNoticeView = z.object({
  title: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  conditions: z.string(),
  materials: z.array(z.object({ name: z.string(), provided: z.boolean() })),
  missing: z.array(z.string()),
  timeLimit: z.string(),
  whereHandled: z.string(),
  text: z.string(),
});

export const ServiceCaseView = z.object({
  id: z.string(),
  stationCode: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  channel: z.enum(SERVICE_CHANNELS),
  status: z.enum(SERVICE_STATUSES),
  /** Masked (张*, 138****5678): residents' personal data never appears in full in a list. */
  applicantName: z.string(),
  applicantPhone: z.string().nullable(),
  proxyAgent: z.string().nullable(),
  /** 首问负责人: the staff member's log-in, id and display name (staff names are not masked). */
  firstResponder: z.string(),
  firstResponderId: z.string().nullable(),
  firstResponderName: z.string(),
  appointmentAt: z.string().nullable(),
  missingMaterials: z.array(z.string()),
  timeLimit: serviceTimeLimitSchema,
  acceptedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  /** Accepted, not completed, and past its due instant. */
  overdue: z.boolean(),
  /** Time left in the limit's own unit (working days/hours; negative when overdue), null when not running. */
  remaining: z.number().nullable(),
  completedAt: z.string().nullable(),
  completedOnTime: z.boolean().nullable(),
  result: z.string().nullable(),
  history: z.array(z.object({ at: z.string(), action: z.string(), by: z.string() })),
});
export type ServiceCaseView = z.infer<typeof ServiceCaseView>;

/**
 * Allow-listed, masked view of a case with its countdown on the working-day calendar; `names` gives
 * the first responder's display name (findDisplayNames).
 */
export function presentServiceCase(
  c: ServiceCaseRow,
  calendar: WorkCalendar,
  names: StaffNames,
  now = new Date(),
): ServiceCaseView {
  const running = c.status === 'accepted' && c.dueAt !== null;
  const unit = c.timeLimit.unit === 'working_hours' ? 'working_hours' : 'working_days';
  return {
    id: c.id,
    stationCode: c.stationCode,
    itemCode: c.itemCode,
    itemName: c.itemName,
    channel: c.channel,
    status: c.status,
    applicantName: maskName(c.applicantName) ?? '',
    applicantPhone: maskPhone(c.applicantPhone),
    proxyAgent: c.proxyAgent,
    firstResponder: c.firstResponder,
    firstResponderId: c.firstResponderId,
    firstResponderName: staffName(names, { id: c.firstResponderId, username: c.firstResponder }),
    appointmentAt: c.appointmentAt?.toISOString() ?? null,
    missingMaterials: c.missingMaterials,
    timeLimit: c.timeLimit,
    acceptedAt: c.acceptedAt?.toISOString() ?? null,
    dueAt: c.dueAt?.toISOString() ?? null,
    overdue: running && now.getTime() > (c.dueAt as Date).getTime(),
    remaining: running ? Math.round(calendar.elapsed(now, c.dueAt as Date, unit) * 100) / 100 : null,
    completedAt: c.completedAt?.toISOString() ?? null,
    completedOnTime: c.completedOnTime,
    result: c.result,
    history: c.history.map((h) => ({ at: h.at, action: h.action, by: h.by })),
  };
}
