import type { Db } from '../../core/db/connection.ts';
import type { AssessmentConstraints } from '../../policy/assessment-constraints.ts';
import type { EvaluatedKind, Indicator } from '../model.ts';
import type { AssessmentPeriod } from '../periods.ts';
import type { IndicatorValue } from '../score-subjects.ts';
import type { AssessmentEntryRow } from '../tables.ts';

/** How a record counted towards a value: in the numerator, only in the denominator, not yet, not at all. */
export type RecordOutcome = 'numerator' | 'denominator' | 'pending' | 'excluded' | 'counted';

/** One record behind a number: what it is, its id and code, and how it counted. */
export interface RecordRef {
  type: string;
  id: string;
  code: string | null;
  outcome: RecordOutcome;
  note?: string | null;
}

/** A source's answer for one subject and indicator: the value and the records it was computed from. */
export interface SourceResult extends IndicatorValue {
  records: RecordRef[];
}

/** One evaluated subject: an org unit, or a person / company listed by the scheme. */
export interface Subject {
  code: string;
  name: string;
  kind: EvaluatedKind;
  /** The subject's org path (a person's: their unit's): record matching and who may see the result. */
  path: string;
  unitId: string | null;
  tree: 'division' | 'department' | null;
  level: string | null;
}

export interface SourceContext {
  db: Db;
  districtCode: string;
  period: AssessmentPeriod;
  /** Records are judged as they stand at this instant. */
  asOf: Date;
  subjects: readonly Subject[];
  constraints: AssessmentConstraints;
  /** The scheme's entered values for the period. */
  entries: readonly AssessmentEntryRow[];
}

/** indicator key → subject code → result. */
export type LeafValues = Map<string, Map<string, SourceResult>>;

/** Computes the values of some indicators (all of one source family) for every subject. */
export type SourceLoader = (ctx: SourceContext, leaves: readonly Indicator[]) => Promise<LeafValues>;

/** A rate from counts; null when nothing was due (no 0/0). */
export const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;
