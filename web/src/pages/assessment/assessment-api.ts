import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Items } from '../../api/types.ts';

/** What the assessment screens read of the API (src/assessment/views.ts is the source of truth). */
export interface Finding {
  rule: string;
  labelZh: string;
  source: string;
  binding: boolean;
  required?: number;
  actual?: number;
  shortfall?: number;
  message: string;
}

export interface Share {
  evaluator: string;
  nameZh: string;
  share: number;
}

export interface SchemeView {
  id: string;
  name: string;
  evaluatedKind: string;
  evaluatedName: string;
  periodKind: 'month' | 'quarter' | 'half_year' | 'year';
  version: number;
  profileId: string;
  warnings: Finding[];
  shares: Share[];
  definition: Record<string, unknown>;
  updatedAt: string;
}

export interface Validation {
  ok: boolean;
  profileId: string;
  issues: { path: string[]; message: string }[];
  violations: Finding[];
  warnings: Finding[];
  shares: Share[];
}

export interface ResultHeader {
  id: string;
  schemeId: string;
  schemeName: string;
  period: string;
  version: number;
  status: 'draft' | 'published' | 'superseded';
  statusName: string;
  profileId: string;
  asOf: string;
  computedAt: string;
  publishedAt: string | null;
  correctionOf: string | null;
  reason: string | null;
}

export interface Item {
  key: string;
  name: string;
  kind: 'group' | 'indicator';
  depth: number;
  weight: number;
  effectiveWeight: number;
  value: number | null;
  score: number | null;
  points: number | null;
  numerator?: number | null;
  denominator?: number | null;
  vetoFailed?: boolean;
}

export interface SubjectRow {
  code: string;
  name: string;
  total: number | null;
  rank: number | null;
  vetoed: boolean;
  excellent: boolean | null;
  items: Item[];
}

export interface ResultView extends ResultHeader {
  scope: 'all' | 'own';
  summary: {
    periodLabel: string;
    subjects: number;
    ranked: number;
    excellent: { rate: number; count: number; source: string } | null;
    notes: string[];
  };
  rows: SubjectRow[];
}

export interface RecordRow {
  type: string;
  typeName: string;
  id: string;
  code: string | null;
  outcome: string;
  outcomeName: string;
  note: string | null;
}

export const assessmentKeys = {
  all: ['assessment'] as const,
  schemes: ['assessment', 'schemes'] as const,
  results: (schemeId: string) => ['assessment', 'results', schemeId] as const,
  result: (id: string) => ['assessment', 'result', id] as const,
  records: (id: string, subject: string, indicator: string) =>
    ['assessment', 'records', id, subject, indicator] as const,
};

export function useSchemes() {
  return useQuery({
    queryKey: assessmentKeys.schemes,
    queryFn: () => api<Items<SchemeView>>('/api/assessment/schemes').then((r) => r.items),
  });
}

export function useResults(schemeId: string | undefined) {
  return useQuery({
    queryKey: assessmentKeys.results(schemeId ?? ''),
    queryFn: () =>
      api<Items<ResultHeader>>('/api/assessment/results', { query: { schemeId } }).then((r) => r.items),
    enabled: Boolean(schemeId),
  });
}

export function useResult(id: string | undefined) {
  return useQuery({
    queryKey: assessmentKeys.result(id ?? ''),
    queryFn: () => api<ResultView>(`/api/assessment/results/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export function useRecords(id: string, subject: string | null, indicator: string | null) {
  return useQuery({
    queryKey: assessmentKeys.records(id, subject ?? '', indicator ?? ''),
    queryFn: () =>
      api<{ total: number; items: RecordRow[] }>(
        `/api/assessment/results/${encodeURIComponent(id)}/records`,
        {
          query: { subject, indicator, limit: 500 },
        },
      ),
    enabled: Boolean(subject && indicator),
  });
}

/** 0.5 → "50%"; null → "—". */
export const pct = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined ? '—' : `${Number((v * 100).toFixed(digits))}%`;
export const num = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : String(v);
