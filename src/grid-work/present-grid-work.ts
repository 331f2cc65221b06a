import { z } from 'zod';
import { maskPhone } from '../core/privacy.ts';
import { POST_NAMES } from './model.ts';
import type { PatrolSheet } from './patrol-sheet.ts';
import type { GridAssignmentRow, PatrolEntryRow } from './tables.ts';

export const AssignmentView = z.object({
  id: z.string(),
  unit: z.object({ code: z.string(), name: z.string() }),
  post: z.string(),
  postName: z.string(),
  person: z.object({ name: z.string(), phone: z.string().nullable(), hasAccount: z.boolean() }),
  area: z.string().nullable(),
  startedOn: z.string(),
  active: z.boolean(),
  endedAt: z.string().nullable(),
});

/** A post, the holder's phone masked (personal data). */
export function presentAssignment(a: GridAssignmentRow): z.infer<typeof AssignmentView> {
  return {
    id: a.id,
    unit: { code: a.unitCode, name: a.unitName },
    post: a.post,
    postName: POST_NAMES[a.post],
    person: { name: a.personName, phone: maskPhone(a.phone), hasAccount: a.userId !== null },
    area: a.area,
    startedOn: a.startedOn,
    active: a.endedAt === null,
    endedAt: a.endedAt?.toISOString() ?? null,
  };
}

export const PatrolEntryView = z.object({
  id: z.string(),
  gridCode: z.string(),
  gridName: z.string(),
  worker: z.string(),
  date: z.string(),
  hours: z.number(),
  householdsVisited: z.number(),
  findings: z.string(),
  updatedAt: z.string(),
});

export function presentEntry(e: PatrolEntryRow): z.infer<typeof PatrolEntryView> {
  return {
    id: e.id,
    gridCode: e.gridCode,
    gridName: e.gridName,
    worker: e.workerName,
    date: e.date,
    hours: e.hours,
    householdsVisited: e.householdsVisited,
    findings: e.findings,
    updatedAt: e.updatedAt.toISOString(),
  };
}

export const SheetView = z.object({
  community: z.object({ code: z.string(), name: z.string() }),
  streetName: z.string().nullable(),
  month: z.string(),
  status: z.enum(['open', 'signed']),
  entries: z.array(PatrolEntryView),
  totals: z.array(
    z.object({ workerName: z.string(), days: z.number(), hours: z.number(), householdsVisited: z.number() }),
  ),
  signature: z
    .object({
      signedBy: z.string(),
      title: z.string(),
      opinion: z.string(),
      signedAt: z.string(),
      contentHash: z.string(),
      entryCount: z.number(),
    })
    .nullable(),
  intact: z.boolean().nullable(),
  /** Whether the caller may sign it now (the designated secretary, an open month with entries). */
  maySign: z.boolean().optional(),
});

export function presentSheet(s: PatrolSheet): z.infer<typeof SheetView> {
  const sig = s.signature;
  return {
    community: { code: s.community.code, name: s.community.name },
    streetName: s.streetName,
    month: s.month,
    status: s.status,
    entries: s.entries.map(presentEntry),
    totals: s.totals.map(({ workerName, days, hours, householdsVisited }) => ({
      workerName,
      days,
      hours,
      householdsVisited,
    })),
    signature: sig
      ? {
          signedBy: sig.signedByName,
          title: sig.signerTitle,
          opinion: sig.opinion,
          signedAt: sig.signedAt.toISOString(),
          contentHash: sig.contentHash,
          entryCount: sig.entryCount,
        }
      : null,
    intact: s.intact,
  };
}
