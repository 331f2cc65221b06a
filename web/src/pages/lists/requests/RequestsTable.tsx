import { Button, Card, Descriptions, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Items } from '../../../api/types.ts';
import { useMe } from '../../../app/session.ts';
import { ErrorResult } from '../../../components/ErrorResult.tsx';
import { formatTime } from '../../../components/format.ts';
import { ACK_ROLES, useCan, useLp, useLpAction, useUnitNames, type WorkRequest } from '../lists-api.ts';
import { PrintArea, PrintButton } from '../shared.tsx';

type Filter = 'all' | 'accepted' | 'refused';

/**
 * Work requests the caller filed or received (a community sees what was asked of it): accepted
 * ones are numbered work notices (工作提示单) the target acknowledges; refused ones keep the reason.
 */
export function RequestsTable() {
  const { t } = useTranslation();
  const l = (k: string, o?: Record<string, unknown>) => t(`listsPolicy.requests.${k}`, o ?? {});
  const me = useMe().data;
  const canAck = useCan(ACK_ROLES);
  // the recipient acknowledges (a street also for its communities)
  const isStreet = useCan(['street_dispatcher']);
  const nameOf = useUnitNames();
  const [filter, setFilter] = useState<Filter>('all');
  const [shown, setShown] = useState<WorkRequest | null>(null);
  const rows = useLp<Items<WorkRequest>>('/api/work-requests', {
    status: filter === 'all' ? undefined : filter,
  });
  const ack = useLpAction('POST', { successText: l('acknowledged') });
  if (rows.isError) return <ErrorResult error={rows.error} onRetry={() => void rows.refetch()} />;
  const own = me?.user.unit.code;
  return (
    <Card
      size="small"
      title={l('listTitle')}
      extra={
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={(['all', 'accepted', 'refused'] as const).map((k) => ({
            value: k,
            label: l(`filter.${k}`),
          }))}
        />
      }
    >
      <Table<WorkRequest>
        rowKey="id"
        size="small"
        loading={rows.isPending}
        dataSource={rows.data?.items ?? []}
        scroll={{ x: 1350 }}
        data-testid="work-requests"
        expandable={{
          expandedRowRender: (r) => (
            <Space direction="vertical" size={4}>
              <Typography.Text>{r.content}</Typography.Text>
              {r.refusalMessage ? <Typography.Text type="danger">{r.refusalMessage}</Typography.Text> : null}
            </Space>
          ),
        }}
        columns={[
          { title: l('createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
          { title: l('from'), dataIndex: 'fromUnitName', width: 180 },
          { title: l('target'), dataIndex: 'targetCode', width: 140, render: (c: string) => nameOf(c) },
          { title: l('title'), dataIndex: 'title', width: 240 },
          {
            title: l('citedItem'),
            dataIndex: 'citedItemCode',
            width: 110,
            render: (c: string | null) => c ?? '—',
          },
          {
            title: l('status'),
            width: 170,
            render: (_: unknown, r) =>
              r.status === 'accepted' ? (
                <Space direction="vertical" size={2}>
                  <Tag color="green">{r.noticeNo ?? l('filter.accepted')}</Tag>
                  {r.acknowledgedAt ? (
                    <Typography.Text type="secondary">
                      {l('ackedAt', { at: formatTime(r.acknowledgedAt) })}
                    </Typography.Text>
                  ) : null}
                </Space>
              ) : (
                <Tag color="red">{l('filter.refused')}</Tag>
              ),
          },
          { title: l('dueDate'), dataIndex: 'dueDate', width: 110, render: (d: string | null) => d ?? '—' },
          {
            title: '',
            width: 150,
            fixed: 'right',
            render: (_: unknown, r) =>
              r.status === 'accepted' ? (
                <Space wrap>
                  <Button size="small" type="link" onClick={() => setShown(r)}>
                    {l('viewNotice')}
                  </Button>
                  {canAck && !r.acknowledgedAt && (r.targetCode === own || isStreet) ? (
                    <Button
                      size="small"
                      loading={ack.isPending && ack.variables?.path.includes(r.id)}
                      onClick={() => ack.mutate({ path: `/api/work-requests/${r.id}/acknowledge` })}
                    >
                      {l('acknowledge')}
                    </Button>
                  ) : null}
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={shown !== null}
        title={l('noticeTitle')}
        onCancel={() => setShown(null)}
        footer={[
          <PrintButton key="print" />,
          <Button key="close" onClick={() => setShown(null)}>
            {t('common.close')}
          </Button>,
        ]}
        width={640}
      >
        {shown ? (
          <PrintArea testId="work-notice">
            <Typography.Title level={4} style={{ textAlign: 'center' }}>
              {l('noticeHeading')}
            </Typography.Title>
            <Typography.Paragraph style={{ textAlign: 'right' }}>{shown.noticeNo}</Typography.Paragraph>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={l('target')}>{nameOf(shown.targetCode)}</Descriptions.Item>
              <Descriptions.Item label={l('from')}>{shown.fromUnitName}</Descriptions.Item>
              <Descriptions.Item label={l('title')}>{shown.title}</Descriptions.Item>
              <Descriptions.Item label={l('content')}>{shown.content}</Descriptions.Item>
              <Descriptions.Item label={l('citedItem')}>{shown.citedItemCode ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={l('dueDate')}>{shown.dueDate ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={l('createdAt')}>{formatTime(shown.createdAt)}</Descriptions.Item>
            </Descriptions>
          </PrintArea>
        ) : null}
      </Modal>
    </Card>
  );
}
