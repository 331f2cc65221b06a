import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { GridCollection, Items, Jurisdiction, OrgUnit, OrgUnitDetail, UserView } from './types.ts';

/** Query keys in one place, so a mutation can invalidate exactly what it changed. */
export const keys = {
  jurisdiction: ['jurisdiction'] as const,
  units: (q: { level?: string; parent?: string }) => ['units', q] as const,
  unit: (code: string) => ['unit', code] as const,
  grids: (within?: string) => ['grids', within ?? ''] as const,
  departments: ['departments'] as const,
  users: ['users'] as const,
};

export const fetchUnits = (q: { level?: string; parent?: string }) =>
  api<Items<OrgUnit>>('/api/org-units', { query: { ...q, limit: 2000 } }).then((r) => r.items);

export function useJurisdiction() {
  return useQuery({ queryKey: keys.jurisdiction, queryFn: () => api<Jurisdiction>('/api/jurisdiction') });
}

export function useUnits(q: { level?: string; parent?: string }, enabled = true) {
  return useQuery({ queryKey: keys.units(q), queryFn: () => fetchUnits(q), enabled });
}

export function useUnit(code: string | undefined) {
  return useQuery({
    queryKey: keys.unit(code ?? ''),
    queryFn: () => api<OrgUnitDetail>(`/api/org-units/${encodeURIComponent(code ?? '')}`),
    enabled: Boolean(code),
  });
}

export function useGrids(within: string | undefined, enabled = true) {
  return useQuery({
    queryKey: keys.grids(within),
    queryFn: () => api<GridCollection>('/api/grids', { query: { within } }),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: keys.departments,
    queryFn: () => api<Items<OrgUnit>>('/api/departments').then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: keys.users,
    queryFn: () => api<Items<UserView>>('/api/users', { query: { limit: 500 } }).then((r) => r.items),
    enabled,
  });
}
