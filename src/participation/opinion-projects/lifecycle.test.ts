import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import {
  ALLOWED_FROM,
  assertStep,
  foldSteps,
  nextSteps,
  type ProjectStatus,
  STATUSES,
  STEP_TYPES,
  type StepRecord,
  type StepType,
} from './lifecycle.ts';

const t0 = new Date('2026-05-01T02:00:00Z');
const step = (type: StepType, data: Record<string, unknown> = {}, at = t0): StepRecord => ({
  type,
  at,
  data,
});
const milestones = [
  { id: 'm1', title: '方案设计', weight: 1 },
  { id: 'm2', title: '施工', weight: 3, dueOn: '2026-08-31' },
];

/** A history that ends in each status. */
const HISTORIES: Record<ProjectStatus, StepRecord[]> = {
  collecting: [step('created')],
  consulting: [step('created'), step('put_to_consultation', { topicId: 't1' })],
  approving: [step('created'), step('consulted', { meetingId: 'mt', resolutionId: 'r1' })],
  implementing: [
    step('created'),
    step('consulted', { meetingId: 'mt', resolutionId: 'r1' }),
    step('approved', { feasibility: '可行', budgetYuan: 80000, milestones }),
  ],
  completed: [],
  evaluated: [],
  rejected: [step('created'), step('consulted', {}), step('rejected', { reason: '资金不足' })],
  cancelled: [step('created'), step('cancelled', { reason: '重复立项' })],
};
HISTORIES.completed = [
  ...HISTORIES.implementing,
  step('progress_reported', { milestoneId: 'm1', progress: 100, note: '完成' }),
  step('progress_reported', { milestoneId: 'm2', progress: 100, note: '完成' }),
  step('completed'),
];
HISTORIES.evaluated = [
  ...HISTORIES.completed,
  step('evaluated', { satisfied: 30, basicallySatisfied: 8, unsatisfied: 2, summary: '评议会' }),
];

/** Valid data for a step, so only the transition itself is under test. */
const DATA: Record<StepType, Record<string, unknown>> = {
  created: {},
  put_to_consultation: { topicId: 't' },
  consulted: { meetingId: 'mt', resolutionId: 'r' },
  approved: { feasibility: '可行', milestones },
  rejected: { reason: 'x' },
  milestone_added: { milestone: { id: 'm3', title: '验收', weight: 1 } },
  progress_reported: { milestoneId: 'm1', progress: 50, note: '半' },
  completed: {},
  evaluated: { satisfied: 1, basicallySatisfied: 0, unsatisfied: 0, summary: 's' },
  cancelled: { reason: 'x' },
};

describe('every status folds from its history', () => {
  it.each(STATUSES)('%s', (status) => {
    expect(foldSteps(HISTORIES[status]).status).toBe(status);
  });
});

describe('the transition table, exhaustively', () => {
  for (const status of STATUSES) {
    for (const type of STEP_TYPES) {
      const allowed = ALLOWED_FROM[type] !== 'first' && ALLOWED_FROM[type].includes(status);
      it(`${status} + ${type} → ${allowed ? 'allowed' : 'ILLEGAL_TRANSITION'}`, () => {
        const history = HISTORIES[status];
        const state = foldSteps(history);
        const run = () => assertStep(state, { type, data: DATA[type] }, history.length);
        // completing with half-done milestones is refused for its own reason (tested below)
        if (allowed && type === 'completed') {
          expect(run).toThrow(AppError);
          return;
        }
        if (allowed) expect(run).not.toThrow();
        else {
          expect(run).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION', status: 409 }));
          expect(() => run()).toThrow(/不能/);
        }
      });
    }
  }

  it('created only as the very first step', () => {
    expect(() => assertStep(foldSteps([]), { type: 'created', data: {} }, 0)).not.toThrow();
    expect(() => assertStep(foldSteps([]), { type: 'approved', data: DATA.approved }, 0)).toThrow(
      expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }),
    );
  });
});

describe('step facts', () => {
  it('a sub-project starts at approval (it inherits its parent’s consultation)', () => {
    expect(foldSteps([step('created', { parentId: 'p1' })])).toMatchObject({
      status: 'approving',
      parentId: 'p1',
    });
  });

  it('approval needs a milestone plan; it records feasibility, budget and the milestones in order', () => {
    const s = foldSteps(HISTORIES.approving);
    expect(() =>
      assertStep(s, { type: 'approved', data: { feasibility: '可行', milestones: [] } }, 2),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(foldSteps(HISTORIES.implementing)).toMatchObject({
      feasibility: '可行',
      budgetYuan: 80000,
      milestones: [
        { id: 'm1', seq: 1, progress: 0, dueOn: null },
        { id: 'm2', seq: 2, weight: 3, dueOn: '2026-08-31' },
      ],
    });
  });

  it('progress: unknown milestone is NOT_FOUND, a finished one cannot be reported again', () => {
    const s = foldSteps([
      ...HISTORIES.implementing,
      step('progress_reported', { milestoneId: 'm1', progress: 100, note: 'x' }),
    ]);
    expect(s.milestones[0]?.doneAt).toEqual(t0);
    expect(() =>
      assertStep(s, { type: 'progress_reported', data: { milestoneId: 'nope', progress: 1 } }, 4),
    ).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() =>
      assertStep(s, { type: 'progress_reported', data: { milestoneId: 'm1', progress: 100 } }, 4),
    ).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
  });

  it('completion needs every milestone at 100 %', () => {
    const half = foldSteps([
      ...HISTORIES.implementing,
      step('progress_reported', { milestoneId: 'm1', progress: 100, note: 'x' }),
    ]);
    expect(() => assertStep(half, { type: 'completed', data: {} }, 4)).toThrow(
      expect.objectContaining({ code: 'PROGRESS_INCOMPLETE', details: { open: ['m2'] } }),
    );
    const done = foldSteps(HISTORIES.completed.slice(0, -1));
    expect(() => assertStep(done, { type: 'completed', data: {} }, 5)).not.toThrow();
  });

  it('evaluation: satisfaction = (satisfied + basically satisfied) ÷ participants', () => {
    expect(foldSteps(HISTORIES.evaluated).evaluation).toEqual({
      satisfied: 30,
      basicallySatisfied: 8,
      unsatisfied: 2,
      participants: 40,
      satisfaction: 0.95,
      summary: '评议会',
    });
  });

  it('rejection and cancellation keep their reason', () => {
    expect(foldSteps(HISTORIES.rejected).closingReason).toBe('资金不足');
    expect(foldSteps(HISTORIES.cancelled).closingReason).toBe('重复立项');
  });

  it('nextSteps lists what the table admits', () => {
    expect(nextSteps(foldSteps([]), 0)).toEqual(['created']);
    expect(nextSteps(foldSteps(HISTORIES.collecting), 1)).toEqual([
      'put_to_consultation',
      'consulted',
      'cancelled',
    ]);
    expect(nextSteps(foldSteps(HISTORIES.approving), 2)).toEqual(['approved', 'rejected', 'cancelled']);
    expect(nextSteps(foldSteps(HISTORIES.completed), 6)).toEqual(['evaluated']);
    expect(nextSteps(foldSteps(HISTORIES.evaluated), 7)).toEqual([]);
  });
});
