import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useDepartments } from '../../api/queries.ts';
import type { Role } from '../../api/types.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { formatTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from './StatusTag.tsx';
import WhistleDetailPage from './WhistleDetailPage.tsx';
import {
  type BlowerMeasures,
  fetchWhistles,
  type UnitMeasures,
  type Whistle,
  type WhistleDetail,
  whistleKeys,
} from './whistles-api.ts';

/** src/whistles/policy.ts measures */
const MEASURE_ROLES: Role[] = [
  'district_admin',
  'supervisor',
  'auditor',
  'street_dispatcher',
  'dept_handler',
];

/** 吹哨报到: the board of whistles (both sides), blowing one, and both sides' measures. */
export default function WhistlesPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const me = useMe().data;
  if (id) return <WhistleDetailPage id={id} />;
  const mayMeasure = hasAnyRole(me, MEASURE_ROLES);
  const tab = params.get('tab') === 'measures' && mayMeasure ? 'measures' : 'board';
  return (
    <>
      <PageHeader title={t('whistles.title')} sub={t('whistles.intro')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'board', label: t('whistles.tabs.board'), children: <Board /> },
          ...(mayMeasure
            ? [{ key: 'measures', label: t('whistles.tabs.measures'), children: <Measures /> }]
            : []),
        ]}
      />
    </>
  );
}

function Board() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [side, setSide] = useState<'all' | 'blown' | 'summoned'>('all');
  const [blowing, setBlowing] = useState(false);
  const list = useQuery({
    queryKey: whistleKeys.list(side),
    queryFn: () => fetchWhistles(side === 'all' ? undefined : side),
  });
  const canBlow = hasAnyRole(me, ['street_dispatcher', 'community_worker']);
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Flex justify="space-between" wrap gap={8}>
        <Segmented
          value={side}
          onChange={(v) => setSide(v as typeof side)}
          options={(['all', 'blown', 'summoned'] as const).map((s) => ({
            value: s,
            label: t(`whistles.side.${s}`),
          }))}
        />
        {canBlow ? (
          <Button type="primary" onClick={() => setBlowing(true)} data-testid="blow-open">
            {t('whistles.blow')}
          </Button>
        ) : null}
      </Flex>
      <Table<Whistle>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('whistles.empty') }}
        scroll={{ x: 800 }}
        data-testid="whistle-table"
        columns={[
          {
            title: t('whistles.fields.code'),
            dataIndex: 'code',
            render: (code: string, w) => <Link to={`/whistles/${w.id}`}>{code}</Link>,
          },
          { title: t('whistles.fields.title'), dataIndex: 'title' },
          { title: t('whistles.fields.blower'), dataIndex: 'blower' },
          {
            title: t('whistles.fields.summons'),
            render: (_: unknown, w) => w.summons.map((s) => s.name).join('、'),
          },
          {
            title: t('whistles.fields.status'),
            dataIndex: 'status',
            render: (s: string) => <StatusTag status={s} />,
          },
          { title: t('whistles.fields.reportDueAt'), dataIndex: 'reportDueAt', render: formatTime },
          { title: t('whistles.fields.actDueAt'), dataIndex: 'actDueAt', render: formatTime },
        ]}
      />
      {blowing ? <BlowModal onClose={() => setBlowing(false)} /> : null}
    </Space>
  );
}

interface BlowForm {
  title: string;
  description: string;
  address?: string;
  summons: string[];
  reportWithinHours: number;
  actWithinWorkingDays: number;
}

const STREET_SUMMONABLE = ['department', 'stationed', 'company', 'resident_unit'];
const COMMUNITY_SUMMONABLE = ['stationed', 'company', 'resident_unit'];

function BlowModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { notification, message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const departments = useDepartments();
  const [form] = Form.useForm<BlowForm>();
  const summonable = me?.user.unit.level === 'community' ? COMMUNITY_SUMMONABLE : STREET_SUMMONABLE;
  const options = (departments.data ?? [])
    .filter((d) => summonable.includes(d.level))
    .map((d) => ({ value: d.code, label: d.name }));
  const blow = useMutation({
    mutationFn: (v: BlowForm) =>
      api<WhistleDetail>('/api/whistles', {
        method: 'POST',
        body: {
          title: v.title,
          description: v.description,
          address: v.address || null,
          reportWithinHours: v.reportWithinHours,
          actWithinWorkingDays: v.actWithinWorkingDays,
          summons: v.summons.map((unitCode) => ({ unitCode })),
        },
      }),
    onSuccess: async (w) => {
      void message.success(t('whistles.saved'));
      await queryClient.invalidateQueries({ queryKey: whistleKeys.all });
      onClose();
      void navigate(`/whistles/${w.id}`);
    },
    onError: (err) => notification.error({ message: t('whistles.failed'), description: errorText(t, err) }),
  });
  return (
    <Modal
      open
      title={t('whistles.blowTitle')}
      onCancel={onClose}
      okText={t('whistles.blow')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: blow.isPending, 'data-testid': 'blow-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reportWithinHours: 2, actWithinWorkingDays: 3, summons: [] }}
        onFinish={(v) => blow.mutate(v)}
        data-testid="blow-form"
      >
        <Form.Item name="title" label={t('whistles.fields.title')} rules={[{ required: true, min: 4 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('whistles.fields.description')}
          rules={[{ required: true, min: 5 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="address" label={t('whistles.fields.address')}>
          <Input />
        </Form.Item>
        <Form.Item name="summons" label={t('whistles.fields.summons')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            options={options}
            loading={departments.isPending}
          />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="reportWithinHours" label={t('whistles.fields.reportWithinHours')}>
            <InputNumber min={0.5} max={720} step={0.5} />
          </Form.Item>
          <Form.Item name="actWithinWorkingDays" label={t('whistles.fields.actWithinWorkingDays')}>
            <InputNumber min={1} max={60} step={1} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null) => (v === null ? '—' : String(v));

function Measures() {
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
