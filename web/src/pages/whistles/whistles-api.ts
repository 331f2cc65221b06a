import { api } from '../../api/client.ts';
import type { Items } from '../../api/types.ts';

export interface Summons {
  id: string;
  kind: 'unit' | 'party_member';
  code: string | null;
  name: string;
  checkedInAt: string | null;
  late: boolean;
  noShow: boolean;
  actionCount: number;
  rating: { score: number; comment: string | null } | null;
}

export interface Whistle {
  id: string;
  code: string;
  level: 'street' | 'community';
  blower: string;
  title: string;
  description: string;
  address: string | null;
  reportDueAt: string;
  actDueAt: string;
  status: 'summoning' | 'acting' | 'closed' | 'cancelled';
  statusName: string;
  summons: Summons[];
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
}

export interface WhistleStep {
  seq: number;
  type: string;
  name: string;
  at: string;
  actor: string;
  note: string | null;
}

export interface WhistleDetail extends Whistle {
  steps: WhistleStep[];
  allowedActions: string[];
  /** The summons the caller may check in / record actions for. */
  respondFor: string[];
}

export interface UnitMeasures {
  unit: { code: string; name: string };
  summoned: number;
  onTime: number;
  late: number;
  noShow: number;
  pending: number;
  onTimeRate: number | null;
  averageScore: number | null;
}

export interface BlowerMeasures {
  unit: { id: string; name: string; level: string };
  blown: number;
  cancelled: number;
  closed: number;
  closedOnTime: number;
  openOverdue: number;
  averageClosureHours: number | null;
}

export const whistleKeys = {
  all: ['whistles'] as const,
  list: (side: string) => ['whistles', 'list', side] as const,
  detail: (id: string) => ['whistles', 'detail', id] as const,
};

export const fetchWhistles = (side?: 'blown' | 'summoned', status?: string) =>
  api<Items<Whistle>>('/api/whistles', { query: { side, status, limit: 200 } }).then((r) => r.items);

/** GET /api/party-members: the registered party members a community may summon (phones masked). */
export interface PartyMember {
  id: string;
  name: string;
  phone: string | null;
  workUnit: string | null;
  hasAccount: boolean;
}

export const fetchPartyMembers = () => api<Items<PartyMember>>('/api/party-members').then((r) => r.items);
