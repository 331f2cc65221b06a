/** Allow-listed views of the burden records (no raw rows leave the API). */
import { z } from 'zod';
import { type StaffNames, staffName } from '../../core/auth/staff-names.ts';
import { transfersSchema } from '../model.ts';
import type {
  AccessProposalRow,
  FormRegistrationRow,
  MeetingRegistrationRow,
  WorkRequestRow,
} from './tables.ts';

export const WorkRequestView = z.object({
  id: z.string(),
  fromUnitCode: z.string(),
  fromUnitName: z.string(),
  targetCode: z.string(),
  targetLevel: z.enum(['street', 'community']),
  title: z.string(),
  content: z.string(),
  citedItemCode: z.string().nullable(),
  status: z.enum(['accepted', 'refused']),
  refusalMessage: z.string().nullable(),
  noticeNo: z.string().nullable(),
  dueDate: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});

export function presentWorkRequest(r: WorkRequestRow): z.infer<typeof WorkRequestView> {
  return {
    id: r.id,
    fromUnitCode: r.fromUnitCode,
    fromUnitName: r.fromUnitName,
    targetCode: r.targetCode,
    targetLevel: r.targetLevel,
    title: r.title,
    content: r.content,
    citedItemCode: r.citedItemCode,
    status: r.status,
    refusalMessage: r.refusal?.message ?? null,
    noticeNo: r.noticeNo,
    dueDate: r.dueDate,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  };
}

export const ProposalView = z.object({
  id: z.string(),
  listKind: z.string(),
  scopeCode: z.string(),
  proposedByUnitCode: z.string(),
  /** The proposer's log-in and display name (staff names are not masked). */
  proposedBy: z.string(),
  proposedByName: z.string(),
  item: z.object({
    itemCode: z.string().optional(),
    name: z.string(),
    category: z.string().nullable(),
    basis: z.string().nullable(),
    demandCategories: z.array(z.string()),
  }),
  transfers: transfersSchema,
  status: z.enum(['pending', 'approved', 'rejected']),
  approval: z
    .object({
      approvingBody: z.string(),
      document: z.string(),
      approvedOn: z.string(),
      decidedBy: z.string(),
    })
    .nullable(),
  rejectionReason: z.string().nullable(),
  resultVersionId: z.string().nullable(),
  resultItemCode: z.string().nullable(),
  createdAt: z.string(),
});

/** The allow-listed view of a proposal; `names` gives the proposer's display name (findDisplayNames). */
export function presentProposal(p: AccessProposalRow, names: StaffNames): z.infer<typeof ProposalView> {
  return {
    id: p.id,
    listKind: p.listKind,
    scopeCode: p.scopeCode,
    proposedByUnitCode: p.proposedByUnitCode,
    proposedBy: p.proposedBy,
    proposedByName: staffName(names, { username: p.proposedBy }),
    item: p.item,
    transfers: p.transfers,
    status: p.status,
    approval: p.approval,
    rejectionReason: p.rejectionReason,
    resultVersionId: p.resultVersionId,
    resultItemCode: p.resultItemCode,
    createdAt: p.createdAt.toISOString(),
  };
}

export const FormView = z.object({
  id: z.string(),
  departmentCode: z.string(),
  departmentName: z.string(),
  communityCode: z.string(),
  name: z.string(),
  formKind: z.enum(['report', 'system']),
  frequency: z.string().nullable(),
  status: z.enum(['active', 'retired']),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
});

export function presentForm(f: FormRegistrationRow): z.infer<typeof FormView> {
  return {
    id: f.id,
    departmentCode: f.departmentCode,
    departmentName: f.departmentName,
    communityCode: f.communityCode,
    name: f.name,
    formKind: f.formKind,
    frequency: f.frequency,
    status: f.status,
    createdAt: f.createdAt.toISOString(),
    retiredAt: f.retiredAt?.toISOString() ?? null,
  };
}

export const MeetingView = z.object({
  id: z.string(),
  organiserUnitCode: z.string(),
  organiserName: z.string(),
  title: z.string(),
  heldOn: z.string(),
  communityCodes: z.array(z.string()),
  attendeesPerCommunity: z.number(),
  reason: z.string(),
  createdAt: z.string(),
});

export function presentMeeting(m: MeetingRegistrationRow): z.infer<typeof MeetingView> {
  return {
    id: m.id,
    organiserUnitCode: m.organiserUnitCode,
    organiserName: m.organiserName,
    title: m.title,
    heldOn: m.heldOn,
    communityCodes: m.communityCodes,
    attendeesPerCommunity: m.attendeesPerCommunity,
    reason: m.reason,
    createdAt: m.createdAt.toISOString(),
  };
}

const BurdenCounts = z.object({
  requestsReceived: z.number(),
  requestsAccepted: z.number(),
  requestsRefused: z.number(),
  formsActive: z.number(),
  meetings: z.number(),
  meetingAttendances: z.number(),
});

export const BurdenReportView = z.object({
  districtCode: z.string(),
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  rows: z.array(
    BurdenCounts.extend({ code: z.string(), name: z.string(), streetName: z.string().nullable() }),
  ),
  totals: BurdenCounts,
});
