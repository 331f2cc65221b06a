import { useQuery } from '@tanstack/react-query';
import { DatePicker, Flex, Space, Switch, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import type { BlowerMeasures, UnitMeasures } from './whistles-api.ts';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null) => (v === null ? '—' : String(v));

/** 双向评价: the summoned units' on-time check-ins and ratings, and the blowers' closure, by month. */
export function Measures() {
  const { t } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [byDept, setByDept] = useState(false);
  const period = month.format('YYYY-MM');
  const units = useQuery({
    queryKey: ['whistles', 'measures', 'units', period, byDept],
    queryFn: () =>
      api<{ items: UnitMeasures[] }>('/api/whistles/measures/units', {
        query: { period, groupBy: byDept ? 'department' : undefined },
      }).then((r) => r.items),
  });
  const blowers = useQuery({
    queryKey: ['whistles', 'measures', 'blowers', period],
    queryFn: () =>
      api<{ items: BlowerMeasures[] }>('/api/whistles/measures/blowers', { query: { period } }).then(
        (r) => r.items,
      ),
  });
  const m = (k: string) => t(`whistles.measures.${k}`);
  if (units.isError) return <ErrorResult error={units.error} onRetry={() => void units.refetch()} />;
  if (blowers.isError) return <ErrorResult error={blowers.error} onRetry={() => void blowers.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Flex gap={12} wrap align="center">
        <DatePicker
          picker="month"
          value={month}
          allowClear={false}
          onChange={(d) => d && setMonth(d)}
          aria-label={m('period')}
        />
        <Space>
          <Switch checked={byDept} onChange={setByDept} aria-label={m('groupByDepartment')} />
          {m('groupByDepartment')}
        </Space>
        <ExportButton
          path="/api/whistles/measures/units"
          query={{ period, groupBy: byDept ? 'department' : undefined, format: 'xlsx' }}
          testId="export-whistle-measures"
        />
      </Flex>
      <Table<UnitMeasures>
        title={() => m('units')}
        rowKey={(r) => r.unit.code}
        size="small"
        loading={units.isPending}
        dataSource={units.data ?? []}
        scroll={{ x: 700 }}
        pagination={false}
        data-testid="measures-units"
        columns={[
          { title: m('units'), render: (_: unknown, r) => r.unit.name },
          { title: m('summoned'), dataIndex: 'summoned' },
          { title: m('onTime'), dataIndex: 'onTime' },
          { title: m('late'), dataIndex: 'late' },
          { title: m('noShow'), dataIndex: 'noShow' },
          { title: m('pending'), dataIndex: 'pending' },
          { title: m('onTimeRate'), dataIndex: 'onTimeRate', render: pct },
          { title: m('averageScore'), dataIndex: 'averageScore', render: num },
        ]}
      />
      <Table<BlowerMeasures>
        title={() => m('blowers')}
        rowKey={(r) => r.unit.id}
        size="small"
        loading={blowers.isPending}
        dataSource={blowers.data ?? []}
        scroll={{ x: 700 }}
        pagination={false}
        columns={[
          { title: m('blowers'), render: (_: unknown, r) => r.unit.name },
          { title: m('blown'), dataIndex: 'blown' },
          { title: m('cancelled'), dataIndex: 'cancelled' },
          { title: m('closed'), dataIndex: 'closed' },
          { title: m('closedOnTime'), dataIndex: 'closedOnTime' },
          { title: m('openOverdue'), dataIndex: 'openOverdue' },
          { title: m('averageClosureHours'), dataIndex: 'averageClosureHours', render: num },
        ]}
      />
    </Space>
  );
}
