import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Uploaded files (photos, evidence). The bytes live in a content-addressed folder (`sha256` names
 * the blob, so the same photo uploaded twice is stored once); this row is one upload of it, with
 * who uploaded it — the only person who may read it until it is attached to something.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    /** Detected from the bytes, never taken from the client. */
    mime: text('mime').notNull(),
    name: text('name').notNull(),
    uploadedById: uuid('uploaded_by_id'),
    uploadedByLabel: text('uploaded_by_label').notNull(),
    /** The uploader's unit path: the upload is readable within it before it is attached. */
    uploaderPath: text('uploader_path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('files_sha_idx').on(t.sha256), index('files_district_idx').on(t.districtCode, t.createdAt)],
);

/**
 * What a file is attached to (a grid event, a whistle step …) and the org paths of that record: a
 * download is allowed to whoever may see any of those paths, so access follows the record.
 */
export const fileLinks = pgTable(
  'file_links',
  {
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    districtCode: text('district_code').notNull(),
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    paths: jsonb('paths').$type<string[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('file_links_uq').on(t.fileId, t.targetType, t.targetId),
    index('file_links_target_idx').on(t.targetType, t.targetId),
  ],
);

export type FileRow = typeof files.$inferSelect;
export type FileLinkRow = typeof fileLinks.$inferSelect;
