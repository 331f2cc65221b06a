import { text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Column groups the party-member and volunteer tables share (same names, types and order), so the
 * two registers and their service records cannot drift apart.
 */

/** The person's home community (copied onto the row: scoping is a prefix test) and personal data. */
export const registrantColumns = () => ({
  communityId: uuid('community_id').notNull(),
  communityCode: text('community_code').notNull(),
  communityName: text('community_name').notNull(),
  communityPath: text('community_path').notNull(),
  /** Personal data (PIPL): masked in lists and exports, revealed to allowed roles and audited. */
  name: text('name').notNull(),
  phone: text('phone'),
  idNumber: text('id_number'),
});

/** A service record's status, who recorded it and the community's review (review-pending-service.ts). */
export const serviceReviewColumns = () => ({
  status: text('status', { enum: ['pending', 'confirmed', 'rejected'] }).notNull(),
  note: text('note'),
  recordedByLabel: text('recorded_by_label').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  reviewedByLabel: text('reviewed_by_label'),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  reviewNote: text('review_note'),
});

/** The `registrantColumns` of a person registering at a community. */
export function registrantValues(
  community: { id: string; code: string; name: string; path: string },
  person: { name: string; phone?: string | null | undefined; idNumber?: string | null | undefined },
) {
  return {
    communityId: community.id,
    communityCode: community.code,
    communityName: community.name,
    communityPath: community.path,
    name: person.name,
    phone: person.phone ?? null,
    idNumber: person.idNumber ?? null,
  };
}
