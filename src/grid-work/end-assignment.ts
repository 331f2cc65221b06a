import { appendAudit } from '../core/audit/append-audit.ts';
import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError, notFound } from '../core/errors.ts';
import { endAssignment, getAssignment } from './assignments-store.ts';
import { gridWorkPolicy } from './policy.ts';
import type { GridAssignmentRow } from './tables.ts';

/** Ends a post (离岗/卸任). The row stays as history; ending twice is a 409. Audited. */
export async function endPost(options: {
  db: Db;
  principal: Principal;
  assignmentId: string;
  requestId?: string | null;
}): Promise<GridAssignmentRow> {
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const row = await getAssignment(tx, options.assignmentId);
    if (!row || row.districtCode !== principal.districtCode) throw notFound('岗位', options.assignmentId);
    const rule = row.post === 'party_secretary' ? gridWorkPolicy.designateSecretary : gridWorkPolicy.assign;
    authorize(principal, rule, { districtCode: row.districtCode, paths: [row.unitPath] });
    if (row.endedAt)
      throw new AppError('CONFLICT', `该岗位已于 ${row.endedAt.toISOString()} 结束 (already ended)`);
    await endAssignment(tx, row.id, principal.username);
    await appendAudit(tx, {
      districtCode: row.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'grid_assignment.end',
      targetType: 'grid_assignment',
      targetId: row.id,
      details: { unit: row.unitCode, post: row.post, personName: row.personName },
      requestId: options.requestId ?? null,
    });
    return (await getAssignment(tx, row.id)) as GridAssignmentRow;
  });
}
