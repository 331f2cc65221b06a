import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ServiceTimeLimit } from '../model.ts';

export const SERVICE_CHANNELS = ['window', 'appointment', 'proxy'] as const;
export type ServiceChannel = (typeof SERVICE_CHANNELS)[number];
export const SERVICE_STATUSES = ['appointed', 'notified', 'accepted', 'completed', 'cancelled'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** One entry of a case's history: who did what, when. */
export interface ServiceEvent {
  at: string;
  action: string;
  by: string;
  note?: string;
}

/**
 * A service-station case (办件): a resident's matter from the catalog, taken at one window
 * (一口受理) by a first responder (首问负责) who stays responsible, possibly by appointment or handled
 * on the resident's behalf (代办). Incomplete materials get ONE notice listing all of them (一次性告知);
 * once accepted, the catalog's time limit runs on the working-day calendar (限时办结).
 */
export const serviceCases = pgTable(
  'service_cases',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    stationCode: text('station_code').notNull(),
    stationPath: text('station_path').notNull(),
    itemId: uuid('item_id').notNull(),
    itemCode: text('item_code').notNull(),
    itemName: text('item_name').notNull(),
    channel: text('channel').$type<ServiceChannel>().notNull(),
    status: text('status').$type<ServiceStatus>().notNull(),
    /** Personal data: masked in every list. */
    applicantName: text('applicant_name').notNull(),
    applicantPhone: text('applicant_phone'),
    proxyAgent: text('proxy_agent'),
    firstResponder: text('first_responder').notNull(),
    firstResponderId: uuid('first_responder_id'),
    appointmentAt: timestamp('appointment_at', { withTimezone: true }),
    providedMaterials: jsonb('provided_materials').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    missingMaterials: jsonb('missing_materials').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    noticeIssuedAt: timestamp('notice_issued_at', { withTimezone: true }),
    timeLimit: jsonb('time_limit').$type<ServiceTimeLimit>().notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedOnTime: boolean('completed_on_time'),
    result: text('result'),
    history: jsonb('history').$type<ServiceEvent[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('service_cases_station_idx').on(t.districtCode, t.stationCode, t.status),
    index('service_cases_path_idx').on(t.stationPath.op('text_pattern_ops')),
  ],
);

export type ServiceCaseRow = typeof serviceCases.$inferSelect;
