import { z } from 'zod';

const fileIds = z.array(z.uuid()).max(9).default([]);

/** One summoned party: a unit by code (department, stationed unit, company …) or a registered party member. */
export const SummonsInput = z
  .object({ unitCode: z.string().min(6).max(20).optional(), partyMemberId: z.uuid().optional() })
  .refine((s) => Boolean(s.unitCode) !== Boolean(s.partyMemberId), {
    message: '每个报到对象须为一个单位或一名党员',
  });
export type SummonsInput = z.infer<typeof SummonsInput>;

const when = z.iso.datetime({ offset: true });

/**
 * 吹哨: the problem, where, whom to summon and the two deadlines — to report (报到: arrive or
 * respond) and to act — each given as an instant or as a span (report: clock hours; act: working
 * days on the official calendar).
 */
export const BlowWhistleInput = z
  .object({
    title: z.string().trim().min(4, '标题至少 4 个字').max(100),
    description: z.string().trim().min(5, '问题描述至少 5 个字').max(5000),
    address: z.string().trim().max(300).nullish(),
    point: z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).nullish(),
    reportDueAt: when.optional(),
    reportWithinHours: z.number().positive().max(720).optional(),
    actDueAt: when.optional(),
    actWithinWorkingDays: z.number().int().min(1).max(60).optional(),
    summons: z.array(SummonsInput).min(1, '至少召集一个单位或党员').max(30),
    /** 12345 demands (tracking codes) and grid events this whistle is about. */
    demandCodes: z.array(z.string().min(4).max(20)).max(20).default([]),
    gridEventIds: z.array(z.uuid()).max(20).default([]),
    attachments: fileIds,
  })
  .refine((v) => Boolean(v.reportDueAt) !== Boolean(v.reportWithinHours), {
    message: '报到时限须以 reportDueAt 或 reportWithinHours 之一给出',
    path: ['reportDueAt'],
  })
  .refine((v) => Boolean(v.actDueAt) !== Boolean(v.actWithinWorkingDays), {
    message: '处置时限须以 actDueAt 或 actWithinWorkingDays 之一给出',
    path: ['actDueAt'],
  });
export type BlowWhistleInput = z.input<typeof BlowWhistleInput>;

/** Every step after the whistle is blown. */
export const WhistleAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('check_in'), summonsId: z.uuid(), note: z.string().trim().max(1000).nullish() }),
  z.object({
    kind: z.literal('record_action'),
    summonsId: z.uuid(),
    text: z.string().trim().min(2, '请填写处置情况').max(2000),
    evidence: fileIds,
  }),
  z.object({ kind: z.literal('add_summons'), summons: z.array(SummonsInput).min(1).max(30) }),
  z.object({
    kind: z.literal('close'),
    summary: z.string().trim().min(2, '请填写处置结果').max(2000),
    ratings: z
      .array(
        z.object({
          summonsId: z.uuid(),
          score: z.number().int().min(0).max(100),
          comment: z.string().trim().max(500).nullish(),
        }),
      )
      .min(1)
      .max(60),
  }),
  z.object({ kind: z.literal('cancel'), reason: z.string().trim().min(2, '请说明撤销理由').max(1000) }),
]);
export type WhistleAction = z.infer<typeof WhistleAction>;

/** Units a street may summon: anything in the department tree but the command centre. */
export const STREET_SUMMONABLE = ['department', 'stationed', 'company', 'resident_unit'] as const;
/** Units a community may summon besides its party members (社区吹哨): those stationed or resident nearby. */
export const COMMUNITY_SUMMONABLE = ['stationed', 'company', 'resident_unit'] as const;
