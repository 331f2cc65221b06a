import { Alert, Flex, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { formatNumber } from '../../components/format.ts';
import { type StaffingRow, useStaffing } from './grid-management-api.ts';

/**
 * 网格员配备核查: every community in scope against the district's policy profile (1 grid worker per
 * 500 households, 300 for flagged communities), the understaffed ones first, with the rule's source.
 */
export function StaffingTab() {
  const { t } = useTranslation();
  const report = useStaffing();
  if (report.isError) return <ErrorResult error={report.error} onRetry={() => void report.refetch()} />;
  const data = report.data;
  const source = data?.rows.find((r) => r.source)?.source;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Flex gap={8} wrap align="center" justify="space-between">
        <span data-testid="staffing-totals">
          {data ? (
            <>
              {t('gridMgmt.staffing.profile', { name: data.profileName })}
              {' · '}
              {t('gridMgmt.staffing.totals', data.totals)}
            </>
          ) : null}
        </span>
        <ExportButton path="/api/grid-work/staffing" query={{ format: 'xlsx' }} testId="export-staffing" />
      </Flex>
      {data && data.understaffed.length === 0 ? (
        <Alert type="success" showIcon message={t('gridMgmt.staffing.allGood')} />
      ) : null}
      {data && data.understaffed.length > 0 ? (
        <StaffingTable
          title={t('gridMgmt.staffing.understaffed')}
          rows={data.understaffed}
          testId="staffing-understaffed"
        />
      ) : null}
      <StaffingTable
        title={t('gridMgmt.staffing.all')}
        rows={data?.rows ?? []}
        loading={report.isPending}
        testId="staffing-all"
      />
      {source ? <div className="jd-muted">{source}</div> : null}
    </Space>
  );
}

function StaffingTable({
  title,
  rows,
  loading,
  testId,
}: {
  title: string;
  rows: StaffingRow[];
  loading?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const f = (k: string) => t(`gridMgmt.staffing.fields.${k}`);
  return (
    <Table<StaffingRow>
      title={() => title}
      rowKey="code"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 760 }}
      data-testid={testId}
      columns={[
        { title: f('street'), dataIndex: 'streetName' },
        { title: f('community'), dataIndex: 'name' },
        {
          title: f('households'),
          render: (_: unknown, r) => (
            <Space size={4}>
              {formatNumber(r.households)}
              {r.attrsAreDemo ? <Tag>{t('common.demoData')}</Tag> : null}
            </Space>
          ),
        },
        {
          title: f('perWorker'),
          render: (_: unknown, r) => (
            <Space size={4}>
              {formatNumber(r.householdsPerWorker)}
              {r.reducedRatioApplied ? <Tag color="blue">{t('gridMgmt.staffing.reduced')}</Tag> : null}
            </Space>
          ),
        },
        { title: f('required'), dataIndex: 'required', render: formatNumber },
        { title: f('assigned'), dataIndex: 'gridWorkersAssigned' },
        {
          title: f('gap'),
          dataIndex: 'gap',
          render: (g: number | null) =>
            g === null ? '—' : <Tag color={g < 0 ? 'red' : 'green'}>{g > 0 ? `+${g}` : g}</Tag>,
        },
        { title: f('note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
      ]}
    />
  );
}
