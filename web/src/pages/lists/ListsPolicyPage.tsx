import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, InputNumber, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Role } from '../../api/types.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { formatNumber } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';

interface ResolvedRule {
  key: string;
  value: unknown;
  source: string;
  note?: string | null;
  profileId: string;
  fellBackToGeneric: boolean;
  overridden: boolean;
}
interface ActivePolicy {
  profileId: string;
  profileName: string;
  overrides: unknown[];
  rules: ResolvedRule[];
}
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
interface ListVersion {
  id: string;
  kind: string;
  kindName: string;
  scopeCode: string;
  versionNo: number;
  title: string;
  approvingDocument: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  itemCount: number;
}
interface ListItem {
  id: string;
  itemCode: string;
  name: string;
  category: string | null;
  basis: string | null;
}
interface BurdenRow {
  code: string;
  name: string;
  streetName: string;
  requestsReceived: number;
  requestsAccepted: number;
  requestsRefused: number;
  formsActive: number;
  meetings: number;
  meetingAttendances: number;
}

/** src/policy/policy.ts readReport; src/lists/policy.ts burden report. */
const REPORT_ROLES: Role[] = ['district_admin', 'street_dispatcher', 'supervisor', 'auditor'];
const BURDEN_ROLES: Role[] = [
  'district_admin',
  'street_dispatcher',
  'community_worker',
  'supervisor',
  'auditor',
];
const TABS = ['policy', 'report', 'lists', 'burden'] as const;

/** 清单与政策: read-only views of the policy profile, the district report, the lists and the burden report. */
export default function ListsPolicyPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const allowed = TABS.filter(
    (k) =>
      (k !== 'report' || hasAnyRole(me, REPORT_ROLES)) && (k !== 'burden' || hasAnyRole(me, BURDEN_ROLES)),
  );
  const asked = params.get('tab') as (typeof TABS)[number] | null;
  const tab = asked && allowed.includes(asked) ? asked : 'policy';
  const panes = { policy: <PolicyTab />, report: <ReportTab />, lists: <ListsTab />, burden: <BurdenTab /> };
  return (
    <>
      <PageHeader title={t('listsPolicy.title')} sub={t('listsPolicy.intro')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={allowed.map((key) => ({ key, label: t(`listsPolicy.tabs.${key}`), children: panes[key] }))}
      />
    </>
  );
}

