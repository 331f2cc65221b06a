import { AppError } from '../core/errors.ts';
import type { DemandStatus, Satisfaction } from './model.ts';

/**
 * A demand's state is derived from its append-only event list (ARCHITECTURE rule 7). This file is
 * pure: `foldEvents` rebuilds the state, `assertTransition` says whether an event may follow it.
 */

export const EVENT_TYPES = [
  'created',
  'refused',
  'answered',
  'dispatched',
  'copied',
  'signed',
  'contacted',
  'replied',
  'callback',
  'closed',
  'returned',
  'return_approved',
  'return_rejected',
  'redispatched',
  'co_added',
  'extension_requested',
  'extension_approved',
  'extension_denied',
  'escalated',
  'reopened',
  'appealed',
  'appeal_approved',
  'appeal_denied',
  'merged',
  'merged_in',
  'due_soon',
  'overdue',
  'callback_scheduled',
  'deadline_recomputed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface UnitRef {
  id: string;
  path: string;
}

export interface DemandEventRecord {
  type: EventType;
  at: Date;
  data: Record<string, unknown>;
}

export interface DemandState {
  status: DemandStatus;
  owner: UnitRef | null;
  coUnits: UnitRef[];
  dueAt: Date | null;
  signDueAt: Date | null;
  contactDueAt: Date | null;
  /**
   * The deadlines rest on a year without official holiday data (Mon–Fri assumed): recomputed when
   * that year's calendar is imported (recompute-provisional-deadlines.ts).
   */
  deadlineProvisional: boolean;
  firstDispatchedAt: Date | null;
  dispatchedAt: Date | null;
  signedAt: Date | null;
  contactedAt: Date | null;
  repliedAt: Date | null;
  closedAt: Date | null;
  callback: {
    reached: boolean;
    resolved: boolean | null;
    satisfaction: Satisfaction | null;
    at: Date;
  } | null;
  returnCount: number;
  reopenCount: number;
  extensionPending: boolean;
  appeal: 'none' | 'pending' | 'approved' | 'denied';
  escalated: boolean;
  /** expired = the limit passed after the reply: the follow-up call is due. */
  dueState: 'ok' | 'due_soon' | 'overdue' | 'expired';
  mergedInto: string | null;
}

const OPEN: DemandStatus[] = ['pending_dispatch', 'dispatched', 'in_progress', 'returned', 'replied'];
const HANDLING: DemandStatus[] = ['dispatched', 'in_progress'];

/** Which states each event may follow. Events not listed here are never allowed. */
const ALLOWED_FROM: Record<EventType, readonly DemandStatus[] | 'never'> = {
  created: ['pending_dispatch'],
  refused: ['pending_dispatch'],
  answered: ['pending_dispatch'],
  dispatched: ['pending_dispatch'],
  copied: OPEN,
  signed: ['dispatched'],
  contacted: HANDLING,
  replied: ['in_progress'],
  callback: ['replied'],
  closed: ['replied'],
  returned: HANDLING,
  return_approved: ['returned'],
  return_rejected: ['returned'],
  redispatched: HANDLING,
  co_added: [...HANDLING, 'pending_dispatch'],
  extension_requested: HANDLING,
  extension_approved: HANDLING,
  extension_denied: HANDLING,
  escalated: OPEN,
  reopened: ['replied', 'closed'],
  appealed: ['replied', 'closed'],
  appeal_approved: ['replied', 'closed'],
  appeal_denied: ['replied', 'closed'],
  merged: ['pending_dispatch', 'dispatched', 'in_progress'],
  merged_in: OPEN,
  due_soon: [...HANDLING, 'returned'],
  overdue: [...HANDLING, 'returned'],
  callback_scheduled: [...HANDLING, 'returned', 'replied'],
  deadline_recomputed: [...HANDLING, 'returned', 'replied'],
};

