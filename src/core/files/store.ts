import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { type FileLinkRow, type FileRow, fileLinks, files } from './tables.ts';

/** The files module's queries; other capabilities go through attach-files.ts and these. */

export type NewFile = typeof files.$inferInsert;

export async function insertFile(tx: Db, row: NewFile): Promise<void> {
  await tx.insert(files).values(row);
}

export async function getFile(db: Db, id: string): Promise<FileRow | undefined> {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  return row;
}

export async function getFiles(db: Db, ids: readonly string[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(files)
    .where(inArray(files.id, [...ids]));
}

export async function linksOf(db: Db, fileId: string): Promise<FileLinkRow[]> {
  return db.select().from(fileLinks).where(eq(fileLinks.fileId, fileId));
}

/** Records that a file belongs to a record (idempotent). */
export async function insertLink(
  tx: Db,
  row: { fileId: string; districtCode: string; targetType: string; targetId: string; paths: string[] },
): Promise<void> {
  await tx.insert(fileLinks).values(row).onConflictDoNothing();
}

/** The files attached to a record, in the order they were attached. */
export async function filesOfTarget(db: Db, targetType: string, targetId: string): Promise<FileRow[]> {
  const rows = await db
    .select({ file: files })
    .from(fileLinks)
    .innerJoin(files, eq(files.id, fileLinks.fileId))
    .where(and(eq(fileLinks.targetType, targetType), eq(fileLinks.targetId, targetId)))
    .orderBy(fileLinks.createdAt);
  return rows.map((r) => r.file);
}

/**
 * Widens who may see a record's files when the record reaches new units (a grid event dispatched
 * to a department: its handlers must see the photos).
 */
export async function extendLinkPaths(
  tx: Db,
  targetType: string,
  targetId: string,
  paths: readonly string[],
): Promise<void> {
  const links = await tx
    .select()
    .from(fileLinks)
    .where(and(eq(fileLinks.targetType, targetType), eq(fileLinks.targetId, targetId)));
  for (const link of links) {
    const merged = [...new Set([...link.paths, ...paths])];
    if (merged.length === link.paths.length) continue;
    await tx
      .update(fileLinks)
      .set({ paths: merged })
      .where(
        and(
          eq(fileLinks.fileId, link.fileId),
          eq(fileLinks.targetType, targetType),
          eq(fileLinks.targetId, targetId),
        ),
      );
  }
}
