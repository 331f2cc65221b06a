import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DemandStatus } from '../../api/demand-types.ts';

export const STATUS_COLOR: Record<DemandStatus, string> = {
  pending_dispatch: 'gold',
  dispatched: 'blue',
  in_progress: 'processing',
  returned: 'magenta',
  replied: 'cyan',
  closed: 'green',
  answered: 'green',
  refused: 'default',
  merged: 'default',
};

export const OPEN_STATUSES: readonly DemandStatus[] = [
  'pending_dispatch',
  'dispatched',
  'in_progress',
  'returned',
  'replied',
];

/** A demand's status in the person's language, coloured by how much it needs someone. */
export function StatusTag({ status }: { status: DemandStatus | string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={STATUS_COLOR[status as DemandStatus] ?? 'default'}
      data-testid="status-tag"
      data-status={status}
    >
      {t(`demandStatus.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** 即将超期 / 已超期 / 督办 flags of a demand (nothing when all is well). */
export function DueTags({ dueState, escalated }: { dueState: string; escalated?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {dueState === 'overdue' ? <Tag color="red">{t('dueState.overdue')}</Tag> : null}
      {dueState === 'due_soon' ? <Tag color="orange">{t('dueState.due_soon')}</Tag> : null}
      {dueState === 'expired' ? <Tag color="purple">{t('dueState.expired')}</Tag> : null}
      {escalated ? <Tag color="volcano">{t('demands.escalated')}</Tag> : null}
    </>
  );
}
