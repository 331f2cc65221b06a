import { z } from 'zod';
import { decide, type Principal } from '../core/auth/authorize.ts';
import { maskAddress, maskName, maskNumbersInText, maskPhone } from '../core/privacy.ts';
import { ACTION_SIDE, type DemandActionKind } from './actions.ts';
import { type DemandState, type EventType, transitionRefusal } from './lifecycle.ts';
import { type DemandStatus, STATUS_NAMES } from './model.ts';
import { ruleForAction } from './policy.ts';
import type { DemandEventRow, DemandRow } from './tables.ts';

export const DemandView = z.object({
  id: z.string(),
  code: z.string(),
  channel: z.string(),
  type: z.string(),
  urgency: z.string(),
  content: z.string(),
  category: z.object({ code: z.string(), name: z.string() }).nullable(),
  caller: z.object({ name: z.string().nullable(), phone: z.string().nullable(), masked: z.boolean() }),
  address: z.string().nullable(),
  point: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  status: z.string(),
  statusName: z.string(),
  ownerUnitId: z.string().nullable(),
  dueAt: z.string().nullable(),
  signDueAt: z.string().nullable(),
  /** The deadline assumed Mon–Fri for a year without holiday data; recomputed when it is imported. */
  deadlineProvisional: z.boolean(),
  dueState: z.string(),
  escalated: z.boolean(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type DemandView = z.infer<typeof DemandView>;

export const EventView = z.object({
  seq: z.number(),
  type: z.string(),
  at: z.string(),
  actor: z.string(),
  unitId: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Allow-listed view of a demand; caller data masked unless `reveal` (the caller audited the view). */
export function presentDemand(d: DemandRow, options: { reveal?: boolean } = {}): DemandView {
  const reveal = options.reveal ?? false;
  return {
    id: d.id,
    code: d.code,
    channel: d.channel,
    type: d.type,
    urgency: d.urgency,
    // ID-card and phone numbers typed into the text are personal data too (PIPL)
    content: reveal ? d.content : (maskNumbersInText(d.content) ?? ''),
    category: d.categoryCode ? { code: d.categoryCode, name: d.categoryName ?? d.categoryCode } : null,
    caller: {
      name: reveal ? d.callerName : maskName(d.callerName),
      phone: reveal ? d.callerPhone : maskPhone(d.callerPhone),
      masked: !reveal && Boolean(d.callerName || d.callerPhone),
    },
    // The address can identify a household: mask its door number in lists, like the phone.
    address: reveal ? d.address : maskAddress(d.address),
    point: d.lng !== null && d.lat !== null ? { lng: d.lng, lat: d.lat } : null,
    status: d.status,
    statusName: STATUS_NAMES[d.status as DemandStatus] ?? d.status,
    ownerUnitId: d.ownerUnitId,
    dueAt: iso(d.dueAt),
    signDueAt: iso(d.signDueAt),
    deadlineProvisional: (d.state as { deadlineProvisional?: unknown }).deadlineProvisional === true,
    dueState: d.dueState,
    escalated: d.escalated,
    createdAt: d.createdAt.toISOString(),
    closedAt: iso(d.closedAt),
  };
}

export function presentEvent(e: DemandEventRow): z.infer<typeof EventView> {
  return {
    seq: e.seq,
    type: e.type,
    at: e.at.toISOString(),
    actor: e.actorLabel,
    unitId: e.unitId,
    note: e.note,
    data: e.data,
  };
}

/** The first event each action writes: what the lifecycle is asked to allow. */
const FIRST_EVENT: Record<DemandActionKind, EventType> = {
  dispatch: 'dispatched',
  sign: 'signed',
  contact: 'contacted',
  reply: 'replied',
  callback: 'callback',
  close: 'closed',
  return: 'returned',
  review_return: 'return_approved',
  redispatch: 'redispatched',
  add_co: 'co_added',
  request_extension: 'extension_requested',
  review_extension: 'extension_approved',
  escalate: 'escalated',
  reopen: 'reopened',
  appeal: 'appealed',
  review_appeal: 'appeal_approved',
  merge: 'merged',
};

/** The actions this user may take on this demand now: role, jurisdiction and lifecycle all agree. */
export function allowedActions(
  principal: Principal,
  demand: DemandRow,
  state: DemandState,
  paths: string[],
): DemandActionKind[] {
  return (Object.keys(ACTION_SIDE) as DemandActionKind[]).filter((kind) => {
    const rule = ruleForAction(kind);
    const resourcePaths =
      rule.action === 'demand.owner_action' ? [state.owner?.path ?? '-'] : [demand.locationPath, ...paths];
    if (!decide(principal, rule, { districtCode: demand.districtCode, paths: resourcePaths }).allowed)
      return false;
    return transitionRefusal(state, FIRST_EVENT[kind]) === null;
  });
}
