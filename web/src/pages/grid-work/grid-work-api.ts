import { useQuery } from '@tanstack/react-query';
import { ApiError, api, toApiError } from '../../api/client.ts';
import type { Items } from '../../api/types.ts';

/** GET /api/grid-event-categories: 部件/事件 classes and items with their handling time limit. */
export interface GridEventCategory {
  kind: 'component' | 'event';
  classCode: string;
  className: string;
  code: string;
  name: string;
  path: string;
  limit: { unit: 'working_days' | 'hours' | string; amount: number };
  urgent: boolean;
}

export interface Attachment {
  id: string;
  name: string;
  mime: string;
  size: number;
}

/** The list view of a grid event (GET /api/grid-events). */
export interface GridEvent {
  id: string;
  code: string;
  kind: 'component' | 'event';
  kindName: string;
  category: { code: string; path: string };
  description: string;
  address: string | null;
  point: { lng: number; lat: number } | null;
  gridCode: string;
  status: string;
  statusName: string;
  owner: { code: string; name: string } | null;
  handler: { code: string; name: string; kind: string } | null;
  dueAt: string | null;
  overdue: boolean;
  onSpot: boolean;
  reworkCount: number;
  reporter: string;
  photos: Attachment[];
  createdAt: string;
  closedAt: string | null;
}

export interface PatrolEntry {
  id: string;
  gridCode: string;
  gridName: string;
  worker: string;
  date: string;
  hours: number;
  householdsVisited: number;
  findings: string;
  updatedAt: string;
}

export interface GridAssignment {
  id: string;
  unit: { code: string; name: string };
  post: string;
  postName: string;
  person: { name: string; phone: string | null; hasAccount: boolean };
  active: boolean;
}

export const gridKeys = {
  categories: ['grid-work', 'categories'] as const,
  mine: ['grid-work', 'events', 'mine'] as const,
  patrol: ['grid-work', 'patrol'] as const,
  assignments: ['grid-work', 'assignments'] as const,
};

export const fetchMyEvents = () =>
  api<Items<GridEvent>>('/api/grid-events', { query: { mine: true, limit: 100 } }).then((r) => r.items);

export const fetchPatrolEntries = () =>
  api<{ month: string; items: PatrolEntry[] }>('/api/patrol-entries').then((r) => r.items);

export function useCategories() {
  return useQuery({
    queryKey: gridKeys.categories,
    queryFn: () => api<Items<GridEventCategory>>('/api/grid-event-categories').then((r) => r.items),
    staleTime: 60 * 60_000,
  });
}

export const useMyEvents = () => useQuery({ queryKey: gridKeys.mine, queryFn: fetchMyEvents });
export const usePatrolEntries = () => useQuery({ queryKey: gridKeys.patrol, queryFn: fetchPatrolEntries });

export function useAssignments() {
  return useQuery({
    queryKey: gridKeys.assignments,
    queryFn: () => api<Items<GridAssignment>>('/api/grid-assignments').then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

/** POST /api/files with the raw bytes (name in X-File-Name); resolves with the stored file. */
export async function uploadPhoto(file: File): Promise<Attachment> {
  let res: Response;
  try {
    res = await fetch('/api/files', {
      method: 'POST',
      body: file,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'content-type': file.type || 'application/octet-stream',
        'x-file-name': encodeURIComponent(file.name),
      },
    });
  } catch (err) {
    throw new ApiError(0, { code: 'NETWORK', message: (err as Error).message }, null);
  }
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as Attachment;
}

/** Today's date in Beijing (YYYY-MM-DD), the day the patrol log counts. */
export function beijingToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
