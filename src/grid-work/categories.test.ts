import { describe, expect, it } from 'vitest';
import { categoryFile, categoryFileSchema, findCategory, listCategories } from './categories.ts';

describe('grid-event categories (data)', () => {
  it('ships the component and event classes the plan names', () => {
    const file = categoryFile();
    const names = (kind: string) => file.classes.filter((c) => c.kind === kind).map((c) => c.name);
    expect(names('component')).toEqual(['公用设施', '交通设施', '市容环境', '园林绿化', '其他设施']);
    expect(names('event')).toEqual(
      expect.arrayContaining(['市容环境', '宣传广告', '施工管理', '街面秩序', '突发事件']),
    );
  });

  it('resolves a class and an item with the class limit, the path and urgency', () => {
    expect(findCategory('E01')).toMatchObject({ kind: 'event', path: '事件/市容环境', urgent: false });
    expect(findCategory('E0101')).toMatchObject({
      classCode: 'E01',
      name: '暴露垃圾',
      path: '事件/市容环境/暴露垃圾',
      limit: { unit: 'working_days', amount: 1 },
    });
    expect(findCategory('E0406')).toMatchObject({
      urgent: true,
      limit: { unit: 'calendar_hours', amount: 2 },
    });
    expect(listCategories().every((c) => c.code.startsWith(c.classCode))).toBe(true);
  });

  it('refuses unknown codes with a stable error', () => {
    expect(() => findCategory('X99')).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('refuses a broken file: wrong prefix, duplicate codes, items of another class', () => {
    const good = categoryFile();
    const bad = structuredClone(good);
    const first = bad.classes[0];
    if (!first) throw new Error('no classes');
    first.kind = 'event';
    bad.classes.push(structuredClone(bad.classes[1] ?? first));
    const issues = categoryFileSchema.safeParse(bad).error?.issues.map((i) => i.message) ?? [];
    expect(issues.some((m) => m.includes('部件以 B'))).toBe(true);
    expect(issues.some((m) => m.includes('重复的类别代码'))).toBe(true);
    const alien = structuredClone(good);
    alien.classes[0]?.items.push({ code: 'B9901', name: '外来' });
    expect(categoryFileSchema.safeParse(alien).success).toBe(false);
  });
});
