import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * 双向考核. A scheme is stored as its validated definition (jsonb) with a version bumped on every
 * change; a result is an immutable snapshot of one run (the scheme as it was, every subject's
 * breakdown) plus the records behind each number, so a published result never changes: a correction
 * is a new version of the result, and the old one stays readable.
 */
export const assessmentSchemes = pgTable(
  'assessment_schemes',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    name: text('name').notNull(),
    evaluatedKind: text('evaluated_kind').notNull(),
    periodKind: text('period_kind').notNull(),
    /** The validated SchemeDefinition (model.ts). */
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    version: integer('version').notNull().default(1),
    /** The profile the scheme was last validated under, and the non-binding findings then. */
    profileId: text('profile_id').notNull(),
    warnings: jsonb('warnings').$type<unknown[]>().notNull(),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('assessment_schemes_district_idx').on(t.districtCode, t.createdAt)],
);

/** An entered value (survey, third-party score, manual score, party-building scores) of one subject. */
export const assessmentEntries = pgTable(
  'assessment_entries',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    schemeId: uuid('scheme_id')
      .notNull()
      .references(() => assessmentSchemes.id),
    period: text('period').notNull(),
    indicatorKey: text('indicator_key').notNull(),
    subjectCode: text('subject_code').notNull(),
    kind: text('kind', { enum: ['survey', 'third_party', 'manual', 'party_building'] }).notNull(),
    /** The 0–100 score the indicator takes (party building: already combined by the profile's split). */
    score: doublePrecision('score').notNull(),
    /** The entry as given (sample, questionnaire, organisation, part scores, evidence). */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    enteredById: uuid('entered_by_id'),
    enteredByLabel: text('entered_by_label').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('assessment_entries_uq').on(t.schemeId, t.period, t.indicatorKey, t.subjectCode)],
);

/** One computed version of a scheme's results for a period: draft, published (locked) or superseded. */
export const assessmentResults = pgTable(
  'assessment_results',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    schemeId: uuid('scheme_id')
      .notNull()
      .references(() => assessmentSchemes.id),
    schemeVersion: integer('scheme_version').notNull(),
    schemeName: text('scheme_name').notNull(),
    evaluatedKind: text('evaluated_kind').notNull(),
    period: text('period').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'published', 'superseded'] }).notNull(),
    /** The scheme definition the numbers were computed with. */
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    profileId: text('profile_id').notNull(),
    asOf: timestamp('as_of', { withTimezone: true }).notNull(),
    /** Quota, counts, notes (see compute-assessment.ts ResultSummary). */
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
    /** Every subject with total, rank, excellent, veto and breakdown (SubjectResult[]). */
    rows: jsonb('rows').$type<unknown[]>().notNull(),
    /** Org paths of the subjects, for scoping a reader's view without opening `rows`. */
    subjectPaths: jsonb('subject_paths').$type<string[]>().notNull(),
    correctionOf: uuid('correction_of'),
    reason: text('reason'),
    computedByLabel: text('computed_by_label').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
    publishedByLabel: text('published_by_label'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('assessment_results_version_uq').on(t.schemeId, t.period, t.version),
    index('assessment_results_district_idx').on(t.districtCode, t.period),
  ],
);

/** The records behind one subject's indicator in a result: the drill-down. */
export const assessmentResultRecords = pgTable(
  'assessment_result_records',
  {
    id: uuid('id').primaryKey(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => assessmentResults.id),
    subjectCode: text('subject_code').notNull(),
    indicatorKey: text('indicator_key').notNull(),
    /** demand, whistle_summons, grid_event, task, patrol_entry, patrol_sheet, party_unit, entry */
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    recordCode: text('record_code'),
    /** met / not_met / pending / excluded / counted — how the record counted. */
    outcome: text('outcome').notNull(),
    note: text('note'),
  },
  (t) => [index('assessment_result_records_idx').on(t.resultId, t.subjectCode, t.indicatorKey)],
);

export type AssessmentSchemeRow = typeof assessmentSchemes.$inferSelect;
export type AssessmentEntryRow = typeof assessmentEntries.$inferSelect;
export type AssessmentResultRow = typeof assessmentResults.$inferSelect;
export type AssessmentResultRecordRow = typeof assessmentResultRecords.$inferSelect;
