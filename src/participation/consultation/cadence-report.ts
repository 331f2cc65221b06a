import type { Db } from '../../core/db/connection.ts';
import { listUnits } from '../../jurisdiction/store.ts';
import { resolveRule } from '../../policy/load-profiles.ts';
import type { Provenance } from '../../policy/model.ts';
import { getActivePolicy } from '../../policy/store.ts';
import { type PeriodKind, periodsCovering } from '../periods.ts';
import { judgeCadence, type PeriodJudgement } from './cadence.ts';
import { listHeldMeetings } from './store.ts';

export interface CadenceRow {
  community: { code: string; name: string };
  street: { code: string; name: string };
  periods: PeriodJudgement[];
  missed: string[];
  held: number;
}

export interface CadenceReport {
  /** The profile's rule: how many meetings per which period, and where that comes from. */
  rule: Provenance & { period: PeriodKind; minTimes: number };
  fromMonth: string;
  toMonth: string;
  periods: { key: string; label: string }[];
  rows: CadenceRow[];
  /** The communities that missed at least one ended period, with the periods' labels. */
  missing: { code: string; name: string; street: string; missed: string[] }[];
}

/**
 * Every community's consultation meetings per period of the active profile's cadence
 * (`consultation.communityMeetings`) over a range of months, naming those that missed one.
 */
export async function buildCadenceReport(
  db: Db,
  f: { districtCode: string; withinPath: string; fromMonth: string; toMonth: string; now?: Date },
): Promise<CadenceReport> {
  const active = await getActivePolicy(db, f.districtCode);
  const resolved = resolveRule(active.profileId, 'consultation.communityMeetings', active.overrides);
  const { key: _key, value, ...provenance } = resolved;
  const { period, minTimes } = value as { period: PeriodKind; minTimes: number };
  const periods = periodsCovering(f.fromMonth, f.toMonth, period);
  const communities = (
    await listUnits(db, {
      districtCode: f.districtCode,
      withinPath: f.withinPath,
      level: 'community',
      limit: 100_000,
    })
  ).sort((a, b) => a.path.localeCompare(b.path));
  const streets = new Map(
    (
      await listUnits(db, { districtCode: f.districtCode, withinPath: '/', level: 'street', limit: 10_000 })
    ).map((s) => [s.id, s]),
  );
  const first = periods[0];
  const last = periods[periods.length - 1];
  const meetings =
    first && last
      ? await listHeldMeetings(db, {
          districtCode: f.districtCode,
          withinPath: f.withinPath,
          from: first.from,
          to: last.to,
        })
      : [];
  const now = f.now ?? new Date();
  const rows = communities.map((c) => {
    const heldAt = meetings.filter((m) => m.communityId === c.id && m.heldAt).map((m) => m.heldAt as Date);
    const judged = judgeCadence({ periods, heldAt, minTimes, now });
    const street = c.parentId ? streets.get(c.parentId) : undefined;
    return {
      community: { code: c.code, name: c.name },
      street: { code: street?.code ?? '', name: street?.name ?? '' },
      ...judged,
      held: heldAt.length,
    };
  });
  const labels = new Map(periods.map((p) => [p.key, p.label]));
  return {
    rule: { ...provenance, period, minTimes },
    fromMonth: f.fromMonth,
    toMonth: f.toMonth,
    periods: periods.map((p) => ({ key: p.key, label: p.label })),
    rows,
    missing: rows
      .filter((r) => r.missed.length > 0)
      .map((r) => ({
        code: r.community.code,
        name: r.community.name,
        street: r.street.name,
        missed: r.missed.map((k) => labels.get(k) ?? k),
      })),
  };
}
