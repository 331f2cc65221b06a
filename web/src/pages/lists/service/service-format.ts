import type { TFunction } from 'i18next';
import type { ServiceCase, ServiceDetails } from '../lists-api.ts';

/**
 * The due instant in Beijing as people read it: a limit of N working days ends at 24:00 of the N-th
 * working day (stored as 00:00 of the next day), shown as "2026-11-27 24:00".
 */
export function dueLabel(iso: string | null): string {
  if (!iso) return '—';
  const b = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const hhmm = b.toISOString().slice(11, 16);
  if (hhmm === '00:00') {
    const prev = new Date(b.getTime() - 1000).toISOString().slice(0, 10);
    return `${prev} 24:00`;
  }
  return `${b.toISOString().slice(0, 10)} ${hhmm}`;
}

/** 即办 / 10个工作日 / 4个工作小时. */
export function limitLabel(t: TFunction, limit: ServiceDetails['timeLimit']): string {
  if (limit.amount === 0) return t('listsPolicy.service.immediate');
  return t(`listsPolicy.service.limit.${limit.unit}`, { amount: limit.amount });
}

/** "剩余 3 个工作日" / "超期 0.5 个工作日" (null when the clock is not running). */
export function remainingLabel(t: TFunction, c: ServiceCase): string | null {
  if (c.remaining === null) return null;
  const unit = t(`listsPolicy.service.units.${c.timeLimit.unit}`);
  return c.overdue
    ? t('listsPolicy.service.overdueBy', { amount: Math.abs(c.remaining), unit })
    : t('listsPolicy.service.remaining', { amount: c.remaining, unit });
}

export const STATUS_COLOR: Record<ServiceCase['status'], string> = {
  appointed: 'purple',
  notified: 'gold',
  accepted: 'blue',
  completed: 'green',
  cancelled: 'default',
};
