import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const STATUS_COLOURS: Record<string, string> = {
  summoning: 'orange',
  acting: 'blue',
  closed: 'green',
  cancelled: 'default',
};

/** A whistle's status (待报到, 处置中, 已结束, 已撤销). */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="whistle-status" data-status={status}>
      {t(`whistles.status.${status}`)}
    </Tag>
  );
}
