import { z } from 'zod';
import { TASK_STATUSES } from './task-status.ts';

/** Supervision settings of one plan (rules as data: each plan may set its own). */
export const PlanSettingsSchema = z.object({
  /** How often lead units report progress. */
  reportCadence: z.enum(['month', 'quarter']).default('month'),
  /** Days before a deadline when the task turns yellow and lead units are reminded. */
  dueSoonDays: z.number().int().min(0).max(90).default(7),
});
export type PlanSettings = z.infer<typeof PlanSettingsSchema>;

export const ImportPlanInput = PlanSettingsSchema.extend({
  /** The plan's plain text, pasted or extracted from the document. */
  text: z.string().min(1).max(1_000_000),
});
export type ImportPlanInput = z.infer<typeof ImportPlanInput>;

export const EvidenceRefSchema = z.object({
  name: z.string().trim().min(1).max(200),
  /** Where the file is: an attachment id, a document number or a URL. */
  ref: z.string().trim().min(1).max(1000),
});

export const ProgressInput = z.object({
  /** `YYYY-MM` or `YYYY-Qn`; the current period when omitted. */
  period: z
    .string()
    .regex(/^\d{4}-((0[1-9]|1[0-2])|Q[1-4])$/, '报送周期须为 YYYY-MM 或 YYYY-Qn')
    .optional(),
  text: z.string().trim().min(1).max(10_000),
  attachments: z.array(EvidenceRefSchema).max(50).default([]),
  /** A lead unit declares its part of the task done. */
  done: z.boolean().default(false),
});
export type ProgressInput = z.infer<typeof ProgressInput>;

export const CommentInput = z.object({ text: z.string().trim().min(1).max(5000) });

export const MapUnitNameInput = z.object({
  /** The name as plans write it. */
  name: z.string().trim().min(1).max(200),
  /** The units it means; empty: not a unit of this district (links are marked ignored). */
  unitCodes: z.array(z.string().min(1).max(40)).max(500),
});
export type MapUnitNameInput = z.infer<typeof MapUnitNameInput>;

export const TaskStatusSchema = z.enum(TASK_STATUSES);
