import type { Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { OpinionProjectRow } from '../opinion-projects/tables.ts';
import { newTopicCode } from './propose-topic.ts';
import { getResolution, insertFollowUp, insertTopic, updateResolution } from './store.ts';

/**
 * Where 民意立项 and 议事协商 meet, inside the caller's transaction: a project put to consultation
 * becomes a topic on its community's agenda; what becomes of a project is written as follow-ups of the
 * resolution that raised it.
 */

/** A project's topic: straight onto the agenda (its need is already shown by demands or residents). */
export async function createProjectTopic(
  tx: Db,
  principal: Principal,
  project: OpinionProjectRow,
): Promise<string> {
  if (project.unitPath.split('/').filter(Boolean).length < 3) {
    throw new AppError('VALIDATION_FAILED', '街道级项目请由各社区子项目分别协商 (consult at a community)');
  }
  const id = uuidv7();
  await insertTopic(tx, {
    id,
    districtCode: project.districtCode,
    code: newTopicCode(),
    communityId: project.unitId,
    communityCode: project.unitCode,
    communityName: project.unitName,
    communityPath: project.unitPath,
    title: project.title,
    description: project.description,
    origin: 'project',
    demandIds: project.demandIds,
    projectId: project.id,
    supportThreshold: 0,
    status: 'topic',
    becameTopicAt: new Date(),
    createdByLabel: principal.displayName,
  });
  return id;
}

/** Writes a follow-up on the resolution; `done` closes it (a closed one is left as it is). */
export async function noteResolutionFollowUp(
  tx: Db,
  resolutionId: string,
  entry: { actorLabel: string; note: string; done: boolean },
): Promise<void> {
  const resolution = await getResolution(tx, resolutionId, { forUpdate: true });
  if (!resolution || resolution.status === 'done') return;
  const at = new Date();
  await insertFollowUp(tx, {
    id: uuidv7(),
    districtCode: resolution.districtCode,
    resolutionId,
    at,
    actorLabel: entry.actorLabel,
    note: entry.note,
    done: entry.done,
  });
  await updateResolution(
    tx,
    resolutionId,
    entry.done ? { status: 'done', doneAt: at } : { status: 'in_progress' },
  );
}
