import { createHash } from 'node:crypto';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import { orgUnits } from '../../jurisdiction/tables.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/connection.ts';
import { type FreshReads, freshReadsFor } from '../db/fresh-reads.ts';
import { randomToken } from '../ids.ts';
import { apiKeys, sessions, users } from './tables.ts';
import { flatten, type UserWithUnit, withUnit } from './users-store.ts';

export const SESSION_COOKIE = 'jd_session';
export const API_KEY_PREFIX = 'jd_';

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Creates a session and returns the token for the cookie (only its hash is stored). */
export async function createSession(
  tx: Db,
  input: { userId: string; districtCode: string; ip?: string | undefined; userAgent?: string | undefined },
  config: Pick<Config, 'sessionMaxHours'>,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + config.sessionMaxHours * 3600_000);
  await tx.insert(sessions).values({
    id: sha256(token),
    userId: input.userId,
    districtCode: input.districtCode,
    expiresAt,
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

/**
 * The user id behind a session token, or null when unknown, past its absolute expiry, or idle too
 * long. A live session's idle clock is reset (at most once a minute, to spare writes).
 */
export async function resolveSession(
  db: Db,
  token: string,
  config: Pick<Config, 'sessionIdleMinutes'>,
): Promise<{ userId: string; expired: boolean } | null> {
  const id = sha256(token);
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  if (!row) return null;
  return checkSession(db, row, config);
}

type SessionUser = { userId: string; expired: boolean; user: UserWithUnit | undefined } | null;
const sharedLookups = new WeakMap<object, FreshReads<SessionUser>>();

/**
 * resolveSession and the session's user with its unit (what findUserById reads) in ONE query: the
 * auth hook's work on every request (docs/decisions/perf-intake.md). Concurrent requests of one
 * session (a screen loads several lists at once) share a lookup that began after they arrived, so a
 * logout or a disabled account committed before a request is always seen (fresh-reads.ts).
 */
export function resolveSessionUser(
  db: Db,
  token: string,
  config: Pick<Config, 'sessionIdleMinutes'>,
): Promise<SessionUser> {
  const id = sha256(token);
  return freshReadsFor(sharedLookups, db).read(id, () => lookUpSessionUser(db, id, config));
}

async function lookUpSessionUser(
  db: Db,
  id: string,
  config: Pick<Config, 'sessionIdleMinutes'>,
): Promise<SessionUser> {
  const [row] = await sessionUserQuery(db).execute({ id });
  if (!row) return null;
  const checked = await checkSession(db, row.session, config);
  const { user, unitCode, unitName, unitPath, unitLevel } = row;
  // findUserById joins the unit: a user without one is no user.
  const found =
    user && unitCode !== null && unitName !== null && unitPath !== null && unitLevel !== null
      ? flatten({ user, unitCode, unitName, unitPath, unitLevel })
      : undefined;
  return { ...checked, user: found };
}

const sessionUserQueries = new WeakMap<Db, ReturnType<typeof prepareSessionUser>>();

/**
 * The query built once per database handle: every authenticated request runs it, and building its
 * ~40 columns and two joins cost more CPU than the database spends answering (bench/profile-intake.ts).
 */
function sessionUserQuery(db: Db) {
  let query = sessionUserQueries.get(db);
  if (!query) {
    query = prepareSessionUser(db);
    sessionUserQueries.set(db, query);
  }
  return query;
}

const prepareSessionUser = (db: Db) =>
  db
    .select({ session: sessions, ...withUnit })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('jiedao_session_user');

async function checkSession(
  db: Db,
  row: typeof sessions.$inferSelect,
  config: Pick<Config, 'sessionIdleMinutes'>,
): Promise<{ userId: string; expired: boolean }> {
  const id = row.id;
  const now = Date.now();
  const idleLimit = row.lastSeenAt.getTime() + config.sessionIdleMinutes * 60_000;
  if (row.expiresAt.getTime() <= now || idleLimit <= now) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { userId: row.userId, expired: true };
  }
  if (now - row.lastSeenAt.getTime() > 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.id, id));
  }
  return { userId: row.userId, expired: false };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sha256(token)));
}

/** Housekeeping: drop sessions past their absolute expiry or idle limit. */
export async function purgeExpiredSessions(
  db: Db,
  config: Pick<Config, 'sessionIdleMinutes'>,
): Promise<void> {
  const idleCutoff = new Date(Date.now() - config.sessionIdleMinutes * 60_000);
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, new Date()), lt(sessions.lastSeenAt, idleCutoff)));
}

/** The user id behind an API key, or null when unknown or revoked. */
export async function resolveApiKey(db: Db, key: string): Promise<string | null> {
  if (!key.startsWith(API_KEY_PREFIX)) return null;
  const [row] = await db
    .select({ id: apiKeys.id, userId: apiKeys.userId, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, sha256(key))));
  if (!row || row.revokedAt) return null;
  await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, row.id));
  return row.userId;
}
