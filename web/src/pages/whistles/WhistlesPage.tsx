import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Segmented, Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Role } from '../../api/types.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { formatTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { BlowModal } from './BlowModal.tsx';
import { Measures } from './MeasuresTab.tsx';
import { StatusTag } from './StatusTag.tsx';
import WhistleDetailPage from './WhistleDetailPage.tsx';
import { fetchWhistles, type Whistle, whistleKeys } from './whistles-api.ts';

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
