import { AppError } from '../core/errors.ts';

/**
 * A grid event's state is folded from its append-only steps (ARCHITECTURE rule 7): the digital
 * city-management closed loop 上报 → 立案 → 派遣 → 处置(反馈) → 核查 → 结案, with rework (返工) when the
 * reporter's verification fails, extensions, escalation community → street, and on-the-spot closing
 * (小事不出网格). Pure: no I/O, no clock.
 */

export const STEP_TYPES = [
  'reported',
  'closed_on_spot',
  'registered',
  'rejected',
  'escalated',
  'dispatched',
  'extension_requested',
  'extension_approved',
  'extension_denied',
  'disposed',
  'verified',
  'rework',
  'closed',
] as const;
export type StepType = (typeof STEP_TYPES)[number];

export const STATUSES = [
  'reported',
  'registered',
  'dispatched',
  'disposed',
  'verified',
  'closed',
  'rejected',
] as const;
export type GridEventStatus = (typeof STATUSES)[number];

export const STATUS_NAMES: Record<GridEventStatus, string> = {
  reported: '待立案',
  registered: '待派遣',
  dispatched: '处置中',
  disposed: '待核查',
  verified: '待结案',
  closed: '已结案',
  rejected: '不予立案',
};

export const STEP_NAMES: Record<StepType, string> = {
  reported: '上报',
  closed_on_spot: '现场处置结案',
  registered: '立案',
  rejected: '不予立案',
  escalated: '上报街道',
  dispatched: '派遣',
  extension_requested: '申请延期',
  extension_approved: '同意延期',
  extension_denied: '不同意延期',
  disposed: '处置反馈',
  verified: '核查通过',
  rework: '核查不通过，返工',
  closed: '结案',
};

/** Who handles a dispatched case: the community or street itself, or a department (via a demand). */
export type HandlerKind = 'community' | 'street' | 'department';

export interface UnitRef {
  id: string;
  path: string;
  code: string;
  name: string;
}

export interface StepRecord {
  type: StepType;
  at: Date;
  data: Record<string, unknown>;
}

export interface GridEventState {
  status: GridEventStatus;
  /** The level that manages the case: the grid's community, after escalation its street. */
  level: 'community' | 'street';
  owner: UnitRef | null;
  handler: UnitRef | null;
  handlerKind: HandlerKind | null;
  reporterId: string | null;
  reportedAt: Date | null;
  registeredAt: Date | null;
  firstDispatchedAt: Date | null;
  dispatchedAt: Date | null;
  /** 处置时限: written at dispatch, moved by an approved extension, kept through rework. */
  dueAt: Date | null;
  disposedAt: Date | null;
  verifiedAt: Date | null;
  closedAt: Date | null;
  onSpot: boolean;
  reworkCount: number;
  extensionPending: boolean;
  extensionCount: number;
  demandId: string | null;
  demandCode: string | null;
}

const OPEN_FOR_ESCALATION: readonly GridEventStatus[] = ['reported', 'registered'];

/** Which states each step may follow ('first' = only as the very first step). */
const ALLOWED_FROM: Record<StepType, readonly GridEventStatus[] | 'first'> = {
  reported: 'first',
  closed_on_spot: ['reported'],
  registered: ['reported'],
  rejected: ['reported'],
  escalated: OPEN_FOR_ESCALATION,
  dispatched: ['registered'],
  extension_requested: ['dispatched'],
  extension_approved: ['dispatched'],
  extension_denied: ['dispatched'],
  disposed: ['dispatched'],
  verified: ['disposed'],
  rework: ['disposed'],
  closed: ['verified'],
};

/** The state before any step. */
export function initialState(): GridEventState {
  return {
    status: 'reported',
    level: 'community',
    owner: null,
    handler: null,
    handlerKind: null,
    reporterId: null,
    reportedAt: null,
    registeredAt: null,
    firstDispatchedAt: null,
    dispatchedAt: null,
    dueAt: null,
    disposedAt: null,
    verifiedAt: null,
    closedAt: null,
    onSpot: false,
    reworkCount: 0,
    extensionPending: false,
    extensionCount: 0,
    demandId: null,
    demandCode: null,
  };
}

