import { type AuditActor, appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import { enqueueMessages } from '../outbox/enqueue-message.ts';
import { type CalendarOverride, calendarOverridesSchema } from './model.ts';
import { parseHolidayNotice } from './parse-holiday-notice.ts';
import { saveCalendarOverrides } from './store.ts';

/** The outbox topic written with every calendar import. */
export const CALENDAR_IMPORTED_TOPIC = 'calendar.imported';

export interface ImportOverridesOptions {
  db: Db;
  /** 'national' (a State Council notice) or a district code (a local closure). */
  scope: string;
  /** Either the text of a holiday notice … */
  notice?: string | undefined;
  /** … or the entries themselves. */
  entries?: CalendarOverride[] | undefined;
  year?: number | undefined;
  source: string;
  actor: AuditActor;
  /** The district whose audit chain records the import. */
  districtCode: string;
}

/** Loads next year's holidays and make-up days (from the notice text or as entries), audited. */
export async function importCalendarOverrides(
  options: ImportOverridesOptions,
): Promise<{ year: number | null; entries: CalendarOverride[]; warnings: string[] }> {
  let entries: CalendarOverride[];
  let warnings: string[] = [];
  let year: number | null = options.year ?? null;
  if (options.notice) {
    const parsed = parseHolidayNotice(options.notice, options.year ? { year: options.year } : {});
    entries = parsed.entries;
    warnings = parsed.warnings;
    year = parsed.year;
  } else if (options.entries) {
    entries = calendarOverridesSchema.parse(options.entries);
  } else {
    throw new AppError(
      'VALIDATION_FAILED',
      '请提供节假日通知全文或日期清单 (notice text or entries required)',
    );
  }
  if (entries.length === 0)
    throw new AppError('UNPROCESSABLE', '未识别出任何放假或调休日期 (no dates found)');
  await options.db.transaction(async (tx) => {
    await saveCalendarOverrides(tx, options.scope, entries, options.source);
    await appendAudit(tx, {
      districtCode: options.districtCode,
      actor: options.actor,
      action: 'calendar.import',
      targetType: 'calendar',
      targetId: options.scope,
      details: { year, entries: entries.length, source: options.source },
    });
    // Deadlines written as provisional for this year are recomputed by the outbox's consumer.
    await enqueueMessages(tx, [
      {
        districtCode: options.districtCode,
        topic: CALENDAR_IMPORTED_TOPIC,
        payload: { scope: options.scope, year, entries: entries.length },
      },
    ]);
  });
  return { year, entries, warnings };
}
