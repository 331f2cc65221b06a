import { and, asc, desc, eq, gte, inArray, like, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/connection.ts';
import {
  consultationFollowUps,
  consultationMeetings,
  consultationResolutions,
  consultationSupports,
  consultationTopics,
  DEFAULT_TOPIC_SUPPORT_THRESHOLD,
  type FollowUpRow,
  type MeetingRow,
  type ParticipationSettingsRow,
  participationSettings,
  type ResolutionRow,
  type SupportRow,
  type TopicRow,
} from './tables.ts';

/** The consultation (议事协商) queries; other capabilities call these, never the tables. */

/** The district's settings; the defaults while it has stored none (a read never writes). */
export async function getSettings(db: Db, districtCode: string): Promise<ParticipationSettingsRow> {
  const [row] = await db
    .select()
    .from(participationSettings)
    .where(eq(participationSettings.districtCode, districtCode));
  return (
    row ?? {
      districtCode,
      topicSupportThreshold: DEFAULT_TOPIC_SUPPORT_THRESHOLD,
      updatedByLabel: null,
      updatedAt: new Date(0),
    }
  );
}

/** Inserts or replaces the district’s settings. */
export async function saveSettings(
  tx: Db,
  row: typeof participationSettings.$inferInsert,
): Promise<ParticipationSettingsRow> {
  const { districtCode: _d, ...set } = row;
  const [saved] = await tx
    .insert(participationSettings)
    .values(row)
    .onConflictDoUpdate({
      target: participationSettings.districtCode,
      set: { ...set, updatedAt: new Date() },
    })
    .returning();
  if (!saved) throw new Error('settings upsert returned no row');
  return saved;
}

// --- topics -------------------------------------------------------------------------------------------

/** Inserts a proposal or project topic. */
export async function insertTopic(tx: Db, row: typeof consultationTopics.$inferInsert): Promise<void> {
  await tx.insert(consultationTopics).values(row);
}

/** A topic by id; `forUpdate` locks the row for the transaction. */
export async function getTopic(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<TopicRow | undefined> {
  const q = db.select().from(consultationTopics).where(eq(consultationTopics.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

/** Topics by id, in no particular order. */
export async function getTopics(db: Db, ids: readonly string[]): Promise<TopicRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(consultationTopics)
    .where(inArray(consultationTopics.id, [...ids]));
}

/** Changes a topic’s status, support count or meeting. */
export async function updateTopic(
  tx: Db,
  id: string,
  set: Partial<Pick<TopicRow, 'status' | 'supportCount' | 'becameTopicAt' | 'meetingId'>>,
): Promise<void> {
  await tx
    .update(consultationTopics)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(consultationTopics.id, id));
}

/** Topics of communities inside a path, newest first. */
export async function listTopics(
  db: Db,
  f: { districtCode: string; withinPath: string; status?: string[] | undefined; limit?: number | undefined },
): Promise<TopicRow[]> {
  const where: (SQL | undefined)[] = [
    eq(consultationTopics.districtCode, f.districtCode),
    like(consultationTopics.communityPath, `${f.withinPath}%`),
  ];
  if (f.status?.length) where.push(inArray(consultationTopics.status, f.status as TopicRow['status'][]));
  return db
    .select()
    .from(consultationTopics)
    .where(and(...where))
    .orderBy(desc(consultationTopics.createdAt))
    .limit(f.limit ?? 200);
}

/** Adds a support unless the same person already gave one; returns whether it was added. */
export async function insertSupport(tx: Db, row: typeof consultationSupports.$inferInsert): Promise<boolean> {
  const added = await tx.insert(consultationSupports).values(row).onConflictDoNothing().returning();
  return added.length > 0;
}

/** How many residents support a topic. */
export async function countSupports(db: Db, topicId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(consultationSupports)
    .where(eq(consultationSupports.topicId, topicId));
  return row?.n ?? 0;
}

/** A topic’s supports, oldest first. */
export async function listSupports(db: Db, topicId: string): Promise<SupportRow[]> {
  return db
    .select()
    .from(consultationSupports)
    .where(eq(consultationSupports.topicId, topicId))
    .orderBy(asc(consultationSupports.createdAt));
}

// --- meetings ---------------------------------------------------------------------------------------------

/** Inserts a scheduled meeting. */
export async function insertMeeting(tx: Db, row: typeof consultationMeetings.$inferInsert): Promise<void> {
  await tx.insert(consultationMeetings).values(row);
}

/** A meeting by id; `forUpdate` locks the row for the transaction. */
export async function getMeeting(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<MeetingRow | undefined> {
  const q = db.select().from(consultationMeetings).where(eq(consultationMeetings.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

/** Writes a meeting’s record, cancellation or other changes. */
export async function updateMeeting(
  tx: Db,
  id: string,
  set: Partial<Omit<typeof consultationMeetings.$inferInsert, 'id' | 'districtCode'>>,
): Promise<void> {
  await tx.update(consultationMeetings).set(set).where(eq(consultationMeetings.id, id));
}

/** Meetings of communities inside a path, latest planned first. */
export async function listMeetings(
  db: Db,
  f: { districtCode: string; withinPath: string; status?: string | undefined; limit?: number | undefined },
): Promise<MeetingRow[]> {
  const where: (SQL | undefined)[] = [
    eq(consultationMeetings.districtCode, f.districtCode),
    like(consultationMeetings.communityPath, `${f.withinPath}%`),
  ];
  if (f.status) where.push(eq(consultationMeetings.status, f.status as MeetingRow['status']));
  return db
    .select()
    .from(consultationMeetings)
    .where(and(...where))
    .orderBy(desc(consultationMeetings.plannedAt))
    .limit(f.limit ?? 200);
}

/** Held meetings of communities inside a path, held in [from, to): what the cadence check counts. */
export async function listHeldMeetings(
  db: Db,
  f: { districtCode: string; withinPath: string; from: Date; to: Date },
): Promise<Pick<MeetingRow, 'id' | 'communityId' | 'heldAt'>[]> {
  return db
    .select({
      id: consultationMeetings.id,
      communityId: consultationMeetings.communityId,
      heldAt: consultationMeetings.heldAt,
    })
    .from(consultationMeetings)
    .where(
      and(
        eq(consultationMeetings.districtCode, f.districtCode),
        eq(consultationMeetings.status, 'held'),
        like(consultationMeetings.communityPath, `${f.withinPath}%`),
        gte(consultationMeetings.heldAt, f.from),
        lt(consultationMeetings.heldAt, f.to),
      ),
    );
}

// --- resolutions and follow-ups -------------------------------------------------------------------------

/** Inserts one resolution of a meeting. */
export async function insertResolution(
  tx: Db,
  row: typeof consultationResolutions.$inferInsert,
): Promise<void> {
  await tx.insert(consultationResolutions).values(row);
}

/** A resolution by id; `forUpdate` locks the row for the transaction. */
export async function getResolution(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ResolutionRow | undefined> {
  const q = db.select().from(consultationResolutions).where(eq(consultationResolutions.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

/** Changes a resolution’s status, done time or project. */
export async function updateResolution(
  tx: Db,
  id: string,
  set: Partial<Pick<ResolutionRow, 'status' | 'doneAt' | 'projectId'>>,
): Promise<void> {
  await tx
    .update(consultationResolutions)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(consultationResolutions.id, id));
}

/** A meeting’s resolutions in the order decided. */
export async function listResolutionsOfMeeting(db: Db, meetingId: string): Promise<ResolutionRow[]> {
  return db
    .select()
    .from(consultationResolutions)
    .where(eq(consultationResolutions.meetingId, meetingId))
    .orderBy(asc(consultationResolutions.seq));
}

/** Resolutions whose community or owner unit lies inside a path. */
export async function listResolutions(
  db: Db,
  f: { districtCode: string; withinPath: string; status?: string[] | undefined; limit?: number | undefined },
): Promise<ResolutionRow[]> {
  const where: (SQL | undefined)[] = [
    eq(consultationResolutions.districtCode, f.districtCode),
    or(
      like(consultationResolutions.communityPath, `${f.withinPath}%`),
      like(consultationResolutions.ownerPath, `${f.withinPath}%`),
    ),
  ];
  if (f.status?.length)
    where.push(inArray(consultationResolutions.status, f.status as ResolutionRow['status'][]));
  return db
    .select()
    .from(consultationResolutions)
    .where(and(...where))
    .orderBy(asc(consultationResolutions.dueOn), desc(consultationResolutions.createdAt))
    .limit(f.limit ?? 500);
}

/** Inserts one follow-up of a resolution. */
export async function insertFollowUp(tx: Db, row: typeof consultationFollowUps.$inferInsert): Promise<void> {
  await tx.insert(consultationFollowUps).values(row);
}

/** The follow-ups of resolutions, oldest first. */
export async function listFollowUps(db: Db, resolutionIds: readonly string[]): Promise<FollowUpRow[]> {
  if (resolutionIds.length === 0) return [];
  return db
    .select()
    .from(consultationFollowUps)
    .where(inArray(consultationFollowUps.resolutionId, [...resolutionIds]))
    .orderBy(asc(consultationFollowUps.at));
}
