import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from './format.ts';

/** The current time, refreshed every `everyMs` (countdowns tick without a reload). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "2 天 3 小时" / "45 分钟": a duration in the person's language, to the minute. */
export function useDuration(): (ms: number) => string {
  const { t } = useTranslation();
  return (ms: number) => {
    const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const mins = minutes % 60;
    if (days > 0) return t('time.daysHours', { days, hours });
    if (hours > 0) return t('time.hoursMinutes', { hours, minutes: mins });
    return t('time.minutes', { minutes: mins });
  };
}

/**
 * A deadline as a live countdown: green while there is time, orange in its last day, red once
 * passed ("已超期 3 小时"); the exact time in a tooltip. `done` shows the deadline without counting.
 */
export function Countdown({ to, done, label }: { to: string | null; done?: boolean; label?: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const duration = useDuration();
  if (!to) return <span className="jd-muted">{t('common.none')}</span>;
  const left = new Date(to).getTime() - now;
  const text = done
    ? formatTime(to)
    : left < 0
      ? t('time.overdueBy', { duration: duration(left) })
      : t('time.left', { duration: duration(left) });
  const color = done ? 'default' : left < 0 ? 'red' : left < 24 * 3600_000 ? 'orange' : 'green';
  return (
    <Tooltip title={`${label ? `${label}：` : ''}${formatTime(to)}`}>
      <Tag color={color} icon={<ClockCircleOutlined />} data-testid="countdown" data-overdue={left < 0}>
        {label ? `${label} ` : ''}
        {text}
      </Tag>
    </Tooltip>
  );
}
