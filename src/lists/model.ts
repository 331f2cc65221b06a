/**
 * Lists (清单): the kinds, what an item holds, and the Zod schemas every entry point (import, API,
 * approval of a new access item) validates with.
 */
import { z } from 'zod';
import { toZoned } from '../core/calendar/zoned-time.ts';

export const LIST_KINDS = [
  'street_duty',
  'street_access',
  'community_access',
  'department_responsibility',
  'service_catalog',
] as const;
export type ListKind = (typeof LIST_KINDS)[number];
export const listKindSchema = z.enum(LIST_KINDS);

export const LIST_KIND_NAMES: Record<ListKind, string> = {
  street_duty: '街道职责清单',
  street_access: '街道行政事务准入清单',
  community_access: '社区工作事项准入清单',
  department_responsibility: '部门职责清单',
  service_catalog: '社区服务站服务事项清单',
};

/** Prefix of generated item codes (a file without a 编号 column gets FWSX-001, FWSX-002 …). */
export const ITEM_CODE_PREFIX: Record<ListKind, string> = {
  street_duty: 'JDZZ',
  street_access: 'JDZR',
  community_access: 'SQZR',
  department_responsibility: 'BMZZ',
  service_catalog: 'FWSX',
};

/**
 * The units a list of each kind may be issued for. A district-wide list applies to every street or
 * community below; a more specific one (a street's own list) wins over it.
 */
export const SCOPE_LEVELS: Record<ListKind, readonly string[]> = {
  street_duty: ['district', 'street'],
  street_access: ['district', 'street'],
  community_access: ['district', 'street', 'community'],
  department_responsibility: ['district', 'department', 'stationed', 'center', 'company'],
  service_catalog: ['district', 'street', 'community'],
};

/** The access list that governs work sent to a unit of this level. */
export const ACCESS_LIST_FOR_LEVEL = { street: 'street_access', community: 'community_access' } as const;
export type AccessTargetLevel = keyof typeof ACCESS_LIST_FOR_LEVEL;

/** 办理时限 of a service item; amount 0 = 即办 (completed at the window the same day). */
export const serviceTimeLimitSchema = z.strictObject({
  amount: z.int().min(0).max(365),
  unit: z.enum(['working_days', 'working_hours']),
});
export type ServiceTimeLimit = z.infer<typeof serviceTimeLimitSchema>;

/** What the service catalog adds to an item: conditions, materials, time limit, where handled. */
export const serviceDetailsSchema = z.strictObject({
  conditions: z.string().trim().max(2000),
  materials: z.array(z.string().trim().min(1).max(200)).max(50),
  timeLimit: serviceTimeLimitSchema,
  whereHandled: z.string().trim().min(1).max(200),
  /** May the station handle it on the resident's behalf (代办) where it is not handled locally. */
  proxyAllowed: z.boolean(),
});
export type ServiceDetails = z.infer<typeof serviceDetailsSchema>;

/** 权随事转、人随事转、费随事转: what moves with a new access item. */
export const transfersSchema = z.strictObject({
  authority: z.string().trim().max(500).optional(),
  staff: z.string().trim().max(500).optional(),
  funds: z.string().trim().max(500).optional(),
});
export type Transfers = z.infer<typeof transfersSchema>;

export const itemCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, '事项编号只能含字母、数字、点、横线，最长32位');

/** One item as the import and the approval of a proposal produce it. */
export const listItemInputSchema = z.strictObject({
  itemCode: itemCodeSchema,
  name: z.string().trim().min(1).max(200),
  category: z.string().trim().max(100).nullable().default(null),
  /** Level-2 demand categories (4-digit codes of the demands taxonomy). */
  demandCategories: z.array(z.string().regex(/^\d{4}$/)).default([]),
  responsibleUnitCode: z.string().nullable().default(null),
  basis: z.string().trim().max(1000).nullable().default(null),
  details: serviceDetailsSchema.nullable().default(null),
  transfers: transfersSchema.nullable().default(null),
});
export type ListItemInput = z.infer<typeof listItemInputSchema>;

/** The version's own metadata: a list without its approving document is not a list. */
export const listVersionMetaSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  approvingDocument: z
    .string({ error: '缺少批准文件 (approving document required)' })
    .trim()
    .min(1, '缺少批准文件 (approving document required)')
    .max(300),
  effectiveFrom: z.iso.date(),
});
export type ListVersionMeta = z.infer<typeof listVersionMetaSchema>;

/** Today's civil date in Beijing time: lists take effect by the local calendar day. */
export function chinaToday(now: Date = new Date()): string {
  return toZoned(now, 'Asia/Shanghai').date;
}

/** The 12-digit code of a district's own org unit (the scope of a district-wide list). */
export const districtUnitCode = (districtCode: string): string => districtCode.padEnd(12, '0');
