import { api } from '../../api/client.ts';
import type { Items } from '../../api/types.ts';
import type { TodoItem, TodoSource } from '../../app/workbench-sources.ts';
import type { ManagedEvent, RegisterSummary } from './grid-management-api.ts';

const TO_EVENTS = '/grid-management?tab=events';

const count = (query: Record<string, string | boolean>) =>
  api<Items<ManagedEvent>>('/api/grid-events', { query: { ...query, limit: 500 } }).then(
    (r) => r.items.length,
  );

/**
 * 网格管理 on the workbench: the managing level's cases to register, dispatch or close; the handling
 * unit's cases to dispose; the reporter's disposals to verify; the street's registers to sign off.
 */
export const gridManagementTodo: TodoSource = {
  key: 'grid-management',
  roles: ['community_worker', 'street_dispatcher', 'dept_handler'],
  load: async ({ queryClient, roles }) => {
    const fetch = (key: string, fn: () => Promise<number>) =>
      queryClient.fetchQuery({ queryKey: ['todo', 'grid-management', key], queryFn: fn });
    const items: TodoItem[] = [];
    const add = (key: string, n: number, severity: TodoItem['severity'], to: string) => {
      if (n > 0)
        items.push({
          key,
          title: { key: `gridMgmt.todo.${key}`, values: { count: n } },
          count: n,
          severity,
          to,
        });
    };
    if (roles.includes('community_worker') || roles.includes('street_dispatcher')) {
      add(
        'manage',
        await fetch('manage', () => count({ side: 'owner', status: 'reported,registered,verified' })),
        'normal',
        TO_EVENTS,
      );
    }
    if (roles.includes('community_worker')) {
      add(
        'verify',
        await fetch('verify', () => count({ mine: true, status: 'disposed' })),
        'normal',
        TO_EVENTS,
      );
    }
    if (
      roles.includes('community_worker') ||
      roles.includes('dept_handler') ||
      roles.includes('street_dispatcher')
    ) {
      add(
        'handle',
        await fetch('handle', () => count({ side: 'handler', status: 'dispatched' })),
        'dueSoon',
        TO_EVENTS,
      );
    }
    if (roles.includes('street_dispatcher')) {
      const registers = await fetch('sign-off', () =>
        api<Items<RegisterSummary>>('/api/problem-registers', { query: { status: 'submitted' } }).then(
          (r) => r.items.length,
        ),
      );
      add('signOff', registers, 'normal', '/grid-management?tab=register');
    }
    return items;
  },
};
