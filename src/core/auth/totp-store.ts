import { and, eq, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { userTotp } from './tables.ts';

/** Which of these users have an enabled second factor (one query for a list of users). */
export async function usersWithTotp(db: Db, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ userId: userTotp.userId })
    .from(userTotp)
    .where(and(inArray(userTotp.userId, userIds), isNotNull(userTotp.enabledAt)));
  return new Set(rows.map((r) => r.userId));
}

export type UserTotpRow = typeof userTotp.$inferSelect;

/** The user's second factor (pending or enabled), if any. */
export async function findUserTotp(db: Db, userId: string): Promise<UserTotpRow | undefined> {
  const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, userId));
  return row;
}

/** A new pending secret replaces whatever was there (set-up starts over). */
export async function savePendingTotp(db: Db, userId: string, secret: string): Promise<void> {
  await db
    .insert(userTotp)
    .values({ userId, secret, enabledAt: null, lastStep: null })
    .onConflictDoUpdate({ target: userTotp.userId, set: { secret, enabledAt: null, lastStep: null } });
}

export async function markTotpUsed(db: Db, userId: string, step: number, enable = false): Promise<void> {
  await db
    .update(userTotp)
    .set(enable ? { lastStep: step, enabledAt: new Date() } : { lastStep: step })
    .where(eq(userTotp.userId, userId));
}

export async function deleteUserTotp(db: Db, userId: string): Promise<void> {
  await db.delete(userTotp).where(eq(userTotp.userId, userId));
}

/**
 * Uses a code's time step once: true when `step` is newer than any used before (two log-ins racing
 * with the same observed code: only one wins).
 */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(userTotp)
    .set({ lastStep: step })
    .where(and(eq(userTotp.userId, userId), or(isNull(userTotp.lastStep), lt(userTotp.lastStep, step))))
    .returning({ userId: userTotp.userId });
  return rows.length === 1;
}
