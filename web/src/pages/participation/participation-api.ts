import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type RequestOptions } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import type { Items, Role } from '../../api/types.ts';

/** What the participation screens read of the API (src/participation/*\/present.ts is the source of truth). */

export interface Person {
  name: string;
  phone: string | null;
  idNumber: string | null;
}

export interface PartyMember extends Person {
  id: string;
  community: { code: string; name: string };
  kind: 'in_service' | 'retired' | 'other';
  kindName: string;
  unitCode: string | null;
  workUnit: string | null;
  skills: string | null;
  registeredOn: string;
  leftOn: string | null;
  active: boolean;
}

export interface Service {
  id: string;
  personId: string;
  title: string;
  kindName: string | null;
  servedOn: string;
  hours: number;
  status: 'pending' | 'confirmed' | 'rejected';
  recordedBy: string;
  person?: Person | null;
}

export interface ReportInRow {
  unit: { code: string; name: string; level: string };
  street: { code: string; name: string };
  declared: number;
  registered: number;
  reportInRate: number | null;
  serving: number;
  serviceRate: number | null;
  confirmedHours: number;
  whistleSummoned: number;
  whistleCheckedIn: number;
  overDeclared: boolean;
}

export interface UnitRegistration {
  id: string;
  unit: { code: string; name: string; level: string };
  street: { code: string; name: string };
  inServiceMembers: number;
  registeredOn: string;
}

export interface Volunteer extends Person {
  id: string;
  community: { code: string; name: string };
  skills: string | null;
  registeredOn: string;
  active: boolean;
  confirmedHours: number;
}

export interface Team {
  id: string;
  communityName: string;
  name: string;
  serviceType: string;
  memberCount: number;
}

export interface Provenance {
  source: string;
  profileId: string;
  fellBackToGeneric: boolean;
  overridden: boolean;
}

export interface RateReport {
  asOf: string;
  target: number;
  rule: Provenance;
  below: number;
  total: { population: number | null; volunteers: number; rate: number | null };
  rows: {
    community: { code: string; name: string };
    street: { code: string; name: string };
    population: number | null;
    populationIsDemo: boolean;
    volunteers: number;
    rate: number | null;
    required: number | null;
    meets: boolean | null;
    shortfall: number | null;
  }[];
}

export interface Topic {
  id: string;
  code: string;
  community: { code: string; name: string };
  title: string;
  description: string;
  origin: 'resident' | 'project';
  proposerName: string | null;
  supportThreshold: number;
  supportCount: number;
  status: string;
  statusName: string;
  projectId: string | null;
  createdAt: string;
}

export interface Resolution {
  id: string;
  meetingId: string;
  topicId: string | null;
  content: string;
  decision: 'adopted' | 'not_adopted';
  kind: 'project' | 'task';
  ownerUnitName: string | null;
  ownerName: string;
  dueOn: string | null;
  overdue: boolean;
  status: 'open' | 'in_progress' | 'done';
  projectId: string | null;
  followUps: { at: string; by: string; note: string; done: boolean }[];
  communityName?: string;
  meetingTitle?: string;
}

export interface Meeting {
  id: string;
  community: { code: string; name: string };
  kindName: string;
  title: string;
  plannedAt: string;
  place: string | null;
  status: 'scheduled' | 'held' | 'cancelled';
  heldAt: string | null;
  minutes: string | null;
  presentCount: number;
  attendance: { name: string; category: string; present: boolean }[];
}

export interface MeetingDetail extends Meeting {
  topics: Topic[];
  resolutions: Resolution[];
}

export interface CadenceReport {
  rule: Provenance & { period: string; minTimes: number };
  periods: { key: string; label: string }[];
  rows: {
    community: { code: string; name: string };
    street: { name: string };
    periods: { key: string; held: number; status: 'met' | 'missed' | 'open' }[];
    missed: string[];
  }[];
  missing: { code: string; name: string; street: string; missed: string[] }[];
}

export interface Project {
  id: string;
  code: string;
  parentId: string | null;
  unit: { code: string; name: string };
  title: string;
  description: string;
  ownerUnitName: string | null;
  budgetYuan: number | null;
  status: string;
  statusName: string;
  progress: number;
  satisfaction: number | null;
  createdAt: string;
}

export interface ProjectDetail extends Project {
  feasibility: string | null;
  evaluation: { participants: number; satisfaction: number; summary: string } | null;
  closingReason: string | null;
  milestones: {
    id: string;
    title: string;
    dueOn: string | null;
    weight: number;
    progress: number;
    lastNote: string | null;
  }[];
  children: Project[];
  steps: { seq: number; name: string; at: string; actor: string; note: string | null }[];
  demands: { id: string; code: string; content: string }[];
  topics: Topic[];
  allowedActions: string[];
}

/** Mirrors src/participation/policy.ts (the server decides every request). */
export const COMMUNITY_STAFF: readonly Role[] = ['community_worker', 'street_dispatcher', 'district_admin'];
export const UNIT_REGISTRARS: readonly Role[] = ['street_dispatcher', 'district_admin', 'dept_handler'];
/** Who reads units' report-in rates (a community has no units of its own to rate). */
export const UNIT_RATE_READERS: readonly Role[] = [
  'district_admin',
  'supervisor',
  'auditor',
  'street_dispatcher',
  'dept_handler',
];
export const REPORT_READERS: readonly Role[] = [
  'district_admin',
  'supervisor',
  'auditor',
  'street_dispatcher',
  'community_worker',
  'dept_handler',
];

export const P = '/api/participation';
export const pkeys = {
  all: ['participation'] as const,
  list: (path: string, q?: unknown) => ['participation', path, q] as const,
};

/** A participation list or report: GET P + path with a query. */
export function usePList<T>(path: string, query: RequestOptions['query'] = {}, enabled = true) {
  return useQuery({
    queryKey: pkeys.list(path, query),
    queryFn: () => api<T>(`${P}${path}`, { query }),
    enabled,
  });
}

export const itemsOf = <T>(r: Items<T> | undefined): T[] => r?.items ?? [];

/** A POST/PUT that refreshes every participation screen and says so (or shows the server's reason). */
export function usePAction<B>(method: 'POST' | 'PUT' = 'POST') {
  const queryClient = useQueryClient();
  const { message, notification } = App.useApp();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: B }) => api<unknown>(`${P}${path}`, { method, body }),
    onSuccess: () => {
      void message.success(t('participation.saved'));
      void queryClient.invalidateQueries({ queryKey: pkeys.all });
    },
    onError: (err) =>
      notification.error({ message: t('participation.failed'), description: errorText(t, err) }),
  });
}

/** Codes typed as one string, split on commas (either width) and spaces. */
export const codeList = (typed: unknown): string[] =>
  String(typed ?? '')
    .split(/[,，\s]+/)
    .filter(Boolean);

/** 0.125 → 12.5%. */
export const pct = (r: number | null | undefined): string =>
  r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`;

/** `YYYY-MM` of the Beijing month `offset` months from now. */
export const monthOffset = (offset = 0): string => {
  const b = new Date(Date.now() + 8 * 3600_000);
  return new Date(Date.UTC(b.getUTCFullYear(), b.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
};

/** A `datetime-local` value is Beijing wall-clock time. */
export const beijingIso = (local: string): string => new Date(`${local}:00+08:00`).toISOString();
