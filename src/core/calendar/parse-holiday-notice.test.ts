import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { parseHolidayNotice } from './parse-holiday-notice.ts';
import { createWorkCalendar } from './work-calendar.ts';
import { addDays } from './zoned-time.ts';

// The 2026 notice (国办发明电〔2025〕7号) in its published layout.
const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知
国办发明电〔2025〕7号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
　　一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
　　二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
　　三、清明节：4月4日（周六）至6日（周一）放假，共3天。
　　四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
　　五、端午节：6月19日（周五）至21日（周日）放假，共3天。
　　六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
　　七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

国务院办公厅
2025年11月4日`;

// The 2025 notice: a single-day 元旦 without 调休, a holiday spanning two months, a merged 国庆节、中秋节.
const NOTICE_2025 = `国务院办公厅关于2025年部分节假日安排的通知
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。`;

// The 2019 notice's 元旦 spans the previous December and uses 星期 (older wording).
const NOTICE_2019_NEW_YEAR = `国务院办公厅关于2019年部分节假日安排的通知
一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。`;

/** The package's own arrangement for the dates from..to, in the parser's shape (names left out). */
function packaged(from: string, to: string): { date: string; kind: string }[] {
  const cal = createWorkCalendar();
  const out: { date: string; kind: string }[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const info = cal.dayInfo(date);
    if (info.source === 'official') out.push({ date, kind: info.workday ? 'workday' : 'holiday' });
  }
  return out;
}
const withoutNames = (entries: { date: string; kind: string }[]) =>
  entries.map(({ date, kind }) => ({ date, kind }));

describe('parseHolidayNotice', () => {
  it('reads the 2026 notice exactly as chinese-days has it', () => {
    const parsed = parseHolidayNotice(NOTICE_2026);
    expect(parsed.year).toBe(2026);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.entries).toHaveLength(39); // 33 holidays + 6 make-up days
    expect(withoutNames(parsed.entries)).toEqual(packaged('2026-01-01', '2026-12-31'));
    expect(parsed.entries.find((e) => e.date === '2026-10-10')).toEqual({
      date: '2026-10-10',
      kind: 'workday',
      name: '国庆节',
    });
    expect(parsed.entries.find((e) => e.date === '2026-02-23')).toEqual({
      date: '2026-02-23',
      kind: 'holiday',
      name: '春节',
    });
  });

  it('reads the 2025 notice exactly as chinese-days has it', () => {
    const parsed = parseHolidayNotice(NOTICE_2025);
    expect(parsed.warnings).toEqual([]);
    expect(withoutNames(parsed.entries)).toEqual(packaged('2025-01-01', '2025-12-31'));
    expect(parsed.entries.find((e) => e.date === '2025-10-08')?.name).toBe('国庆节、中秋节');
  });

  it('puts 元旦 dates in the previous December into the previous year', () => {
    const parsed = parseHolidayNotice(NOTICE_2019_NEW_YEAR);
    expect(parsed.warnings).toEqual([]);
    expect(withoutNames(parsed.entries)).toEqual([
      { date: '2018-12-29', kind: 'workday' },
      { date: '2018-12-30', kind: 'holiday' },
      { date: '2018-12-31', kind: 'holiday' },
      { date: '2019-01-01', kind: 'holiday' },
    ]);
  });

  it('warns when a weekday annotation or the day count does not match', () => {
    const wrong = parseHolidayNotice('一、元旦：1月1日（周三）至3日（周六）放假调休，共4天。', {
      year: 2026,
    });
    expect(wrong.entries).toHaveLength(3);
    expect(wrong.warnings).toEqual([
      '2026-01-01 注明为周三，与实际星期不符 (weekday annotation does not match the date)',
      '元旦：通知写共4天，解析出3天 (declared 4 days, found 3)',
    ]);
  });

  it('refuses text without a year or without holiday items', () => {
    expect(() => parseHolidayNotice('一、元旦：1月1日放假。')).toThrow(AppError);
    expect(() => parseHolidayNotice('国务院办公厅关于2027年部分节假日安排的通知\n请做好值班工作。')).toThrow(
      /没有找到放假安排条目/,
    );
  });
});

// ILLUSTRATIVE ONLY: not the real 2027 arrangement (unpublished when this was written); the weekdays are
// real 2027 weekdays so the annotations check out.
const FICTIONAL_2027 = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。`;

describe('an imported notice drives the calendar', () => {
  it('a 2027 notice turns the fallback into the arranged calendar', () => {
    const from = new Date('2027-09-30T10:00+08:00');
    const bare = createWorkCalendar();
    const bareDue = bare.computeDeadline(from, { unit: 'working_days', amount: 3 });
    expect(bareDue.due).toEqual(new Date('2027-10-06T00:00+08:00')); // Mon–Fri guess: 10-01, 10-04, 10-05
    expect(bareDue.coverage.uncoveredYears).toEqual([2027]);

    const parsed = parseHolidayNotice(FICTIONAL_2027);
    expect(parsed.warnings).toEqual([]);
    const imported = createWorkCalendar({ overrides: parsed.entries });
    const due = imported.computeDeadline(from, { unit: 'working_days', amount: 3 });
    expect(due.due).toEqual(new Date('2027-10-12T00:00+08:00')); // 10-08, 10-09 (make-up), 10-11
    expect(due.coverage).toEqual({ complete: true, uncoveredYears: [], warnings: [] });
    expect(imported.dataRange().last).toBe(2027);
  });
});
