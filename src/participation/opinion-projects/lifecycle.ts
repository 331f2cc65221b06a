import { AppError } from '../../core/errors.ts';

/**
 * A 民意立项 project's state, folded from its append-only steps (pure: no I/O, no clock):
 * collect (征集) → consult (协商) → approve on feasibility (立项审批) → implement with milestones
 * (实施) → residents evaluate (评价). A meeting's resolution is what consults a project; a
 * sub-project inherits its parent's consultation and starts at approval.
 */

export const STATUSES = [
  'collecting',
  'consulting',
  'approving',
  'implementing',
  'completed',
  'evaluated',
  'rejected',
  'cancelled',
] as const;
export type ProjectStatus = (typeof STATUSES)[number];

export const STATUS_NAMES: Record<ProjectStatus, string> = {
  collecting: '征集中',
  consulting: '协商中',
  approving: '待立项审批',
  implementing: '实施中',
  completed: '待居民评价',
  evaluated: '已评价',
  rejected: '不予立项',
  cancelled: '已撤销',
};

export const STEP_TYPES = [
  'created',
  'put_to_consultation',
  'consulted',
  'approved',
  'rejected',
  'milestone_added',
  'progress_reported',
  'completed',
  'evaluated',
  'cancelled',
] as const;
export type StepType = (typeof STEP_TYPES)[number];

export const STEP_NAMES: Record<StepType, string> = {
  created: '征集立项',
  put_to_consultation: '提交议事协商',
  consulted: '协商通过',
  approved: '审批立项',
  rejected: '不予立项',
  milestone_added: '增加里程碑',
  progress_reported: '报告进度',
  completed: '完工',
  evaluated: '居民评价',
  cancelled: '撤销',
};

const OPEN: readonly ProjectStatus[] = ['collecting', 'consulting', 'approving', 'implementing'];

/** Which states each step may follow ('first' = only as the very first step). */
export const ALLOWED_FROM: Record<StepType, readonly ProjectStatus[] | 'first'> = {
  created: 'first',
  put_to_consultation: ['collecting'],
  // A meeting may take up a project still collecting (its topic came from residents directly).
  consulted: ['collecting', 'consulting'],
  approved: ['approving'],
  rejected: ['approving'],
  milestone_added: ['implementing'],
  progress_reported: ['implementing'],
  completed: ['implementing'],
  evaluated: ['completed'],
  cancelled: OPEN,
};

export interface Milestone {
  id: string;
  seq: number;
  title: string;
  dueOn: string | null;
  weight: number;
  progress: number;
  doneAt: Date | null;
  lastNote: string | null;
}

export interface Evaluation {
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  participants: number;
  /** (satisfied + basically satisfied) ÷ participants. */
  satisfaction: number;
  summary: string;
}

export interface StepRecord {
  type: StepType;
  at: Date;
  data: Record<string, unknown>;
}

export interface ProjectState {
  status: ProjectStatus;
  parentId: string | null;
  topicId: string | null;
  meetingId: string | null;
  resolutionId: string | null;
  feasibility: string | null;
  budgetYuan: number | null;
  milestones: Milestone[];
  createdAt: Date | null;
  approvedAt: Date | null;
  completedAt: Date | null;
  evaluation: Evaluation | null;
  closingReason: string | null;
}

/** The state before any step. */
export const initialState = (): ProjectState => ({
  status: 'collecting',
  parentId: null,
  topicId: null,
  meetingId: null,
  resolutionId: null,
  feasibility: null,
  budgetYuan: null,
  milestones: [],
  createdAt: null,
  approvedAt: null,
  completedAt: null,
  evaluation: null,
  closingReason: null,
});

export interface PlannedMilestone {
  id: string;
  title: string;
  dueOn?: string | null | undefined;
  weight: number;
}

const illegal = (state: ProjectState, type: StepType) =>
  new AppError(
    'ILLEGAL_TRANSITION',
    `项目当前状态为“${STATUS_NAMES[state.status]}”，不能${STEP_NAMES[type]} (illegal transition)`,
    { status: state.status, step: type },
  );

