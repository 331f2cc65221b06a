/**
 * Shapes of the demand (接诉即办), dashboard and public-portal API responses (mirror the server's
 * views in src/demands/present-demand.ts, suggest route, dashboard-stats.ts and src/public-portal).
 */

export const DEMAND_TYPES = ['咨询', '求助', '投诉', '举报', '建议', '表扬'] as const;
export type DemandType = (typeof DEMAND_TYPES)[number];

export const DEMAND_STATUSES = [
  'pending_dispatch',
  'dispatched',
  'in_progress',
  'returned',
  'replied',
  'closed',
  'answered',
  'refused',
  'merged',
] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

export const ACTION_KINDS = [
  'dispatch',
  'sign',
  'contact',
  'reply',
  'callback',
  'close',
  'return',
  'review_return',
  'redispatch',
  'add_co',
  'request_extension',
  'review_extension',
  'escalate',
  'reopen',
  'appeal',
  'review_appeal',
  'merge',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const REFUSAL_REASONS = [
  'emergency',
  'litigation',
  'repeat',
  'secret',
  'outside_remit',
  'unlawful',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const SATISFACTION = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];

export interface DemandView {
  id: string;
  code: string;
  channel: string;
  type: string;
  urgency: 'normal' | 'urgent' | string;
  content: string;
  category: { code: string; name: string } | null;
  caller: { name: string | null; phone: string | null; masked: boolean };
  address: string | null;
  point: { lng: number; lat: number } | null;
  status: DemandStatus;
  statusName: string;
  ownerUnitId: string | null;
  dueAt: string | null;
  signDueAt: string | null;
  /** Mon–Fri assumed for a year without holiday data; recomputed when it is imported. */
  deadlineProvisional?: boolean;
  dueState: 'ok' | 'due_soon' | 'overdue' | 'expired' | string;
  escalated: boolean;
  createdAt: string;
  closedAt: string | null;
}

export interface DemandEvent {
  seq: number;
  type: string;
  at: string;
  actor: string;
  unitId: string | null;
  note: string | null;
  data: Record<string, unknown>;
}

export interface DemandDetail extends DemandView {
  events: DemandEvent[];
  allowedActions: ActionKind[];
}

export interface UnitBrief {
  id: string;
  code: string;
  name: string;
  path?: string;
}

export interface DemandSuggestion {
  location: {
    grid: UnitBrief | null;
    community: UnitBrief | null;
    street: UnitBrief | null;
    method: 'point' | 'address';
  } | null;
  categories: {
    category: string;
    score: number;
    name: string;
    path: string;
    why: { tokens: { token: string; weight: number }[] };
  }[];
  chosenCategory: { code: string; name: string; path: string } | null;
  route: {
    owner: UnitBrief;
    co: UnitBrief[];
    kind: string;
    roundTheClock: boolean;
    why: string[];
  };
  duplicates: DemandView[];
  refusalHints: { reason: RefusalReason; message: string; matched: string }[];
}

export interface DemandCategory {
  code: string;
  name: string;
  path: string;
  parentCode: string;
  keywords: string[];
}

/** GET /api/demands/workbench (keys are the server's Chinese names). */
export interface WorkbenchCounts {
  待派单: number;
  待签收: number;
  办理中: number;
  即将超期: number;
  已超期: number;
  退单待审: number;
  待回访: number;
  延期待审: number;
  申诉待审: number;
}

export interface Rates {
  dispatched: number;
  responded: number;
  lateOrMissed: number;
  responseRate: number | null;
  callbacks: number;
  resolved: number;
  resolutionRate: number | null;
  rated: number;
  satisfied: number;
  satisfactionRate: number | null;
  appealsExcluded: number;
  composite: number | null;
}

export interface RankingRow {
  rank: number | null;
  code: string;
  name: string;
  dispatched: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  composite: number | null;
  appealsExcluded?: number;
}

export interface Ranking {
  period: string;
  level: 'street' | 'department';
  weights: { response: number; resolution: number; satisfaction: number };
  profileId: string;
  rows: RankingRow[];
}

export interface DashboardStats {
  period: string;
  from: string;
  to: string;
  received: { total: number; previousTotal: number; byStatus: Record<string, number> };
  now: { open: number; overdue: number; dueSoon: number; pendingDispatch: number; awaitingCallback: number };
  rates: Rates;
  byCategory: { code: string; name: string; count: number }[];
  byChannel: { channel: string; count: number }[];
  daily: { date: string; received: number; closed: number }[];
  grids: { code: string; name: string; count: number; overdue: number }[];
}

export interface HotSpot {
  categoryCode: string;
  categoryName: string;
  communityId: string | null;
  communityName: string | null;
  count: number;
  previous: number;
  spike: boolean;
}

/** The public portal (no log-in). */
export interface PortalInfo {
  district: { code: string; name: string; fullName: string };
  demandTypes: string[];
  formToken: string;
  minFillSeconds: number;
}

export interface PublicSubmitted {
  code: string;
  status: string;
  statusName: string;
  createdAt: string;
  replayed: boolean;
}

export interface PublicTrack {
  code: string;
  type: string;
  category: string | null;
  status: DemandStatus;
  statusName: string;
  createdAt: string;
  dueAt: string | null;
  closedAt: string | null;
  steps: { type: string; at: string }[];
}

export interface PublicStatistics {
  district: { code: string; name: string };
  period: string;
  weights: { response: number; resolution: number; satisfaction: number };
  totals: { dispatched: number; callbacks: number; resolved: number; satisfied: number; rated: number };
  streets: RankingRow[];
}
