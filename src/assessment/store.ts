/** The assessment capability's queries; other capabilities call these, never its tables. */
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import { uuidv7 } from '../core/ids.ts';
import {
  type AssessmentEntryRow,
  type AssessmentResultRecordRow,
  type AssessmentResultRow,
  type AssessmentSchemeRow,
  assessmentEntries,
  assessmentResultRecords,
  assessmentResults,
  assessmentSchemes,
} from './tables.ts';

export type NewScheme = typeof assessmentSchemes.$inferInsert;
export type NewResult = typeof assessmentResults.$inferInsert;
export type NewRecord = Omit<typeof assessmentResultRecords.$inferInsert, 'id' | 'resultId'>;

/** Inserts a new scheme row. */
export async function insertScheme(tx: Db, row: NewScheme): Promise<void> {
  await tx.insert(assessmentSchemes).values(row);
}

/** Replaces a scheme's definition and bumps its version (the caller holds the row lock). */
export async function updateScheme(
  tx: Db,
  id: string,
  set: Pick<
    AssessmentSchemeRow,
    | 'name'
    | 'evaluatedKind'
    | 'periodKind'
    | 'definition'
    | 'version'
    | 'profileId'
    | 'warnings'
    | 'updatedAt'
  >,
): Promise<void> {
  await tx.update(assessmentSchemes).set(set).where(eq(assessmentSchemes.id, id));
}

/** One scheme; `forUpdate` serialises runs and edits of the same scheme. */
export async function getScheme(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<AssessmentSchemeRow | undefined> {
  const q = db.select().from(assessmentSchemes).where(eq(assessmentSchemes.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

/** A district's schemes, newest first. */
export async function listSchemes(db: Db, districtCode: string): Promise<AssessmentSchemeRow[]> {
  return db
    .select()
    .from(assessmentSchemes)
    .where(eq(assessmentSchemes.districtCode, districtCode))
    .orderBy(desc(assessmentSchemes.createdAt));
}

/** The entered value of one subject, indicator and period, if any. */
export async function getEntry(
  db: Db,
  f: { schemeId: string; period: string; indicatorKey: string; subjectCode: string },
): Promise<AssessmentEntryRow | undefined> {
  const [row] = await db
    .select()
    .from(assessmentEntries)
    .where(
      and(
        eq(assessmentEntries.schemeId, f.schemeId),
        eq(assessmentEntries.period, f.period),
        eq(assessmentEntries.indicatorKey, f.indicatorKey),
        eq(assessmentEntries.subjectCode, f.subjectCode),
      ),
    );
  return row;
}

/** Inserts or replaces the entry of one subject, indicator and period. */
export async function upsertEntry(
  tx: Db,
  row: typeof assessmentEntries.$inferInsert,
): Promise<AssessmentEntryRow> {
  const { id: _id, ...set } = row;
  const [saved] = await tx
    .insert(assessmentEntries)
    .values(row)
    .onConflictDoUpdate({
      target: [
        assessmentEntries.schemeId,
        assessmentEntries.period,
        assessmentEntries.indicatorKey,
        assessmentEntries.subjectCode,
      ],
      set,
    })
    .returning();
  if (!saved) throw new Error('entry upsert returned no row');
  return saved;
}

/** A scheme's entered values for a period. */
export async function listEntries(db: Db, schemeId: string, period: string): Promise<AssessmentEntryRow[]> {
  return db
    .select()
    .from(assessmentEntries)
    .where(and(eq(assessmentEntries.schemeId, schemeId), eq(assessmentEntries.period, period)))
    .orderBy(asc(assessmentEntries.indicatorKey), asc(assessmentEntries.subjectCode));
}

/** Inserts a computed result version. */
export async function insertResult(tx: Db, row: NewResult): Promise<void> {
  await tx.insert(assessmentResults).values(row);
}

/** Multi-row insert of drill-down records, 500 a round-trip. */
export async function insertRecords(tx: Db, resultId: string, rows: readonly NewRecord[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await tx
      .insert(assessmentResultRecords)
      .values(rows.slice(i, i + 500).map((r) => ({ ...r, id: uuidv7(), resultId })));
  }
}

/** One result version; `forUpdate` locks it for publication. */
export async function getResult(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<AssessmentResultRow | undefined> {
  const q = db.select().from(assessmentResults).where(eq(assessmentResults.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

/** A scheme's result versions, newest first (optionally of one period and status). */
export async function listResults(
  db: Db,
  f: {
    districtCode: string;
    schemeId?: string | undefined;
    period?: string | undefined;
    statuses?: string[];
  },
): Promise<AssessmentResultRow[]> {
  const where = [eq(assessmentResults.districtCode, f.districtCode)];
  if (f.schemeId) where.push(eq(assessmentResults.schemeId, f.schemeId));
  if (f.period) where.push(eq(assessmentResults.period, f.period));
  if (f.statuses?.length)
    where.push(inArray(assessmentResults.status, f.statuses as AssessmentResultRow['status'][]));
  return db
    .select()
    .from(assessmentResults)
    .where(and(...where))
    .orderBy(desc(assessmentResults.computedAt), desc(assessmentResults.version));
}

/** The latest version of a scheme's result for a period, if any. */
export async function latestResult(
  db: Db,
  schemeId: string,
  period: string,
): Promise<AssessmentResultRow | undefined> {
  const [row] = await db
    .select()
    .from(assessmentResults)
    .where(and(eq(assessmentResults.schemeId, schemeId), eq(assessmentResults.period, period)))
    .orderBy(desc(assessmentResults.version))
    .limit(1);
  return row;
}

/** Removes a draft and its records (a new run replaces it); published results are never deleted. */
export async function deleteDraft(tx: Db, id: string): Promise<void> {
  await tx.delete(assessmentResultRecords).where(eq(assessmentResultRecords.resultId, id));
  await tx
    .delete(assessmentResults)
    .where(and(eq(assessmentResults.id, id), eq(assessmentResults.status, 'draft')));
}

/** Moves a result to published or superseded (the only changes a result ever sees). */
export async function setResultStatus(
  tx: Db,
  id: string,
  set: Partial<Pick<AssessmentResultRow, 'status' | 'publishedAt' | 'publishedByLabel'>>,
): Promise<void> {
  await tx.update(assessmentResults).set(set).where(eq(assessmentResults.id, id));
}

/** The records behind a result, optionally of one subject and indicator, in a stable order. */
export async function listRecords(
  db: Db,
  f: {
    resultId: string;
    subjectCode?: string | undefined;
    indicatorKey?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; items: AssessmentResultRecordRow[] }> {
  const where = [eq(assessmentResultRecords.resultId, f.resultId)];
  if (f.subjectCode) where.push(eq(assessmentResultRecords.subjectCode, f.subjectCode));
  if (f.indicatorKey) where.push(eq(assessmentResultRecords.indicatorKey, f.indicatorKey));
  const [totalRow] = await db
    .select({ n: count() })
    .from(assessmentResultRecords)
    .where(and(...where));
  const items = await db
    .select()
    .from(assessmentResultRecords)
    .where(and(...where))
    .orderBy(
      asc(assessmentResultRecords.subjectCode),
      asc(assessmentResultRecords.indicatorKey),
      asc(assessmentResultRecords.recordType),
      asc(assessmentResultRecords.recordCode),
      asc(assessmentResultRecords.id),
    )
    .limit(f.limit)
    .offset(f.offset);
  return { total: Number(totalRow?.n ?? 0), items };
}
