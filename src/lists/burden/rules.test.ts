import { describe, expect, it } from 'vitest';
import {
  type AccessRule,
  checkAccess,
  excludedMatterIn,
  formQuotaUsed,
  meetingVisible,
  missingTransfers,
  nextItemCode,
  noticeNumber,
  transferNames,
} from './rules.ts';

const rule: AccessRule = {
  key: 'burden.communityAccessList',
  unlistedRefused: true,
  refusalText: '凡没有列入社区准入事项的工作，社区一律不作为责任主体',
  source: 'XQ 三(五) — 兴庆区…：“…”',
};
const base = {
  listKind: 'community_access' as const,
  targetName: '玉泉路西社区',
  title: '协助开展占道经营执法巡查',
  citedItemCode: null,
  citedItem: null,
  hasList: true,
  rule,
};

describe('access check (XQ 二(一), 三(五))', () => {
  it('accepts work that cites an item on the list in force', () => {
    expect(
      checkAccess({ ...base, citedItemCode: 'SQZR-003', citedItem: { id: 'i1', name: '低保' } }),
    ).toEqual({
      accepted: true,
      itemId: 'i1',
      unlisted: false,
    });
  });

  it('refuses work citing nothing, naming the work and quoting the rule with its clause', () => {
    const d = checkAccess(base);
    expect(d.accepted).toBe(false);
    if (d.accepted) return;
    expect(d.message).toBe(
      '工作事项“协助开展占道经营执法巡查”未列入准入清单：未引用社区工作事项准入清单事项。凡没有列入社区准入事项的工作，社区一律不作为责任主体（XQ 三(五)） (not on the access list)',
    );
    expect(d.missing).toEqual({ title: base.title, citedItemCode: null });
  });

  it('refuses a cited code that is not on the list, naming the code', () => {
    const d = checkAccess({ ...base, citedItemCode: 'SQZR-099' });
    expect(!d.accepted && d.message).toContain(
      '所引事项编号 SQZR-099 不在玉泉路西社区现行社区工作事项准入清单中',
    );
  });

  it('says when the target has no list at all', () => {
    const d = checkAccess({ ...base, hasList: false, listKind: 'street_access', targetName: '八宝山街道' });
    expect(!d.accepted && d.message).toContain('（八宝山街道尚无现行街道行政事务准入清单）');
  });

  it('lets unlisted work through, flagged, where the rule does not refuse it', () => {
    expect(checkAccess({ ...base, rule: { ...rule, unlistedRefused: false } })).toEqual({
      accepted: true,
      itemId: null,
      unlisted: true,
    });
  });
});

describe('new access items: 权随事转、人随事转、费随事转', () => {
  const all = ['authority', 'staff', 'funds'] as const;
  it('names each transfer left blank', () => {
    expect(missingTransfers({ authority: '委托执法权', staff: '  ', funds: undefined }, all)).toEqual([
      'staff',
      'funds',
    ]);
    expect(missingTransfers({ authority: 'a', staff: 'b', funds: 'c' }, all)).toEqual([]);
    expect(missingTransfers({}, ['funds'])).toEqual(['funds']);
    expect(transferNames(['staff', 'funds'])).toBe('人（人员编制）、费（经费）');
  });

  it('finds matters communities may never be made responsible for', () => {
    const excluded = ['执法', '拆迁拆违', '环境整治', '城市管理'];
    expect(excludedMatterIn(['协助开展占道经营执法巡查', null], excluded)).toBe('执法');
    expect(excludedMatterIn(['协助开展低保入户调查', '社会救助'], excluded)).toBeUndefined();
  });

  it('numbers generated item codes after the highest existing one', () => {
    expect(nextItemCode('SQZR', ['SQZR-001', 'SQZR-030', 'X-100', 'SQZR-7'])).toBe('SQZR-031');
    expect(nextItemCode('JDZR', [])).toBe('JDZR-001');
  });
});

describe('forms registry and notices', () => {
  it.each([
    [0, 1, false],
    [1, 1, true],
    [1, 2, false],
    [2, 2, true],
  ])('%i active forms with a cap of %i → quota used: %s', (active, max, used) => {
    expect(formQuotaUsed(active, max)).toBe(used);
  });

  it('numbers notices per year', () => {
    expect(noticeNumber(2026, 12)).toBe('提示〔2026〕12号');
  });
});

describe('who sees a registered meeting', () => {
  const paths: Record<string, string> = {
    D07: '/110107/D/D07/',
    D21: '/110107/D/D21/',
    S1: '/110107/S1/',
    C11: '/110107/S1/C11/',
    C12: '/110107/S1/C12/',
    S2: '/110107/S2/',
    C21: '/110107/S2/C21/',
  };
  const pathOf = (code: string) => paths[code];
  const byDept = { organiserUnitCode: 'D07', communityCodes: ['C11', 'C21'] };
  const byStreet = { organiserUnitCode: 'S1', communityCodes: ['C12'] };

  it('a department sees the meetings it registered, not another department’s', () => {
    expect(meetingVisible(byDept, pathOf, '/110107/D/D07/')).toBe(true);
    expect(meetingVisible(byDept, pathOf, '/110107/D/D21/')).toBe(false);
    expect(meetingVisible(byStreet, pathOf, '/110107/D/D07/')).toBe(false);
  });

  it('a street or community sees the meetings that summon its communities', () => {
    expect(meetingVisible(byDept, pathOf, '/110107/S2/')).toBe(true);
    expect(meetingVisible(byStreet, pathOf, '/110107/S2/')).toBe(false);
    expect(meetingVisible(byStreet, pathOf, '/110107/S1/C11/')).toBe(false);
    expect(meetingVisible(byStreet, pathOf, '/110107/S1/C12/')).toBe(true);
  });

  it('a chosen street narrows to meetings summoning its communities; unknown units match nothing', () => {
    expect(meetingVisible(byDept, pathOf, '/110107/D/D07/', '/110107/S2/')).toBe(true);
    expect(meetingVisible(byStreet, pathOf, '/110107/', '/110107/S2/')).toBe(false);
    expect(meetingVisible({ organiserUnitCode: 'gone', communityCodes: ['gone'] }, pathOf, '/110107/')).toBe(
      false,
    );
  });
});
