import { and, eq, gte, isNotNull, lt, notInArray } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import type { MeasuredDemand } from './measures.ts';
import { demands } from './tables.ts';

/** A measured demand with the id and tracking code an assessment drill-down shows. */
export interface MeasuredDemandRecord extends MeasuredDemand {
  id: string;
  code: string;
}

/**
 * The demands that count in the 三率 over [from, to) — the same selection as `measuredDemands`
 * (dispatched, not refused/answered/merged, by acceptance time) — each with its id and code, so the
 * assessment (src/assessment) can name the demands behind every rate. Any span, not only a month.
 */
export async function measuredDemandRecords(
  db: Db,
  f: { districtCode: string; from: Date; to: Date },
): Promise<MeasuredDemandRecord[]> {
  const rows = await db
    .select({ id: demands.id, code: demands.code, ownerPath: demands.ownerPath, state: demands.state })
    .from(demands)
    .where(
      and(
        eq(demands.districtCode, f.districtCode),
        gte(demands.createdAt, f.from),
        lt(demands.createdAt, f.to),
        isNotNull(demands.ownerPath),
        notInArray(demands.status, ['refused', 'answered', 'merged']),
      ),
    );
  return rows.map(({ id, code, ownerPath, state }) => {
    const s = state as Record<string, unknown>;
    return {
      id,
      code,
      ownerPath,
      signedAt: (s.signedAt as string | null) ?? null,
      signDueAt: (s.signDueAt as string | null) ?? null,
      contactedAt: (s.contactedAt as string | null) ?? null,
      contactDueAt: (s.contactDueAt as string | null) ?? null,
      callback: (s.callback as MeasuredDemand['callback']) ?? null,
      appeal: (s.appeal as string) ?? 'none',
    };
  });
}
