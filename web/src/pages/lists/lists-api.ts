import { type QueryKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type RequestOptions } from '../../api/client.ts';
import { useUnits } from '../../api/queries.ts';
import type { Items, Role } from '../../api/types.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';

/**
 * What the 清单与政策 screens read of the API (src/lists/**\/present*.ts, src/policy/views.ts are the
 * source of truth) and who may do what (mirrors src/lists/policy.ts and src/policy/policy.ts; the
 * server still decides every request).
 */

export const LIST_KINDS = [
  'street_duty',
  'street_access',
  'community_access',
  'department_responsibility',
  'service_catalog',
] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export interface ListVersion {
  id: string;
  kind: ListKind;
  kindName: string;
  scopeCode: string;
  versionNo: number;
  title: string;
  approvingDocument: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  itemCount?: number;
}
export interface ServiceDetails {
  conditions: string;
  materials: string[];
  timeLimit: { amount: number; unit: 'working_days' | 'working_hours' };
  whereHandled: string;
  proxyAllowed: boolean;
}
export interface Transfers {
  authority?: string;
  staff?: string;
  funds?: string;
}
export interface ListItem {
  id: string;
  itemCode: string;
  name: string;
  category: string | null;
  basis: string | null;
  details: ServiceDetails | null;
  transfers: Transfers | null;
}
export interface Target {
  code: string;
  name: string;
  level: 'street' | 'community';
  streetCode: string | null;
  streetName: string | null;
}
export interface WorkRequest {
  id: string;
  fromUnitCode: string;
  fromUnitName: string;
  targetCode: string;
  targetLevel: 'street' | 'community';
  title: string;
  content: string;
  citedItemCode: string | null;
  status: 'accepted' | 'refused';
  refusalMessage: string | null;
  noticeNo: string | null;
  dueDate: string | null;
  acknowledgedAt: string | null;
  createdBy: string;
  createdAt: string;
}
export interface Proposal {
  id: string;
  listKind: ListKind;
  scopeCode: string;
  proposedByUnitCode: string;
  /** The proposer's log-in, and display name. */
  proposedBy: string;
  proposedByName: string;
  item: { itemCode?: string; name: string; category: string | null; basis: string | null };
  transfers: Transfers;
  status: 'pending' | 'approved' | 'rejected';
  approval: { approvingBody: string; document: string; approvedOn: string; decidedBy: string } | null;
  rejectionReason: string | null;
  resultItemCode: string | null;
  createdAt: string;
}
export interface FormRegistration {
  id: string;
  departmentCode: string;
  departmentName: string;
  communityCode: string;
  name: string;
  formKind: 'report' | 'system';
  frequency: string | null;
  status: 'active' | 'retired';
  createdAt: string;
}
export interface MeetingRegistration {
  id: string;
  organiserName: string;
  title: string;
  heldOn: string;
  communityCodes: string[];
  attendeesPerCommunity: number;
  reason: string;
}
export interface OneTimeNotice {
  title: string;
  itemCode: string;
  itemName: string;
  conditions: string;
  materials: { name: string; provided: boolean }[];
  missing: string[];
  timeLimit: string;
  whereHandled: string;
  text: string;
}
export interface ServiceCase {
  id: string;
  stationCode: string;
  itemCode: string;
  itemName: string;
  channel: 'window' | 'appointment' | 'proxy';
  status: 'appointed' | 'notified' | 'accepted' | 'completed' | 'cancelled';
  applicantName: string;
  applicantPhone: string | null;
  proxyAgent: string | null;
  /** 首问负责人: log-in, user id and display name. */
  firstResponder: string;
  firstResponderId: string | null;
  firstResponderName: string;
  appointmentAt: string | null;
  missingMaterials: string[];
  timeLimit: ServiceDetails['timeLimit'];
  acceptedAt: string | null;
  dueAt: string | null;
  overdue: boolean;
  remaining: number | null;
  completedAt: string | null;
  completedOnTime: boolean | null;
  result: string | null;
}