/** The state before any event. */
export function initialState(): DemandState {
  return {
    status: 'pending_dispatch',
    owner: null,
    coUnits: [],
    dueAt: null,
    signDueAt: null,
    contactDueAt: null,
    deadlineProvisional: false,
    firstDispatchedAt: null,
    dispatchedAt: null,
    signedAt: null,
    contactedAt: null,
    repliedAt: null,
    closedAt: null,
    callback: null,
    returnCount: 0,
    reopenCount: 0,
    extensionPending: false,
    appeal: 'none',
    escalated: false,
    dueState: 'ok',
    mergedInto: null,
  };
}

/**
 * Why `type` may not follow `state` (Chinese first), or null when it may. `eventsSoFar` tells a new
 * demand (no events: only `created` may come) from an existing one (never `created` again). Pure and
 * cheap: screens ask it for every action of every demand shown (allowedActions), so it does not throw.
 */
export function transitionRefusal(
  state: DemandState,
  type: EventType,
  eventsSoFar = 1,
): { message: string; details?: Record<string, unknown> } | null {
  const allowed = ALLOWED_FROM[type];
  const createdRuleBroken = (type === 'created') !== (eventsSoFar === 0);
  if (allowed === 'never' || !allowed.includes(state.status) || createdRuleBroken)
    return {
      message: `当前状态“${state.status}”下不能执行“${type}” (illegal transition)`,
      details: { status: state.status, event: type },
    };
  // Guards beyond the status:
  if (type === 'extension_requested' && state.extensionPending)
    return { message: '已有待审批的延期申请 (extension already pending)' };
  if ((type === 'extension_approved' || type === 'extension_denied') && !state.extensionPending)
    return { message: '没有待审批的延期申请 (no extension pending)' };
  if (type === 'reopened' && !isBadCallback(state))
    return { message: '只有回访“未解决”或“不满意”的诉求可以重办 (reopen needs a bad callback)' };
  if (type === 'appealed' && (!isBadCallback(state) || state.appeal !== 'none'))
    return { message: '只能对“不满意/未解决”的评价申诉一次 (appeal needs a bad rating, once)' };
  if ((type === 'appeal_approved' || type === 'appeal_denied') && state.appeal !== 'pending')
    return { message: '没有待审核的申诉 (no appeal pending)' };
  if (type === 'closed' && !state.callback && !state.repliedAt)
    return { message: '尚未反馈办理结果，不能办结 (reply first)' };
  return null;
}

/** Throws ILLEGAL_TRANSITION with the refusal's message unless `type` may follow `state`. */
export function assertTransition(state: DemandState, type: EventType, eventsSoFar = 1): void {
  const refusal = transitionRefusal(state, type, eventsSoFar);
  if (refusal) throw new AppError('ILLEGAL_TRANSITION', refusal.message, refusal.details);
}

const isBadCallback = (s: DemandState) =>
  s.callback !== null && (s.callback.resolved === false || s.callback.satisfaction === 'unsatisfied');

const unit = (v: unknown): UnitRef | null => {
  const u = v as { id?: string; path?: string } | null | undefined;
  return u?.id && u.path ? { id: u.id, path: u.path } : null;
};
const date = (v: unknown): Date | null => (v ? new Date(v as string) : null);

