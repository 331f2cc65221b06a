import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import type { AppContext } from '../http/context.ts';
import { getUnitSummaryByCode, type OrgUnitSummary } from '../jurisdiction/store.ts';
import { computeDeadlines } from './deadlines.ts';
import { demandRules } from './demand-rules.ts';
import type { DistrictStamps } from './district-stamps.ts';
import type { PlannedEvent } from './record-events.ts';
import type { RouteSuggestion } from './routing.ts';

const ref = (u: { id: string; path: string; code: string; name: string }) => ({
  id: u.id,
  path: u.path,
  code: u.code,
  name: u.name,
});

/** What a dispatch needs of a unit: an OrgUnitSummary, or the routing context's cached RoutingUnit. */
export type DispatchUnit = Pick<OrgUnitSummary, 'id' | 'path' | 'code' | 'name' | 'level' | 'flags'>;

/** Resolves a unit code of the same district, or fails with a clear error (boundary not read). */
export async function unitOfDistrict(db: Db, districtCode: string, code: string): Promise<OrgUnitSummary> {
  const unit = await getUnitSummaryByCode(db, code);
  if (!unit || unit.districtCode !== districtCode) {
    throw new AppError('NOT_FOUND', `承办单位不存在或不属本区：${code} (unit not found)`, { code });
  }
  if (unit.level === 'grid' || unit.level === 'building') {
    throw new AppError('VALIDATION_FAILED', `不能派单到网格：${unit.name}，请派至社区、街道或部门`, { code });
  }
  return unit;
}

/**
 * The events of a dispatch: the order with its owner, co-handlers and the deadlines written on it
 * (computed now on the working calendar), plus the copy to the district when it goes straight to a
 * street (《接诉即办条例》: 直派街乡的同时抄送区政府).
 */
export async function planDispatch(
  ctx: Pick<AppContext, 'calendars'>,
  db: Db,
  input: {
    districtCode: string;
    urgent: boolean;
    owner: DispatchUnit;
    co: DispatchUnit[];
    complexity: RouteSuggestion['complexity'];
    why: string[];
    now?: Date;
    /** The district's own unit when the caller already read it (null: there is none); else read here. */
    district?: DispatchUnit | null;
    /** The district's stamps when the caller already read them in this request. */
    stamps?: Pick<DistrictStamps, 'calendar' | 'policyProfile'>;
  },
): Promise<PlannedEvent[]> {
  const calendar = await ctx.calendars.get(db, input.districtCode, input.stamps?.calendar);
  const { timeLimits } = await demandRules(
    db,
    input.districtCode,
    input.stamps ? input.stamps.policyProfile : undefined,
  );
  const from = input.now ?? new Date();
  const deadlines = computeDeadlines(calendar, timeLimits, {
    from,
    urgent: input.urgent,
    roundTheClock: input.owner.flags.includes('24x7'),
    complexity: input.complexity,
  });
  const events: PlannedEvent[] = [
    {
      type: 'dispatched',
      unitId: input.owner.id,
      data: {
        owner: ref(input.owner),
        coUnits: input.co.filter((c) => c.id !== input.owner.id).map(ref),
        dueAt: deadlines.dueAt.toISOString(),
        signDueAt: deadlines.signDueAt.toISOString(),
        contactDueAt: deadlines.contactDueAt.toISOString(),
        timeLimit: deadlines.timeLimit,
        why: input.why,
        calendarWarnings: deadlines.warnings,
        deadlineProvisional: deadlines.provisional,
        // the instant the limits count from: a provisional deadline is recomputed from it
        deadlineFrom: from.toISOString(),
      },
    },
  ];
  if (input.owner.level === 'street') {
    const district =
      input.district !== undefined
        ? input.district
        : await getUnitSummaryByCode(db, `${input.districtCode}000000`);
    if (district)
      events.push({
        type: 'copied',
        unitId: district.id,
        data: { unit: ref(district), reason: '直派街乡，抄送区政府' },
      });
  }
  return events;
}
