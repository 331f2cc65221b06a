import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { createProjectTopic, noteResolutionFollowUp } from '../consultation/project-links.ts';
import { participationPolicy } from '../policy.ts';
import { ownerUnitByCode } from '../units.ts';
import { ProjectAction } from './model.ts';
import { unfinishedChildren } from './progress.ts';
import { type PlannedStep, recordProjectSteps } from './record-project-steps.ts';
import { getProject, listChildren } from './store.ts';
import type { OpinionProjectRow } from './tables.ts';

type Columns = Parameters<typeof recordProjectSteps>[3]['columns'];

/**
 * Every step after a project is created, with the row locked and re-checked in one transaction:
 * put to consultation (a topic on the community's agenda), feasibility approval with the milestone
 * plan or rejection (the street's call), milestones and progress, completion once every milestone
 * and sub-project is done, the residents' evaluation, cancellation. An illegal step is 409
 * ILLEGAL_TRANSITION. The resolution that raised the project is followed up along the way.
 */
export async function performProjectAction(options: {
  db: Db;
  principal: Principal;
  projectId: string;
  action: ProjectAction;
  requestId?: string | null;
}): Promise<OpinionProjectRow> {
  const action = ProjectAction.parse(options.action);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const project = await getProject(tx, options.projectId, { forUpdate: true });
    if (!project || project.districtCode !== principal.districtCode)
      throw notFound('民意立项项目', options.projectId);
    const paths = [project.unitPath];
    const rule =
      action.kind === 'approve' || action.kind === 'reject'
        ? participationPolicy.approveProjects
        : action.kind === 'report_progress'
          ? participationPolicy.reportProgress
          : participationPolicy.manageProjects;
    if (action.kind === 'report_progress' && project.ownerPath) paths.push(project.ownerPath);
    authorize(principal, rule, { districtCode: project.districtCode, paths });
    const { steps, columns } = await plan(tx, principal, project, action);
    await recordProjectSteps(tx, project, steps, {
      actor: { id: principal.userId, label: principal.username },
      requestId: options.requestId ?? null,
      auditAction: `opinion_project.${action.kind}`,
      columns,
    });
    await followUpResolution(tx, principal, project, action);
    return (await getProject(tx, project.id)) as OpinionProjectRow;
  });
}

async function plan(
  tx: Db,
  principal: Principal,
  project: OpinionProjectRow,
  action: ProjectAction,
): Promise<{ steps: PlannedStep[]; columns?: Columns }> {
  switch (action.kind) {
    case 'put_to_consultation': {
      if (project.status !== 'collecting') return { steps: [{ type: 'put_to_consultation' }] }; // refused by the lifecycle
      const topicId = await createProjectTopic(tx, principal, project);
      return { steps: [{ type: 'put_to_consultation', data: { topicId } }] };
    }
    case 'approve': {
      const owner = action.ownerUnitCode ? await ownerUnitByCode(tx, principal, action.ownerUnitCode) : null;
      const milestones = action.milestones.map((m) => ({ id: uuidv7(), ...m }));
      return {
        steps: [
          {
            type: 'approved',
            note: action.feasibility,
            data: { feasibility: action.feasibility, budgetYuan: action.budgetYuan ?? null, milestones },
          },
        ],
        columns: {
          ...(owner ? { ownerUnitId: owner.id, ownerUnitName: owner.name, ownerPath: owner.path } : {}),
          ...(action.budgetYuan != null ? { budgetYuan: action.budgetYuan } : {}),
        },
      };
    }
    case 'reject':
      return { steps: [{ type: 'rejected', note: action.reason, data: { reason: action.reason } }] };
    case 'add_milestone':
      return {
        steps: [{ type: 'milestone_added', data: { milestone: { id: uuidv7(), ...action.milestone } } }],
      };
    case 'report_progress':
      return {
        steps: [
          {
            type: 'progress_reported',
            note: action.note,
            data: { milestoneId: action.milestoneId, progress: action.progress, note: action.note },
          },
        ],
      };
    case 'complete': {
      const open = unfinishedChildren(await listChildren(tx, project.id));
      if (open.length > 0) {
        throw new AppError(
          'PROGRESS_INCOMPLETE',
          `尚有子项目未完成：${open.map((c) => c.title).join('、')} (sub-projects not done)`,
          { open: open.map((c) => c.id) },
        );
      }
      return { steps: [{ type: 'completed', note: action.note ?? null, data: {} }] };
    }
    case 'evaluate': {
      const { kind: _kind, ...tally } = action;
      return { steps: [{ type: 'evaluated', note: action.summary, data: tally }] };
    }
    case 'cancel':
      return { steps: [{ type: 'cancelled', note: action.reason, data: { reason: action.reason } }] };
  }
}

/** The resolution that raised the project learns what became of it (议定事项跟踪落实). */
async function followUpResolution(
  tx: Db,
  principal: Principal,
  project: OpinionProjectRow,
  action: ProjectAction,
): Promise<void> {
  if (!project.resolutionId) return;
  const notes: Partial<Record<ProjectAction['kind'], { note: string; done: boolean }>> = {
    approve: { note: `民意立项 ${project.code} 已审批立项，进入实施`, done: false },
    reject: { note: `民意立项 ${project.code} 不予立项`, done: true },
    complete: { note: `民意立项 ${project.code} 已完工，待居民评价`, done: false },
    evaluate: { note: `民意立项 ${project.code} 已完工并经居民评价`, done: true },
    cancel: { note: `民意立项 ${project.code} 已撤销`, done: true },
  };
  const entry = notes[action.kind];
  if (entry)
    await noteResolutionFollowUp(tx, project.resolutionId, { actorLabel: principal.displayName, ...entry });
}
