import { describe, expect, it } from 'vitest';
import {
  computeTaskStatus,
  dueDateOf,
  formatDeadlineZh,
  periodOf,
  periodStart,
  type TaskStatusInput,
} from './task-status.ts';

const base: TaskStatusInput = {
  deadline: '2015-03',
  doneOn: null,
  lastProgressOn: null,
  startedOn: '2015-01-25',
  today: '2015-02-01',
  dueSoonDays: 7,
  cadence: 'month',
};
const status = (over: Partial<TaskStatusInput>) => computeTaskStatus({ ...base, ...over });

describe('deadlines', () => {
  it('a month means the end of that month; a day means itself; null has none', () => {
    expect(dueDateOf('2015-03')).toBe('2015-03-31');
    expect(dueDateOf('2016-02')).toBe('2016-02-29');
    expect(dueDateOf('2015-02')).toBe('2015-02-28');
    expect(dueDateOf('2020-12')).toBe('2020-12-31');
    expect(dueDateOf('2021-06-30')).toBe('2021-06-30');
    expect(dueDateOf(null)).toBeNull();
    expect(() => dueDateOf('2021')).toThrow(RangeError);
  });

  it('prints as the paper plan writes it', () => {
    expect(formatDeadlineZh('2015-03')).toBe('2015年3月');
    expect(formatDeadlineZh('2021-06-30')).toBe('2021年6月30日');
    expect(formatDeadlineZh(null)).toBe('');
  });
});

describe('red-yellow-green status', () => {
  it('on track (green) well before the deadline', () => {
    expect(status({})).toMatchObject({
      status: 'on_track',
      color: 'green',
      dueDate: '2015-03-31',
      daysLeft: 58,
    });
  });

  it('a month deadline is met on its last day and overdue (red) the day after', () => {
    expect(status({ today: '2015-03-31' })).toMatchObject({
      status: 'at_risk',
      daysLeft: 0,
      reason: '今天到期',
    });
    expect(status({ today: '2015-04-01' })).toMatchObject({ status: 'overdue', color: 'red', daysLeft: -1 });
    expect(status({ today: '2015-04-11' }).reason).toBe('已逾期 11 天');
  });

  it('at risk (yellow) within the due-soon window, inclusive', () => {
    expect(status({ today: '2015-03-24' })).toMatchObject({
      status: 'at_risk',
      color: 'yellow',
      daysLeft: 7,
    });
    expect(status({ today: '2015-03-23' }).status).toBe('on_track');
    expect(status({ today: '2015-03-23', dueSoonDays: 10 }).status).toBe('at_risk');
  });

  it('at risk when the lead units missed a reporting period; a report puts it back on track', () => {
    const quiet = { deadline: null, startedOn: '2025-01-01' };
    expect(status({ ...quiet, today: '2025-03-04' }).status).toBe('on_track');
    expect(status({ ...quiet, today: '2025-03-05' })).toMatchObject({
      status: 'at_risk',
      reason: '导入后 63 天未报送进展',
    });
    expect(status({ ...quiet, today: '2025-03-05', lastProgressOn: '2025-02-20' }).status).toBe('on_track');
    expect(status({ ...quiet, today: '2025-05-05', cadence: 'quarter' }).status).toBe('on_track');
  });

  it('done (green) overrides everything, and says when it was done late', () => {
    expect(status({ doneOn: '2015-03-30', today: '2016-01-01' })).toMatchObject({
      status: 'done',
      late: false,
    });
    expect(status({ doneOn: '2015-04-02', today: '2016-01-01' })).toMatchObject({
      status: 'done',
      color: 'green',
      late: true,
      reason: '已完成（逾期 2 天完成）',
    });
  });

  it('a task without a deadline is never overdue', () => {
    expect(status({ deadline: null, today: '2015-02-01' })).toMatchObject({
      status: 'on_track',
      dueDate: null,
      daysLeft: null,
    });
  });
});

describe('reporting periods', () => {
  it('names the month or quarter a day falls in, and where a period starts', () => {
    expect(periodOf('2025-06-15', 'month')).toBe('2025-06');
    expect(periodOf('2025-06-15', 'quarter')).toBe('2025-Q2');
    expect(periodOf('2025-10-01', 'quarter')).toBe('2025-Q4');
    expect(periodStart('2025-06')).toBe('2025-06-01');
    expect(periodStart('2025-Q3')).toBe('2025-07-01');
    expect(periodStart('2025-13')).toBeNull();
    expect(periodStart('2025-Q5')).toBeNull();
  });
});