const showValue = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function PolicyTab() {
  const { t } = useTranslation();
  const policy = useQuery({
    queryKey: ['policy', 'active'],
    queryFn: () => api<ActivePolicy>('/api/policy/active'),
  });
  if (policy.isError) return <ErrorResult error={policy.error} onRetry={() => void policy.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {policy.data ? (
        <Flex gap={8} wrap align="center" data-testid="policy-profile">
          <Typography.Text strong>{t('listsPolicy.policy.profile')}：</Typography.Text>
          <Tag color="blue">{policy.data.profileName}</Tag>
          <Typography.Text type="secondary">
            {t('listsPolicy.policy.overrides', { count: policy.data.overrides.length })}
          </Typography.Text>
        </Flex>
      ) : null}
      <Table<ResolvedRule>
        rowKey="key"
        size="small"
        loading={policy.isPending}
        dataSource={policy.data?.rules ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="policy-rules"
        columns={[
          {
            title: t('listsPolicy.policy.key'),
            dataIndex: 'key',
            width: 220,
            render: (key: string, r) => (
              <Space direction="vertical" size={2}>
                <Typography.Text code>{key}</Typography.Text>
                {r.overridden ? <Tag color="orange">{t('listsPolicy.policy.overridden')}</Tag> : null}
                {r.fellBackToGeneric ? <Tag>{t('listsPolicy.policy.fellBack')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('listsPolicy.policy.value'),
            dataIndex: 'value',
            width: 280,
            render: (v: unknown) => (
              <Typography.Paragraph
                ellipsis={{ rows: 3, expandable: true }}
                style={{ margin: 0, fontSize: 12 }}
              >
                {showValue(v)}
              </Typography.Paragraph>
            ),
          },
          {
            title: t('listsPolicy.policy.source'),
            dataIndex: 'source',
            render: (source: string, r) => (
              <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ margin: 0 }}>
                {source}
                {r.note ? (
                  <Typography.Text type="secondary">
                    {' '}
                    （{t('listsPolicy.policy.note')}：{r.note}）
                  </Typography.Text>
                ) : null}
              </Typography.Paragraph>
            ),
          },
        ]}
      />
    </Space>
  );
}

const pair = (a: number | string | null, b: number | string | null) => `${a ?? '—'} / ${b ?? '—'}`;

function ReportTab() {
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

function ListsTab() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ListVersion | null>(null);
  const versions = useQuery({
    queryKey: ['lists', 'versions'],
    queryFn: () => api<{ items: ListVersion[] }>('/api/lists/versions').then((r) => r.items),
  });
  const items = useQuery({
    queryKey: ['lists', 'version', open?.id],
    queryFn: () => api<{ items: ListItem[] }>(`/api/lists/versions/${open?.id}`).then((r) => r.items),
    enabled: Boolean(open),
  });
  const l = (k: string) => t(`listsPolicy.lists.${k}`);
  if (versions.isError) return <ErrorResult error={versions.error} onRetry={() => void versions.refetch()} />;
  if (open)
    return (
      <Card
        size="small"
        title={`${open.title}（${open.kindName} · v${open.versionNo}）`}
        extra={
          <Space wrap>
            <ExportButton
              path={`/api/lists/versions/${open.id}/export.xlsx`}
              size="small"
              testId="export-list"
            />
            <Button size="small" onClick={() => setOpen(null)}>
              {l('back')}
            </Button>
          </Space>
        }
      >
        {items.isError ? <ErrorResult error={items.error} onRetry={() => void items.refetch()} /> : null}
        <Table<ListItem>
          rowKey="id"
          size="small"
          loading={items.isPending}
          dataSource={items.data ?? []}
          scroll={{ x: 700 }}
          data-testid="list-items"
          columns={[
            { title: l('code'), dataIndex: 'itemCode', width: 110 },
            { title: l('name'), dataIndex: 'name' },
            { title: l('category'), dataIndex: 'category', width: 120 },
            { title: l('basis'), dataIndex: 'basis' },
          ]}
        />
      </Card>
    );
  return (
    <Table<ListVersion>
      rowKey="id"
      size="small"
      loading={versions.isPending}
      dataSource={(versions.data ?? []).filter(
        (v) => !v.effectiveTo || v.effectiveTo >= dayjs().format('YYYY-MM-DD'),
      )}
      scroll={{ x: 900 }}
      data-testid="list-versions"
      columns={[
        { title: l('kind'), dataIndex: 'kindName', width: 160 },
        { title: l('title'), dataIndex: 'title' },
        { title: l('version'), dataIndex: 'versionNo', width: 60 },
        { title: l('document'), dataIndex: 'approvingDocument' },
        { title: l('effective'), dataIndex: 'effectiveFrom', width: 110 },
        { title: l('items'), dataIndex: 'itemCount', width: 70 },
        {
          title: '',
          width: 200,
          render: (_: unknown, v) => (
            <Space wrap>
              <Button size="small" type="link" onClick={() => setOpen(v)}>
                {l('open')}
              </Button>
              <ExportButton path={`/api/lists/versions/${v.id}/export.xlsx`} size="small" />
            </Space>
          ),
        },
      ]}
    />
  );
}

function BurdenTab() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const report = useQuery({
    queryKey: ['burden-report', from, to],
    queryFn: () =>
      api<{ rows: BurdenRow[] }>('/api/burden-report', { query: { from, to } }).then((r) => r.rows),
  });
  const b = (k: string) => t(`listsPolicy.burden.${k}`);
  if (report.isError) return <ErrorResult error={report.error} onRetry={() => void report.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Flex gap={8} wrap align="center">
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          aria-label={`${b('from')} – ${b('to')}`}
        />
        <ExportButton path="/api/burden-report.xlsx" query={{ from, to }} testId="export-burden-report" />
      </Flex>
      <Table<BurdenRow>
        rowKey="code"
        size="small"
        loading={report.isPending}
        dataSource={report.data ?? []}
        scroll={{ x: 800 }}
        data-testid="burden-report"
        columns={[
          { title: b('street'), dataIndex: 'streetName' },
          { title: b('community'), dataIndex: 'name' },
          { title: b('received'), dataIndex: 'requestsReceived' },
          { title: b('accepted'), dataIndex: 'requestsAccepted' },
          { title: b('refused'), dataIndex: 'requestsRefused' },
          { title: b('forms'), dataIndex: 'formsActive' },
          { title: b('meetings'), dataIndex: 'meetings' },
          { title: b('attendances'), dataIndex: 'meetingAttendances' },
        ]}
      />
    </Space>
  );
}
