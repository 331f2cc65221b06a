/**
 * Service-station rules (pure): which materials are missing, the one-time notice (一次性告知) that
 * lists ALL of them at once, and the due instant of a time limit on the working-day calendar.
 */
import type { WorkCalendar } from '../../core/calendar/index.ts';
import { DAY_MS, fromZoned, toZoned } from '../../core/calendar/zoned-time.ts';
import type { ServiceDetails, ServiceTimeLimit } from '../model.ts';

const norm = (s: string) => s.replace(/[\s（）()]/g, '');

/** Required materials not among those provided (compared ignoring spaces and brackets), in catalog order. */
export function missingMaterials(required: readonly string[], provided: readonly string[]): string[] {
  const have = new Set(provided.map(norm));
  return required.filter((m) => !have.has(norm(m)));
}

export interface OneTimeNotice {
  title: string;
  itemCode: string;
  itemName: string;
  conditions: string;
  /** Every material of the item, each marked provided or not: the resident comes back once. */
  materials: { name: string; provided: boolean }[];
  missing: string[];
  timeLimit: string;
  whereHandled: string;
  text: string;
}

/** 0 → 即办; otherwise "5个工作日" / "4个工作小时". */
export function describeTimeLimit(limit: ServiceTimeLimit): string {
  if (limit.amount === 0) return '即办';
  return `${limit.amount}个${limit.unit === 'working_hours' ? '工作小时' : '工作日'}`;
}

/**
 * The one-time notice of an item: conditions, the complete list of materials (with what is still
 * missing), time limit and place — printed and handed over so nothing is asked for a second time.
 */
export function oneTimeNotice(
  item: { itemCode: string; name: string; details: ServiceDetails },
  stationName: string,
  provided: readonly string[] = [],
): OneTimeNotice {
  const d = item.details;
  const missing = missingMaterials(d.materials, provided);
  const materials = d.materials.map((name) => ({ name, provided: !missing.includes(name) }));
  const lines = [
    `${stationName}一次性告知单`,
    `办理事项：${item.name}（${item.itemCode}）`,
    `办理条件：${d.conditions || '无特别条件'}`,
    '所需材料（全部）：',
    ...(materials.length === 0
      ? ['  无需提交材料']
      : materials.map(
          (m, i) =>
            `  ${i + 1}. ${m.name}${provided.length > 0 ? (m.provided ? '（已提交）' : '（尚缺）') : ''}`,
        )),
    `办理时限：${describeTimeLimit(d.timeLimit)}（自材料齐全受理之日起，按法定工作日计算）`,
    `办理地点：${d.whereHandled}`,
  ];
  if (provided.length === 0) lines.push('请携带以上全部材料办理，不再另行要求其他材料。');
  else if (missing.length > 0) {
    lines.push(`请补齐以上标注“尚缺”的${missing.length}项材料后再来办理，不再另行要求其他材料。`);
  }
  return {
    title: `${stationName}一次性告知单`,
    itemCode: item.itemCode,
    itemName: item.name,
    conditions: d.conditions,
    materials,
    missing,
    timeLimit: describeTimeLimit(d.timeLimit),
    whereHandled: d.whereHandled,
    text: lines.join('\n'),
  };
}

/**
 * When an accepted case is due: N working days → 24:00 of the N-th working day after the day of
 * acceptance (the calendar's rule); N working hours → N office hours later; 即办 (0) → 24:00 of the
 * day of acceptance.
 */
export function serviceDue(calendar: WorkCalendar, acceptedAt: Date, limit: ServiceTimeLimit): Date {
  if (limit.amount === 0) {
    const { date } = toZoned(acceptedAt, calendar.hours.timeZone);
    return fromZoned(date, DAY_MS, calendar.hours.timeZone);
  }
  return calendar.computeDeadline(acceptedAt, { unit: limit.unit, amount: limit.amount }).due;
}
