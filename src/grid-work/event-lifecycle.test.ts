import { describe, expect, it } from 'vitest';
import {
  assertStep,
  foldSteps,
  type GridEventState,
  type GridEventStatus,
  initialState,
  nextSteps,
  STATUSES,
  STEP_TYPES,
  type StepRecord,
  type StepType,
} from './event-lifecycle.ts';

const community = { id: 'c', path: '/d/s/c/', code: 'C', name: '社区' };
const street = { id: 's', path: '/d/s/', code: 'S', name: '街道' };
const dept = { id: 'x', path: '/d/x/', code: 'X', name: '部门' };
const t = (min: number) => new Date(Date.UTC(2026, 4, 4, 1, min));
const step = (type: StepType, min: number, data: Record<string, unknown> = {}): StepRecord => ({
  type,
  at: t(min),
  data,
});

/** The closed loop as the plan states it, written out by hand (not derived from the code's table). */
const EXPECTED: Record<GridEventStatus, StepType[]> = {
  reported: ['closed_on_spot', 'registered', 'rejected', 'escalated'],
  registered: ['escalated', 'dispatched'],
  dispatched: ['extension_requested', 'disposed'],
  disposed: ['verified', 'rework'],
  verified: ['closed'],
  closed: [],
  rejected: [],
};

const stateIn = (status: GridEventStatus, extra: Partial<GridEventState> = {}): GridEventState => ({
  ...initialState(),
  status,
  ...extra,
});

describe('grid event transitions: every status × every step', () => {
  for (const status of STATUSES) {
    for (const type of STEP_TYPES) {
      const ok = EXPECTED[status].includes(type);
      it(`${status} → ${type}: ${ok ? 'allowed' : 'ILLEGAL_TRANSITION'}`, () => {
        const run = () => assertStep(stateIn(status), type, 1);
        if (ok) expect(run).not.toThrow();
        else
          expect(run).toThrowError(
            expect.objectContaining({ code: 'ILLEGAL_TRANSITION', details: { status, step: type } }),
          );
      });
    }
  }

  it('only the first step may be a report, and a report only first', () => {
    expect(() => assertStep(initialState(), 'reported', 0)).not.toThrow();
    expect(() => assertStep(initialState(), 'registered', 0)).toThrow();
    expect(() => assertStep(initialState(), 'reported', 1)).toThrow();
    expect(nextSteps(initialState(), 0)).toEqual(['reported']);
  });

  it('guards beyond the status: no escalation above the street, one extension request at a time', () => {
    expect(() => assertStep(stateIn('registered', { level: 'street' }), 'escalated', 2)).toThrowError(
      /街道层级不能再上报/,
    );
    expect(() =>
      assertStep(stateIn('dispatched', { extensionPending: true }), 'extension_requested', 3),
    ).toThrow(/已有待审批/);
    const pending = stateIn('dispatched', { extensionPending: true });
    expect(nextSteps(pending, 3)).toEqual(['extension_approved', 'extension_denied', 'disposed']);
  });
});

describe('folding the steps', () => {
  it('closes on the spot: registered, disposed, verified and closed at the same instant', () => {
    const s = foldSteps([
      step('reported', 0, { owner: community, reporterId: 'u1' }),
      step('closed_on_spot', 5),
    ]);
    expect(s).toMatchObject({ status: 'closed', onSpot: true, reporterId: 'u1', owner: community });
    expect(s.registeredAt).toEqual(t(5));
    expect(s.closedAt).toEqual(t(5));
    expect(s.firstDispatchedAt).toBeNull();
  });

  it('escalates to the street, dispatches to a department, reworks, extends and closes', () => {
    const due = '2026-05-06T16:00:00.000Z';
    const later = '2026-05-08T16:00:00.000Z';
    const s = foldSteps([
      step('reported', 0, { owner: community, reporterId: 'u1' }),
      step('escalated', 1, { owner: street }),
      step('registered', 2),
      step('dispatched', 3, { handler: dept, handlerKind: 'department', dueAt: due, demandId: 'D1' }),
      step('disposed', 4),
      step('rework', 5, { reason: '没有清理干净' }),
      step('extension_requested', 6),
      step('extension_approved', 7, { newDueAt: later }),
      step('disposed', 8),
      step('verified', 9),
      step('closed', 10),
    ]);
    expect(s).toMatchObject({
      status: 'closed',
      level: 'street',
      owner: street,
      handler: dept,
      handlerKind: 'department',
      demandId: 'D1',
      reworkCount: 1,
      extensionCount: 1,
      extensionPending: false,
      onSpot: false,
    });
    expect(s.registeredAt).toEqual(t(2));
    expect(s.firstDispatchedAt).toEqual(t(3));
    expect(s.disposedAt).toEqual(t(8));
    expect(s.dueAt).toEqual(new Date(later));
    expect(s.closedAt).toEqual(t(10));
  });

  it('a rework clears the disposal and keeps the original time limit', () => {
    const s = foldSteps([
      step('reported', 0, { owner: community }),
      step('registered', 1),
      step('dispatched', 2, { handler: community, handlerKind: 'community', dueAt: '2026-05-05T16:00:00Z' }),
      step('disposed', 3),
      step('rework', 4),
    ]);
    expect(s).toMatchObject({ status: 'dispatched', disposedAt: null, reworkCount: 1 });
    expect(s.dueAt).toEqual(new Date('2026-05-05T16:00:00Z'));
    expect(s.dispatchedAt).toEqual(t(2));
  });

  it('a denied extension keeps the deadline; a rejected report is terminal', () => {
    const s = foldSteps([
      step('reported', 0, { owner: community }),
      step('registered', 1),
      step('dispatched', 2, { handler: community, handlerKind: 'community', dueAt: '2026-05-05T16:00:00Z' }),
      step('extension_requested', 3),
      step('extension_denied', 4),
    ]);
    expect(s).toMatchObject({ extensionPending: false, extensionCount: 0 });
    expect(s.dueAt).toEqual(new Date('2026-05-05T16:00:00Z'));
    const r = foldSteps([step('reported', 0, { owner: community }), step('rejected', 1)]);
    expect(nextSteps(r, 2)).toEqual([]);
  });
});
