import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../core/db/connection.ts';
import { summonsBlownBetween } from '../../whistles/store.ts';
import type { Period } from '../periods.ts';
import { computeReportIn, type ReportInFigures } from './report-in-rate.ts';
import {
  type PartyUnitRegistrationRow,
  partyMemberServices,
  partyMembers,
  partyUnitRegistrations,
} from './tables.ts';

/** One registered unit's report-in figures for a period (what the assessment reads). */
export interface UnitReportInRate extends ReportInFigures {
  unit: { id: string; code: string; name: string; level: string; path: string };
  street: { code: string; name: string; path: string };
  period: string;
}

type PeriodBounds = Pick<Period, 'key' | 'firstDay' | 'lastDay' | 'from' | 'to'>;

async function figuresFor(
  db: Db,
  districtCode: string,
  registrations: readonly PartyUnitRegistrationRow[],
  period: PeriodBounds,
): Promise<UnitReportInRate[]> {
  if (registrations.length === 0) return [];
  const unitIds = registrations.map((r) => r.unitId);
  const members = await db
    .select({
      id: partyMembers.id,
      unitId: partyMembers.unitId,
      kind: partyMembers.kind,
      registeredOn: partyMembers.registeredOn,
      leftOn: partyMembers.leftOn,
    })
    .from(partyMembers)
    .where(and(eq(partyMembers.districtCode, districtCode), inArray(partyMembers.unitId, unitIds)));
  const memberIds = members.map((m) => m.id);
  const services =
    memberIds.length === 0
      ? []
      : await db
          .select({
            memberId: partyMemberServices.memberId,
            servedOn: partyMemberServices.servedOn,
            hours: partyMemberServices.hours,
            status: partyMemberServices.status,
          })
          .from(partyMemberServices)
          .where(
            and(
              inArray(partyMemberServices.memberId, memberIds),
              gte(partyMemberServices.servedOn, period.firstDay),
              lte(partyMemberServices.servedOn, period.lastDay),
            ),
          );
  // Community whistles summon members through the whistles capability; its store function reads them.
  const summons = (
    await summonsBlownBetween(db, { districtCode, from: period.from, to: period.to, kind: 'party_member' })
  ).map((s) => ({ memberId: s.memberId ?? '', checkedIn: s.checkedInAt !== null }));
  return registrations.map((r) => {
    const own = members.filter((m) => m.unitId === r.unitId);
    const figures = computeReportIn({
      declared: r.inServiceMembers,
      members: own,
      services,
      summons,
      firstDay: period.firstDay,
      lastDay: period.lastDay,
    });
    return {
      unit: { id: r.unitId, code: r.unitCode, name: r.unitName, level: r.unitLevel, path: r.unitPath },
      street: { code: r.streetCode, name: r.streetName, path: r.streetPath },
      period: period.key,
      ...figures,
    };
  });
}

/**
 * Every registered unit's 在职党员报到 figures for a period, for the unit-assessment (双向考核) to read:
 * registered ÷ declared members, serving members, confirmed hours, whistle check-ins. `withinPath`
 * keeps units whose own path or whose street's path lies inside it (a street's units, a department).
 */
export async function listUnitReportInRates(
  db: Db,
  f: { districtCode: string; period: PeriodBounds; withinPath?: string | undefined },
): Promise<UnitReportInRate[]> {
  const rows = await db
    .select()
    .from(partyUnitRegistrations)
    .where(eq(partyUnitRegistrations.districtCode, f.districtCode));
  const within = f.withinPath;
  const inScope = within
    ? rows.filter((r) => r.unitPath.startsWith(within) || r.streetPath.startsWith(within))
    : rows;
  inScope.sort((a, b) => a.streetCode.localeCompare(b.streetCode) || a.unitCode.localeCompare(b.unitCode));
  return figuresFor(db, f.districtCode, inScope, f.period);
}

/** One unit's figures for a period; null when the unit has not registered with a street. */
export async function getUnitReportInRate(
  db: Db,
  f: { unitId: string; period: PeriodBounds },
): Promise<UnitReportInRate | null> {
  const [row] = await db
    .select()
    .from(partyUnitRegistrations)
    .where(eq(partyUnitRegistrations.unitId, f.unitId));
  if (!row) return null;
  const [figures] = await figuresFor(db, row.districtCode, [row], f.period);
  return figures ?? null;
}
