import { describe, expect, it } from 'vitest';
import { getAssessmentConstraints } from '../policy/assessment-constraints.ts';
import { type SchemeInput, SchemeInputSchema } from './model.ts';
import { evaluatorShares, validateScheme } from './validate-scheme.ts';

const ind = (key: string, weight: number, source: string, extra: Record<string, unknown> = {}) => ({
  kind: 'indicator',
  key,
  name: key,
  weight,
  source,
  scoring: { type: 'rate' },
  ...extra,
});

const scheme = (over: Partial<Record<keyof SchemeInput, unknown>>) =>
  SchemeInputSchema.parse({ name: '测试方案', evaluatedKind: 'street', period: 'month', ...over });

/** Street scheme: residents' survey `r`, the rest the district's grid-event closure. */
const street = (r: number, over: Record<string, unknown> = {}) =>
  scheme({
    nodes: [ind('survey', r, 'entered.survey'), ind('close', 1 - r, 'grid_events.close_rate')],
    ...over,
  });

describe('minimum evaluator weights', () => {
  it('refuses residents at 40 % of a street under generic, naming NJ 17 and the 10-point shortfall', () => {
    const v = validateScheme(street(0.4), getAssessmentConstraints('generic'));
    expect(v.issues).toEqual([]);
    expect(v.violations).toHaveLength(1);
    expect(v.violations[0]).toMatchObject({
      rule: 'assessment.residentsWeightStreetMin',
      required: 0.5,
      actual: 0.4,
    });
    expect(v.violations[0]?.message).toMatch(
      /^居民评价在街道考核中的权重为 40%，低于规定的 50%（差 10 个百分点）；依据：NJ 17 — /,
    );
  });

  it('makes a rule the profile lacks (filled from generic) a warning, and an override binding', () => {
    const bj = validateScheme(street(0.4), getAssessmentConstraints('beijing-shijingshan-2019'));
    expect(bj.violations).toEqual([]);
    expect(bj.warnings).toEqual([expect.objectContaining({ binding: false, profileId: 'generic' })]);
    const overridden = getAssessmentConstraints('beijing-shijingshan-2019', {
      'assessment.residentsWeightStreetMin': {
        value: 0.6,
        source: '某区办法',
        by: 'u',
        at: '2026-01-01T00:00:00Z',
      },
    });
    const v = validateScheme(street(0.5), overridden);
    expect(v.violations[0]).toMatchObject({ required: 0.6, actual: 0.5, binding: true });
    expect(v.violations[0]?.message).toContain('依据：某区办法');
  });

  it('applies 70 % to communities and 1/3 to departments; evaluators inherit from groups', () => {
    const nj = getAssessmentConstraints('nanjing-2014');
    const community = scheme({
      evaluatedKind: 'community',
      nodes: [ind('survey', 0.7, 'entered.survey'), ind('close', 0.3, 'grid_events.close_rate')],
    });
    expect(validateScheme(community, nj).violations).toEqual([]);
    const dept = scheme({
      evaluatedKind: 'department',
      nodes: [
        {
          kind: 'group',
          key: 'g',
          name: '街道评价',
          weight: 1 / 3,
          evaluator: 'street',
          children: [ind('m', 1, 'entered.manual', { scoring: { type: 'manual' } })],
        },
        ind('c', 2 / 3, 'demands.composite'),
      ],
    });
    expect(validateScheme(dept, getAssessmentConstraints('generic')).violations).toEqual([]);
    expect(evaluatorShares(dept, getAssessmentConstraints('generic')).get('street')).toBeCloseTo(1 / 3, 12);
  });

  it('checks community committee on street staff (30 %) and party committee on station staff (50 %)', () => {
    const xq = getAssessmentConstraints('yinchuan-xingqing-2018');
    const people = (kind: string, evaluator: string, w: number) =>
      scheme({
        evaluatedKind: kind,
        subjects: [{ code: 'p1', name: '张三', unitCode: '110107001000' }],
        nodes: [
          ind('a', w, 'entered.manual', { evaluator, scoring: { type: 'manual' } }),
          ind('b', 1 - w, 'entered.manual', { evaluator: 'district', scoring: { type: 'manual' } }),
        ],
      });
    expect(validateScheme(people('street_staff', 'community_committee', 0.25), xq).violations[0]?.rule).toBe(
      'assessment.communityCommitteeOnStreetStaffWeightMin',
    );
    expect(validateScheme(people('street_staff', 'community_committee', 0.3), xq).violations).toEqual([]);
    expect(
      validateScheme(people('service_station_staff', 'community_party_committee', 0.4), xq).violations[0]
        ?.rule,
    ).toBe('assessment.partyCommitteeOnServiceStationStaffWeightMin');
  });
});

