import { z } from 'zod';
import { SATISFACTION } from './model.ts';

/** Every step staff take on a demand after intake; one Zod union, one `kind` each. */
export const DemandAction = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('dispatch'),
    ownerUnitCode: z.string().nullish(),
    coUnitCodes: z.array(z.string()).max(10).default([]),
    note: z.string().max(1000).nullish(),
  }),
  z.object({ kind: z.literal('sign'), note: z.string().max(1000).nullish() }),
  z.object({ kind: z.literal('contact'), note: z.string().trim().min(2).max(1000) }),
  z.object({
    kind: z.literal('reply'),
    result: z.string().trim().min(5, '办理结果至少 5 个字').max(5000),
    evidence: z
      .array(z.object({ name: z.string().min(1).max(200), url: z.string().min(1).max(2000) }))
      .max(20)
      .default([]),
  }),
  z.object({
    kind: z.literal('callback'),
    reached: z.boolean().default(true),
    resolved: z.boolean().nullish(),
    satisfaction: z.enum(SATISFACTION).nullish(),
    note: z.string().max(1000).nullish(),
  }),
  z.object({ kind: z.literal('close'), note: z.string().max(1000).nullish() }),
  z.object({ kind: z.literal('return'), reason: z.string().trim().min(4, '退单须说明理由').max(1000) }),
  z.object({
    kind: z.literal('review_return'),
    approve: z.boolean(),
    note: z.string().trim().min(2).max(1000),
  }),
  z.object({
    kind: z.literal('redispatch'),
    toUnitCode: z.string(),
    note: z.string().trim().min(2).max(1000),
  }),
  z.object({ kind: z.literal('add_co'), unitCode: z.string(), note: z.string().max(1000).nullish() }),
  z.object({
    kind: z.literal('request_extension'),
    workingDays: z.number().int().min(1).max(30),
    reason: z.string().trim().min(4, '延期须说明理由').max(1000),
    /** The regulation requires telling the caller the reason; the unit confirms it did. */
    callerInformed: z.literal(true, { error: '延期须告知诉求人理由' }),
  }),
  z.object({
    kind: z.literal('review_extension'),
    approve: z.boolean(),
    note: z.string().trim().min(2).max(1000),
  }),
  z.object({ kind: z.literal('escalate'), note: z.string().trim().min(2).max(1000) }),
  z.object({ kind: z.literal('reopen'), note: z.string().trim().min(2).max(1000) }),
  z.object({ kind: z.literal('appeal'), reason: z.string().trim().min(4, '申诉须说明理由').max(2000) }),
  z.object({
    kind: z.literal('review_appeal'),
    approve: z.boolean(),
    note: z.string().trim().min(2).max(1000),
  }),
  z.object({ kind: z.literal('merge'), intoCode: z.string().min(4) }),
]);
export type DemandAction = z.infer<typeof DemandAction>;
export type DemandActionKind = DemandAction['kind'];

/** Who acts: the hotline (dispatch, reviews, callbacks), the owning unit, or a supervisor. */
export const ACTION_SIDE: Record<DemandActionKind, 'hotline' | 'owner' | 'supervisor'> = {
  dispatch: 'hotline',
  sign: 'owner',
  contact: 'owner',
  reply: 'owner',
  callback: 'hotline',
  close: 'hotline',
  return: 'owner',
  review_return: 'hotline',
  redispatch: 'owner',
  add_co: 'owner',
  request_extension: 'owner',
  review_extension: 'hotline',
  escalate: 'supervisor',
  reopen: 'hotline',
  appeal: 'owner',
  review_appeal: 'hotline',
  merge: 'hotline',
};
