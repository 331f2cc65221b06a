/** Presenters: explicit allow-lists of what the API shows of schemes, results, records and entries. */
import type { z } from 'zod';
import { type Principal, scopePath } from '../core/auth/authorize.ts';
import { DISTRICT_WIDE_ROLES } from '../core/auth/roles.ts';
import type { ResultSummary, SubjectResult } from './compute-assessment.ts';
import { EVALUATED_NAMES, type EvaluatedKind, type SchemeDefinition } from './model.ts';
import type {
  AssessmentEntryRow,
  AssessmentResultRecordRow,
  AssessmentResultRow,
  AssessmentSchemeRow,
} from './tables.ts';
import type { describeShares, PolicyFinding } from './validate-scheme.ts';
import type { EntryView, RecordView, ResultHeaderView, ResultView, SchemeView } from './views.ts';

export const STATUS_NAMES = { draft: '草稿', published: '已发布', superseded: '已被更正' } as const;

export const RECORD_TYPE_NAMES: Record<string, string> = {
  demand: '诉求',
  whistle_summons: '吹哨召集',
  grid_event: '网格事件',
  task: '督办任务',
  patrol_entry: '网格工作纪实',
  patrol_sheet: '纪实签署',
  grid: '网格',
  community: '社区',
  party_unit: '单位报到',
  entry: '录入值',
};

export const OUTCOME_NAMES: Record<string, string> = {
  numerator: '计入分子',
  denominator: '仅计入分母',
  pending: '未到期，不计',
  excluded: '不计入',
  counted: '计入',
};

export function presentScheme(
  row: AssessmentSchemeRow,
  shares: ReturnType<typeof describeShares>,
): z.infer<typeof SchemeView> {
  return {
    id: row.id,
    name: row.name,
    evaluatedKind: row.evaluatedKind,
    evaluatedName: EVALUATED_NAMES[row.evaluatedKind as EvaluatedKind] ?? row.evaluatedKind,
    periodKind: row.periodKind,
    version: row.version,
    profileId: row.profileId,
    warnings: row.warnings as PolicyFinding[],
    shares,
    definition: row.definition as unknown as SchemeDefinition,
    createdBy: row.createdByLabel,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentResultHeader(r: AssessmentResultRow): z.infer<typeof ResultHeaderView> {
  return {
    id: r.id,
    schemeId: r.schemeId,
    schemeName: r.schemeName,
    schemeVersion: r.schemeVersion,
    evaluatedKind: r.evaluatedKind,
    period: r.period,
    version: r.version,
    status: r.status,
    statusName: STATUS_NAMES[r.status],
    profileId: r.profileId,
    asOf: r.asOf.toISOString(),
    computedAt: r.computedAt.toISOString(),
    computedBy: r.computedByLabel,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    publishedBy: r.publishedByLabel,
    correctionOf: r.correctionOf,
    reason: r.reason,
  };
}

/** Whether the reader sees the whole table (district-wide roles) or only their own subjects. */
export const seesAll = (p: Principal): boolean => p.roles.some((r) => DISTRICT_WIDE_ROLES.has(r));

/** The rows a reader may see: all of them, or the subjects inside their jurisdiction (with their ranks). */
export function visibleRows(p: Principal, r: AssessmentResultRow): SubjectResult[] {
  const rows = r.rows as SubjectResult[];
  if (seesAll(p)) return rows;
  const scope = scopePath(p);
  return rows.filter((row) => row.path.startsWith(scope));
}

export function presentResult(p: Principal, r: AssessmentResultRow): z.infer<typeof ResultView> {
  return {
    ...presentResultHeader(r),
    summary: r.summary as unknown as ResultSummary,
    scope: seesAll(p) ? 'all' : 'own',
    rows: visibleRows(p, r),
  };
}

/** The whole table, for the operator at the command line (no jurisdiction to narrow it to). */
export function presentWholeResult(r: AssessmentResultRow): z.infer<typeof ResultView> {
  return {
    ...presentResultHeader(r),
    summary: r.summary as unknown as ResultSummary,
    scope: 'all',
    rows: r.rows as SubjectResult[],
  };
}

export function presentRecord(r: AssessmentResultRecordRow): z.infer<typeof RecordView> {
  return {
    subjectCode: r.subjectCode,
    indicatorKey: r.indicatorKey,
    type: r.recordType,
    typeName: RECORD_TYPE_NAMES[r.recordType] ?? r.recordType,
    id: r.recordId,
    code: r.recordCode,
    outcome: r.outcome,
    outcomeName: OUTCOME_NAMES[r.outcome] ?? r.outcome,
    note: r.note,
  };
}

export function presentEntry(e: AssessmentEntryRow): z.infer<typeof EntryView> {
  return {
    id: e.id,
    schemeId: e.schemeId,
    period: e.period,
    indicatorKey: e.indicatorKey,
    subjectCode: e.subjectCode,
    kind: e.kind,
    score: e.score,
    data: e.data,
    enteredBy: e.enteredByLabel,
    enteredAt: e.enteredAt.toISOString(),
  };
}
