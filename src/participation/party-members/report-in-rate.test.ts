import { describe, expect, it } from 'vitest';
import { computeReportIn, type ReportInMember, registeredOn } from './report-in-rate.ts';

const period = { firstDay: '2026-04-01', lastDay: '2026-06-30' };
const member = (id: string, over: Partial<ReportInMember> = {}): ReportInMember => ({
  id,
  kind: 'in_service',
  registeredOn: '2026-01-10',
  leftOn: null,
  ...over,
});

describe('registeredOn', () => {
  it('counts from the registration day up to (not including) the day they left', () => {
    const m = member('a', { registeredOn: '2026-03-01', leftOn: '2026-05-01' });
    expect(registeredOn(m, '2026-02-28')).toBe(false);
    expect(registeredOn(m, '2026-03-01')).toBe(true);
    expect(registeredOn(m, '2026-04-30')).toBe(true);
    expect(registeredOn(m, '2026-05-01')).toBe(false);
  });
});

describe('computeReportIn', () => {
  const base = { declared: 4, services: [], summons: [], ...period };

  it('registered ÷ declared, counting in-service members standing registered at the period end', () => {
    const f = computeReportIn({
      ...base,
      members: [
        member('a'),
        member('b', { registeredOn: '2026-06-30' }),
        member('c', { registeredOn: '2026-07-01' }), // after the period
        member('d', { leftOn: '2026-06-01' }), // gone before the end
        member('e', { kind: 'retired' }), // not in service
      ],
    });
    expect(f).toMatchObject({ declared: 4, registered: 2, reportInRate: 0.5, overDeclared: false });
  });

  it('serving members and confirmed hours inside the period only; pending records counted apart', () => {
    const f = computeReportIn({
      ...base,
      members: [member('a'), member('b'), member('x', { leftOn: '2026-05-01' })],
      services: [
        { memberId: 'a', servedOn: '2026-04-01', hours: 2, status: 'confirmed' },
        { memberId: 'a', servedOn: '2026-06-30', hours: 1.5, status: 'confirmed' },
        { memberId: 'b', servedOn: '2026-05-05', hours: 3, status: 'pending' },
        { memberId: 'b', servedOn: '2026-05-06', hours: 3, status: 'rejected' },
        { memberId: 'b', servedOn: '2026-03-31', hours: 4, status: 'confirmed' }, // before
        { memberId: 'x', servedOn: '2026-04-15', hours: 1, status: 'confirmed' }, // left later: hours count
        { memberId: 'stranger', servedOn: '2026-04-15', hours: 9, status: 'confirmed' }, // another unit's
      ],
    });
    expect(f).toMatchObject({
      registered: 2,
      serving: 1,
      serviceRate: 0.5,
      confirmedHours: 4.5,
      pendingRecords: 1,
    });
  });

  it('whistle summons of the unit’s members: summoned and checked in', () => {
    const f = computeReportIn({
      ...base,
      members: [member('a'), member('b')],
      summons: [
        { memberId: 'a', checkedIn: true },
        { memberId: 'b', checkedIn: false },
        { memberId: 'z', checkedIn: true },
      ],
    });
    expect(f).toMatchObject({ whistleSummoned: 2, whistleCheckedIn: 1 });
  });

  it('no declaration → no rate; nobody registered → no service rate; more than declared is flagged', () => {
    expect(computeReportIn({ ...base, declared: 0, members: [] })).toMatchObject({
      reportInRate: null,
      serviceRate: null,
      overDeclared: false,
    });
    expect(computeReportIn({ ...base, declared: 1, members: [member('a'), member('b')] })).toMatchObject({
      reportInRate: 2,
      overDeclared: true,
    });
  });
});
