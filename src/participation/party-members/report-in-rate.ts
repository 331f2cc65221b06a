/**
 * A unit's 在职党员报到 figures for a period, pure. The street assesses units on how many of their
 * in-service members reported in at a home community and how many of those actually served
 * (XQ 二(四)2: 街道党工委依据各单位“下基层”、在职党员到社区报到等工作开展的情况…考核赋分).
 */

export interface ReportInMember {
  id: string;
  kind: 'in_service' | 'retired' | 'other';
  registeredOn: string;
  leftOn: string | null;
}

export interface ReportInService {
  memberId: string;
  servedOn: string;
  hours: number;
  status: 'pending' | 'confirmed' | 'rejected';
}

export interface ReportInSummons {
  memberId: string;
  checkedIn: boolean;
}

export interface ReportInInput {
  /** 在职党员人数 the unit declared when it registered with the street. */
  declared: number;
  members: readonly ReportInMember[];
  services: readonly ReportInService[];
  /** Community whistles of the period that summoned the unit's members. */
  summons: readonly ReportInSummons[];
  firstDay: string;
  lastDay: string;
}

export interface ReportInFigures {
  declared: number;
  /** In-service members registered at a community and not gone by the period's last day. */
  registered: number;
  /** registered ÷ declared; null when the unit declared none. */
  reportInRate: number | null;
  /** Registered members with at least one confirmed service in the period. */
  serving: number;
  /** serving ÷ registered; null when none is registered. */
  serviceRate: number | null;
  /** Confirmed hours of the unit's members in the period. */
  confirmedHours: number;
  pendingRecords: number;
  whistleSummoned: number;
  whistleCheckedIn: number;
  /** More registered than declared: the declaration is out of date. */
  overDeclared: boolean;
}

/** Whether a member stands registered on a civil day: registered by then and not yet left. */
export const registeredOn = (m: ReportInMember, day: string): boolean =>
  m.registeredOn <= day && (m.leftOn === null || m.leftOn > day);

/** A unit’s report-in figures for a period from its members, their services and summons. */
export function computeReportIn(input: ReportInInput): ReportInFigures {
  const registered = input.members.filter((m) => m.kind === 'in_service' && registeredOn(m, input.lastDay));
  const ids = new Set(registered.map((m) => m.id));
  const all = new Set(input.members.map((m) => m.id));
  const inPeriod = input.services.filter(
    (s) => all.has(s.memberId) && s.servedOn >= input.firstDay && s.servedOn <= input.lastDay,
  );
  const confirmed = inPeriod.filter((s) => s.status === 'confirmed');
  const serving = new Set(confirmed.filter((s) => ids.has(s.memberId)).map((s) => s.memberId)).size;
  const summons = input.summons.filter((s) => all.has(s.memberId));
  return {
    declared: input.declared,
    registered: registered.length,
    reportInRate: input.declared > 0 ? registered.length / input.declared : null,
    serving,
    serviceRate: registered.length > 0 ? serving / registered.length : null,
    // Half hours add exactly in binary floating point; rounding only guards odd inputs.
    confirmedHours: Math.round(confirmed.reduce((sum, s) => sum + s.hours, 0) * 10) / 10,
    pendingRecords: inPeriod.filter((s) => s.status === 'pending').length,
    whistleSummoned: summons.length,
    whistleCheckedIn: summons.filter((s) => s.checkedIn).length,
    overDeclared: registered.length > input.declared,
  };
}