/** Applies one event to a state (pure; events are trusted, they were checked when written). */
export function applyEvent(state: DemandState, event: DemandEventRecord): DemandState {
  const s: DemandState = { ...state, coUnits: [...state.coUnits] };
  const d = event.data;
  switch (event.type) {
    case 'created':
      return s;
    case 'refused':
      return { ...s, status: 'refused', closedAt: event.at };
    case 'answered':
      return { ...s, status: 'answered', closedAt: event.at };
    case 'dispatched':
    case 'redispatched':
    case 'reopened': {
      s.status = 'dispatched';
      s.owner = unit(d.owner) ?? s.owner;
      if (Array.isArray(d.coUnits)) s.coUnits = d.coUnits.map(unit).filter((u): u is UnitRef => u !== null);
      // The time limit is written on the order at dispatch; a re-dispatch keeps it unless it says otherwise.
      s.dueAt = date(d.dueAt) ?? s.dueAt;
      s.signDueAt = date(d.signDueAt) ?? s.signDueAt;
      s.contactDueAt = date(d.contactDueAt) ?? s.contactDueAt;
      if (d.dueAt) s.deadlineProvisional = d.deadlineProvisional === true;
      s.firstDispatchedAt ??= event.at;
      s.dispatchedAt = event.at;
      s.signedAt = null;
      s.dueState = 'ok';
      if (event.type === 'reopened') {
        s.reopenCount++;
        s.callback = null;
        s.repliedAt = null;
        s.closedAt = null;
        s.contactedAt = null;
        s.appeal = 'none';
      }
      return s;
    }
    case 'signed':
      return { ...s, status: 'in_progress', signedAt: event.at };
    case 'contacted':
      return { ...s, contactedAt: s.contactedAt ?? event.at };
    case 'replied':
      return { ...s, status: 'replied', repliedAt: event.at };
    case 'callback':
      return {
        ...s,
        callback: {
          reached: d.reached !== false,
          resolved: typeof d.resolved === 'boolean' ? d.resolved : null,
          satisfaction: (d.satisfaction as Satisfaction | undefined) ?? null,
          at: event.at,
        },
      };
    case 'closed':
      return { ...s, status: 'closed', closedAt: event.at };
    case 'returned':
      return { ...s, status: 'returned' };
    case 'return_approved':
      return { ...s, status: 'pending_dispatch', owner: null, coUnits: [], returnCount: s.returnCount + 1 };
    case 'return_rejected':
      return { ...s, status: s.signedAt ? 'in_progress' : 'dispatched' };
    case 'co_added': {
      const u = unit(d.unit);
      if (u && !s.coUnits.some((c) => c.id === u.id)) s.coUnits.push(u);
      return s;
    }
    case 'extension_requested':
      return { ...s, extensionPending: true };
    case 'extension_approved':
      return { ...s, extensionPending: false, dueAt: date(d.newDueAt) ?? s.dueAt, dueState: 'ok' };
    case 'extension_denied':
      return { ...s, extensionPending: false };
    case 'escalated':
      return { ...s, escalated: true };
    case 'appealed':
      return { ...s, appeal: 'pending' };
    case 'appeal_approved':
      return { ...s, appeal: 'approved' };
    case 'appeal_denied':
      return { ...s, appeal: 'denied' };
    case 'merged':
      return { ...s, status: 'merged', mergedInto: (d.into as string) ?? null, closedAt: event.at };
    case 'due_soon':
      return { ...s, dueState: s.dueState === 'overdue' ? 'overdue' : 'due_soon' };
    case 'overdue':
      return { ...s, dueState: 'overdue' };
    case 'callback_scheduled':
      return { ...s, dueState: s.status === 'replied' ? 'expired' : s.dueState };
    case 'deadline_recomputed': {
      const due = date(d.dueAt) ?? s.dueAt;
      return {
        ...s,
        dueAt: due,
        signDueAt: date(d.signDueAt) ?? s.signDueAt,
        contactDueAt: date(d.contactDueAt) ?? s.contactDueAt,
        deadlineProvisional: d.deadlineProvisional === true,
        // a later deadline lifts a due-soon/overdue mark; the sweeper sets it again when it is due
        dueState: due && due > event.at && s.status !== 'replied' ? 'ok' : s.dueState,
      };
    }
    case 'copied':
    case 'merged_in':
      return s;
  }
}

/** Rebuilds a demand's state from all its events, oldest first. */
export function foldEvents(events: readonly DemandEventRecord[]): DemandState {
  return events.reduce(applyEvent, initialState());
}
