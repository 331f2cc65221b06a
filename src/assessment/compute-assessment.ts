/**
 * One assessment computed from the records, without storing it: subjects, every indicator's value
 * from its source, scores, ranks, 一票否决 and the "excellent" quota. run-assessment.ts stores it.
 */
import type { Db } from '../core/db/connection.ts';
import { getAssessmentConstraints } from '../policy/assessment-constraints.ts';
import { getActivePolicy } from '../policy/store.ts';
import { leavesOf, type SchemeDefinition } from './model.ts';
import type { AssessmentPeriod } from './periods.ts';
import { excellentQuota, type ItemScore, rankSubjects, scoreSubject, withinQuota } from './score-subjects.ts';
import { loadValues } from './sources/load-values.ts';
import type { RecordRef } from './sources/types.ts';
import { resolveSubjects } from './subjects.ts';
import type { AssessmentEntryRow } from './tables.ts';

/** One subject's line of the result table. */
export interface SubjectResult {
  code: string;
  name: string;
  path: string;
  total: number | null;
  rank: number | null;
  vetoed: boolean;
  vetoedBy: string[];
  /** Within the excellent quota; null when the scheme does not rate excellence. */
  excellent: boolean | null;
  items: ItemScore[];
}

export interface ExcellentQuota {
  districtAverageRate: number;
  pointsAbove: number;
  rate: number;
  count: number;
  source: string;
  profileId: string;
}

export interface ResultSummary {
  periodLabel: string;
  subjects: number;
  ranked: number;
  excellent: ExcellentQuota | null;
  notes: string[];
}

export interface ComputedAssessment {
  profileId: string;
  rows: SubjectResult[];
  records: (RecordRef & { subjectCode: string; indicatorKey: string })[];
  summary: ResultSummary;
}

/** Computes a scheme's results for a period as of an instant, under the district's active policy. */
export async function computeAssessment(options: {
  db: Db;
  districtCode: string;
  definition: SchemeDefinition;
  period: AssessmentPeriod;
  asOf: Date;
  entries: readonly AssessmentEntryRow[];
}): Promise<ComputedAssessment> {
  const { db, districtCode, definition: def } = options;
  const active = await getActivePolicy(db, districtCode);
  const constraints = getAssessmentConstraints(active.profileId, active.overrides);
  const subjects = await resolveSubjects(db, districtCode, def);
  const leaves = leavesOf(def.nodes).map((l) => l.indicator);
  const values = await loadValues(
    {
      db,
      districtCode,
      period: options.period,
      asOf: options.asOf,
      subjects,
      constraints,
      entries: options.entries,
    },
    leaves,
  );
  const scored = subjects.map((s) => ({
    subject: s,
    ...scoreSubject(def, (key) => values.get(key)?.get(s.code)),
  }));
  const ranked = rankSubjects(scored);
  const notes: string[] = [];
  let excellent: ExcellentQuota | null = null;
  let inQuota: boolean[] | null = null;
  if (def.excellent) {
    const rule = constraints.streetCadreExcellentQuota;
    if (rule.fellBackToGeneric) {
      // Only a quota the district's own policy sets is applied (see docs/assessment.md).
      notes.push(`现行政策配置（${active.profileId}）未规定“优秀”比例，未评定优秀`);
    } else {
      const count = ranked.filter((r) => r.rank !== null).length;
      const q = excellentQuota(
        count,
        def.excellent.districtAverageRate,
        rule.value.percentagePointsAboveDistrictAverage,
      );
      excellent = {
        districtAverageRate: def.excellent.districtAverageRate,
        pointsAbove: rule.value.percentagePointsAboveDistrictAverage,
        ...q,
        source: rule.source,
        profileId: rule.profileId,
      };
      inQuota = withinQuota(ranked, q.count);
    }
  }
  const rows: SubjectResult[] = ranked.map((r, i) => ({
    code: r.subject.code,
    name: r.subject.name,
    path: r.subject.path,
    total: r.total,
    rank: r.rank,
    vetoed: r.vetoed,
    vetoedBy: r.vetoedBy,
    excellent: inQuota ? (inQuota[i] ?? false) : null,
    items: r.items,
  }));
  const records = subjects.flatMap((s) =>
    leaves.flatMap((leaf) =>
      (values.get(leaf.key)?.get(s.code)?.records ?? []).map((rec) => ({
        ...rec,
        subjectCode: s.code,
        indicatorKey: leaf.key,
      })),
    ),
  );
  return {
    profileId: active.profileId,
    rows,
    records,
    summary: {
      periodLabel: options.period.label,
      subjects: subjects.length,
      ranked: rows.filter((r) => r.rank !== null).length,
      excellent,
      notes,
    },
  };
}
