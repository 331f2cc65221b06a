/** Name → department resolution for imported lists (pure over the units passed in). */
import type { OrgUnitRow } from '../jurisdiction/tables.ts';

/**
 * Finds the department a cell names: its code, full name, short name or one of its aliases
 * (区城管委 for 区城市管理委员会). Ambiguous or unknown → undefined.
 */
export function resolveDepartment(departments: readonly OrgUnitRow[], text: string): OrgUnitRow | undefined {
  const t = text.trim();
  const byCode = departments.find((d) => d.code === t);
  if (byCode) return byCode;
  const matches = departments.filter((d) => d.name === t || d.shortName === t || d.aliases.includes(t));
  return matches.length === 1 ? matches[0] : undefined;
}
