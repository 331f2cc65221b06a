import { z } from 'zod';
import { civilDate } from '../model.ts';

const unitCode = z.string().trim().min(6).max(20);
const reason = z.string().trim().min(2, '请说明理由').max(1000);

/** One milestone of the implementation plan: what, by when, its weight in the progress. */
export const MilestoneInput = z.object({
  title: z.string().trim().min(2, '请填写里程碑').max(100),
  dueOn: civilDate.nullish(),
  weight: z.number().int().min(1).max(100).default(1),
});

/**
 * 征集立项 by the community or street: a project residents asked for, from 12345 demands (tracking
 * codes) and/or consultation topics; with `parentId` a sub-project of an approved project.
 */
export const CreateProjectInput = z.object({
  unitCode: z.string().regex(/^\d{12}$/, '社区或街道代码应为 12 位数字'),
  title: z.string().trim().min(4, '项目名称至少 4 个字').max(100),
  description: z.string().trim().min(10, '项目内容至少 10 个字').max(5000),
  demandCodes: z.array(z.string().trim().min(4).max(20)).max(50).default([]),
  topicIds: z.array(z.uuid()).max(20).default([]),
  parentId: z.uuid().nullish(),
  ownerUnitCode: unitCode.nullish(),
  budgetYuan: z.number().int().min(0).max(1_000_000_000).nullish(),
  weight: z.number().int().min(1).max(100).default(1),
});
export type CreateProjectInput = z.input<typeof CreateProjectInput>;

/** Every step after a project is created. */
export const ProjectAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('put_to_consultation') }),
  z.object({
    kind: z.literal('approve'),
    feasibility: z.string().trim().min(4, '请填写可行性论证结论').max(5000),
    budgetYuan: z.number().int().min(0).max(1_000_000_000).nullish(),
    ownerUnitCode: unitCode.nullish(),
    milestones: z.array(MilestoneInput).min(1, '审批立项须列出实施里程碑').max(30),
  }),
  z.object({ kind: z.literal('reject'), reason }),
  z.object({ kind: z.literal('add_milestone'), milestone: MilestoneInput }),
  z.object({
    kind: z.literal('report_progress'),
    milestoneId: z.uuid(),
    progress: z.number().int().min(0).max(100),
    note: z.string().trim().min(2, '请填写进展情况').max(2000),
  }),
  z.object({ kind: z.literal('complete'), note: z.string().trim().max(2000).nullish() }),
  z
    .object({
      kind: z.literal('evaluate'),
      satisfied: z.number().int().min(0).max(100_000),
      basicallySatisfied: z.number().int().min(0).max(100_000),
      unsatisfied: z.number().int().min(0).max(100_000),
      summary: z.string().trim().min(2, '请填写评议情况').max(2000),
    })
    .refine((v) => v.satisfied + v.basicallySatisfied + v.unsatisfied > 0, {
      message: '至少须有一名居民参与评价',
      path: ['satisfied'],
    }),
  z.object({ kind: z.literal('cancel'), reason }),
]);
export type ProjectAction = z.infer<typeof ProjectAction>;
