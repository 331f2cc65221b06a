import { Flex, Segmented, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ClampedText } from '../../components/ClampedText.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { formatTime } from '../../components/format.ts';
import { type EventFilter, eventQuery, type ManagedEvent, useManagedEvents } from './grid-management-api.ts';

const STATUSES = ['reported', 'registered', 'dispatched', 'disposed', 'verified', 'closed', 'rejected'];
const STATUS_COLOURS: Record<string, string> = {
  reported: 'orange',
  registered: 'gold',
  dispatched: 'blue',
  disposed: 'purple',
  verified: 'cyan',
  closed: 'green',
  rejected: 'default',
};

/** A grid event's status (待立案 … 已结案), red when overdue. */
export function EventStatusTag({ event }: { event: Pick<ManagedEvent, 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={event.overdue ? 'red' : STATUS_COLOURS[event.status]}
      data-testid="event-status"
      data-status={event.status}
    >
      {t(`gridMgmt.statuses.${event.status}`)}
    </Tag>
  );
}

/** 网格事件台账: the events of the person's jurisdiction (managed by or dispatched to their unit). */
export function EventsTab() {
  const { t } = useTranslation();
  const [side, setSide] = useState<'all' | 'owner' | 'handler'>('all');
  const [status, setStatus] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const filter: EventFilter = { side: side === 'all' ? undefined : side, status, overdue };
  const events = useManagedEvents(filter);
  const f = (k: string) => t(`gridMgmt.events.fields.${k}`);
  if (events.isError) return <ErrorResult error={events.error} onRetry={() => void events.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Flex gap={8} wrap align="center" justify="space-between">
        <Flex gap={8} wrap align="center">
          <Segmented
            value={side}
            onChange={(v) => setSide(v as typeof side)}
            options={(['all', 'owner', 'handler'] as const).map((s) => ({
              value: s,
              label: t(`gridMgmt.events.side.${s}`),
            }))}
          />
          <Select
            allowClear
            style={{ minWidth: 140 }}
            value={status}
            onChange={setStatus}
            placeholder={t('gridMgmt.events.allStatuses')}
            aria-label={t('gridMgmt.events.status')}
            options={STATUSES.map((s) => ({ value: s, label: t(`gridMgmt.statuses.${s}`) }))}
            data-testid="event-status-filter"
          />
          <Space>
            <Switch checked={overdue} onChange={setOverdue} aria-label={t('gridMgmt.events.overdueOnly')} />
            {t('gridMgmt.events.overdueOnly')}
          </Space>
        </Flex>
        <ExportButton
          path="/api/grid-events"
          query={{ ...eventQuery(filter), format: 'xlsx' }}
          testId="export-grid-events"
        />
      </Flex>
      <Table<ManagedEvent>
        rowKey="id"
        size="small"
        loading={events.isPending}
        dataSource={events.data ?? []}
        locale={{ emptyText: t('gridMgmt.events.empty') }}
        scroll={{ x: 1000 }}
        data-testid="grid-event-table"
        columns={[
          {
            title: f('code'),
            dataIndex: 'code',
            render: (code: string, e) => <Link to={`/grid-management/events/${e.id}`}>{code}</Link>,
          },
          { title: f('category'), render: (_: unknown, e) => e.category.path },
          {
            title: f('description'),
            dataIndex: 'description',
            width: 260,
            render: (d: string) => (
              <ClampedText rows={2} title={d}>
                {d}
              </ClampedText>
            ),
          },
          {
            title: f('status'),
            render: (_: unknown, e) => (
              <Space size={2} wrap>
                <EventStatusTag event={e} />
                {e.reworkCount > 0 ? (
                  <Tag color="volcano">{t('gridMgmt.events.reworkN', { count: e.reworkCount })}</Tag>
                ) : null}
              </Space>
            ),
          },
          { title: f('level'), dataIndex: 'level', render: (l: string) => t(`gridMgmt.events.levels.${l}`) },
          { title: f('handler'), render: (_: unknown, e) => e.handler?.name ?? '—' },
          { title: f('dueAt'), dataIndex: 'dueAt', render: formatTime },
          { title: f('reporter'), dataIndex: 'reporter' },
          { title: f('createdAt'), dataIndex: 'createdAt', render: formatTime },
        ]}
      />
    </Space>
  );
}
