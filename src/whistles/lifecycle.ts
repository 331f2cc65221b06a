import { AppError } from '../core/errors.ts';

/**
 * A whistle's state is folded from its append-only steps: blown (with the summoned units or party
 * members and the two deadlines), more summons, each summons' check-in (报到, late when after the
 * report deadline) and actions, then closed with a rating of EVERY summons — or cancelled while
 * nobody has come yet. Pure: no I/O, no clock.
 */

export const STEP_TYPES = [
  'blown',
  'summons_added',
  'checked_in',
  'action_recorded',
  'closed',
  'cancelled',
] as const;
export type StepType = (typeof STEP_TYPES)[number];

export const STATUSES = ['summoning', 'acting', 'closed', 'cancelled'] as const;
export type WhistleStatus = (typeof STATUSES)[number];

export const STATUS_NAMES: Record<WhistleStatus, string> = {
  summoning: '待报到',
  acting: '处置中',
  closed: '已结束',
  cancelled: '已撤销',
};
export const STEP_NAMES: Record<StepType, string> = {
  blown: '吹哨',
  summons_added: '追加报到单位',
  checked_in: '报到',
  action_recorded: '记录处置',
  closed: '结束并评价',
  cancelled: '撤销',
};

/** Who is summoned: a unit (department, stationed unit, company …) or a party member. */
export type SummonsTarget =
  | { kind: 'unit'; unitId: string; code: string; name: string; path: string }
  | { kind: 'party_member'; memberId: string; name: string; path: string };

export interface SummonsState {
  id: string;
  target: SummonsTarget;
  checkedInAt: Date | null;
  late: boolean;
  actionCount: number;
  rating: { score: number; comment: string | null } | null;
}

export interface WhistleState {
  status: WhistleStatus;
  blownAt: Date | null;
  reportDueAt: Date | null;
  actDueAt: Date | null;
  summons: SummonsState[];
  closedAt: Date | null;
}

export interface StepRecord {
  type: StepType;
  at: Date;
  data: Record<string, unknown>;
}

export interface Rating {
  summonsId: string;
  score: number;
  comment?: string | null;
}

const OPEN: readonly WhistleStatus[] = ['summoning', 'acting'];
const ALLOWED_FROM: Record<StepType, readonly WhistleStatus[] | 'first'> = {
  blown: 'first',
  summons_added: OPEN,
  checked_in: OPEN,
  action_recorded: ['acting'],
  closed: OPEN,
  cancelled: ['summoning'],
};

export function initialState(): WhistleState {
  return {
    status: 'summoning',
    blownAt: null,
    reportDueAt: null,
    actDueAt: null,
    summons: [],
    closedAt: null,
  };
}

const targetKey = (t: SummonsTarget) => (t.kind === 'unit' ? `u:${t.unitId}` : `m:${t.memberId}`);
const summonsOf = (data: Record<string, unknown>) =>
  (Array.isArray(data.summons) ? data.summons : []) as { id: string; target: SummonsTarget }[];

/**
 * Throws unless the step may follow the state: ILLEGAL_TRANSITION for the status table and the
 * check-in rules, NOT_FOUND for an unknown summons, CONFLICT for a unit summoned twice,
 * RATINGS_INCOMPLETE unless a close rates every summons exactly once.
 */
