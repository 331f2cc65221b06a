import type { QueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { fetchWorkbenchCounts } from '../api/demand-queries.ts';
import type { WorkbenchCounts } from '../api/demand-types.ts';
import { fetchUnits, keys } from '../api/queries.ts';
import { fetchPlans, fetchReminders } from '../api/task-queries.ts';
import type { UnmatchedName } from '../api/task-types.ts';
import type { AuditVerifyResult, Items, Me, Role } from '../api/types.ts';
import { gridManagementTodo } from '../pages/grid-management/todo-source.ts';
import { fetchMyEvents, gridKeys } from '../pages/grid-work/grid-work-api.ts';
import { fetchWhistles } from '../pages/whistles/whistles-api.ts';
import { ME_KEY } from './session.ts';

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
  load: (ctx: { queryClient: QueryClient; roles: readonly Role[] }) => Promise<TodoItem[]>;
}

const HOTLINE: Role[] = ['hotline_operator', 'district_admin'];
const OWNERS: Role[] = ['street_dispatcher', 'dept_handler', 'community_worker', 'district_admin'];
const WATCHERS: Role[] = ['supervisor', 'hotline_operator', 'district_admin'];
const DISTRICT_WIDE: Role[] = ['district_admin', 'hotline_operator', 'supervisor', 'auditor'];

/** One demand queue of GET /api/demands/workbench: who works it and the list that shows it. */
const DEMAND_QUEUES: {
  count: keyof WorkbenchCounts;
  key: string;
  roles: Role[];
  severity: TodoItem['severity'];
  filter: string;
  /** Owned work: handling units see their own list (mine). */
  owned?: boolean;
}[] = [
  {
    count: '已超期',
    key: 'overdue',
    roles: [...OWNERS, ...WATCHERS],
    severity: 'overdue',
    filter: 'dueState=overdue',
    owned: true,
  },
  {
    count: '即将超期',
    key: 'dueSoon',
    roles: [...OWNERS, ...WATCHERS],
    severity: 'dueSoon',
    filter: 'dueState=due_soon',
    owned: true,
  },
  {
    count: '待签收',
    key: 'toSign',
    roles: OWNERS,
    severity: 'normal',
    filter: 'status=dispatched',
    owned: true,
  },
  {
    count: '办理中',
    key: 'inProgress',
    roles: OWNERS,
    severity: 'normal',
    filter: 'status=in_progress',
    owned: true,
  },
  {
    count: '待派单',
    key: 'pendingDispatch',
    roles: HOTLINE,
    severity: 'normal',
    filter: 'status=pending_dispatch',
  },
  { count: '退单待审', key: 'returned', roles: HOTLINE, severity: 'normal', filter: 'status=returned' },
  { count: '待回访', key: 'toCallback', roles: HOTLINE, severity: 'normal', filter: 'status=replied' },
  {
    count: '延期待审',
    key: 'extension',
    roles: HOTLINE,
    severity: 'normal',
    filter: 'status=dispatched,in_progress',
  },
  { count: '申诉待审', key: 'appeal', roles: HOTLINE, severity: 'normal', filter: 'status=replied,closed' },
];

