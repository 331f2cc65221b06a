import { describe, expect, it } from 'vitest';
import { loadDepartmentTemplate } from '../jurisdiction/load-departments.ts';
import { createUnitResolver, type DirectoryUnit, nameKeyOf, type UnitDirectory } from './resolve-units.ts';

const ROOT = '/110107000000/';
const STREETS: [string, string][] = [
  ['110107001000', '八宝山街道'],
  ['110107011000', '鲁谷街道'],
  ['110107012000', '示例镇'],
];
const street = ([code, name]: [string, string]): DirectoryUnit => ({
  id: `id-${code}`,
  code,
  name,
  shortName: name,
  aliases: [],
  tree: 'division',
  level: 'street',
  path: `${ROOT}${code}/`,
});
const departments: DirectoryUnit[] = loadDepartmentTemplate({
  division: {
    code6: '110107',
    code: '110107000000',
    name: '石景山区',
    fullName: '北京市石景山区',
    provinceName: '北京市',
    cityName: '北京市',
    streets: [],
  },
  districtId: 'district',
  districtPath: ROOT,
  streets: STREETS.map(([code, name]) => [code, { id: `id-${code}`, path: `${ROOT}${code}/`, name }]),
}).map((u) => ({
  id: u.id,
  code: u.code,
  name: u.name,
  shortName: u.shortName,
  aliases: u.aliases ?? [],
  tree: 'department',
  level: u.level,
  path: u.path,
}));

function directory(mappings: [string, DirectoryUnit[]][] = []): UnitDirectory {
  return {
    provinceName: '北京市',
    cityName: '北京市',
    districtName: '石景山区',
    departments,
    streets: STREETS.map(street),
    mappings: new Map(mappings.map(([n, u]) => [nameKeyOf(n), u])),
  };
}
const resolve = createUnitResolver(directory());
const one = (name: string) => {
  const r = resolve(name);
  return { match: r.match, unit: r.units.map((u) => u.shortName).join('|') };
};

describe('resolving plan unit names to the department tree and streets', () => {
  it('matches short names and full names exactly, and aliases', () => {
    expect(one('区委组织部')).toEqual({ match: 'exact', unit: '区委组织部' });
    expect(one('中共北京市石景山区委组织部')).toEqual({ match: 'exact', unit: '区委组织部' });
    expect(one('区城管监督指挥中心')).toEqual({ match: 'alias', unit: '区指挥中心' });
    expect(one('区住建委')).toEqual({ match: 'alias', unit: '区住房城市建设委' });
    expect(one('鲁谷街道')).toEqual({ match: 'exact', unit: '鲁谷街道' });
  });

  it('matches loose spellings: prefixes, 委员会↔委, 人民政府, office suffixes, full-width brackets', () => {
    expect(one('石景山区城市管理委员会')).toEqual({ match: 'fuzzy', unit: '区城市管理委' });
    expect(one('北京市石景山区民政局')).toEqual({ match: 'exact', unit: '区民政局' });
    expect(one('石景山区民政局')).toEqual({ match: 'fuzzy', unit: '区民政局' });
    expect(one('区委政法委员会')).toEqual({ match: 'fuzzy', unit: '区委政法委' });
    expect(one('区委社会工作委员会')).toEqual({ match: 'fuzzy', unit: '区委社会工委' });
    expect(one('石景山区人民政府办公室')).toEqual({ match: 'fuzzy', unit: '区政府办公室' });
    expect(one('区人力社保局')).toEqual({ match: 'fuzzy', unit: '区人力资源社会保障局' });
    expect(one('八宝山街道办事处')).toEqual({ match: 'fuzzy', unit: '八宝山街道' });
    expect(one('八宝山街道党工委')).toEqual({ match: 'fuzzy', unit: '八宝山街道' });
    expect(one('中共石景山区委机构编制委员会办公室')).toEqual({ match: 'fuzzy', unit: '区委编办' });
  });

  it('reads a parenthesised alternate name as one office: the outer name, else the inner one', () => {
    expect(one('区民政局(区委社会工委)')).toEqual({ match: 'fuzzy', unit: '区民政局' });
    expect(one('区民政局（区委社会工委）')).toEqual({ match: 'fuzzy', unit: '区民政局' });
    expect(one('区老龄办(区委社会工委)')).toEqual({ match: 'fuzzy', unit: '区委社会工委' });
  });

  it('expands collective names to the right sets', () => {
    const names = (n: string) => resolve(n).units.map((u) => u.name);
    expect(resolve('各街道').match).toBe('group');
    expect(names('各街道')).toEqual(['八宝山街道', '鲁谷街道']);
    expect(names('各街道党工委')).toEqual(['八宝山街道', '鲁谷街道']);
    expect(names('石景山区各街道')).toEqual(['八宝山街道', '鲁谷街道']);
    expect(names('各乡镇')).toEqual(['示例镇']);
    expect(names('各行政区')).toEqual(['八宝山街道', '鲁谷街道', '示例镇']);
    expect(names('各街道(乡镇)')).toEqual(['八宝山街道', '鲁谷街道', '示例镇']);
    const depts = resolve('各相关部门').units;
    expect(depts.length).toBeGreaterThan(20);
    expect(depts.every((u) => u.level === 'department' || u.level === 'center')).toBe(true);
    expect(depts.map((u) => u.shortName)).toContain('区委组织部');
  });

  it('leaves unknown and ambiguous names unmatched, with suggestions', () => {
    const city = resolve('市民政局');
    expect(city.match).toBe('unmatched');
    expect(city.units).toEqual([]);
    expect(city.suggestions.map((u) => u.shortName)).toContain('区民政局');
    expect(resolve('北京市民政局').match).toBe('unmatched');
    expect(resolve('区网格化服务管理中心').match).toBe('unmatched');
    // A near-certain wording difference is still found.
    expect(one('区城市管理综合执法局')).toEqual({ match: 'fuzzy', unit: '区城管执法局' });
    expect(resolve('各区').match).toBe('unmatched');
    // Every street has its own 派出所: the bare word names none of them.
    const police = resolve('派出所');
    expect(police.match).toBe('unmatched');
  });

  it('uses a remembered mapping first, including "not a unit of ours"', () => {
    const centre = departments.find((u) => u.shortName === '区指挥中心') as DirectoryUnit;
    const withMappings = createUnitResolver(
      directory([
        ['区网格化服务管理中心', [centre]],
        ['市民政局', []],
      ]),
    );
    expect(withMappings('区网格化服务管理中心')).toMatchObject({ match: 'mapped', units: [centre] });
    expect(withMappings('区网格化服务管理中心 ')).toMatchObject({ match: 'mapped' });
    expect(withMappings('市民政局')).toMatchObject({ match: 'ignored', units: [] });
  });
});
