import { z } from 'zod';
import { maskName, maskPhone } from '../../core/privacy.ts';
import { MaskedPerson, maskPerson } from '../model.ts';
import type { VolunteerServiceRow } from '../volunteers/tables.ts';
import { MEMBER_KIND_NAMES, SERVICE_KIND_NAMES } from './model.ts';
import type { UnitReportInRate } from './report-in-rates.ts';
import type { PartyMemberRecord, PartyMemberServiceRow, PartyUnitRegistrationRow } from './tables.ts';

/** The last code of a path (`/d/…/110107D005/` → `110107D005`). */
export const codeOfPath = (path: string | null): string | null =>
  path ? (path.split('/').filter(Boolean).pop() ?? null) : null;

/** A member as lists, details and exports show them. */
export const PartyMemberView = MaskedPerson.extend({
  id: z.string(),
  community: z.object({ code: z.string(), name: z.string() }),
  kind: z.string(),
  kindName: z.string(),
  unitCode: z.string().nullable(),
  workUnit: z.string().nullable(),
  skills: z.string().nullable(),
  registeredOn: z.string(),
  leftOn: z.string().nullable(),
  leftReason: z.string().nullable(),
  active: z.boolean(),
  hasAccount: z.boolean(),
});
export type PartyMemberView = z.infer<typeof PartyMemberView>;

/** A member as lists, details and exports show them: name, phone and ID number masked. */
export function presentMember(m: PartyMemberRecord): PartyMemberView {
  return {
    id: m.id,
    ...maskPerson(m),
    community: { code: m.communityCode, name: m.communityName },
    kind: m.kind,
    kindName: MEMBER_KIND_NAMES[m.kind],
    unitCode: codeOfPath(m.unitPath),
    workUnit: m.workUnit,
    skills: m.skills,
    registeredOn: m.registeredOn,
    leftOn: m.leftOn,
    leftReason: m.leftReason,
    active: m.active,
    hasAccount: m.userId !== null,
  };
}

/** A service record (party member or volunteer) with its review. */
export const ServiceView = z.object({
  id: z.string(),
  personId: z.string(),
  title: z.string(),
  kind: z.string().nullable(),
  kindName: z.string().nullable(),
  servedOn: z.string(),
  hours: z.number(),
  status: z.enum(['pending', 'confirmed', 'rejected']),
  note: z.string().nullable(),
  recordedBy: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
});
export type ServiceView = z.infer<typeof ServiceView>;

/** When and how long, the record's status and its review: what every service record shows alike. */
export function presentServedHours(
  s: PartyMemberServiceRow | VolunteerServiceRow,
): Omit<ServiceView, 'id' | 'personId' | 'title' | 'kind' | 'kindName'> {
  return {
    servedOn: s.servedOn,
    hours: s.hours,
    status: s.status,
    note: s.note,
    recordedBy: s.recordedByLabel,
    reviewedBy: s.reviewedByLabel,
    reviewedAt: s.reviewedAt?.toISOString() ?? null,
    reviewNote: s.reviewNote,
  };
}

/** The allow-listed fields of a member’s service record. */
export function presentMemberService(s: PartyMemberServiceRow): ServiceView {
  return {
    id: s.id,
    personId: s.memberId,
    title: s.title,
    kind: s.kind,
    kindName: SERVICE_KIND_NAMES[s.kind as keyof typeof SERVICE_KIND_NAMES] ?? s.kind,
    ...presentServedHours(s),
  };
}

/** A unit’s registration with its street (the contact masked). */
export const UnitRegistrationView = z.object({
  id: z.string(),
  unit: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  street: z.object({ code: z.string(), name: z.string() }),
  inServiceMembers: z.number(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  agreement: z.string().nullable(),
  registeredOn: z.string(),
});

/** The allow-listed fields of a unit registration. */
export function presentUnitRegistration(r: PartyUnitRegistrationRow): z.infer<typeof UnitRegistrationView> {
  return {
    id: r.id,
    unit: { code: r.unitCode, name: r.unitName, level: r.unitLevel },
    street: { code: r.streetCode, name: r.streetName },
    inServiceMembers: r.inServiceMembers,
    contactName: maskName(r.contactName),
    contactPhone: maskPhone(r.contactPhone),
    agreement: r.agreement,
    registeredOn: r.registeredOn,
  };
}

/** A unit’s report-in figures for a period. */
export const ReportInRateView = z.object({
  unit: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  street: z.object({ code: z.string(), name: z.string() }),
  period: z.string(),
  declared: z.number(),
  registered: z.number(),
  reportInRate: z.number().nullable(),
  serving: z.number(),
  serviceRate: z.number().nullable(),
  confirmedHours: z.number(),
  pendingRecords: z.number(),
  whistleSummoned: z.number(),
  whistleCheckedIn: z.number(),
  overDeclared: z.boolean(),
});

/** A unit’s report-in figures without internal ids and paths. */
export function presentReportIn(r: UnitReportInRate): z.infer<typeof ReportInRateView> {
  const { unit, street, ...figures } = r;
  return {
    unit: { code: unit.code, name: unit.name, level: unit.level },
    street: { code: street.code, name: street.name },
    ...figures,
  };
}
