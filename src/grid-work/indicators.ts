import { foldSteps, type GridEventState, type StepRecord } from './event-lifecycle.ts';

/**
 * The digital city-management indicators of PRODUCT.md §4.1 for grid events, per unit and period.
 * Pure. Every definition (which case counts where) is written out in docs/grid-indicators.md; the
 * comments below only say why a choice was made.
 */

/** One case with its full step history. */
export interface CaseHistory {
  id: string;
  locationPath: string;
  steps: readonly StepRecord[];
}

export interface IndicatorOptions {
  /** The period [from, to). */
  from: Date;
  to: Date;
  /** Cases are judged as they stood at this instant (steps after it are ignored). */
  asOf: Date;
  /** The unit whose figures these are. */
  unitPath: string;
  /** `location`: cases that happened in the unit (streets, communities, grids); `handler`: cases dispatched to it (departments). */
  side: 'location' | 'handler';
}

export interface IndicatorCounts {
  /** 应结案数 */
  shouldClose: number;
  /** 结案数 */
  closed: number;
  /** 按期结案数 */
  closedOnTime: number;
  /** 应处置数 */
  shouldDispose: number;
  /** 处置数 */
  disposed: number;
  /** 按期处置数 */
  disposedOnTime: number;
  /** 返工数 */
  reworked: number;
  /** 超期待处置数 */
  overduePending: number;
  /** 延期数 */
  extended: number;
  /** Of 应结案: closed on the spot by the grid worker (小事不出网格). Not a rate of its own. */
  closedOnSpot: number;
}

export interface IndicatorRates {
  /** 结案率 = 结案数 / 应结案数 */
  closeRate: number | null;
  /** 按期结案率 = 按期结案数 / 应结案数 */
  onTimeCloseRate: number | null;
  /** 处置率 = 处置数 / 应处置数 */
  disposeRate: number | null;
  /** 按期处置率 = 按期处置数 / 应处置数 */
  onTimeDisposeRate: number | null;
  /** 返工率 = 返工数 / 应结案数 */
  reworkRate: number | null;
  /** 超期待处置率 = 超期待处置数 / 应处置数 */
  overduePendingRate: number | null;
  /** 延期率 = 延期数 / 应处置数 */
  extensionRate: number | null;
}

export interface Indicators {
  counts: IndicatorCounts;
  rates: IndicatorRates;
}

/** A fraction rounded to 4 decimals (0.4286 = 42.86 %); null when nothing was due (no 0/0). */
export const rate = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;

const within = (t: Date | null, from: Date, to: Date): boolean =>
  t !== null && t.getTime() >= from.getTime() && t.getTime() < to.getTime();

// A case closed on the spot had no time limit to miss: it is on time by construction.
const onTime = (at: Date | null, s: GridEventState): boolean =>
  at !== null && (s.onSpot || (s.dueAt !== null && at.getTime() <= s.dueAt.getTime()));

/** The state of a case as of an instant: steps after it have not happened yet. */
export function stateAsOf(c: CaseHistory, asOf: Date): GridEventState {
  return foldSteps(c.steps.filter((s) => s.at.getTime() <= asOf.getTime()));
}

/** Counts and rates of the cases of one unit in one period. */
export function computeIndicators(cases: readonly CaseHistory[], o: IndicatorOptions): Indicators {
  const counts: IndicatorCounts = {
    shouldClose: 0,
    closed: 0,
    closedOnTime: 0,
    shouldDispose: 0,
    disposed: 0,
    disposedOnTime: 0,
    reworked: 0,
    overduePending: 0,
    extended: 0,
    closedOnSpot: 0,
  };
  for (const c of cases) {
    const s = stateAsOf(c, o.asOf);
    const mine =
      o.side === 'location'
        ? c.locationPath.startsWith(o.unitPath)
        : (s.handler?.path.startsWith(o.unitPath) ?? false);
    if (!mine) continue;
    // 立案 in the period makes a case due to be closed (a rejected or unregistered report never is).
    if (within(s.registeredAt, o.from, o.to)) {
      counts.shouldClose++;
      if (s.status === 'closed') {
        counts.closed++;
        if (onTime(s.closedAt, s)) counts.closedOnTime++;
      }
      if (s.onSpot) counts.closedOnSpot++;
      if (s.reworkCount > 0) counts.reworked++;
    }
    // 派遣 in the period makes it due to be disposed of; on-the-spot cases were never dispatched.
    if (within(s.firstDispatchedAt, o.from, o.to)) {
      counts.shouldDispose++;
      const done = s.status === 'disposed' || s.status === 'verified' || s.status === 'closed';
      if (done) {
        counts.disposed++;
        if (onTime(s.disposedAt, s)) counts.disposedOnTime++;
      } else if (s.status === 'dispatched' && s.dueAt !== null && o.asOf.getTime() > s.dueAt.getTime()) {
        counts.overduePending++;
      }
      if (s.extensionCount > 0) counts.extended++;
    }
  }
  return {
    counts,
    rates: {
      closeRate: rate(counts.closed, counts.shouldClose),
      onTimeCloseRate: rate(counts.closedOnTime, counts.shouldClose),
      disposeRate: rate(counts.disposed, counts.shouldDispose),
      onTimeDisposeRate: rate(counts.disposedOnTime, counts.shouldDispose),
      reworkRate: rate(counts.reworked, counts.shouldClose),
      overduePendingRate: rate(counts.overduePending, counts.shouldDispose),
      extensionRate: rate(counts.extended, counts.shouldDispose),
    },
  };
}
