import { and, eq, like, sql } from 'drizzle-orm';
import { type Principal, scopePath } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { demands } from './tables.ts';

export interface WorkbenchCounts {
  待派单: number;
  待签收: number;
  办理中: number;
  即将超期: number;
  已超期: number;
  退单待审: number;
  待回访: number;
  延期待审: number;
  申诉待审: number;
}

/**
 * The to-do counts of a workbench: the hotline sees the district's queues (dispatch, reviews,
 * callbacks); a handling unit sees the demands it owns (sign, handle, due soon, overdue).
 */
export async function workbenchCounts(db: Db, principal: Principal): Promise<WorkbenchCounts> {
  const scope = scopePath(principal);
  const rows = await db
    .select({
      status: demands.status,
      dueState: demands.dueState,
      extension: sql<boolean>`coalesce((${demands.state}->>'extensionPending')::boolean, false)`,
      appeal: sql<string>`coalesce(${demands.state}->>'appeal', 'none')`,
      n: sql<number>`count(*)::int`,
    })
    .from(demands)
    .where(
      and(
        eq(demands.districtCode, principal.districtCode),
        // parenthesised: and() does not wrap raw SQL, and this OR must not escape the district filter
        sql`(${demands.status} NOT IN ('closed', 'answered', 'refused', 'merged') OR (${demands.state}->>'appeal') = 'pending')`,
        // Owned work for handling units; everything in the district for district-wide roles.
        scope.split('/').filter(Boolean).length > 1 ? like(demands.ownerPath, `${scope}%`) : undefined,
      ),
    )
    .groupBy(demands.status, demands.dueState, sql`3`, sql`4`);
  const c: WorkbenchCounts = {
    待派单: 0,
    待签收: 0,
    办理中: 0,
    即将超期: 0,
    已超期: 0,
    退单待审: 0,
    待回访: 0,
    延期待审: 0,
    申诉待审: 0,
  };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.status === 'pending_dispatch') c.待派单 += n;
    if (r.status === 'dispatched') c.待签收 += n;
    if (r.status === 'in_progress') c.办理中 += n;
    if (r.status === 'returned') c.退单待审 += n;
    if (r.status === 'replied') c.待回访 += n;
    if (r.dueState === 'due_soon') c.即将超期 += n;
    if (r.dueState === 'overdue') c.已超期 += n;
    if (r.extension) c.延期待审 += n;
    if (r.appeal === 'pending') c.申诉待审 += n;
  }
  return c;
}
