import { describe, expect, it } from 'vitest';
import { buildBulletin } from './bulletin.ts';
import type { TaskPlanRow, TaskRow } from './tables.ts';
import { computeTaskStatus } from './task-status.ts';
import type { TaskLink, TaskView } from './task-views.ts';

const TODAY = '2025-07-10';
const plan = { id: 'p', dueSoonDays: 7, reportCadence: 'month' } as TaskPlanRow;
const lead = (code: string, done = false): TaskLink => ({
  role: 'lead',
  writtenName: code,
  unitId: `id-${code}`,
  unitCode: code,
  unitName: `单位${code}`,
  unitPath: `/r/${code}/`,
  match: 'exact',
  done,
});

function view(
  no: number,
  deadline: string | null,
  links: TaskLink[],
  doneOn: string | null = null,
): TaskView {
  const task = { id: `t${no}`, no, content: `任务${no}`, deadline } as TaskRow;
  const status = computeTaskStatus({
    deadline,
    doneOn,
    lastProgressOn: null,
    startedOn: '2025-07-01',
    today: TODAY,
    dueSoonDays: 7,
    cadence: 'month',
  });
  return { task, plan, links, leadNames: [], coNames: [], latest: null, status };
}

describe('the supervision bulletin', () => {
  const bulletin = buildBulletin(
    [
      view(1, '2025-05', [lead('A'), lead('B', true)]), // overdue, B did its part
      view(2, '2025-06-30', [lead('A')]), // overdue
      view(3, '2025-07-15', [lead('B')]), // due soon
      view(4, '2025-12', [lead('C', true)], '2025-07-01'), // done
      view(5, null, [lead('D')]), // on track
      view(6, '2025-06', [{ ...lead('X'), role: 'co' }]), // overdue, no lead linked
    ],
    TODAY,
  );

  it('counts tasks by status', () => {
    expect(bulletin.totals).toEqual({ tasks: 6, on_track: 1, at_risk: 1, overdue: 3, done: 1 });
  });

  it('lists overdue tasks longest overdue first, naming the lead units still pending', () => {
    expect(bulletin.overdue.map((o) => [o.no, o.daysOverdue, o.pendingLeads, o.deadlineText])).toEqual([
      [1, 40, ['单位A'], '2025年5月'],
      [2, 10, ['单位A'], '2025年6月30日'],
      [6, 10, [], '2025年6月'],
    ]);
  });

  it('ranks lead units by completion, then fewer overdue and at-risk tasks; ties share a rank', () => {
    expect(
      bulletin.ranking.map((r) => [r.rank, r.unitCode, r.leadTasks, r.done, r.overdue, r.atRisk]),
    ).toEqual([
      [1, 'C', 1, 1, 0, 0],
      [2, 'B', 2, 1, 0, 1],
      [3, 'D', 1, 0, 0, 0],
      [4, 'A', 2, 0, 2, 0],
    ]);
    expect(bulletin.ranking[1]?.completionRate).toBe(0.5);
  });
});
