import { randomInt } from 'node:crypto';
import { authorize, type Principal, scopePath } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { getDemandByCode } from '../../demands/store.ts';
import type { OrgUnitRow } from '../../jurisdiction/tables.ts';
import { getTopics } from '../consultation/store.ts';
import { participationPolicy } from '../policy.ts';
import { communityOrStreetByCode, ownerUnitByCode } from '../units.ts';
import { initialState } from './lifecycle.ts';
import { CreateProjectInput } from './model.ts';
import { type PlannedStep, recordProjectSteps } from './record-project-steps.ts';
import { getProject, insertProject } from './store.ts';
import type { OpinionProjectRow } from './tables.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The number people quote: MY (民意) + Beijing date + 6 random characters. */
export function newProjectCode(now = new Date()): string {
  const ymd = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(2, 10).replaceAll('-', '');
  let tail = '';
  for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `MY${ymd}${tail}`;
}

export interface NewProjectFacts {
  principal: Principal;
  unit: OrgUnitRow;
  title: string;
  description: string;
  demandIds: string[];
  topicIds: string[];
  parentId?: string | null | undefined;
  ownerUnit?: OrgUnitRow | null | undefined;
  budgetYuan?: number | null | undefined;
  weight?: number | undefined;
  /** Steps after `created` (a meeting's resolution adds `consulted`). */
  followedBy?: PlannedStep[];
  meetingId?: string | null | undefined;
  resolutionId?: string | null | undefined;
  requestId?: string | null | undefined;
}

/** Inserts a project and its first steps in the caller's transaction (no authorization here). */
export async function insertNewProject(tx: Db, f: NewProjectFacts): Promise<OpinionProjectRow> {
  const now = new Date();
  const id = uuidv7();
  await insertProject(tx, {
    id,
    districtCode: f.unit.districtCode,
    code: newProjectCode(now),
    parentId: f.parentId ?? null,
    unitId: f.unit.id,
    unitCode: f.unit.code,
    unitName: f.unit.name,
    unitPath: f.unit.path,
    title: f.title,
    description: f.description,
    ownerUnitId: f.ownerUnit?.id ?? null,
    ownerUnitName: f.ownerUnit?.name ?? null,
    ownerPath: f.ownerUnit?.path ?? null,
    budgetYuan: f.budgetYuan ?? null,
    weight: f.weight ?? 1,
    demandIds: f.demandIds,
    topicIds: f.topicIds,
    meetingId: f.meetingId ?? null,
    resolutionId: f.resolutionId ?? null,
    createdByLabel: f.principal.displayName,
    createdAt: now,
    status: 'collecting',
    state: initialState() as unknown as Record<string, unknown>,
    updatedAt: now,
  });
  const row = (await getProject(tx, id, { forUpdate: true })) as OpinionProjectRow;
  await recordProjectSteps(
    tx,
    row,
    [
      { type: 'created', data: { parentId: f.parentId ?? null, topicId: f.topicIds[0] ?? null } },
      ...(f.followedBy ?? []),
    ],
    {
      actor: { id: f.principal.userId, label: f.principal.username },
      requestId: f.requestId ?? null,
      auditAction: 'opinion_project.create',
      auditDetails: {
        unit: f.unit.code,
        parentId: f.parentId ?? null,
        demandIds: f.demandIds,
        topicIds: f.topicIds,
      },
    },
  );
  return (await getProject(tx, id)) as OpinionProjectRow;
}

/**
 * 征集立项: the community (or street) opens a project residents asked for, linked to the 12345
 * demands and consultation topics that raised it; or, under an approved parent, a sub-project that
 * inherits the parent's consultation and waits for its own feasibility approval.
 */
export async function createProject(options: {
  db: Db;
  principal: Principal;
  input: CreateProjectInput;
  requestId?: string | null;
}): Promise<OpinionProjectRow> {
  const input = CreateProjectInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const unit = await communityOrStreetByCode(tx, principal, input.unitCode);
    authorize(principal, participationPolicy.manageProjects, {
      districtCode: unit.districtCode,
      paths: [unit.path],
    });
    if (input.parentId) {
      const parent = await getProject(tx, input.parentId);
      if (!parent || parent.districtCode !== principal.districtCode)
        throw notFound('上级项目', input.parentId);
      if (!['approving', 'implementing'].includes(parent.status)) {
        throw new AppError('ILLEGAL_TRANSITION', '只能在待审批或实施中的项目下增设子项目 (parent not open)', {
          status: parent.status,
          step: 'add_child',
        });
      }
      if (!unit.path.startsWith(parent.unitPath)) {
        throw new AppError('VALIDATION_FAILED', '子项目须在上级项目所服务的辖区之内 (outside the parent)');
      }
    }
    const scope = scopePath(principal);
    const demandIds: string[] = [];
    for (const code of input.demandCodes) {
      const d = await getDemandByCode(tx, code);
      if (!d || d.districtCode !== principal.districtCode || !d.locationPath.startsWith(scope)) {
        throw new AppError('NOT_FOUND', `诉求不存在或不在本辖区：${code} (demand not found)`, { code });
      }
      demandIds.push(d.id);
    }
    const topics = await getTopics(tx, input.topicIds);
    const strangers = input.topicIds.filter(
      (id) => !topics.some((t) => t.id === id && t.communityPath.startsWith(unit.path)),
    );
    if (strangers.length > 0) {
      throw new AppError('NOT_FOUND', '议题不存在或不属本社区 (topic not found)', { ids: strangers });
    }
    const ownerUnit = input.ownerUnitCode ? await ownerUnitByCode(tx, principal, input.ownerUnitCode) : null;
    return insertNewProject(tx, {
      principal,
      unit,
      title: input.title,
      description: input.description,
      demandIds,
      topicIds: input.topicIds,
      parentId: input.parentId,
      ownerUnit,
      budgetYuan: input.budgetYuan,
      weight: input.weight,
      requestId: options.requestId,
    });
  });
}
