import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../core/calendar/index.ts';
import type { ServiceDetails } from '../model.ts';
import { describeTimeLimit, missingMaterials, oneTimeNotice, serviceDue } from './rules.ts';

const details: ServiceDetails = {
  conditions: '年满80周岁的本市户籍老年人',
  materials: ['居民身份证', '社会保障卡', '户口簿'],
  timeLimit: { amount: 5, unit: 'working_days' },
  whereHandled: '社区服务站',
  proxyAllowed: true,
};
const item = { itemCode: 'FWSX-011', name: '高龄津贴申领', details };

describe('materials and the one-time notice (一次性告知)', () => {
  it('lists what is missing in catalog order, ignoring spaces and brackets', () => {
    expect(missingMaterials(details.materials, ['户口簿', '居民 身份证'])).toEqual(['社会保障卡']);
    expect(missingMaterials(['身份证（原件）'], ['身份证(原件)'])).toEqual([]);
    expect(missingMaterials(details.materials, [])).toEqual(details.materials);
  });

  it('lists ALL materials once, marking the missing ones, with limit and place', () => {
    const n = oneTimeNotice(item, '玉泉路西社区', ['居民身份证']);
    expect(n.materials).toEqual([
      { name: '居民身份证', provided: true },
      { name: '社会保障卡', provided: false },
      { name: '户口簿', provided: false },
    ]);
    expect(n.missing).toEqual(['社会保障卡', '户口簿']);
    expect(n.text).toContain('玉泉路西社区一次性告知单');
    expect(n.text).toContain('  2. 社会保障卡（尚缺）');
    expect(n.text).toContain('办理时限：5个工作日');
    expect(n.text).toContain('请补齐以上标注“尚缺”的2项材料后再来办理，不再另行要求其他材料。');
  });

  it('without materials in hand it is the plain list to bring', () => {
    const n = oneTimeNotice(item, '某社区');
    expect(n.text).toContain('  1. 居民身份证\n');
    expect(n.text).not.toContain('尚缺');
    expect(n.text).toContain('请携带以上全部材料办理');
  });

  it.each([
    [{ amount: 0, unit: 'working_days' }, '即办'],
    [{ amount: 20, unit: 'working_days' }, '20个工作日'],
    [{ amount: 4, unit: 'working_hours' }, '4个工作小时'],
  ] as const)('%j reads %s', (limit, text) => {
    expect(describeTimeLimit(limit)).toBe(text);
  });
});

describe('time-limited completion on the working-day calendar (限时办结)', () => {
  const cal = createWorkCalendar();
  it('counts working days past the National Day holiday and the make-up Saturday', () => {
    // Accepted 2026-09-30 10:00: 10-01…10-07 off, 10-08 (1), 10-09 (2), 10-10 make-up Saturday (3).
    const due = serviceDue(cal, new Date('2026-09-30T10:00:00+08:00'), { amount: 3, unit: 'working_days' });
    expect(due.toISOString()).toBe(new Date('2026-10-11T00:00:00+08:00').toISOString());
  });

  it('makes 即办 due at the end of the day of acceptance (Beijing time)', () => {
    const due = serviceDue(cal, new Date('2026-03-02T23:30:00+08:00'), { amount: 0, unit: 'working_days' });
    expect(due.toISOString()).toBe(new Date('2026-03-03T00:00:00+08:00').toISOString());
  });

  it('counts working hours inside office hours', () => {
    const due = serviceDue(cal, new Date('2026-09-30T16:45:00+08:00'), { amount: 2, unit: 'working_hours' });
    expect(due.toISOString()).toBe(new Date('2026-10-08T10:15:00+08:00').toISOString());
  });
});
