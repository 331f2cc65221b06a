/**
 * Task completion from supervision (督查督办): the lead parts (牵头) of tasks whose deadline falls in
 * the period. A part is done when its lead unit reported it done by `asOf`; a part not done whose
 * due date has not passed yet is pending and counts neither way.
 */
import { listProgress, listTasks, listTaskUnits } from '../../tasks/store.ts';
import { beijingDay } from '../periods.ts';
import type { LeafValues, RecordRef, SourceLoader } from './types.ts';
import { ratio } from './types.ts';

interface Part {
  taskId: string;
  no: number;
  content: string;
  dueDate: string;
  unitPath: string;
  unitName: string;
  doneOn: string | null;
}

/** Task completion and on-time rates of every subject from the lead parts due in the period. */
export const loadTaskValues: SourceLoader = async (ctx, leaves) => {
  const { firstDay, lastDay } = ctx.period;
  const tasks = (await listTasks(ctx.db, { districtCode: ctx.districtCode, withinPath: null })).filter(
    (t) => t.dueDate !== null && t.dueDate >= firstDay && t.dueDate <= lastDay,
  );
  const links = await listTaskUnits(
    ctx.db,
    tasks.map((t) => t.id),
  );
  const asOf = ctx.asOf.getTime();
  const parts: Part[] = [];
  for (const task of tasks) {
    const progress = (await listProgress(ctx.db, task.id)).filter(
      (p) => p.done && p.role === 'lead' && p.reportedAt.getTime() <= asOf,
    );
    for (const l of links.filter((x) => x.taskId === task.id && x.role === 'lead' && x.unitPath)) {
      const done = progress.find((p) => p.unitId === l.unitId);
      parts.push({
        taskId: task.id,
        no: task.no,
        content: task.content,
        dueDate: task.dueDate as string,
        unitPath: l.unitPath as string,
        unitName: l.unitName ?? l.writtenName,
        doneOn: done ? beijingDay(done.reportedAt) : null,
      });
    }
  }
  const today = beijingDay(ctx.asOf);
  const out: LeafValues = new Map(leaves.map((l) => [l.key, new Map()]));
  for (const subject of ctx.subjects) {
    const mine = parts.filter((p) => p.unitPath.startsWith(subject.path));
    for (const leaf of leaves) {
      const onTimeOnly = leaf.source === 'tasks.on_time_rate';
      let numerator = 0;
      let denominator = 0;
      const records: RecordRef[] = mine.map((p) => {
        const due = p.doneOn !== null || today > p.dueDate;
        const met = p.doneOn !== null && (!onTimeOnly || p.doneOn <= p.dueDate);
        if (due) denominator++;
        if (met) numerator++;
        const state = p.doneOn ? `${p.doneOn} 报完成` : due ? '逾期未完成' : '未到期';
        return {
          type: 'task',
          id: p.taskId,
          code: `第${p.no}项`,
          outcome: met ? 'numerator' : due ? 'denominator' : 'pending',
          note: `${p.unitName}｜完成时限 ${p.dueDate}｜${state}｜${p.content.slice(0, 60)}`,
        };
      });
      out
        .get(leaf.key)
        ?.set(subject.code, { value: ratio(numerator, denominator), numerator, denominator, records });
    }
  }
  return out;
};
