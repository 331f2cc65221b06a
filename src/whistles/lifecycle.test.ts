import { describe, expect, it } from 'vitest';
import {
  assertStep,
  foldSteps,
  initialState,
  STATUSES,
  STEP_TYPES,
  type StepRecord,
  type StepType,
  type SummonsTarget,
  type WhistleState,
  type WhistleStatus,
} from './lifecycle.ts';

const unit = (n: number): SummonsTarget => ({
  kind: 'unit',
  unitId: `u${n}`,
  code: `U${n}`,
  name: `单位${n}`,
  path: `/d/u${n}/`,
});
const member: SummonsTarget = { kind: 'party_member', memberId: 'm1', name: '王党员', path: '/d/s/c/' };
const at = (min: number) => new Date(Date.UTC(2026, 4, 4, 2, min));
const blown = (min = 0, summons = [unit(1), unit(2), unit(3)]): StepRecord => ({
  type: 'blown',
  at: at(min),
  data: {
    reportDueAt: at(30).toISOString(),
    actDueAt: at(600).toISOString(),
    summons: summons.map((target, i) => ({ id: `s${i + 1}`, target })),
  },
});
const step = (type: StepType, min: number, data: Record<string, unknown> = {}): StepRecord => ({
  type,
  at: at(min),
  data,
});

/** A valid step of each type for a whistle with summons s1 (checked in) and s2 (not yet). */
const sample: Record<StepType, Record<string, unknown>> = {
  blown: blown().data,
  summons_added: { summons: [{ id: 's9', target: unit(9) }] },
  checked_in: { summonsId: 's2' },
  action_recorded: { summonsId: 's1', text: '到场处置' },
  closed: { ratings: [1, 2, 3].map((n) => ({ summonsId: `s${n}`, score: 80 })) },
  cancelled: { reason: '问题已自行解决' },
};

/** Hand-written: what may follow each status. */
const EXPECTED: Record<WhistleStatus, StepType[]> = {
  summoning: ['summons_added', 'checked_in', 'closed', 'cancelled'],
  acting: ['summons_added', 'checked_in', 'action_recorded', 'closed'],
  closed: [],
  cancelled: [],
};

const stateIn = (status: WhistleStatus): WhistleState => {
  const s = foldSteps([blown(), step('checked_in', 5, { summonsId: 's1' })]);
  return { ...s, status };
};

describe('whistle transitions: every status × every step', () => {
  for (const status of STATUSES) {
    for (const type of STEP_TYPES.filter((t) => t !== 'blown')) {
      const ok = EXPECTED[status].includes(type);
      it(`${status} → ${type}: ${ok ? 'allowed' : 'ILLEGAL_TRANSITION'}`, () => {
        const run = () => assertStep(stateIn(status), { type, data: sample[type] }, 2);
        if (ok) expect(run).not.toThrow();
        else expect(run).toThrowError(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
      });
    }
  }

  it('blowing comes first and only first, and needs somebody summoned', () => {
    expect(() => assertStep(initialState(), { type: 'blown', data: sample.blown }, 0)).not.toThrow();
    expect(() => assertStep(stateIn('summoning'), { type: 'blown', data: sample.blown }, 2)).toThrow(
      expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }),
    );
    expect(() => assertStep(initialState(), { type: 'checked_in', data: { summonsId: 's1' } }, 0)).toThrow();
    expect(() =>
      assertStep(initialState(), { type: 'blown', data: { ...sample.blown, summons: [] } }, 0),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('whistle guards', () => {
  const s = stateIn('acting');

  it('refuses a second check-in, an action before check-in and an unknown summons', () => {
    expect(() => assertStep(s, { type: 'checked_in', data: { summonsId: 's1' } }, 2)).toThrowError(/已报到/);
    expect(() => assertStep(s, { type: 'action_recorded', data: { summonsId: 's2' } }, 2)).toThrowError(
      /尚未报到/,
    );
    expect(() => assertStep(s, { type: 'checked_in', data: { summonsId: 'nope' } }, 2)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('refuses the same unit or member twice', () => {
    expect(() =>
      assertStep(s, { type: 'summons_added', data: { summons: [{ id: 'x', target: unit(2) }] } }, 2),
    ).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    const twice = {
      ...sample.blown,
      summons: [member, member].map((target, i) => ({ id: `m${i}`, target })),
    };
    expect(() => assertStep(initialState(), { type: 'blown', data: twice }, 0)).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });

  it('closing needs one rating for every summons, the no-shows included', () => {
    const close = (ratings: { summonsId: string; score: number }[]) => () =>
      assertStep(s, { type: 'closed', data: { ratings } }, 2);
    expect(close([{ summonsId: 's1', score: 90 }])).toThrow(
      expect.objectContaining({
        code: 'RATINGS_INCOMPLETE',
        details: expect.objectContaining({ missing: ['s2', 's3'] }),
      }),
    );
    expect(
      close([
        { summonsId: 's1', score: 90 },
        { summonsId: 's1', score: 90 },
        { summonsId: 's2', score: 1 },
        { summonsId: 's3', score: 1 },
      ]),
    ).toThrow(expect.objectContaining({ details: expect.objectContaining({ duplicated: ['s1'] }) }));
    expect(close([1, 2, 3, 4].map((n) => ({ summonsId: `s${n}`, score: 1 })))).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ unknown: ['s4'] }) }),
    );
    expect(close([1, 2, 3].map((n) => ({ summonsId: `s${n}`, score: 50 })))).not.toThrow();
  });
});

describe('folding: three summoned units, one on time, one late, one never comes', () => {
  const s = foldSteps([
    blown(0),
    step('checked_in', 10, { summonsId: 's1' }),
    step('action_recorded', 20, { summonsId: 's1' }),
    step('action_recorded', 25, { summonsId: 's1' }),
    step('checked_in', 45, { summonsId: 's2' }),
    step('summons_added', 50, { summons: [{ id: 's4', target: member }] }),
    step('closed', 300, {
      ratings: [
        { summonsId: 's1', score: 95, comment: '响应迅速' },
        { summonsId: 's2', score: 70 },
        { summonsId: 's3', score: 0, comment: '未报到' },
        { summonsId: 's4', score: 60 },
      ],
    }),
  ]);

  it('flags the late check-in and keeps the no-show unchecked', () => {
    expect(s.status).toBe('closed');
    expect(s.closedAt).toEqual(at(300));
    const [a, b, c, d] = s.summons;
    expect(a).toMatchObject({
      checkedInAt: at(10),
      late: false,
      actionCount: 2,
      rating: { score: 95, comment: '响应迅速' },
    });
    expect(b).toMatchObject({ checkedInAt: at(45), late: true, rating: { score: 70, comment: null } });
    expect(c).toMatchObject({ checkedInAt: null, late: false, rating: { score: 0 } });
    expect(d?.target).toEqual(member);
  });

  it('becomes "acting" with the first check-in; a cancelled whistle ends', () => {
    expect(foldSteps([blown()]).status).toBe('summoning');
    expect(foldSteps([blown(), step('checked_in', 1, { summonsId: 's3' })]).status).toBe('acting');
    const c = foldSteps([blown(), step('cancelled', 3, { reason: '误报' })]);
    expect(c).toMatchObject({ status: 'cancelled', closedAt: at(3) });
  });
});
