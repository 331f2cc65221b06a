import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type {
  Bulletin,
  PlanDetail,
  PlanView,
  TaskDetail,
  TaskReminder,
  UnmatchedName,
} from './task-types.ts';
import type { Items } from './types.ts';

export const taskKeys = {
  all: ['tasks'] as const,
  plans: ['tasks', 'plans'] as const,
  plan: (id: string) => ['tasks', 'plan', id] as const,
  bulletin: (id: string) => ['tasks', 'bulletin', id] as const,
  task: (id: string) => ['tasks', 'task', id] as const,
  unmatched: ['tasks', 'unmatched'] as const,
  mappings: ['tasks', 'mappings'] as const,
  reminders: ['tasks', 'reminders'] as const,
};

export const fetchPlans = () => api<Items<PlanView>>('/api/task-plans').then((r) => r.items);
export const fetchReminders = () => api<Items<TaskReminder>>('/api/task-reminders').then((r) => r.items);

export function usePlans() {
  return useQuery({ queryKey: taskKeys.plans, queryFn: fetchPlans });
}

export function usePlan(id: string | undefined) {
  return useQuery({
    queryKey: taskKeys.plan(id ?? ''),
    queryFn: () => api<PlanDetail>(`/api/task-plans/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export function useBulletin(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: taskKeys.bulletin(id ?? ''),
    queryFn: () => api<Bulletin>(`/api/task-plans/${encodeURIComponent(id ?? '')}/bulletin`),
    enabled: Boolean(id) && enabled,
  });
}

export function useTask(id: string | undefined) {
  return useQuery({
    queryKey: taskKeys.task(id ?? ''),
    queryFn: () => api<TaskDetail>(`/api/tasks/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export function useUnmatchedNames(enabled = true) {
  return useQuery({
    queryKey: taskKeys.unmatched,
    queryFn: () => api<Items<UnmatchedName>>('/api/task-unit-names/unmatched').then((r) => r.items),
    enabled,
  });
}

export function useNameMappings(enabled = true) {
  return useQuery({
    queryKey: taskKeys.mappings,
    queryFn: () =>
      api<
        Items<{
          name: string;
          nameKey: string;
          units: { code: string; name: string }[];
          updatedBy: string;
          updatedAt: string;
        }>
      >('/api/task-unit-names/mappings').then((r) => r.items),
    enabled,
  });
}