export const TODO_SOURCES: TodoSource[] = [
  {
    // 接诉即办: each queue with work in it links to its filtered list.
    key: 'demands',
    roles: [...new Set([...OWNERS, ...WATCHERS])],
    load: async ({ queryClient, roles }) => {
      const counts = await queryClient.fetchQuery({
        queryKey: ['demands', 'workbench'],
        queryFn: fetchWorkbenchCounts,
        staleTime: 10_000,
      });
      const districtWide = roles.some((r) => DISTRICT_WIDE.includes(r));
      return DEMAND_QUEUES.filter((q) => counts[q.count] > 0 && q.roles.some((r) => roles.includes(r))).map(
        (q) => ({
          key: `demands-${q.key}`,
          title: { key: `workbench.demandQueues.${q.key}`, values: { count: counts[q.count] } },
          count: counts[q.count],
          severity: q.severity,
          to: `/demands?${q.filter}${q.owned && !districtWide ? '&mine=1' : ''}`,
        }),
      );
    },
  },
  {
    // 督查督办 for the supervision office: overdue and at-risk tasks per plan, names to map.
    key: 'task-plans',
    roles: ['supervisor', 'district_admin'],
    load: async ({ queryClient }) => {
      const [plans, unmatched] = await Promise.all([
        queryClient.fetchQuery({ queryKey: ['tasks', 'plans'], queryFn: fetchPlans }),
        queryClient.fetchQuery({
          queryKey: ['tasks', 'unmatched'],
          queryFn: () => api<Items<UnmatchedName>>('/api/task-unit-names/unmatched').then((r) => r.items),
        }),
      ]);
      const items: TodoItem[] = [];
      for (const p of plans) {
        const overdue = p.counts.overdue ?? 0;
        const atRisk = p.counts.at_risk ?? 0;
        if (overdue > 0)
          items.push({
            key: `plan-overdue-${p.id}`,
            title: { key: 'workbench.planOverdue', values: { count: overdue, title: p.title } },
            count: overdue,
            severity: 'overdue',
            to: `/tasks/plans/${p.id}`,
          });
        if (atRisk > 0)
          items.push({
            key: `plan-risk-${p.id}`,
            title: { key: 'workbench.planAtRisk', values: { count: atRisk, title: p.title } },
            count: atRisk,
            severity: 'dueSoon',
            to: `/tasks/plans/${p.id}`,
          });
      }
      if (unmatched.length > 0)
        items.push({
          key: 'unit-names',
          title: { key: 'workbench.unitNamesTodo', values: { count: unmatched.length } },
          count: unmatched.length,
          severity: 'normal',
          to: '/tasks/unit-names',
        });
      return items;
    },
  },
  {
    // 督查督办 for the supervised units: their reminders (临期提醒) and overdue notices (催办).
    key: 'task-reminders',
    roles: ['dept_handler', 'street_dispatcher'],
    load: async ({ queryClient }) => {
      const reminders = await queryClient.fetchQuery({
        queryKey: ['tasks', 'reminders'],
        queryFn: fetchReminders,
      });
      const overdue = new Set(reminders.filter((r) => r.kind === 'overdue').map((r) => r.taskId)).size;
      const dueSoon = new Set(reminders.filter((r) => r.kind === 'due_soon').map((r) => r.taskId)).size;
      const items: TodoItem[] = [];
      if (overdue > 0)
        items.push({
          key: 'task-overdue',
          title: { key: 'workbench.tasksOverdue', values: { count: overdue } },
          count: overdue,
          severity: 'overdue',
          to: '/tasks',
        });
      if (dueSoon > 0)
        items.push({
          key: 'task-due-soon',
          title: { key: 'workbench.tasksDueSoon', values: { count: dueSoon } },
          count: dueSoon,
          severity: 'dueSoon',
          to: '/tasks',
        });
      return items;
    },
  },
  {
    // 网格化管理 for the grid worker: disposed events they reported wait for their 核查.
    key: 'grid-work',
    roles: ['grid_worker'],
    load: async ({ queryClient }) => {
      const events = await queryClient.fetchQuery({ queryKey: gridKeys.mine, queryFn: fetchMyEvents });
      const items: TodoItem[] = [];
      const toVerify = events.filter((e) => e.status === 'disposed').length;
      if (toVerify > 0)
        items.push({
          key: 'grid-verify',
          title: { key: 'gridWork.todoVerify', values: { count: toVerify } },
          count: toVerify,
          severity: 'normal',
          to: '/grid-work?tab=mine',
        });
      return items;
    },
  },
  // 网格管理: cases to register/dispatch/close, dispose, verify; registers to sign off
  gridManagementTodo,
  {
    // 吹哨报到: summoned departments check in (待报到); blowers close whistles in action (待结束).
    key: 'whistles',
    roles: ['dept_handler', 'street_dispatcher', 'community_worker'],
    load: async ({ queryClient, roles }) => {
      const items: TodoItem[] = [];
      if (roles.includes('dept_handler')) {
        const me = queryClient.getQueryData<Me | null>(ME_KEY);
        const summoned = await queryClient.fetchQuery({
          queryKey: ['whistles', 'list', 'summoned-open'],
          queryFn: () => fetchWhistles('summoned', 'summoning,acting'),
        });
        const waiting = summoned.filter((w) =>
          w.summons.some(
            (s) => !s.checkedInAt && !s.noShow && s.code !== null && s.code === me?.user.unit.code,
          ),
        ).length;
        if (waiting > 0)
          items.push({
            key: 'whistles-check-in',
            title: { key: 'whistles.todoCheckIn', values: { count: waiting } },
            count: waiting,
            severity: 'dueSoon',
            to: '/whistles',
          });
      }
      if (roles.includes('street_dispatcher') || roles.includes('community_worker')) {
        const acting = await queryClient.fetchQuery({
          queryKey: ['whistles', 'list', 'blown-acting'],
          queryFn: () => fetchWhistles('blown', 'acting'),
        });
        if (acting.length > 0)
          items.push({
            key: 'whistles-close',
            title: { key: 'whistles.todoClose', values: { count: acting.length } },
            count: acting.length,
            severity: 'normal',
            to: '/whistles',
          });
      }
      return items;
    },
  },
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
