import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Items, Role } from '../../api/types.ts';
import type { Attachment, GridEvent, PatrolEntry } from '../grid-work/grid-work-api.ts';

/**
 * Shapes and queries of the grid-management screens (mirrors src/grid-work/present-grid-event.ts,
 * present-grid-work.ts, register-view.ts and staffing.ts).
 */

/** A grid event as listed, with what the list view adds beyond the grid worker's. */
export interface ManagedEvent extends GridEvent {
  level: 'community' | 'street';
  extensionPending: boolean;
  demand: { id: string; code: string | null } | null;
}

export type EventActionKind =
  | 'close_on_spot'
  | 'register'
  | 'reject'
  | 'escalate'
  | 'dispatch'
  | 'request_extension'
  | 'review_extension'
  | 'dispose'
  | 'verify'
  | 'close';

export interface EventStep {
  seq: number;
  type: string;
  name: string;
  at: string;
  actor: string;
  note: string | null;
  data: Record<string, unknown>;
}

/** GET /api/grid-events/:id: the case, its timeline and only the actions the caller may take now. */
export interface EventDetail extends ManagedEvent {
  steps: EventStep[];
  allowedActions: EventActionKind[];
  whistles: { id: string; code: string; title: string; status: string }[];
}

export interface PatrolSheet {
  community: { code: string; name: string };
  streetName: string | null;
  month: string;
  status: 'open' | 'signed';
  entries: PatrolEntry[];
  totals: { workerName: string; days: number; hours: number; householdsVisited: number }[];
  signature: {
    signedBy: string;
    title: string;
    opinion: string;
    signedAt: string;
    contentHash: string;
    entryCount: number;
  } | null;
  intact: boolean | null;
  maySign?: boolean;
}

export type RegisterAction = 'add_item' | 'report_major' | 'draft_from_events' | 'submit' | 'sign_off';

export interface ProblemItem {
  id: string;
  kind: 'problem' | 'suggestion';
  kindName: string;
  content: string;
  gridCode: string | null;
  gridEventIds: string[];
  reportedBy: string;
  major: boolean;
  status: 'draft' | 'submitted' | 'assigned' | 'resolved';
  responsibleLeader: string | null;
  approvedBy: string | null;
  assignedAt: string | null;
  result: string | null;
  resolvedAt: string | null;
  createdAt: string;
  allowedActions?: ('assign' | 'resolve')[];
}

export interface ProblemRegister {
  id: string | null;
  community: { code: string; name: string };
  streetName: string | null;
  month: string;
  status: 'draft' | 'submitted' | 'signed_off';
  submittedAt: string | null;
  submittedBy: string | null;
  signedOffAt: string | null;
  signedOffLeader: string | null;
  items: ProblemItem[];
  majorItems: ProblemItem[];
  allowedActions: RegisterAction[];
}

export interface RegisterSummary {
  id: string;
  month: string;
  status: ProblemRegister['status'];
  communityPath: string;
  submittedAt: string | null;
}

export interface StaffingRow {
  code: string;
  name: string;
  streetName: string | null;
  households: number | null;
  flags: string[];
  attrsAreDemo: boolean;
  gridWorkersAssigned: number;
  required: number | null;
  householdsPerWorker: number | null;
  reducedRatioApplied: boolean;
  gap: number | null;
  understaffed: boolean;
  source: string | null;
  note: string | null;
}

export interface StaffingReport {
  profileName: string;
  rows: StaffingRow[];
  understaffed: StaffingRow[];
  totals: { communities: number; required: number; assigned: number; understaffed: number };
}

export interface EventFilter {
  side?: 'owner' | 'handler' | undefined;
  status?: string | undefined;
  overdue?: boolean | undefined;
}

export const mgmtKeys = {
  all: ['grid-management'] as const,
  events: (f: EventFilter) => ['grid-management', 'events', f] as const,
  event: (id: string) => ['grid-management', 'event', id] as const,
  sheet: (community: string, month: string) => ['grid-management', 'sheet', community, month] as const,
  register: (community: string, month: string) => ['grid-management', 'register', community, month] as const,
  pending: ['grid-management', 'register', 'pending'] as const,
  staffing: ['grid-management', 'staffing'] as const,
};

/** The event list's query (the Excel export sends the same with format=xlsx). */
export const eventQuery = (f: EventFilter) => ({
  side: f.side,
  status: f.status,
  overdue: f.overdue || undefined,
  limit: 500,
});

export function useManagedEvents(f: EventFilter) {
  return useQuery({
    queryKey: mgmtKeys.events(f),
    queryFn: () =>
      api<Items<ManagedEvent>>('/api/grid-events', { query: eventQuery(f) }).then((r) => r.items),
  });
}

export function useEventDetail(id: string) {
  return useQuery({
    queryKey: mgmtKeys.event(id),
    queryFn: () => api<EventDetail>(`/api/grid-events/${id}`),
  });
}

export function usePatrolSheet(community: string | undefined, month: string) {
  return useQuery({
    queryKey: mgmtKeys.sheet(community ?? '', month),
    queryFn: () => api<PatrolSheet>(`/api/patrol-sheets/${community}/${month}`),
    enabled: Boolean(community),
  });
}

export function useRegister(community: string | undefined, month: string) {
  return useQuery({
    queryKey: mgmtKeys.register(community ?? '', month),
    queryFn: () => api<ProblemRegister>(`/api/problem-registers/${community}/${month}`),
    enabled: Boolean(community),
  });
}

/** The registers waiting for the street's sign-off, and major items waiting for a leader. */
export function usePendingForStreet(enabled: boolean) {
  return useQuery({
    queryKey: mgmtKeys.pending,
    enabled,
    queryFn: async () => {
      const [registers, major] = await Promise.all([
        api<Items<RegisterSummary>>('/api/problem-registers', { query: { status: 'submitted' } }),
        api<Items<ProblemItem & { communityPath?: string }>>('/api/problem-items/major'),
      ]);
      return { registers: registers.items, major: major.items };
    },
  });
}

export function useStaffing() {
  return useQuery({
    queryKey: mgmtKeys.staffing,
    queryFn: () => api<StaffingReport>('/api/grid-work/staffing'),
  });
}

/** The last code of a path: /110107/110107001/110107001003/ → 110107001003. */
export const codeOfPath = (path: string): string => path.split('/').filter(Boolean).at(-1) ?? '';

/** Roles of each tab (mirror src/grid-work/policy.ts; the server decides every request). */
export const TAB_ROLES: Record<
  'events' | 'patrol' | 'register' | 'staffing' | 'posts' | 'indicators',
  readonly Role[]
> = {
  events: [
    'community_worker',
    'street_dispatcher',
    'dept_handler',
    'district_admin',
    'supervisor',
    'auditor',
  ],
  patrol: ['community_worker', 'street_dispatcher', 'district_admin', 'supervisor', 'auditor'],
  register: ['community_worker', 'street_dispatcher', 'district_admin', 'supervisor', 'auditor'],
  staffing: ['community_worker', 'street_dispatcher', 'district_admin', 'supervisor', 'auditor'],
  // who may assign is told by the list itself (`may`); these roles may look
  posts: ['community_worker', 'street_dispatcher', 'district_admin', 'supervisor', 'auditor'],
  indicators: [
    'community_worker',
    'street_dispatcher',
    'dept_handler',
    'district_admin',
    'supervisor',
    'auditor',
  ],
};

export type { Attachment };
