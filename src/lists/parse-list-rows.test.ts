import { describe, expect, it } from 'vitest';
import { LIST_KINDS } from './model.ts';
import { parseListRows, parseTimeLimit, splitMaterials } from './parse-list-rows.ts';
import { demoListRows } from './seed-demo-lists.ts';

describe('办理时限 as catalogs write it', () => {
  it.each([
    ['即办', { amount: 0, unit: 'working_days' }],
    ['即时办结', { amount: 0, unit: 'working_days' }],
    ['当场办结', { amount: 0, unit: 'working_days' }],
    ['5个工作日', { amount: 5, unit: 'working_days' }],
    ['五个工作日', { amount: 5, unit: 'working_days' }],
    ['十五个工作日', { amount: 15, unit: 'working_days' }],
    ['二十个工作日内办结', { amount: 20, unit: 'working_days' }],
    ['30 个工作日', { amount: 30, unit: 'working_days' }],
    ['7日', { amount: 7, unit: 'working_days' }],
    ['4小时', { amount: 4, unit: 'working_hours' }],
    ['2个工作小时', { amount: 2, unit: 'working_hours' }],
  ] as const)('%s', (text, limit) => {
    expect(parseTimeLimit(text)).toEqual(limit);
  });

  it.each(['', '尽快', '一个月', '400个工作日', '5周'])('rejects %j', (text) => {
    expect(parseTimeLimit(text)).toBeUndefined();
  });
});

describe('申请材料', () => {
  it('splits numbered lists and lines, and reads 无 as none', () => {
    expect(splitMaterials('1.居民身份证；2.户口簿;3、结婚证')).toEqual(['居民身份证', '户口簿', '结婚证']);
    expect(splitMaterials('（1）身份证\n（2）照片')).toEqual(['身份证', '照片']);
    expect(splitMaterials('无')).toEqual([]);
    expect(splitMaterials('')).toEqual([]);
  });
});

describe('list rows', () => {
  it('finds the header under a title, maps aliases, generates codes and skips notes', () => {
    const rows = [
      ['某区社区服务站服务事项清单'],
      ['序号', '服务事项', '受理条件', '所需材料', '承诺时限', '受理地点', '是否可代办'],
      ['1', '高龄津贴申领', '年满80周岁', '1.身份证；2.社保卡', '5个工作日', '社区服务站', '是'],
      ['2', '志愿者注册', '', '身份证', '即办', '社区服务站', '否'],
      ['注：本清单自发布之日起施行'],
    ];
    const parsed = parseListRows('service_catalog', rows);
    expect(parsed.problems).toEqual([]);
    expect(parsed.items.map((i) => [i.row, i.itemCode, i.name])).toEqual([
      [3, 'FWSX-001', '高龄津贴申领'],
      [4, 'FWSX-002', '志愿者注册'],
    ]);
    expect(parsed.items[0]?.details).toEqual({
      conditions: '年满80周岁',
      materials: ['身份证', '社保卡'],
      timeLimit: { amount: 5, unit: 'working_days' },
      whereHandled: '社区服务站',
      proxyAllowed: true,
    });
    expect(parsed.items[1]?.details?.proxyAllowed).toBe(false);
  });

  it('resolves demand categories by code, path or unique name', () => {
    const parsed = parseListRows('street_duty', [
      ['编号', '事项名称', '诉求分类'],
      ['D-1', '环境整治', '0101、市容环境/垃圾清运，道路保洁'],
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.items[0]?.demandCategories).toEqual(['0101', '0102', '0103']);
  });

  it('collects every problem with its row and column', () => {
    const parsed = parseListRows('service_catalog', [
      ['编号', '事项名称', '办理时限', '办理地点', '可代办', '诉求分类'],
      ['A-1', '', '5个工作日', '服务站', '是', ''],
      ['A-1', '某事项', '尽快', '', '也许', '9999'],
      ['bad code!', '另一事项', '即办', '服务站', '', ''],
    ]);
    expect(parsed.problems).toEqual([
      { row: 2, column: '事项名称', message: '缺少事项名称' },
      { row: 3, column: '编号', message: '事项编号与第2行重复：A-1' },
      { row: 3, column: '诉求分类', message: '未知的诉求分类：9999' },
      { row: 3, column: '办理时限', message: '无法识别的办理时限：尽快' },
      { row: 3, column: '办理地点', message: '缺少办理地点' },
      { row: 3, column: '可代办', message: '应填“是”或“否”：也许' },
      { row: 4, column: '编号', message: '事项编号格式不对：bad code!' },
    ]);
  });

  it('refuses a file without a 事项名称 header or without items', () => {
    expect(parseListRows('street_access', [['a', 'b']]).problems[0]?.message).toContain('未找到表头');
    expect(parseListRows('street_access', [['事项名称']]).problems[0]?.message).toBe('清单没有任何事项');
  });

  it.each(LIST_KINDS)('the bundled demo %s file parses cleanly', (kind) => {
    const parsed = parseListRows(kind, demoListRows(kind));
    expect(parsed.problems).toEqual([]);
    expect(parsed.items.length).toBeGreaterThanOrEqual(12);
  });

  it('ships a 33-item service catalog with materials, limits and places', () => {
    const items = parseListRows('service_catalog', demoListRows('service_catalog')).items;
    expect(items).toHaveLength(33);
    expect(items.every((i) => i.details && i.details.materials.length > 0 && i.details.whereHandled)).toBe(
      true,
    );
  });

  it('gives every demand category of the taxonomy a responsible department in the demo', () => {
    const items = parseListRows('department_responsibility', demoListRows('department_responsibility')).items;
    const covered = new Set(items.flatMap((i) => i.demandCategories));
    expect(items.every((i) => i.responsibleUnit)).toBe(true);
    // 1006 住房公积金 and 15xx 农村农业 have no district department in the Beijing demo set.
    expect(covered.size).toBeGreaterThanOrEqual(70);
  });
});