export function assertStep(state: WhistleState, step: Omit<StepRecord, 'at'>, stepsSoFar: number): void {
  const allowed = ALLOWED_FROM[step.type];
  const statusOk = allowed === 'first' ? stepsSoFar === 0 : stepsSoFar > 0 && allowed.includes(state.status);
  if (!statusOk) {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `当前状态“${STATUS_NAMES[state.status]}”下不能执行“${STEP_NAMES[step.type]}” (illegal transition)`,
      { status: state.status, step: step.type },
    );
  }
  const d = step.data;
  if (step.type === 'blown' || step.type === 'summons_added') {
    const keys = [
      ...state.summons.map((s) => targetKey(s.target)),
      ...summonsOf(d).map((s) => targetKey(s.target)),
    ];
    if (new Set(keys).size !== keys.length) {
      throw new AppError('CONFLICT', '同一单位或党员不能重复召集 (summoned twice)');
    }
    if (step.type === 'blown' && summonsOf(d).length === 0) {
      throw new AppError('VALIDATION_FAILED', '吹哨须至少召集一个单位或党员 (nobody summoned)');
    }
  }
  if (step.type === 'checked_in' || step.type === 'action_recorded') {
    const summons = state.summons.find((s) => s.id === d.summonsId);
    if (!summons)
      throw new AppError('NOT_FOUND', `报到单位不存在：${String(d.summonsId)} (summons not found)`);
    if (step.type === 'checked_in' && summons.checkedInAt) {
      throw new AppError('ILLEGAL_TRANSITION', `${summons.target.name}已报到 (already checked in)`, {
        status: state.status,
        step: step.type,
      });
    }
    if (step.type === 'action_recorded' && !summons.checkedInAt) {
      throw new AppError('ILLEGAL_TRANSITION', `${summons.target.name}尚未报到，请先报到 (check in first)`, {
        status: state.status,
        step: step.type,
      });
    }
  }
  if (step.type === 'closed') assertRatingsCover(state, (d.ratings ?? []) as Rating[]);
}

/** Every summons — the no-shows too — gets exactly one rating when the whistle closes. */
function assertRatingsCover(state: WhistleState, ratings: readonly Rating[]): void {
  const ids = ratings.map((r) => r.summonsId);
  const missing = state.summons.filter((s) => !ids.includes(s.id));
  const unknown = ids.filter((id) => !state.summons.some((s) => s.id === id));
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (missing.length > 0 || unknown.length > 0 || twice.length > 0) {
    throw new AppError(
      'RATINGS_INCOMPLETE',
      `结束吹哨须对每个报到单位逐一评价${missing.length > 0 ? `，尚未评价：${missing.map((s) => s.target.name).join('、')}` : ''} (rate every summons once)`,
      { missing: missing.map((s) => s.id), unknown, duplicated: twice },
    );
  }
}

/** Applies one (already checked) step. */
export function applyStep(state: WhistleState, step: StepRecord): WhistleState {
  const s: WhistleState = { ...state, summons: state.summons.map((x) => ({ ...x })) };
  const d = step.data;
  const fresh = () =>
    summonsOf(d).map((x) => ({
      id: x.id,
      target: x.target,
      checkedInAt: null,
      late: false,
      actionCount: 0,
      rating: null,
    }));
  switch (step.type) {
    case 'blown':
      return {
        ...s,
        status: 'summoning',
        blownAt: step.at,
        reportDueAt: new Date(d.reportDueAt as string),
        actDueAt: new Date(d.actDueAt as string),
        summons: fresh(),
      };
    case 'summons_added':
      return { ...s, summons: [...s.summons, ...fresh()] };
    case 'checked_in': {
      const x = s.summons.find((m) => m.id === d.summonsId);
      if (x) {
        x.checkedInAt = step.at;
        x.late = s.reportDueAt !== null && step.at.getTime() > s.reportDueAt.getTime();
      }
      return { ...s, status: 'acting' };
    }
    case 'action_recorded': {
      const x = s.summons.find((m) => m.id === d.summonsId);
      if (x) x.actionCount++;
      return s;
    }
    case 'closed': {
      for (const r of (d.ratings ?? []) as Rating[]) {
        const x = s.summons.find((m) => m.id === r.summonsId);
        if (x) x.rating = { score: r.score, comment: r.comment ?? null };
      }
      return { ...s, status: 'closed', closedAt: step.at };
    }
    case 'cancelled':
      return { ...s, status: 'cancelled', closedAt: step.at };
  }
}

/** Rebuilds the state from all steps, oldest first. */
export function foldSteps(steps: readonly StepRecord[]): WhistleState {
  return steps.reduce(applyStep, initialState());
}
