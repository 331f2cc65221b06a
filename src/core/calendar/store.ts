import { inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/connection.ts';
import type { CalendarOverride } from './model.ts';
import { calendarOverrides } from './tables.ts';
import { createWorkCalendar, type WorkCalendar } from './work-calendar.ts';

/**
 * The working calendar for a district: national overrides plus the district's own, on top of the
 * chinese-days data. Cached per process and rebuilt when the override table changes (any process).
 */
export class CalendarRegistry {
  private readonly cache = new Map<string, { stamp: string; calendar: WorkCalendar }>();

  /**
   * The district's calendar. `knownStamp`: the overrides' stamp as the caller read it in this request
   * (CalendarRegistry.stampSql, with other stamps in one query), so it is not read again.
   */
  async get(db: Db, districtCode: string, knownStamp?: string): Promise<WorkCalendar> {
    const scopes = ['national', districtCode];
    let stamp = knownStamp;
    if (stamp === undefined) {
      const [row] = await queryRows<{ stamp: string }>(
        db,
        sql`SELECT ${CalendarRegistry.stampSql(districtCode)} AS stamp`,
      );
      stamp = row?.stamp ?? '0@';
    }
    const cached = this.cache.get(districtCode);
    if (cached && cached.stamp === stamp) return cached.calendar;
    const rows = await db.select().from(calendarOverrides).where(inArray(calendarOverrides.scope, scopes));
    // A district's own entry wins over the national one for the same date.
    const byDate = new Map<string, CalendarOverride>();
    for (const r of rows.sort((a, b) => (a.scope === 'national' ? -1 : b.scope === 'national' ? 1 : 0))) {
      byDate.set(r.date, { date: r.date, kind: r.kind, ...(r.name ? { name: r.name } : {}) });
    }
    const calendar = createWorkCalendar({ overrides: [...byDate.values()] });
    this.cache.set(districtCode, { stamp, calendar });
    return calendar;
  }

  /** The overrides' stamp (count and last change of the national and district entries), as SQL. */
  static stampSql(districtCode: string): SQL<string> {
    return sql<string>`(SELECT count(*)::int || '@' || coalesce(max(${calendarOverrides.createdAt})::text, '') FROM ${calendarOverrides} WHERE ${calendarOverrides.scope} IN ('national', ${districtCode}))`;
  }
}

/** Stores overrides (e.g. a parsed State Council notice); a date already present is replaced. */
export async function saveCalendarOverrides(
  tx: Db,
  scope: string,
  entries: CalendarOverride[],
  source: string,
): Promise<number> {
  for (const e of entries) {
    await tx
      .insert(calendarOverrides)
      .values({ scope, date: e.date, kind: e.kind, name: e.name ?? null, source })
      .onConflictDoUpdate({
        target: [calendarOverrides.scope, calendarOverrides.date],
        set: { kind: e.kind, name: e.name ?? null, source, createdAt: new Date() },
      });
  }
  return entries.length;
}
