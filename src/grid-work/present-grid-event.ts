import { z } from 'zod';
import { decide, type Principal } from '../core/auth/authorize.ts';
import { KIND_NAMES } from './categories.ts';
import { ACTION_STEPS, type GridEventActionKind } from './event-actions.ts';
import {
  type GridEventState,
  nextSteps,
  STATUS_NAMES,
  STEP_NAMES,
  type StepType,
} from './event-lifecycle.ts';
import { sideCheck } from './perform-grid-event-action.ts';
import type { GridEventRow, GridEventStepRow } from './tables.ts';

const Attachment = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number() });
const UnitView = z.object({ code: z.string(), name: z.string() });

export const GridEventView = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(['component', 'event']),
  kindName: z.string(),
  category: z.object({ code: z.string(), path: z.string() }),
  description: z.string(),
  address: z.string().nullable(),
  point: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  gridCode: z.string(),
  status: z.string(),
  statusName: z.string(),
  level: z.enum(['community', 'street']),
  owner: UnitView.nullable(),
  handler: UnitView.extend({ kind: z.string() }).nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  onSpot: z.boolean(),
  reworkCount: z.number(),
  extensionPending: z.boolean(),
  demand: z.object({ id: z.string(), code: z.string().nullable() }).nullable(),
  reporter: z.string(),
  photos: z.array(Attachment),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type GridEventView = z.infer<typeof GridEventView>;

export const StepView = z.object({
  seq: z.number(),
  type: z.string(),
  name: z.string(),
  at: z.string(),
  actor: z.string(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The allow-listed view of a grid event (its cached state; the timeline comes separately). */
export function presentGridEvent(row: GridEventRow, state: GridEventState, now = new Date()): GridEventView {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    kindName: KIND_NAMES[row.kind],
    category: { code: row.categoryCode, path: row.categoryName },
    description: row.description,
    address: row.address,
    point: row.lng !== null && row.lat !== null ? { lng: row.lng, lat: row.lat } : null,
    gridCode: row.gridCode,
    status: state.status,
    statusName: STATUS_NAMES[state.status],
    level: state.level,
    owner: state.owner ? { code: state.owner.code, name: state.owner.name } : null,
    handler:
      state.handler && state.handlerKind
        ? { code: state.handler.code, name: state.handler.name, kind: state.handlerKind }
        : null,
    dueAt: iso(state.dueAt),
    overdue: state.status === 'dispatched' && state.dueAt !== null && now.getTime() > state.dueAt.getTime(),
    onSpot: state.onSpot,
    reworkCount: state.reworkCount,
    extensionPending: state.extensionPending,
    demand: state.demandId ? { id: state.demandId, code: state.demandCode } : null,
    reporter: row.reporterLabel,
    photos: row.photos,
    createdAt: row.createdAt.toISOString(),
    closedAt: iso(state.closedAt),
  };
}

/** One step of the timeline. */
export function presentStep(s: GridEventStepRow): z.infer<typeof StepView> {
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

/** The actions this caller may take now: the lifecycle allows the step AND the caller's side may act. */
export function allowedActions(
  principal: Principal,
  row: GridEventRow,
  state: GridEventState,
  stepCount: number,
): GridEventActionKind[] {
  const possible = new Set(nextSteps(state, stepCount));
  return (Object.keys(ACTION_STEPS) as GridEventActionKind[]).filter((kind) => {
    if (!ACTION_STEPS[kind].some((t) => possible.has(t))) return false;
    const check = sideCheck(kind, row, state);
    if (check.reporterOnly && state.reporterId !== principal.userId) return false;
    return decide(principal, check.rule, { districtCode: row.districtCode, paths: check.paths }).allowed;
  });
}