/** Throws ILLEGAL_TRANSITION (409) when the step may not follow the state; checks each step's facts. */
export function assertStep(state: ProjectState, step: Omit<StepRecord, 'at'>, stepCount: number): void {
  const allowed = ALLOWED_FROM[step.type];
  if (allowed === 'first') {
    if (stepCount > 0) throw illegal(state, step.type);
  } else if (stepCount === 0 || !allowed.includes(state.status)) {
    throw illegal(state, step.type);
  }
  const d = step.data;
  if (step.type === 'approved' && ((d.milestones as PlannedMilestone[] | undefined) ?? []).length === 0) {
    throw new AppError('VALIDATION_FAILED', '审批立项须列出实施里程碑 (milestones required)');
  }
  if (step.type === 'progress_reported') {
    const m = state.milestones.find((x) => x.id === d.milestoneId);
    if (!m) throw new AppError('NOT_FOUND', `里程碑不存在：${String(d.milestoneId)} (milestone not found)`);
    if (m.doneAt) {
      throw new AppError('ILLEGAL_TRANSITION', `里程碑“${m.title}”已完成 (milestone done)`, {
        status: state.status,
        step: step.type,
      });
    }
  }
  if (step.type === 'completed') {
    const open = state.milestones.filter((m) => m.progress < 100);
    if (state.milestones.length === 0 || open.length > 0) {
      throw new AppError(
        'PROGRESS_INCOMPLETE',
        `尚有里程碑未完成：${open.map((m) => m.title).join('、') || '（无里程碑）'} (milestones not done)`,
        { open: open.map((m) => m.id) },
      );
    }
  }
}

/** Applies one (already checked) step. */
export function applyStep(state: ProjectState, step: StepRecord): ProjectState {
  const s: ProjectState = { ...state, milestones: state.milestones.map((m) => ({ ...m })) };
  const d = step.data;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  switch (step.type) {
    case 'created':
      return {
        ...s,
        status: d.parentId ? 'approving' : 'collecting',
        parentId: str(d.parentId),
        topicId: str(d.topicId),
        createdAt: step.at,
      };
    case 'put_to_consultation':
      return { ...s, status: 'consulting', topicId: str(d.topicId) };
    case 'consulted':
      return {
        ...s,
        status: 'approving',
        meetingId: str(d.meetingId),
        resolutionId: str(d.resolutionId),
        topicId: str(d.topicId) ?? s.topicId,
      };
    case 'approved': {
      const planned = (d.milestones as PlannedMilestone[]).map((m, i) => toMilestone(m, i + 1));
      return {
        ...s,
        status: 'implementing',
        feasibility: str(d.feasibility),
        budgetYuan: typeof d.budgetYuan === 'number' ? d.budgetYuan : null,
        milestones: planned,
        approvedAt: step.at,
      };
    }
    case 'rejected':
      return { ...s, status: 'rejected', closingReason: str(d.reason) };
    case 'milestone_added':
      return {
        ...s,
        milestones: [...s.milestones, toMilestone(d.milestone as PlannedMilestone, s.milestones.length + 1)],
      };
    case 'progress_reported': {
      const m = s.milestones.find((x) => x.id === d.milestoneId);
      if (m) {
        m.progress = Number(d.progress);
        m.lastNote = str(d.note);
        if (m.progress >= 100) m.doneAt = step.at;
      }
      return s;
    }
    case 'completed':
      return { ...s, status: 'completed', completedAt: step.at };
    case 'evaluated': {
      const e = d as unknown as Omit<Evaluation, 'satisfaction'>;
      const participants = e.satisfied + e.basicallySatisfied + e.unsatisfied;
      return {
        ...s,
        status: 'evaluated',
        evaluation: {
          satisfied: e.satisfied,
          basicallySatisfied: e.basicallySatisfied,
          unsatisfied: e.unsatisfied,
          participants,
          satisfaction: participants > 0 ? (e.satisfied + e.basicallySatisfied) / participants : 0,
          summary: e.summary,
        },
      };
    }
    case 'cancelled':
      return { ...s, status: 'cancelled', closingReason: str(d.reason) };
  }
}

const toMilestone = (m: PlannedMilestone, seq: number): Milestone => ({
  id: m.id,
  seq,
  title: m.title,
  dueOn: m.dueOn ?? null,
  weight: m.weight,
  progress: 0,
  doneAt: null,
  lastNote: null,
});

/** Rebuilds the state from all steps, oldest first. */
export function foldSteps(steps: readonly StepRecord[]): ProjectState {
  return steps.reduce(applyStep, initialState());
}

/** The steps a project's state admits now (screens offer only these; the server re-checks). */
export function nextSteps(state: ProjectState, stepCount: number): StepType[] {
  return STEP_TYPES.filter((t) => {
    const allowed = ALLOWED_FROM[t];
    if (allowed === 'first') return stepCount === 0;
    return stepCount > 0 && allowed.includes(state.status);
  });
}
