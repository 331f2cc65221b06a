/**
 * Grid-event indicators (docs/grid-indicators.md) per subject: division units count the cases located
 * in them, department units the cases dispatched to them. Counts come from the grid-work module's
 * `computeIndicators`; a case's part is found by running it alone through the same function.
 */
import { getGridEvents, loadCaseHistories } from '../../grid-work/events-store.ts';
import { type CaseHistory, computeIndicators, type IndicatorCounts } from '../../grid-work/indicators.ts';
import type { LeafValues, RecordRef, SourceLoader } from './types.ts';
import { ratio } from './types.ts';

type Count = keyof IndicatorCounts;

/** Each rate as [numerator, denominator] counts. */
const FORMULAS: Record<string, [Count, Count]> = {
  'grid_events.close_rate': ['closed', 'shouldClose'],
  'grid_events.on_time_close_rate': ['closedOnTime', 'shouldClose'],
  'grid_events.dispose_rate': ['disposed', 'shouldDispose'],
  'grid_events.on_time_dispose_rate': ['disposedOnTime', 'shouldDispose'],
  'grid_events.rework_rate': ['reworked', 'shouldClose'],
  'grid_events.overdue_pending_rate': ['overduePending', 'shouldDispose'],
  'grid_events.extension_rate': ['extended', 'shouldDispose'],
};

/** Grid-event rates of every subject (location side for division units, handler side for departments). */
export const loadGridEventValues: SourceLoader = async (ctx, leaves) => {
  const out: LeafValues = new Map(leaves.map((l) => [l.key, new Map()]));
  const perSubject: {
    code: string;
    cases: { c: CaseHistory; counts: IndicatorCounts }[];
    all: IndicatorCounts;
  }[] = [];
  for (const subject of ctx.subjects) {
    const options = {
      from: ctx.period.from,
      to: ctx.period.to,
      asOf: ctx.asOf,
      unitPath: subject.path,
      side: subject.tree === 'department' ? ('handler' as const) : ('location' as const),
    };
    const cases = await loadCaseHistories(ctx.db, {
      districtCode: ctx.districtCode,
      unitPath: subject.path,
      from: ctx.period.from,
      to: ctx.period.to,
    });
    perSubject.push({
      code: subject.code,
      all: computeIndicators(cases, options).counts,
      cases: cases.map((c) => ({ c, counts: computeIndicators([c], options).counts })),
    });
  }
  const ids = [...new Set(perSubject.flatMap((s) => s.cases.map((x) => x.c.id)))];
  const codeOf = new Map((await getGridEvents(ctx.db, ids)).map((e) => [e.id, e.code]));
  for (const s of perSubject) {
    for (const leaf of leaves) {
      const [num, den] = FORMULAS[leaf.source] ?? ['closed', 'shouldClose'];
      const records: RecordRef[] = s.cases
        .filter((x) => x.counts[den] > 0)
        .map((x) => ({
          type: 'grid_event',
          id: x.c.id,
          code: codeOf.get(x.c.id) ?? null,
          outcome: x.counts[num] > 0 ? 'numerator' : 'denominator',
        }));
      out.get(leaf.key)?.set(s.code, {
        value: ratio(s.all[num], s.all[den]),
        numerator: s.all[num],
        denominator: s.all[den],
        records,
      });
    }
  }
  return out;
};
