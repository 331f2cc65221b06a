import { z } from 'zod';
import { decide, type Principal } from '../../core/auth/authorize.ts';
import { participationPolicy } from '../policy.ts';
import { nextSteps, type ProjectState, STATUS_NAMES, STEP_NAMES, type StepType } from './lifecycle.ts';
import type { MilestoneRow, OpinionProjectRow, OpinionProjectStepRow } from './tables.ts';

/** A project as lists and details show it (no personal data on projects). */
export const ProjectView = z.object({
  id: z.string(),
  code: z.string(),
  parentId: z.string().nullable(),
  unit: z.object({ code: z.string(), name: z.string() }),
  title: z.string(),
  description: z.string(),
  ownerUnitName: z.string().nullable(),
  budgetYuan: z.number().nullable(),
  weight: z.number(),
  status: z.string(),
  statusName: z.string(),
  progress: z.number(),
  satisfaction: z.number().nullable(),
  demandIds: z.array(z.string()),
  topicIds: z.array(z.string()),
  meetingId: z.string().nullable(),
  resolutionId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProjectView = z.infer<typeof ProjectView>;

/** The allow-listed fields of a project row. */
export function presentProject(p: OpinionProjectRow): ProjectView {
  return {
    id: p.id,
    code: p.code,
    parentId: p.parentId,
    unit: { code: p.unitCode, name: p.unitName },
    title: p.title,
    description: p.description,
    ownerUnitName: p.ownerUnitName,
    budgetYuan: p.budgetYuan,
    weight: p.weight,
    status: p.status,
    statusName: STATUS_NAMES[p.status as keyof typeof STATUS_NAMES] ?? p.status,
    progress: p.progress,
    satisfaction: p.satisfaction,
    demandIds: p.demandIds,
    topicIds: p.topicIds,
    meetingId: p.meetingId,
    resolutionId: p.resolutionId,
    createdBy: p.createdByLabel,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** A milestone with its progress and latest note. */
export const MilestoneView = z.object({
  id: z.string(),
  seq: z.number(),
  title: z.string(),
  dueOn: z.string().nullable(),
  weight: z.number(),
  progress: z.number(),
  doneAt: z.string().nullable(),
  lastNote: z.string().nullable(),
});

/** The allow-listed fields of a milestone row. */
export const presentMilestone = (m: MilestoneRow): z.infer<typeof MilestoneView> => ({
  id: m.id,
  seq: m.seq,
  title: m.title,
  dueOn: m.dueOn,
  weight: m.weight,
  progress: m.progress,
  doneAt: m.doneAt?.toISOString() ?? null,
  lastNote: m.lastNote,
});

/** One step of the project’s history, named in Chinese. */
export const StepView = z.object({
  seq: z.number(),
  type: z.string(),
  name: z.string(),
  at: z.string(),
  actor: z.string(),
  note: z.string().nullable(),
});

/** The allow-listed fields of a step row. */
export const presentStep = (s: OpinionProjectStepRow): z.infer<typeof StepView> => ({
  seq: s.seq,
  type: s.type,
  name: STEP_NAMES[s.type as StepType] ?? s.type,
  at: s.at.toISOString(),
  actor: s.actorLabel,
  note: s.note,
});

/** The action (API `kind`) that records each step. */
const ACTION_OF: Partial<Record<StepType, string>> = {
  put_to_consultation: 'put_to_consultation',
  approved: 'approve',
  rejected: 'reject',
  milestone_added: 'add_milestone',
  progress_reported: 'report_progress',
  completed: 'complete',
  evaluated: 'evaluate',
  cancelled: 'cancel',
};

/** What this person may do with the project now: the lifecycle's next steps their role and scope allow. */
export function allowedActions(principal: Principal, p: OpinionProjectRow, state: ProjectState): string[] {
  const resource = { districtCode: p.districtCode, paths: [p.unitPath] };
  const may = (rule: keyof typeof participationPolicy, paths = resource.paths) =>
    decide(principal, participationPolicy[rule], { ...resource, paths }).allowed;
  return nextSteps(state, p.stepCount)
    .map((t) => ACTION_OF[t])
    .filter((a): a is string => Boolean(a))
    .filter((a) => {
      // Offered once every milestone is done (sub-projects are re-checked when it is tried).
      if (a === 'complete' && state.milestones.some((m) => m.progress < 100)) return false;
      if (a === 'approve' || a === 'reject') return may('approveProjects');
      if (a === 'report_progress')
        return may('reportProgress', [p.unitPath, ...(p.ownerPath ? [p.ownerPath] : [])]);
      return may('manageProjects');
    });
}
