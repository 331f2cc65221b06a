import { useQuery } from '@tanstack/react-query';
import { Flex, InputNumber, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { formatNumber } from '../../components/format.ts';

interface ReportRow {
  code: string;
  name: string;
  streetName: string;
  households: number | null;
  twoCommitteesRequired: number | null;
  twoCommitteesActual: number | null;
  gridWorkersRequired: number | null;
  gridWorkersActual: number | null;
  gridWorkersGap: number | null;
  partyOrgExpected: string | null;
  partyOrgActual: string | null;
  serviceStationStaffCap: number | null;
  serviceStationStaffActual: number | null;
  fundingRequiredTotal: number | null;
  fundingActualTotal: number | null;
  issues: string[];
}

const pair = (a: number | string | null, b: number | string | null) => `${a ?? '—'} / ${b ?? '—'}`;

/** 配备与经费: every community’s required vs actual staffing and funding (read-only). */
export function ReportTab() {
  const { t } = useTranslation();
  const [year, setYear] = useState(dayjs().year());
  const report = useQuery({
    queryKey: ['policy', 'district-report', year],
    queryFn: () =>
      api<{ rows: ReportRow[] }>('/api/policy/district-report', { query: { year } }).then((r) => r.rows),
  });
  if (report.isError) return <ErrorResult error={report.error} onRetry={() => void report.refetch()} />;
  const rows = report.data ?? [];
  const gap = rows.reduce((sum, r) => sum + Math.max(0, -(r.gridWorkersGap ?? 0)), 0);
  const r = (k: string) => t(`listsPolicy.report.${k}`);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Flex gap={8} wrap align="center">
        <InputNumber
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => v && setYear(v)}
          aria-label={r('year')}
          addonBefore={r('year')}
        />
        <ExportButton
          path="/api/policy/district-report.xlsx"
          query={{ year }}
          testId="export-district-report"
        />
        <Typography.Text type="secondary">
          {t('listsPolicy.report.totals', { count: rows.length, gap })}
        </Typography.Text>
      </Flex>
      <Table<ReportRow>
        rowKey="code"
        size="small"
        loading={report.isPending}
        dataSource={rows}
        scroll={{ x: 1200 }}
        data-testid="district-report"
        columns={[
          { title: r('street'), dataIndex: 'streetName', width: 120 },
          { title: r('community'), dataIndex: 'name', width: 140 },
          { title: r('households'), dataIndex: 'households', width: 80 },
          {
            title: r('twoCommittees'),
            render: (_: unknown, x) => pair(x.twoCommitteesRequired, x.twoCommitteesActual),
          },
          {
            title: r('gridWorkers'),
            render: (_: unknown, x) => pair(x.gridWorkersRequired, x.gridWorkersActual),
          },
          { title: r('partyOrg'), render: (_: unknown, x) => pair(x.partyOrgExpected, x.partyOrgActual) },
          {
            title: r('stationStaff'),
            render: (_: unknown, x) => pair(x.serviceStationStaffCap, x.serviceStationStaffActual),
          },
          {
            title: r('funding'),
            render: (_: unknown, x) =>
              pair(formatNumber(x.fundingRequiredTotal), formatNumber(x.fundingActualTotal)),
          },
          {
            title: r('issues'),
            dataIndex: 'issues',
            width: 260,
            render: (issues: string[]) =>
              issues.length === 0 ? (
                <Tag color="green">{r('ok')}</Tag>
              ) : (
                issues.map((i) => (
                  <Tag key={i} color="orange" style={{ whiteSpace: 'normal', marginBottom: 2 }}>
                    {i}
                  </Tag>
                ))
              ),
          },
        ]}
      />
    </Space>
  );
}
