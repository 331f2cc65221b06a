import { z } from 'zod';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import type { OrgUnitRow } from '../jurisdiction/tables.ts';
import { beijingDate, dateSchema, monthZh } from './model.ts';
import { getSheet } from './patrol-store.ts';

/** The fields of one day's patrol (网格工作纪实): hours in half hours, households, findings. */
export const PatrolFields = z.object({
  date: dateSchema,
  hours: z
    .number()
    .positive('工作时长须大于 0')
    .max(24, '一天不超过 24 小时')
    .refine((h) => Number.isInteger(h * 2), '工作时长以半小时计'),
  householdsVisited: z.number().int().min(0).max(1000),
  findings: z.string().trim().min(2, '请填写工作内容及发现的问题').max(2000),
});

/** A patrol date may be today or earlier (Beijing), never ahead. */
export function assertNotFuture(date: string, now = new Date()): void {
  if (date > beijingDate(now)) {
    throw new AppError('VALIDATION_FAILED', `纪实日期不能晚于今天：${date} (date in the future)`);
  }
}

/** 409 PERIOD_SIGNED when the community's month is signed: signed months are frozen. */
export async function assertMonthOpen(db: Db, communityId: string, month: string): Promise<void> {
  const sheet = await getSheet(db, communityId, month);
  if (sheet) {
    throw new AppError(
      'PERIOD_SIGNED',
      `${monthZh(month)}网格工作纪实表已由${sheet.signerTitle}${sheet.signedByName}签署，不能再修改 (month signed)`,
      { month, signedAt: sheet.signedAt.toISOString() },
    );
  }
}

/** A grid of the caller's district, with its community. */
export async function gridWithCommunity(
  db: Db,
  districtCode: string,
  gridCode: string,
): Promise<{ grid: OrgUnitRow; community: OrgUnitRow }> {
  const grid = await getUnitByCode(db, gridCode);
  if (!grid || grid.districtCode !== districtCode || grid.level !== 'grid') {
    throw new AppError('NOT_FOUND', `网格不存在：${gridCode} (grid not found)`);
  }
  const community = await getUnitByCode(db, grid.path.split('/').filter(Boolean).at(-2) ?? '');
  if (!community) throw new AppError('INTERNAL', '找不到网格所属社区 (community missing)');
  return { grid, community };
}
