import { type AuditActor, appendAudit } from '../../core/audit/append-audit.ts';
import type { Db } from '../../core/db/connection.ts';
import { uuidv7 } from '../../core/ids.ts';
import { assertStep, foldSteps, type ProjectState, type StepType } from './lifecycle.ts';
import { rollUpProgress } from './progress.ts';
import {
  appendSteps,
  getProject,
  listChildren,
  listMilestones,
  listSteps,
  type NewProject,
  saveState,
  setProgress,
  toStepRecord,
} from './store.ts';
import type { OpinionProjectRow } from './tables.ts';

export interface PlannedStep {
  type: StepType;
  data?: Record<string, unknown>;
  note?: string | null;
}

/** Deeper than any real plan (district → street → community → building): stops a corrupt cycle. */
const MAX_DEPTH = 8;

/**
 * Recomputes a project's cached progress from its milestones and its sub-projects (each counted by
 * its own cached progress), then its parent's, up the tree — in the caller's transaction.
 */
export async function refreshProgress(tx: Db, projectId: string, depth = 0): Promise<void> {
  const project = await getProject(tx, projectId);
  if (!project || depth > MAX_DEPTH) return;
  const milestones = await listMilestones(tx, project.id);
  const children = await listChildren(tx, project.id);
  const progress = rollUpProgress({
    weight: project.weight,
    status: project.status,
    milestones,
    // A child's cached progress already rolls up its own subtree: count it as one weighted part.
    children: children.map((c) => ({
      weight: c.weight,
      status: c.status,
      milestones: [{ weight: 1, progress: c.progress }],
      children: [],
    })),
  });
  if (progress !== project.progress) await setProgress(tx, project.id, progress);
  if (project.parentId) await refreshProgress(tx, project.parentId, depth + 1);
}

/**
 * Checks each step against the state it follows, appends them, re-folds the history into the
 * caches (the project row and its milestones), rolls progress up the tree and audits — inside the
 * caller's transaction, with the project row locked. Returns the new state.
 */
export async function recordProjectSteps(
  tx: Db,
  project: OpinionProjectRow,
  planned: PlannedStep[],
  options: {
    actor: AuditActor;
    requestId?: string | null;
    auditAction: string;
    auditDetails?: Record<string, unknown>;
    /** Facts the steps settle that live in columns (the implementing unit at approval …). */
    columns?: Partial<
      Pick<
        NewProject,
        'ownerUnitId' | 'ownerUnitName' | 'ownerPath' | 'budgetYuan' | 'meetingId' | 'resolutionId'
      >
    >;
  },
): Promise<ProjectState> {
  const history = (await listSteps(tx, project.id)).map(toStepRecord);
  let state = foldSteps(history);
  const at = new Date();
  const rows = planned.map((p) => {
    assertStep(state, { type: p.type, data: p.data ?? {} }, history.length);
    history.push({ type: p.type, at, data: p.data ?? {} });
    state = foldSteps(history);
    return {
      id: uuidv7(),
      districtCode: project.districtCode,
      type: p.type,
      at,
      actorId: options.actor.id,
      actorLabel: options.actor.label,
      note: p.note ?? null,
      data: p.data ?? {},
    };
  });
  const count = await appendSteps(tx, project.id, project.stepCount, rows);
  await saveState(tx, project, state, count, options.columns);
  await refreshProgress(tx, project.id);
  await appendAudit(tx, {
    districtCode: project.districtCode,
    actor: options.actor,
    action: options.auditAction,
    targetType: 'opinion_project',
    targetId: project.id,
    details: { code: project.code, steps: planned.map((p) => p.type), ...options.auditDetails },
    requestId: options.requestId ?? null,
  });
  return state;
}
