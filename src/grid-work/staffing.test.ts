import { describe, expect, it } from 'vitest';
import { staffingRow } from './staffing.ts';

const community = (households: number | null, flags: string[], assigned: number) => ({
  code: '110107001003',
  name: '玉泉路西社区',
  streetName: '八宝山街道',
  households,
  flags,
  attrsAreDemo: false,
  gridWorkersAssigned: assigned,
});

describe('staffingRow (generic profile: 1 per 500 households, 1 per 300 with a flag)', () => {
  it.each([
    [1000, [], 2, 2, 500, false, 0, false],
    [1001, [], 2, 3, 500, false, -1, true],
    [867, ['no_property'], 2, 3, 300, true, -1, true],
    [900, ['old_compound', 'elderly'], 3, 3, 300, true, 0, false],
    [600, ['unknown_flag'], 1, 2, 500, false, -1, true],
    [0, [], 0, 0, 500, false, 0, false],
    [5410, [], 12, 11, 500, false, 1, false],
  ])(
    '%i households %j with %i assigned → %i required',
    (hh, flags, assigned, required, per, reduced, gap, short) => {
      const r = staffingRow('generic', {}, community(hh, flags, assigned));
      expect(r).toMatchObject({
        required,
        householdsPerWorker: per,
        reducedRatioApplied: reduced,
        gap,
        understaffed: short,
      });
      expect(r.source).toMatch(/XQ 三\(四\)2/);
      expect(r.flags as string[]).not.toContain('unknown_flag');
    },
  );

  it('says so when households are unknown instead of guessing', () => {
    const r = staffingRow('generic', {}, community(null, [], 1));
    expect(r).toMatchObject({ required: null, understaffed: false, gap: null });
    expect(r.note).toMatch(/缺少户数/);
  });

  it('follows a district override of the ratio', () => {
    const overrides = {
      'staffing.gridWorkerHouseholds': {
        value: {
          householdsPerWorker: 400,
          reducedHouseholdsPerWorker: 250,
          reducedWhenAnyFlag: ['elderly'],
          twoCommitteeMembersServe: true,
        },
        source: '区委文件 2026 第3号',
        by: 'admin',
        at: '2026-01-01T00:00:00+08:00',
      },
    };
    expect(staffingRow('generic', overrides, community(800, [], 1))).toMatchObject({ required: 2, gap: -1 });
    expect(staffingRow('generic', overrides, community(800, ['no_property'], 2))).toMatchObject({
      required: 2,
      householdsPerWorker: 400,
    });
    expect(staffingRow('generic', overrides, community(800, ['elderly'], 4)).required).toBe(4);
  });
});