describe('bans and resident-unit weights', () => {
  const veto = (requiredBy?: string) =>
    street(0.5, {
      nodes: [
        ind('survey', 0.5, 'entered.survey'),
        ind('close', 0.5, 'grid_events.close_rate', {
          veto: { failBelow: 60, basis: '文件', ...(requiredBy ? { requiredBy } : {}) },
        }),
      ],
    });

  it('bans 一票否决 on streets unless central/provincial level requires it; XQ leaves streets unrestricted', () => {
    const g = getAssessmentConstraints('generic');
    expect(validateScheme(veto(), g).violations[0]).toMatchObject({
      code: 'ONE_VOTE_VETO',
      indicator: 'close',
    });
    expect(validateScheme(veto('provincial'), g).violations).toEqual([]);
    expect(validateScheme(veto(), getAssessmentConstraints('yinchuan-xingqing-2018')).violations).toEqual([]);
  });

  it('bans a department’s own assessment of streets', () => {
    const s = street(0.5, { organiser: { kind: 'department', unitCode: '110107D007' } });
    const v = validateScheme(s, getAssessmentConstraints('beijing-shijingshan-2019'));
    expect(v.violations[0]).toMatchObject({ code: 'SEPARATE_ASSESSMENT' });
  });

  it('requires the party-building weight of the unit level: 10 % provincial, 20 % city/district', () => {
    const xq = getAssessmentConstraints('yinchuan-xingqing-2018');
    const unit = (w: number, unitLevel: string) =>
      scheme({
        evaluatedKind: 'resident_unit',
        nodes: [
          ind('r', 1 - w, 'party.report_in_rate'),
          ind('p', w, 'entered.party_building', { unitLevel }),
        ],
      });
    expect(validateScheme(unit(0.1, 'provincial'), xq).violations).toEqual([]);
    expect(validateScheme(unit(0.2, 'city_district'), xq).violations).toEqual([]);
    const v = validateScheme(unit(0.1, 'city_district'), xq).violations[0];
    expect(v).toMatchObject({ code: 'PARTY_BUILDING_WEIGHT', required: 0.2, actual: 0.1 });
    expect(v?.message).toContain('应为 20%（街道 8% + 社区 12%）');
    const shares = evaluatorShares(unit(0.2, 'city_district'), xq);
    expect(shares.get('street')).toBeCloseTo(0.8 + 0.08, 12);
    expect(shares.get('community_committee')).toBeCloseTo(0.12, 12);
  });
});

describe('consistency', () => {
  it('reports weights not adding up, duplicate keys, misplaced sources and manual rules', () => {
    const v = validateScheme(
      scheme({
        nodes: [
          ind('a', 0.5, 'entered.survey'),
          ind('a', 0.3, 'whistles.rating'),
          ind('m', 0.1, 'entered.manual'),
          ind('p', 0.05, 'entered.party_building'),
        ],
      }),
      getAssessmentConstraints('generic'),
    );
    expect(v.issues.map((i) => i.message)).toEqual([
      '同一层级的权重之和应为 1（100%），实为 95%',
      '指标编号重复：a',
      '「吹哨方评价得分」不能用于考核街道',
      '人工评分规则须与「人工评分」来源（entered.manual）配合使用',
      '「驻区单位党建工作赋分」不能用于考核街道',
      '驻区单位党建工作赋分须注明单位层级 unitLevel（provincial / city_district）',
    ]);
    expect(v.violations).toEqual([]);
  });

  it('needs a list of subjects for people', () => {
    const v = validateScheme(
      scheme({
        evaluatedKind: 'street_staff',
        nodes: [ind('m', 1, 'entered.manual', { scoring: { type: 'manual' } })],
      }),
      getAssessmentConstraints('generic'),
    );
    expect(v.issues[0]?.message).toBe('考核对象为街道工作人员时须列出被考核对象');
  });
});
