import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from './client.ts';
import type {
  DashboardStats,
  DemandCategory,
  DemandDetail,
  DemandView,
  HotSpot,
  Ranking,
  WorkbenchCounts,
} from './demand-types.ts';
import { fetchUnits, useDepartments, useJurisdiction, useUnits } from './queries.ts';
import type { Items } from './types.ts';

/** The list filters, as the URL carries them (so a workbench count links to its list). */
export interface DemandFilter {
  status?: string;
  dueState?: string;
  mine?: boolean;
  category?: string;
  q?: string;
  within?: string;
  from?: string;
  to?: string;
}

export const demandKeys = {
  all: ['demands'] as const,
  list: (f: DemandFilter, page: number, size: number) => ['demands', 'list', f, page, size] as const,
  detail: (id: string) => ['demands', 'detail', id] as const,
  workbench: ['demands', 'workbench'] as const,
  categories: ['demand-categories'] as const,
  dashboard: (period: string) => ['demands', 'dashboard', period] as const,
  ranking: (period: string, level: string) => ['demands', 'ranking', period, level] as const,
  hotspots: (period: string) => ['demands', 'hotspots', period] as const,
};

/** The API query for a filter (`mine` only when set: the server reads any value as true). */
export function filterQuery(f: DemandFilter) {
  return {
    status: f.status,
    dueState: f.dueState,
    mine: f.mine ? 'true' : undefined,
    category: f.category,
    q: f.q,
    within: f.within,
    from: f.from,
    to: f.to,
  };
}

/** One page of the list; asks for one more row than shown to know whether a next page exists. */
export function useDemandList(f: DemandFilter, page: number, size: number) {
  return useQuery({
    queryKey: demandKeys.list(f, page, size),
    queryFn: () =>
      api<Items<DemandView>>('/api/demands', {
        query: { ...filterQuery(f), limit: size + 1, offset: page * size },
      }),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useDemand(id: string | undefined) {
  return useQuery({
    queryKey: demandKeys.detail(id ?? ''),
    queryFn: () => api<DemandDetail>(`/api/demands/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
    staleTime: 5_000,
  });
}

export const fetchWorkbenchCounts = () => api<WorkbenchCounts>('/api/demands/workbench');

export function useCategories() {
  return useQuery({
    queryKey: demandKeys.categories,
    queryFn: () => api<Items<DemandCategory>>('/api/demand-categories').then((r) => r.items),
    staleTime: 60 * 60_000,
  });
}

export function useDashboard(period: string) {
  return useQuery({
    queryKey: demandKeys.dashboard(period),
    queryFn: () => api<DashboardStats>('/api/demands/dashboard', { query: { period } }),
    placeholderData: keepPreviousData,
  });
}

export function useRanking(period: string, level: 'street' | 'department') {
  return useQuery({
    queryKey: demandKeys.ranking(period, level),
    queryFn: () => api<Ranking>('/api/demands/ranking', { query: { period, level } }),
    placeholderData: keepPreviousData,
  });
}

export function useHotSpots(period: string) {
  return useQuery({
    queryKey: demandKeys.hotspots(period),
    queryFn: () =>
      api<{ items: HotSpot[] }>('/api/demands/hotspots', { query: { period, minCount: 2 } }).then(
        (r) => r.items,
      ),
  });
}

export interface UnitOption {
  id: string;
  code: string;
  name: string;
  level: string;
  path: string;
}

/**
 * Every unit a demand may be owned by or copied to — the district, its streets and communities and
 * its departments — by id (owner names in lists) and as options (dispatch forms).
 */
export function useDemandUnits() {
  const j = useJurisdiction();
  const streets = useUnits({ level: 'street' });
  const communities = useUnits({ level: 'community' });
  const departments = useDepartments();
  const district = useQuery({
    queryKey: ['units', { level: 'district' }],
    queryFn: () => fetchUnits({ level: 'district' }),
    staleTime: 5 * 60_000,
    enabled: Boolean(j.data),
  });
  return useMemo(() => {
    const all: UnitOption[] = [
      ...(district.data ?? []),
      ...(streets.data ?? []),
      ...(communities.data ?? []),
      ...(departments.data ?? []),
    ].map((u) => ({ id: u.id, code: u.code, name: u.name, level: u.level, path: u.path }));
    return {
      all,
      byId: new Map(all.map((u) => [u.id, u])),
      byCode: new Map(all.map((u) => [u.code, u])),
      streets: all.filter((u) => u.level === 'street'),
      communities: all.filter((u) => u.level === 'community'),
      departments: all.filter((u) => !['district', 'street', 'community'].includes(u.level)),
    };
  }, [district.data, streets.data, communities.data, departments.data]);
}

/** Months for a period picker: this month (Beijing) and the `count - 1` before it, newest first. */
export function recentMonths(count = 12): string[] {
  const now = new Date(Date.now() + 8 * 3600_000);
  let y = now.getUTCFullYear();
  let m = now.getUTCMonth() + 1;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m--;
    if (m === 0) {
      m = 12;
      y--;
    }
  }
  return out;
}
