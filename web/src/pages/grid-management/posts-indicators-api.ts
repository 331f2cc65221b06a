import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Items } from '../../api/types.ts';

/**
 * Shapes and queries of the posts and indicators tabs (mirror src/grid-work/present-grid-work.ts,
 * post-candidates.ts, indicator-table.ts).
 */

export type Post = 'grid_worker' | 'street_lane_chief' | 'building_chief' | 'party_secretary';
export const GRID_POSTS: Post[] = ['grid_worker', 'street_lane_chief', 'building_chief'];
/** Posts a resident may hold by name, without an account. */
export const NAMED_POSTS = new Set<Post>(['street_lane_chief', 'building_chief']);

export interface Assignment {
  id: string;
  unit: { code: string; name: string };
  post: Post;
  postName: string;
  person: { name: string; phone: string | null; hasAccount: boolean };
  area: string | null;
  startedOn: string;
  active: boolean;
  endedAt: string | null;
}

/** GET /api/grid-assignments: the posts in a community and what the caller may do there. */
export interface Assignments {
  items: Assignment[];
  may: { assign: boolean; designateSecretary: boolean };
}

export interface Candidate {
  username: string;
  displayName: string;
  unit: { code: string; name: string };
}

export const RATES = [
  'closeRate',
  'onTimeCloseRate',
  'disposeRate',
  'onTimeDisposeRate',
  'reworkRate',
  'overduePendingRate',
  'extensionRate',
] as const;
export type RateKey = (typeof RATES)[number];

export interface IndicatorCounts {
  shouldClose: number;
  closed: number;
  closedOnTime: number;
  shouldDispose: number;
  disposed: number;
  disposedOnTime: number;
  reworked: number;
  overduePending: number;
  extended: number;
  closedOnSpot: number;
}

/** Each rate's numerator and denominator (docs/grid-indicators.md). */
export const RATE_PARTS: Record<RateKey, [keyof IndicatorCounts, keyof IndicatorCounts]> = {
  closeRate: ['closed', 'shouldClose'],
  onTimeCloseRate: ['closedOnTime', 'shouldClose'],
  disposeRate: ['disposed', 'shouldDispose'],
  onTimeDisposeRate: ['disposedOnTime', 'shouldDispose'],
  reworkRate: ['reworked', 'shouldClose'],
  overduePendingRate: ['overduePending', 'shouldDispose'],
  extensionRate: ['extended', 'shouldDispose'],
};

export interface UnitIndicators {
  unit: { code: string; name: string; path: string };
  counts: IndicatorCounts;
  rates: Record<RateKey, number | null>;
}

/** GET /api/grid-events/indicators/units: the unit first, then the units directly below it. */
export interface IndicatorTable {
  unit: { code: string; name: string; path: string };
  side: 'location' | 'handler';
  period: { label: string; from: string; to: string };
  asOf: string;
  rows: UnitIndicators[];
}

export const postKeys = {
  assignments: (community: string) => ['grid-management', 'posts', community] as const,
  candidates: (unit: string, post: string) => ['grid-management', 'posts', 'candidates', unit, post] as const,
  indicators: (unit: string, month: string) => ['grid-management', 'indicators', unit, month] as const,
};

export function useAssignments(community: string | undefined) {
  return useQuery({
    queryKey: postKeys.assignments(community ?? ''),
    queryFn: () => api<Assignments>('/api/grid-assignments', { query: { unitCode: community } }),
    enabled: Boolean(community),
  });
}

export function useCandidates(unitCode: string, post: Post | undefined) {
  return useQuery({
    queryKey: postKeys.candidates(unitCode, post ?? ''),
    queryFn: () =>
      api<Items<Candidate>>('/api/grid-assignments/candidates', { query: { unitCode, post } }).then(
        (r) => r.items,
      ),
    enabled: Boolean(post),
  });
}

/** The indicators' query (the Excel export sends the same with format=xlsx). */
export const indicatorQuery = (unit: string | undefined, month: string) => ({ unitCode: unit, month });

export function useIndicatorTable(unit: string | undefined, month: string) {
  return useQuery({
    queryKey: postKeys.indicators(unit ?? '', month),
    queryFn: () =>
      api<IndicatorTable>('/api/grid-events/indicators/units', { query: indicatorQuery(unit, month) }),
  });
}
