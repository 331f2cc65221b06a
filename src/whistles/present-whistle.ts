import { z } from 'zod';
import type { Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import {
  STATUS_NAMES,
  STEP_NAMES,
  type StepType,
  type SummonsState,
  type WhistleState,
} from './lifecycle.ts';
import { canRespond, isBlowerSide } from './perform-whistle-action.ts';
import type { WhistleRow, WhistleStepRow } from './tables.ts';

const Attachment = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number() });

export const SummonsView = z.object({
  id: z.string(),
  kind: z.enum(['unit', 'party_member']),
  code: z.string().nullable(),
  name: z.string(),
  checkedInAt: z.string().nullable(),
  late: z.boolean(),
  /** The report deadline passed (or the whistle ended) without a check-in. */
  noShow: z.boolean(),
  actionCount: z.number(),
  rating: z.object({ score: z.number(), comment: z.string().nullable() }).nullable(),
});

export const WhistleView = z.object({
  id: z.string(),
  code: z.string(),
  level: z.enum(['street', 'community']),
  blower: z.string(),
  title: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  point: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  reportDueAt: z.string(),
  actDueAt: z.string(),
  status: z.string(),
  statusName: z.string(),
  summons: z.array(SummonsView),
  demandIds: z.array(z.string()),
  gridEventIds: z.array(z.string()),
  attachments: z.array(Attachment),
  createdBy: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type WhistleView = z.infer<typeof WhistleView>;

export const WhistleStepView = z.object({
  seq: z.number(),
  type: z.string(),
  name: z.string(),
  at: z.string(),
  actor: z.string(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

function presentSummons(s: SummonsState, state: WhistleState, now: Date): z.infer<typeof SummonsView> {
  const ended = state.status === 'closed' || state.status === 'cancelled';
  const pastDue = state.reportDueAt !== null && now.getTime() > state.reportDueAt.getTime();
  return {
    id: s.id,
    kind: s.target.kind,
    code: s.target.kind === 'unit' ? s.target.code : null,
    name: s.target.name,
    checkedInAt: iso(s.checkedInAt),
    late: s.late,
    noShow: !s.checkedInAt && state.status !== 'cancelled' && (ended || pastDue),
    actionCount: s.actionCount,
    rating: s.rating,
  };
}

/** The allow-listed view of a whistle (from its folded state). */
export function presentWhistle(w: WhistleRow, state: WhistleState, now = new Date()): WhistleView {
  return {
    id: w.id,
    code: w.code,
    level: w.level,
    blower: w.blowerUnitName,
    title: w.title,
    description: w.description,
    address: w.address,
    point: w.lng !== null && w.lat !== null ? { lng: w.lng, lat: w.lat } : null,
    reportDueAt: w.reportDueAt.toISOString(),
    actDueAt: w.actDueAt.toISOString(),
    status: state.status,
    statusName: STATUS_NAMES[state.status],
    summons: state.summons.map((s) => presentSummons(s, state, now)),
    demandIds: w.demandIds,
    gridEventIds: w.gridEventIds,
    attachments: w.attachments,
    createdBy: w.createdByLabel,
    createdAt: w.createdAt.toISOString(),
    closedAt: iso(state.closedAt),
  };
}

export function presentStep(s: WhistleStepRow): z.infer<typeof WhistleStepView> {
  return {
    seq: s.seq,
    type: s.type,
    name: STEP_NAMES[s.type as StepType] ?? s.type,
    at: s.at.toISOString(),
    actor: s.actorLabel,
    note: s.note,
    data: s.data,
  };
}

/** What the caller may do now: blower-side actions, and the summons it may check in / act for. */
export async function allowedActions(
  db: Db,
  principal: Principal,
  w: WhistleRow,
  state: WhistleState,
): Promise<{ actions: string[]; respondFor: string[] }> {
  const open = state.status === 'summoning' || state.status === 'acting';
  if (!open) return { actions: [], respondFor: [] };
  const actions: string[] = [];
  if (isBlowerSide(principal, w)) {
    actions.push('add_summons', 'close');
    if (state.status === 'summoning') actions.push('cancel');
  }
  const respondFor: string[] = [];
  for (const s of state.summons) if (await canRespond(db, principal, w, s)) respondFor.push(s.id);
  if (respondFor.some((id) => !state.summons.find((s) => s.id === id)?.checkedInAt)) actions.push('check_in');
  if (respondFor.some((id) => state.summons.find((s) => s.id === id)?.checkedInAt))
    actions.push('record_action');
  return { actions, respondFor };
}
