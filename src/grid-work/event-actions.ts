import { z } from 'zod';
import type { StepType } from './event-lifecycle.ts';
import { fileIdsSchema } from './model.ts';

const note = z.string().trim().max(1000).nullish();
const needed = (what: string) => z.string().trim().min(2, `请填写${what}`).max(2000);

/** Every step people take on a grid event after the report; one `kind` each. */
export const GridEventAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('close_on_spot'), result: needed('现场处置结果'), evidence: fileIdsSchema }),
  z.object({ kind: z.literal('register'), note }),
  z.object({ kind: z.literal('reject'), reason: needed('不予立案的理由') }),
  z.object({ kind: z.literal('escalate'), note: needed('上报街道的理由') }),
  z.object({
    kind: z.literal('dispatch'),
    /** The community itself, the street itself, one of the street's communities, or a department. */
    handlerUnitCode: z.string().min(6).max(20),
    /** Link an existing demand instead of creating one (department dispatch only). */
    demandCode: z.string().min(4).max(20).nullish(),
    note,
  }),
  z.object({
    kind: z.literal('request_extension'),
    workingDays: z.number().int().min(1).max(30),
    reason: needed('延期理由'),
  }),
  z.object({ kind: z.literal('review_extension'), approve: z.boolean(), note }),
  z.object({ kind: z.literal('dispose'), result: needed('处置结果'), evidence: fileIdsSchema }),
  z
    .object({ kind: z.literal('verify'), passed: z.boolean(), note, evidence: fileIdsSchema })
    .refine((v) => v.passed || (v.note && v.note.length >= 2), {
      message: '核查不通过须说明返工原因',
      path: ['note'],
    }),
  z.object({ kind: z.literal('close'), note }),
]);
export type GridEventAction = z.infer<typeof GridEventAction>;
export type GridEventActionKind = GridEventAction['kind'];

/** Who acts: the reporter (on the spot, verification), the managing level, or the handling unit. */
export const ACTION_SIDE: Record<GridEventActionKind, 'reporter' | 'owner' | 'handler'> = {
  close_on_spot: 'reporter',
  register: 'owner',
  reject: 'owner',
  escalate: 'owner',
  dispatch: 'owner',
  request_extension: 'handler',
  review_extension: 'owner',
  dispose: 'handler',
  verify: 'reporter',
  close: 'owner',
};

/** The step an action would write (verification: pass or rework). */
export const ACTION_STEPS: Record<GridEventActionKind, StepType[]> = {
  close_on_spot: ['closed_on_spot'],
  register: ['registered'],
  reject: ['rejected'],
  escalate: ['escalated'],
  dispatch: ['dispatched'],
  request_extension: ['extension_requested'],
  review_extension: ['extension_approved', 'extension_denied'],
  dispose: ['disposed'],
  verify: ['verified', 'rework'],
  close: ['closed'],
};
