import type { QueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { fetchUnits, keys } from '../api/queries.ts';
import type { AuditVerifyResult, Role } from '../api/types.ts';

/** One line of a person's to-do list on the workbench. */
export interface TodoItem {
  key: string;
  /** i18n key and values of the line's text (translated when shown, so a language switch applies). */
  title: { key: string; values?: Record<string, string | number> };
  /** How many things wait behind this line. */
  count: number;
  severity: 'overdue' | 'dueSoon' | 'normal';
  /** Where to go to deal with it. */
  to: string;
}

/**
 * Something that may have work waiting for people with one of `roles`. Each capability adds its own
 * source (demands: 待签收/待办理/即将超期/已超期/待回访; grid work: 待核查; tasks: 督办 …); the workbench
 * asks every source that fits the person's roles and shows "暂无待办事项" when none has anything.
 */
export interface TodoSource {
  key: string;
  roles: readonly Role[];
  load: (ctx: { queryClient: QueryClient }) => Promise<TodoItem[]>;
}

export const TODO_SOURCES: TodoSource[] = [
  {
    // Staffing and funding rules read households and population: demo values must be confirmed.
    key: 'demo-attributes',
    roles: ['district_admin'],
    load: async ({ queryClient }) => {
      const communities = await queryClient.fetchQuery({
        queryKey: keys.units({ level: 'community' }),
        queryFn: () => fetchUnits({ level: 'community' }),
      });
      const demo = communities.filter((c) => c.attrsAreDemo);
      if (demo.length === 0) return [];
      return [
        {
          key: 'demo-attributes',
          title: { key: 'workbench.demoAttrsTodo', values: { count: demo.length } },
          count: demo.length,
          severity: 'normal',
          to: demo[0] ? `/jurisdiction/${demo[0].code}` : '/jurisdiction',
        },
      ];
    },
  },
  {
    key: 'audit-chain',
    roles: ['auditor'],
    load: async ({ queryClient }) => {
      const result = await queryClient.fetchQuery({
        queryKey: ['audit-verify'],
        queryFn: () => api<AuditVerifyResult>('/api/audit/verify'),
      });
      if (result.ok) return [];
      return [
        {
          key: 'audit-chain',
          title: { key: 'workbench.auditBrokenTodo', values: { count: result.problems.length } },
          count: result.problems.length,
          severity: 'overdue',
          to: '/audit',
        },
      ];
    },
  },
];
