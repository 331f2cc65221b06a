import { and, asc, eq, inArray, like, or, sql } from 'drizzle-orm';
import { orgUnits } from '../../jurisdiction/tables.ts';
import type { Db } from '../db/connection.ts';
import type { Principal } from './authorize.ts';
import { isRole, type Role } from './roles.ts';
import type { StaffNames } from './staff-names.ts';
import { type UserRow, users } from './tables.ts';

export type NewUser = typeof users.$inferInsert;
export type UserWithUnit = UserRow & {
  unitCode: string;
  unitName: string;
  unitPath: string;
  unitLevel: string;
};

export const withUnit = {
  user: users,
  unitCode: orgUnits.code,
  unitName: orgUnits.name,
  unitPath: orgUnits.path,
  unitLevel: orgUnits.level,
};

export const flatten = (r: {
  user: UserRow;
  unitCode: string;
  unitName: string;
  unitPath: string;
  unitLevel: string;
}): UserWithUnit => ({
  ...r.user,
  unitCode: r.unitCode,
  unitName: r.unitName,
  unitPath: r.unitPath,
  unitLevel: r.unitLevel,
});

export async function insertUser(tx: Db, row: NewUser): Promise<void> {
  await tx.insert(users).values(row);
}

export async function findUserByUsername(db: Db, username: string): Promise<UserWithUnit | undefined> {
  const [row] = await db
    .select(withUnit)
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(users.username, username));
  return row && flatten(row);
}

export async function findUserById(db: Db, id: string): Promise<UserWithUnit | undefined> {
  const [row] = await db
    .select(withUnit)
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(users.id, id));
  return row && flatten(row);
}

/** Users whose unit lies inside `withinPath` (the caller's scope). */
export async function listUsers(
  db: Db,
  f: { districtCode: string; withinPath: string; limit?: number; offset?: number },
): Promise<UserWithUnit[]> {
  const rows = await db
    .select(withUnit)
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(and(eq(users.districtCode, f.districtCode), like(orgUnits.path, `${f.withinPath}%`)))
    .orderBy(asc(orgUnits.path), asc(users.username))
    .limit(f.limit ?? 200)
    .offset(f.offset ?? 0);
  return rows.map(flatten);
}

export async function recordFailedLogin(tx: Db, userId: string, lockUntil: Date | null): Promise<number> {
  const [row] = await tx
    .update(users)
    .set({
      failedLogins: sql`${users.failedLogins} + 1`,
      ...(lockUntil ? { lockedUntil: lockUntil } : {}),
    })
    .where(eq(users.id, userId))
    .returning({ failedLogins: users.failedLogins });
  return row?.failedLogins ?? 0;
}

export async function recordSuccessfulLogin(tx: Db, userId: string): Promise<void> {
  await tx
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() })
    .where(eq(users.id, userId));
}

export async function setLock(tx: Db, userId: string, lockedUntil: Date | null): Promise<void> {
  await tx
    .update(users)
    .set({ lockedUntil, failedLogins: lockedUntil ? sql`${users.failedLogins}` : 0 })
    .where(eq(users.id, userId));
}

/** The Principal for a user row (roles filtered to known ones). */
export function toPrincipal(user: UserWithUnit, via: Principal['via']): Principal {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    districtCode: user.districtCode,
    unitId: user.orgUnitId,
    unitPath: user.unitPath,
    unitLevel: user.unitLevel,
    roles: user.roles.filter(isRole),
    via,
  };
}

/**
 * Active users holding `role`, counted per unit subtree: for each of `paths` (e.g. every community's
 * path) the number of such users whose unit lies inside it. Used by reports that set actual staff
 * (grid workers) against what a policy requires.
 */
export async function countRoleHoldersWithin(
  db: Db,
  f: { districtCode: string; role: Role; paths: readonly string[] },
): Promise<Map<string, number>> {
  const rows = await db
    .select({ path: orgUnits.path })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(
      and(
        eq(users.districtCode, f.districtCode),
        eq(users.active, true),
        sql`${users.roles} @> ${JSON.stringify([f.role])}::jsonb`,
      ),
    );
  const counts = new Map<string, number>(f.paths.map((p) => [p, 0]));
  for (const { path } of rows) {
    // Walk the user's unit path upwards: the first ancestor (or itself) that was asked for gets it.
    const segments = path.split('/').filter(Boolean);
    for (let depth = segments.length; depth > 0; depth--) {
      const prefix = `/${segments.slice(0, depth).join('/')}/`;
      const n = counts.get(prefix);
      if (n !== undefined) {
        counts.set(prefix, n + 1);
        break;
      }
    }
  }
  return counts;
}

/**
 * Staff display names by user id and by user name, in one query: records that name who acted (a
 * first responder, a proposer) show the person, not the log-in. Unknown ids and names are left out.
 */
export async function findDisplayNames(
  db: Db,
  refs: { ids?: readonly string[]; usernames?: readonly string[] },
): Promise<StaffNames> {
  const ids = [...new Set(refs.ids ?? [])];
  const usernames = [...new Set(refs.usernames ?? [])];
  const where = [
    ...(ids.length ? [inArray(users.id, ids)] : []),
    ...(usernames.length ? [inArray(users.username, usernames)] : []),
  ];
  if (where.length === 0) return { byId: new Map(), byUsername: new Map() };
  const rows = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(or(...where));
  return {
    byId: new Map(rows.map((r) => [r.id, r.displayName])),
    byUsername: new Map(rows.map((r) => [r.username, r.displayName])),
  };
}