const illegal = (state: GridEventState, type: StepType, why?: string) =>
  new AppError(
    'ILLEGAL_TRANSITION',
    why ?? `当前状态“${STATUS_NAMES[state.status]}”下不能执行“${STEP_NAMES[type]}” (illegal transition)`,
    { status: state.status, step: type },
  );

/** Throws ILLEGAL_TRANSITION unless `type` may follow `state` (`stepsSoFar` = steps already written). */
export function assertStep(state: GridEventState, type: StepType, stepsSoFar: number): void {
  const allowed = ALLOWED_FROM[type];
  if (allowed === 'first' ? stepsSoFar !== 0 : stepsSoFar === 0 || !allowed.includes(state.status)) {
    throw illegal(state, type);
  }
  if (type === 'escalated' && state.level !== 'community') {
    throw illegal(state, type, '街道层级不能再上报，请派遣至职能部门或吹哨 (already at the street)');
  }
  if (type === 'extension_requested' && state.extensionPending) {
    throw illegal(state, type, '已有待审批的延期申请 (extension already pending)');
  }
  if ((type === 'extension_approved' || type === 'extension_denied') && !state.extensionPending) {
    throw illegal(state, type, '没有待审批的延期申请 (no extension pending)');
  }
}

/** The steps that may follow `state` now (for the "what can I do" list). */
export function nextSteps(state: GridEventState, stepsSoFar: number): StepType[] {
  return STEP_TYPES.filter((t) => {
    try {
      assertStep(state, t, stepsSoFar);
      return true;
    } catch {
      return false;
    }
  });
}

const unit = (v: unknown): UnitRef | null => {
  const u = v as Partial<UnitRef> | null | undefined;
  return u?.id && u.path ? { id: u.id, path: u.path, code: u.code ?? '', name: u.name ?? '' } : null;
};
const date = (v: unknown): Date | null => (v ? new Date(v as string) : null);

/** Applies one (already checked) step. */
export function applyStep(state: GridEventState, step: StepRecord): GridEventState {
  const s: GridEventState = { ...state };
  const d = step.data;
  switch (step.type) {
    case 'reported':
      return {
        ...s,
        status: 'reported',
        level: 'community',
        owner: unit(d.owner),
        reporterId: (d.reporterId as string | undefined) ?? null,
        reportedAt: step.at,
      };
    case 'closed_on_spot':
      return {
        ...s,
        status: 'closed',
        onSpot: true,
        registeredAt: step.at,
        disposedAt: step.at,
        verifiedAt: step.at,
        closedAt: step.at,
      };
    case 'registered':
      return { ...s, status: 'registered', registeredAt: step.at };
    case 'rejected':
      return { ...s, status: 'rejected' };
    case 'escalated':
      return { ...s, level: 'street', owner: unit(d.owner) ?? s.owner };
    case 'dispatched':
      return {
        ...s,
        status: 'dispatched',
        handler: unit(d.handler),
        handlerKind: (d.handlerKind as HandlerKind | undefined) ?? null,
        dueAt: date(d.dueAt),
        firstDispatchedAt: s.firstDispatchedAt ?? step.at,
        dispatchedAt: step.at,
        demandId: (d.demandId as string | undefined) ?? s.demandId,
        demandCode: (d.demandCode as string | undefined) ?? s.demandCode,
      };
    case 'extension_requested':
      return { ...s, extensionPending: true };
    case 'extension_approved':
      return {
        ...s,
        extensionPending: false,
        extensionCount: s.extensionCount + 1,
        dueAt: date(d.newDueAt) ?? s.dueAt,
      };
    case 'extension_denied':
      return { ...s, extensionPending: false };
    case 'disposed':
      return { ...s, status: 'disposed', disposedAt: step.at };
    case 'verified':
      return { ...s, status: 'verified', verifiedAt: step.at };
    case 'rework':
      return { ...s, status: 'dispatched', reworkCount: s.reworkCount + 1, disposedAt: null };
    case 'closed':
      return { ...s, status: 'closed', closedAt: step.at };
  }
}

/** Rebuilds the state from all steps, oldest first. */
export function foldSteps(steps: readonly StepRecord[]): GridEventState {
  return steps.reduce(applyStep, initialState());
}
