import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { participationPolicy } from '../policy.ts';
import { FollowUpInput } from './model.ts';
import { getResolution, insertFollowUp, updateResolution } from './store.ts';
import type { ResolutionRow } from './tables.ts';

/**
 * 跟踪落实: the community (or the owner unit) writes what was done on a resolution until it is done.
 * A project's resolution is closed by its project (evaluated, rejected or cancelled), not by hand.
 */
export async function followUpResolution(options: {
  db: Db;
  principal: Principal;
  resolutionId: string;
  input: FollowUpInput;
  requestId?: string | null;
}): Promise<ResolutionRow> {
  const input = FollowUpInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const r = await getResolution(tx, options.resolutionId, { forUpdate: true });
    if (!r || r.districtCode !== principal.districtCode) throw notFound('决议', options.resolutionId);
    authorize(principal, participationPolicy.followUp, {
      districtCode: r.districtCode,
      paths: [r.communityPath, ...(r.ownerPath ? [r.ownerPath] : [])],
    });
    if (r.status === 'done') {
      throw new AppError('ILLEGAL_TRANSITION', '决议已落实办结，不能再跟踪 (already done)', {
        status: r.status,
        step: 'follow_up',
      });
    }
    if (input.done && r.kind === 'project' && r.projectId) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        '立项决议随民意立项项目评价后自动办结 (closed by its project)',
        { status: r.status, step: 'follow_up' },
      );
    }
    const at = new Date();
    await insertFollowUp(tx, {
      id: uuidv7(),
      districtCode: r.districtCode,
      resolutionId: r.id,
      at,
      actorLabel: principal.displayName,
      note: input.note,
      done: input.done,
    });
    await updateResolution(tx, r.id, input.done ? { status: 'done', doneAt: at } : { status: 'in_progress' });
    await appendAudit(tx, {
      districtCode: r.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: input.done ? 'consultation_resolution.done' : 'consultation_resolution.follow_up',
      targetType: 'consultation_resolution',
      targetId: r.id,
      details: { done: input.done },
      requestId: options.requestId ?? null,
    });
    return (await getResolution(tx, r.id)) as ResolutionRow;
  });
}
