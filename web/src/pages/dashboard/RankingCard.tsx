import { Card, Segmented, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRanking } from '../../api/demand-queries.ts';
import type { RankingRow } from '../../api/demand-types.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';

export const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;

/** The 三率 columns shared by the staff ranking and the public statistics. */
export function useRankingColumns(): ColumnsType<RankingRow> {
  const { t } = useTranslation();
  return [
    { title: t('ranking.rank'), dataIndex: 'rank', width: 56, render: (v: number | null) => v ?? '—' },
    { title: t('ranking.unit'), dataIndex: 'name' },
    { title: t('ranking.dispatched'), dataIndex: 'dispatched', width: 78, align: 'right' },
    { title: t('ranking.response'), dataIndex: 'responseRate', width: 78, align: 'right', render: pct },
    { title: t('ranking.resolution'), dataIndex: 'resolutionRate', width: 78, align: 'right', render: pct },
    {
      title: t('ranking.satisfaction'),
      dataIndex: 'satisfactionRate',
      width: 78,
      align: 'right',
      render: pct,
    },
    {
      title: t('ranking.composite'),
      dataIndex: 'composite',
      width: 78,
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : v.toFixed(2)),
    },
  ];
}

/** Monthly 三率 ranking of streets or departments, with the ranking and the bulletin as Excel. */
export function RankingCard({ period }: { period: string }) {
  const { t } = useTranslation();
  const [level, setLevel] = useState<'street' | 'department'>('street');
  const ranking = useRanking(period, level);
  const columns = useRankingColumns();
  return (
    <Card
      size="small"
      title={t('dashboard.ranking')}
      data-testid="ranking"
      extra={
        <Space wrap>
          <Segmented<'street' | 'department'>
            value={level}
            onChange={setLevel}
            options={[
              { value: 'street', label: t('dashboard.streets') },
              { value: 'department', label: t('dashboard.departments') },
            ]}
          />
          <ExportButton
            path="/api/demands/ranking"
            query={{ period, level, format: 'xlsx' }}
            size="small"
            testId="export-ranking"
          />
          <ExportButton
            path="/api/demands/bulletin"
            query={{ period, level, format: 'xlsx', bottom: 3 }}
            size="small"
            label={t('dashboard.bulletin')}
          />
        </Space>
      }
    >
      {ranking.isError ? (
        <ErrorResult error={ranking.error} onRetry={() => void ranking.refetch()} />
      ) : (
        <Table<RankingRow>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={ranking.data?.rows ?? []}
          loading={ranking.isFetching}
          pagination={false}
          scroll={{ x: 600 }}
        />
      )}
    </Card>
  );
}
