import { randomInt } from 'node:crypto';
import { authorize, type Principal, scopePath } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { attachFiles } from '../core/files/attach-files.ts';
import { uuidv7 } from '../core/ids.ts';
import { getDemandByCode } from '../demands/store.ts';
import { getGridEvents } from '../grid-work/events-store.ts';
import type { AppContext } from '../http/context.ts';
import { getUnitById } from '../jurisdiction/store.ts';
import { initialState } from './lifecycle.ts';
import { BlowWhistleInput } from './model.ts';
import { whistlePolicy } from './policy.ts';
import { recordSteps } from './record-steps.ts';
import { resolveSummons } from './resolve-summons.ts';
import { getWhistle, insertWhistle } from './store.ts';
import type { WhistleRow } from './tables.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The number people quote: CS (吹哨) + Beijing date + 6 random characters. */
export function newWhistleCode(now = new Date()): string {
  const ymd = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(2, 10).replaceAll('-', '');
  let tail = '';
  for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `CS${ymd}${tail}`;
}

/**
 * 吹哨: a street (or community) summons units (or party members) to a problem it cannot solve alone,
 * with a deadline to report and one to act, linked to demands and grid events of its own scope.
 * One transaction: the whistle, its first step, the summons rows, file links and the audit row.
 */
export async function blowWhistle(options: {
  ctx: Pick<AppContext, 'calendars'>;
  db: Db;
  principal: Principal;
  input: BlowWhistleInput;
  requestId?: string | null;
}): Promise<WhistleRow> {
  const input = BlowWhistleInput.parse(options.input);
  const { db, principal } = options;
  authorize(principal, whistlePolicy.blow);
  const level =
    principal.unitLevel === 'street' ? 'street' : principal.unitLevel === 'community' ? 'community' : null;
  if (!level)
    throw new AppError(
      'VALIDATION_FAILED',
      '只有街道或社区可以吹哨 (only streets and communities blow whistles)',
    );
  const now = new Date();
  const calendar = await options.ctx.calendars.get(db, principal.districtCode);
  const reportDueAt = input.reportDueAt
    ? new Date(input.reportDueAt)
    : new Date(now.getTime() + (input.reportWithinHours as number) * 3_600_000);
  const actDueAt = input.actDueAt
    ? new Date(input.actDueAt)
    : calendar.addWorkingDays(now, input.actWithinWorkingDays as number);
  if (reportDueAt.getTime() <= now.getTime())
    throw new AppError('VALIDATION_FAILED', '报到时限须晚于现在 (report deadline in the past)');
  if (actDueAt.getTime() < reportDueAt.getTime()) {
    throw new AppError('VALIDATION_FAILED', '处置时限不能早于报到时限 (act deadline before report deadline)');
  }
  return db.transaction(async (tx) => {
    const blower = { districtCode: principal.districtCode, level, unitPath: principal.unitPath } as const;
    const summons = await resolveSummons(tx, blower, input.summons);
    const scope = scopePath(principal);
    const demandIds: string[] = [];
    for (const code of input.demandCodes) {
      const d = await getDemandByCode(tx, code);
      if (!d || d.districtCode !== principal.districtCode || !d.locationPath.startsWith(scope)) {
        throw new AppError('NOT_FOUND', `诉求不存在或不在本辖区：${code} (demand not found)`, { code });
      }
      demandIds.push(d.id);
    }
    const events = await getGridEvents(tx, input.gridEventIds);
    const outside = input.gridEventIds.filter(
      (id) => !events.some((e) => e.id === id && e.locationPath.startsWith(scope)),
    );
    if (outside.length > 0) {
      throw new AppError('NOT_FOUND', '网格事件不存在或不在本辖区 (grid event not found)', { ids: outside });
    }
    const blowerUnit = await getUnitById(tx, principal.unitId);
    const id = uuidv7();
    const paths = [principal.unitPath, ...summons.map((s) => s.target.path)];
    const attachments = await attachFiles(tx, {
      principal,
      fileIds: input.attachments,
      targetType: 'whistle',
      targetId: id,
      paths,
    });
    await insertWhistle(tx, {
      id,
      districtCode: principal.districtCode,
      code: newWhistleCode(now),
      level,
      blowerUnitId: principal.unitId,
      blowerUnitName: blowerUnit?.name ?? '',
      blowerPath: principal.unitPath,
      title: input.title,
      description: input.description,
      address: input.address ?? null,
      lng: input.point?.lng ?? null,
      lat: input.point?.lat ?? null,
      reportDueAt,
      actDueAt,
      demandIds,
      gridEventIds: input.gridEventIds,
      attachments,
      createdById: principal.userId,
      createdByLabel: principal.displayName,
      createdAt: now,
      status: 'summoning',
      state: initialState() as unknown as Record<string, unknown>,
      updatedAt: now,
    });
    const row = (await getWhistle(tx, id, { forUpdate: true })) as WhistleRow;
    await recordSteps(
      tx,
      row,
      [
        {
          type: 'blown',
          note: input.description,
          data: { reportDueAt: reportDueAt.toISOString(), actDueAt: actDueAt.toISOString(), summons },
        },
      ],
      {
        actor: { id: principal.userId, label: principal.username },
        requestId: options.requestId ?? null,
        auditAction: 'whistle.blow',
        auditDetails: {
          level,
          summons: summons.map((s) => s.target.name),
          demandIds,
          gridEventIds: input.gridEventIds,
        },
      },
    );
    return (await getWhistle(tx, id)) as WhistleRow;
  });
}
