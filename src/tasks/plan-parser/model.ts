import { z } from 'zod';

/**
 * A deadline as the plan states it: a day (`2021-06-30`) when the plan names a day or an end of a
 * period (年底, 上半年, 三季度, 6月底), a month (`2015-03`) when it names only a month.
 */
export const PlanDeadlineSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, '完成时间须为 YYYY-MM 或 YYYY-MM-DD');

/** One numbered task of a task-decomposition plan (任务分解方案). */
export const PlanTaskSchema = z.object({
  /** The number the plan gives the task; not unique when the plan has duplicates (see warnings). */
  no: z.number().int().nonnegative(),
  /** The innermost heading above the task as written (`一、加强党建引领`, `（二）…`); null before any. */
  section: z.string().nullable(),
  /** The task text without its number and without its unit and deadline fields. */
  content: z.string(),
  /** 牵头单位, or 责任单位 when the task names no 牵头单位. */
  lead: z.array(z.string()),
  /** 协办单位 / 配合单位, and 责任单位 when a 牵头单位 is named. */
  co: z.array(z.string()),
  deadline: PlanDeadlineSchema.nullable(),
});

/** The result of parsing a plan's text: what `jiedao plan parse FILE --json` prints. */
export const ParsedPlanSchema = z.object({
  title: z.string().nullable(),
  tasks: z.array(PlanTaskSchema),
  /** Chinese-first messages for a person to check: numbering gaps, duplicates, unreadable fields. */
  warnings: z.array(z.string()),
});

export type PlanDeadline = z.infer<typeof PlanDeadlineSchema>;
export type PlanTask = z.infer<typeof PlanTaskSchema>;
export type ParsedPlan = z.infer<typeof ParsedPlanSchema>;
