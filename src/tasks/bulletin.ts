/**
 * The supervision bulletin (督查通报), pure: overdue tasks, and the lead units ranked by how much of
 * their work is done. Built from task views (see task-views.ts) as of one day.
 */
import { formatDeadlineZh, type TaskStatus } from './task-status.ts';
import type { TaskView } from './task-views.ts';

export interface OverdueEntry {
  taskId: string;
  no: number;
  content: string;
  deadline: string | null;
  deadlineText: string;
  daysOverdue: number;
  /** The lead units that have not reported their part done. */
  pendingLeads: string[];
}

export interface UnitRanking {
  rank: number;
  unitCode: string;
  unitName: string;
  /** Tasks the unit leads, and how many of them it has reported done. */
  leadTasks: number;
  done: number;
  overdue: number;
  atRisk: number;
  /** done / leadTasks, 0–1. */
  completionRate: number;
}

export interface Bulletin {
  asOf: string;
  totals: Record<TaskStatus, number> & { tasks: number };
  overdue: OverdueEntry[];
  ranking: UnitRanking[];
}

/**
 * Overdue tasks longest-overdue first. Units are ranked by completion rate, then by fewer overdue
 * tasks, then fewer at risk, then code; equal figures share a rank (1, 2, 2, 4). A unit's part of a
 * multi-lead task counts as done when it reported done, even while the other leads have not.
 */
export function buildBulletin(views: readonly TaskView[], asOf: string): Bulletin {
  const totals = { tasks: views.length, on_track: 0, at_risk: 0, overdue: 0, done: 0 };
  const overdue: OverdueEntry[] = [];
  const units = new Map<string, Omit<UnitRanking, 'rank' | 'completionRate'>>();
  for (const v of views) {
    totals[v.status.status]++;
    const leads = v.links.filter((l) => l.role === 'lead' && l.unitCode);
    if (v.status.status === 'overdue') {
      overdue.push({
        taskId: v.task.id,
        no: v.task.no,
        content: v.task.content,
        deadline: v.task.deadline,
        deadlineText: formatDeadlineZh(v.task.deadline),
        daysOverdue: -(v.status.daysLeft ?? 0),
        pendingLeads: leads.filter((l) => !l.done).map((l) => l.unitName ?? l.writtenName),
      });
    }
    for (const l of leads) {
      const code = l.unitCode as string;
      const u = units.get(code) ?? {
        unitCode: code,
        unitName: l.unitName ?? l.writtenName,
        leadTasks: 0,
        done: 0,
        overdue: 0,
        atRisk: 0,
      };
      u.leadTasks++;
      if (l.done) u.done++;
      else if (v.status.status === 'overdue') u.overdue++;
      else if (v.status.status === 'at_risk') u.atRisk++;
      units.set(code, u);
    }
  }
  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || a.no - b.no);
  const ranked = [...units.values()]
    .map((u) => ({ ...u, completionRate: u.leadTasks === 0 ? 0 : u.done / u.leadTasks }))
    .sort(
      (a, b) =>
        b.completionRate - a.completionRate ||
        a.overdue - b.overdue ||
        a.atRisk - b.atRisk ||
        a.unitCode.localeCompare(b.unitCode),
    );
  const ranking: UnitRanking[] = [];
  ranked.forEach((u, i) => {
    const prev = ranking[i - 1];
    const tied =
      prev &&
      prev.completionRate === u.completionRate &&
      prev.overdue === u.overdue &&
      prev.atRisk === u.atRisk;
    ranking.push({ ...u, rank: tied ? prev.rank : i + 1 });
  });
  return { asOf, totals, overdue, ranking };
}
