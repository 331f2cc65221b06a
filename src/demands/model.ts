import { z } from 'zod';
import { pointInputSchema } from '../core/geo/point.ts';

/** 诉求类型 (SJS 16 + 表扬). */
export const DEMAND_TYPES = ['咨询', '求助', '投诉', '举报', '建议', '表扬'] as const;
export const CHANNELS = ['hotline', 'web', 'mobile', 'open311', 'grid', 'proactive'] as const;
export const URGENCIES = ['normal', 'urgent'] as const;

/** Why a demand is closed at intake without dispatch (《北京市接诉即办工作条例》). */
export const REFUSAL_REASONS = {
  emergency: '属于110、119、120、122等紧急服务范围',
  litigation: '已进入诉讼、仲裁、纪检监察、行政复议、信访等程序',
  repeat: '重复诉求且无新情况、新理由',
  secret: '涉及国家秘密、商业秘密或个人隐私等不宜公开的事项',
  outside_remit: '不属于政府职责范围',
  unlawful: '违反法律法规或公序良俗的诉求',
} as const;
export type RefusalReason = keyof typeof REFUSAL_REASONS;

/** Current state (a cache of the event list, see lifecycle.ts). */
export const STATUSES = [
  'pending_dispatch', // 待派单
  'dispatched', // 待签收
  'in_progress', // 办理中（已签收）
  'returned', // 退单待审
  'replied', // 已反馈，待回访
  'closed', // 办结
  'answered', // 直接办结
  'refused', // 不予受理
  'merged', // 已合并
] as const;
export type DemandStatus = (typeof STATUSES)[number];

export const STATUS_NAMES: Record<DemandStatus, string> = {
  pending_dispatch: '待派单',
  dispatched: '待签收',
  in_progress: '办理中',
  returned: '退单待审',
  replied: '待回访',
  closed: '已办结',
  answered: '直接办结',
  refused: '不予受理',
  merged: '已合并',
};

export const SATISFACTION = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];

const Attachment = z.object({
  name: z.string().min(1).max(200),
  url: z.string().min(1).max(2000),
  mime: z.string().max(100).optional(),
});
export type Attachment = z.infer<typeof Attachment>;

export const IntakeInput = z
  .object({
    caller: z
      .object({
        name: z.string().trim().max(50).nullish(),
        phone: z
          .string()
          .trim()
          .regex(/^[\d+\-() ]{5,20}$/, '电话号码格式不正确')
          .nullish(),
      })
      .default({}),
    content: z.string().trim().min(5, '诉求内容至少 5 个字').max(5000),
    type: z.enum(DEMAND_TYPES),
    channel: z.enum(CHANNELS).default('hotline'),
    urgency: z.enum(URGENCIES).default('normal'),
    address: z.string().trim().max(300).nullish(),
    point: pointInputSchema.nullish(),
    attachments: z.array(Attachment).max(20).default([]),
    /** Operator's decision; when absent the suggestion is used. */
    categoryCode: z
      .string()
      .regex(/^\d{4}$/)
      .nullish(),
    /** What to do right away: only record, dispatch per suggestion/override, answer directly, or refuse. */
    action: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('record') }),
        z.object({
          kind: z.literal('dispatch'),
          ownerUnitCode: z.string().nullish(),
          coUnitCodes: z.array(z.string()).max(10).default([]),
        }),
        z.object({ kind: z.literal('answer'), answer: z.string().trim().min(2).max(2000) }),
        z.object({
          kind: z.literal('refuse'),
          reason: z.enum(Object.keys(REFUSAL_REASONS) as [RefusalReason, ...RefusalReason[]]),
          note: z.string().max(500).nullish(),
        }),
      ])
      .default({ kind: 'dispatch', coUnitCodes: [] }),
  })
  .refine((v) => v.address || v.point, { message: '地址和坐标至少提供一项', path: ['address'] });
export type IntakeInput = z.input<typeof IntakeInput>;
export type IntakeParsed = z.output<typeof IntakeInput>;