/** src/lists/policy.ts */
export const FILE_ROLES: Role[] = ['dept_handler', 'street_dispatcher', 'district_admin'];
export const ACK_ROLES: Role[] = ['community_worker', 'street_dispatcher', 'district_admin'];
export const FORM_ROLES: Role[] = ['dept_handler', 'district_admin'];
export const BURDEN_ROLES: Role[] = [
  'district_admin',
  'street_dispatcher',
  'community_worker',
  'supervisor',
  'auditor',
];
/** readMeetings: the burden report's readers, and departments (the meetings they registered). */
export const MEETING_READ_ROLES: Role[] = [...BURDEN_ROLES, 'dept_handler'];
export const SERVE_ROLES: Role[] = ['community_worker', 'street_dispatcher', 'district_admin'];
export const SERVICE_READ_ROLES: Role[] = [...SERVE_ROLES, 'supervisor', 'auditor'];
export const ADMIN: Role[] = ['district_admin'];
/** src/policy/policy.ts readReport */
export const REPORT_ROLES: Role[] = ['district_admin', 'street_dispatcher', 'supervisor', 'auditor'];

export function useCan(roles: readonly Role[]): boolean {
  return hasAnyRole(useMe().data, roles);
}

/** Every query of these screens starts with this key, so one action refreshes them all. */
export const LP = 'lists-policy';
/** …together with the older read-only tabs' keys. */
const REFRESHED = [LP, 'policy', 'lists', 'burden-report'];

export function useLp<T>(path: string, query: RequestOptions['query'] = {}, enabled = true) {
  return useQuery({
    queryKey: [LP, path, query] as QueryKey,
    queryFn: () => api<T>(path, { query }),
    enabled,
  });
}

/** The streets and communities the caller may address (departments: the whole district). */
export function useTargets(enabled = true) {
  return useQuery({
    queryKey: [LP, 'targets'],
    queryFn: () => api<Items<Target>>('/api/work-requests/targets').then((r) => r.items),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** code → name of the streets and communities the caller can see (for tables that carry codes). */
export function useUnitNames(): (code: string) => string {
  const canFile = useCan(FILE_ROLES);
  const targets = useTargets(canFile);
  const streets = useUnits({ level: 'street' }, !canFile);
  const communities = useUnits({ level: 'community' }, !canFile);
  const names = new Map<string, string>();
  for (const u of [...(targets.data ?? []), ...(streets.data ?? []), ...(communities.data ?? [])])
    names.set(u.code, u.name);
  return (code) => names.get(code) ?? code;
}

/** The list of `kind` in force for a unit (its own, its street's or the district's). */
export function useEffectiveList(kind: ListKind, unit: string | undefined) {
  return useQuery({
    queryKey: [LP, 'effective', kind, unit],
    queryFn: () =>
      api<{ version: ListVersion; items: ListItem[] }>('/api/lists/effective', { query: { kind, unit } }),
    enabled: Boolean(unit),
    retry: false,
  });
}

/**
 * A write that refreshes every list/policy query. `silent` leaves the error to the screen (shown
 * inline, e.g. a refusal with its rule); otherwise the app's notification tells the person why.
 */
export function useLpAction<B, R = unknown>(
  method: 'POST' | 'PUT' | 'DELETE' = 'POST',
  options: { silent?: boolean; successText?: string | false } = {},
) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: ({ path, body, query }: { path: string; body?: B; query?: RequestOptions['query'] }) =>
      api<R>(path, { method, body, query }),
    meta: { silent: options.silent ?? false },
    onSuccess: () => {
      if (options.successText !== false) void message.success(options.successText ?? t('listsPolicy.saved'));
    },
    // a refusal is recorded too (it counts in the burden report): refresh either way
    onSettled: () => {
      void queryClient.invalidateQueries({ predicate: (q) => REFRESHED.includes(String(q.queryKey[0])) });
    },
  });
}

/** Today in Beijing, YYYY-MM-DD. */
export const beijingToday = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
