import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { notFound } from '../core/errors.ts';
import { COMMUNITY_FLAGS } from './levels.ts';
import { getUnitByCode } from './store.ts';
import { type OrgUnitRow, orgUnits } from './tables.ts';

export const UnitAttributesPatch = z
  .object({
    households: z.number().int().min(0).max(1_000_000).nullable(),
    population: z.number().int().min(0).max(50_000_000).nullable(),
    areaKm2: z.number().min(0).max(100_000).nullable(),
    flags: z.array(z.enum(COMMUNITY_FLAGS)).max(COMMUNITY_FLAGS.length),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: '至少修改一项属性' });
export type UnitAttributesPatch = z.infer<typeof UnitAttributesPatch>;

/**
 * Edits a unit's households/population/area/flags (they drive staffing and funding rules). The first
 * real edit clears the "demo values" mark. Before and after values go into the audit log.
 */
export async function updateUnitAttributes(options: {
  db: Db;
  code: string;
  patch: UnitAttributesPatch;
  actor: AuditActor;
  requestId?: string | null;
  /** Called inside the transaction with the current row: the route's authorization check. */
  authorizeUnit?: (unit: OrgUnitRow) => void;
}): Promise<OrgUnitRow> {
  const patch = UnitAttributesPatch.parse(options.patch);
  return options.db.transaction(async (tx) => {
    const unit = await getUnitByCode(tx, options.code);
    if (!unit) throw notFound('组织单位', options.code);
    options.authorizeUnit?.(unit);
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, unit[k as keyof typeof patch]]));
    const [row] = await tx
      .update(orgUnits)
      .set({ ...patch, attrsAreDemo: false, updatedAt: new Date() })
      .where(eq(orgUnits.id, unit.id))
      .returning();
    await appendAudit(tx, {
      districtCode: unit.districtCode,
      actor: options.actor,
      action: 'org_unit.update',
      targetType: 'org_unit',
      targetId: unit.code,
      details: { before, after: patch },
      requestId: options.requestId ?? null,
    });
    return row ?? unit;
  });
}
