import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { attachFiles } from '../core/files/attach-files.ts';
import { uuidv7 } from '../core/ids.ts';
import type { AppContext } from '../http/context.ts';
import { locatePoint } from '../jurisdiction/locate-point.ts';
import { findCategory } from './categories.ts';
import { initialState } from './event-lifecycle.ts';
import { getGridEvent, insertGridEvent } from './events-store.ts';
import { fileIdsSchema, pointSchema } from './model.ts';
import { gridWithCommunity } from './patrol-rules.ts';
import { gridWorkPolicy } from './policy.ts';
import { type PlannedStep, recordSteps } from './record-steps.ts';
import type { GridEventRow } from './tables.ts';

export const ReportGridEventInput = z
  .object({
    categoryCode: z.string().regex(/^[BE]\d{2}(\d{2})?$/, '类别代码如 E0101'),
    description: z.string().trim().min(5, '问题描述至少 5 个字').max(2000),
    /** Where: a point (located to its grid) or, without one, the grid itself. */
    point: pointSchema.nullish(),
    gridCode: z.string().length(15).nullish(),
    address: z.string().trim().max(300).nullish(),
    photos: fileIdsSchema,
    /** 小事不出网格: the reporter solved it on the spot — the case closes at once. */
    closeOnSpot: z
      .object({ result: z.string().trim().min(2, '请说明现场处置结果').max(2000), evidence: fileIdsSchema })
      .nullish(),
  })
  .refine((v) => v.point || v.gridCode, { message: '坐标和网格至少提供一项', path: ['point'] });
export type ReportGridEventInput = z.input<typeof ReportGridEventInput>;

// Crockford base32 without I, L, O, U: read aloud without confusion.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The case number people quote: WG + Beijing date + 6 random characters. */
export function newEventCode(now = new Date()): string {
  const ymd = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(2, 10).replaceAll('-', '');
  let tail = '';
  for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `WG${ymd}${tail}`;
}

const ref = (u: { id: string; path: string; code: string; name: string }) => ({
  id: u.id,
  path: u.path,
  code: u.code,
  name: u.name,
});

/**
 * 发现上报: a grid worker (or community worker) reports a problem in a grid of their scope with its
 * category, place and photos. It goes to the grid's community; with `closeOnSpot` the reporter
 * closes it at once. One transaction: the event, its steps, the photo links and the audit row.
 */
export async function reportGridEvent(options: {
  ctx: Pick<AppContext, 'geo'>;
  db: Db;
  principal: Principal;
  input: ReportGridEventInput;
  requestId?: string | null;
}): Promise<GridEventRow> {
  const input = ReportGridEventInput.parse(options.input);
  const { db, principal } = options;
  const category = findCategory(input.categoryCode);
  let gridCode = input.gridCode ?? null;
  if (input.point) {
    const located = await locatePoint({
      db,
      geo: options.ctx.geo,
      districtCode: principal.districtCode,
      ...input.point,
    });
    if (!located)
      throw new AppError('VALIDATION_FAILED', '该坐标不在本区任何网格内 (point outside every grid)');
    if (gridCode && gridCode !== located.grid.code) {
      throw new AppError(
        'VALIDATION_FAILED',
        `坐标位于${located.grid.name}，与所填网格不符 (point not in grid)`,
      );
    }
    gridCode = located.grid.code;
  }
  const { grid, community } = await gridWithCommunity(db, principal.districtCode, gridCode as string);
  authorize(principal, gridWorkPolicy.reportEvent, { districtCode: grid.districtCode, paths: [grid.path] });
  return db.transaction(async (tx) => {
    const id = uuidv7();
    const now = new Date();
    // Links carry no foreign key, so the photos are checked and linked before the row exists.
    const target = { principal, targetType: 'grid_event', targetId: id, paths: [grid.path] };
    const photos = await attachFiles(tx, { ...target, fileIds: input.photos });
    await insertGridEvent(tx, {
      id,
      districtCode: grid.districtCode,
      code: newEventCode(now),
      kind: category.kind,
      categoryCode: category.code,
      categoryName: category.path,
      description: input.description,
      address: input.address ?? null,
      lng: input.point?.lng ?? null,
      lat: input.point?.lat ?? null,
      gridId: grid.id,
      gridCode: grid.code,
      locationPath: grid.path,
      communityId: community.id,
      reporterId: principal.userId,
      reporterLabel: principal.displayName,
      photos,
      createdAt: now,
      status: 'reported',
      ownerPath: community.path,
      state: initialState() as unknown as Record<string, unknown>,
      updatedAt: now,
    });
    const steps: PlannedStep[] = [
      {
        type: 'reported',
        note: input.description,
        data: { owner: ref(community), reporterId: principal.userId, photos },
      },
    ];
    if (input.closeOnSpot) {
      const evidence = await attachFiles(tx, { ...target, fileIds: input.closeOnSpot.evidence });
      steps.push({
        type: 'closed_on_spot',
        note: input.closeOnSpot.result,
        data: { result: input.closeOnSpot.result, evidence },
      });
    }
    const row = (await getGridEvent(tx, id, { forUpdate: true })) as GridEventRow;
    await recordSteps(tx, row, steps, {
      actor: { id: principal.userId, label: principal.username },
      requestId: options.requestId ?? null,
      auditAction: 'grid_event.report',
      auditDetails: { category: category.code, grid: grid.code, onSpot: Boolean(input.closeOnSpot) },
    });
    return (await getGridEvent(tx, id)) as GridEventRow;
  });
}
