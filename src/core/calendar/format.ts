/**
 * Beijing wall-clock rendering of an instant, "2026-10-11T00:00:00+08:00". A due instant at local
 * midnight is also given as "24:00 of the day before" — how the regulation and people state it.
 */
export function formatBeijing(instant: Date): string {
  const local = new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

export function formatBeijingEndOfDay(instant: Date): string {
  const local = formatBeijing(instant);
  if (!local.includes('T00:00:00')) return local.replace(/:00\+08:00$/, '+08:00');
  const dayBefore = new Date(instant.getTime() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
  return `${dayBefore}T24:00+08:00`;
}
