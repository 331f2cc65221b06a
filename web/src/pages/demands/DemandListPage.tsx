import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, DatePicker, Flex, Input, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  type DemandFilter,
  filterQuery,
  useCategories,
  useDemandList,
  useDemandUnits,
} from '../../api/demand-queries.ts';
import { DEMAND_STATUSES, type DemandView } from '../../api/demand-types.ts';
import { useUnit } from '../../api/queries.ts';
import { ClampedText } from '../../components/ClampedText.tsx';
import { Countdown } from '../../components/Countdown.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { formatTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DueTags, OPEN_STATUSES, StatusTag } from './labels.tsx';

const PAGE_SIZE = 20;
const FILTER_KEYS = ['status', 'dueState', 'mine', 'category', 'q', 'within', 'from', 'to'] as const;

function readFilter(params: URLSearchParams): DemandFilter {
  const f: DemandFilter = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (!v) continue;
    if (k === 'mine') f.mine = v === '1' || v === 'true';
    else f[k] = v;
  }
  return f;
}

/**
 * 诉求清单: every filter lives in the URL (workbench counts and map clicks link here), one page at a
 * time with the deadline counting down, and the same filter exported as the Excel register.
 */
export default function DemandListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => readFilter(params), [params]);
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const list = useDemandList(filter, page, PAGE_SIZE);
  const units = useDemandUnits();
  const categories = useCategories();
  const within = useUnit(filter.within);
  const [q, setQ] = useState(filter.q ?? '');

  const update = (patch: Partial<Record<(typeof FILTER_KEYS)[number] | 'page', string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  const rows = list.data?.items.slice(0, PAGE_SIZE) ?? [];
  const hasMore = (list.data?.items.length ?? 0) > PAGE_SIZE;

  const columns: ColumnsType<DemandView> = [
    {
      title: t('demands.code'),
      dataIndex: 'code',
      width: 150,
      render: (code: string, d) => (
        <Link to={`/demands/${d.id}`} data-testid="demand-link">
          {code}
        </Link>
      ),
    },
    {
      title: t('demands.createdAt'),
      dataIndex: 'createdAt',
      width: 160,
      render: (v: string) => formatTime(v),
    },
    {
      title: t('demands.content'),
      dataIndex: 'content',
      render: (v: string, d) => (
        <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
          <ClampedText rows={1} title={v} style={{ maxWidth: 360 }}>
            {d.urgency === 'urgent' ? <Tag color="red">{t('demands.urgent')}</Tag> : null}
            {v}
          </ClampedText>
          <span className="jd-muted">
            {d.type} · {d.category?.name ?? t('demands.noCategory')} · {d.address ?? ''}
          </span>
        </Space>
      ),
    },
    {
      title: t('demands.status'),
      dataIndex: 'status',
      width: 150,
      render: (s: string, d) => (
        <Space size={2} wrap>
          <StatusTag status={s} />
          <DueTags dueState={d.dueState} escalated={d.escalated} />
        </Space>
      ),
    },
    {
      title: t('demands.owner'),
      dataIndex: 'ownerUnitId',
      width: 180,
      render: (id: string | null) => (id ? (units.byId.get(id)?.name ?? t('common.none')) : t('common.none')),
    },
    {
      title: t('demands.due'),
      dataIndex: 'dueAt',
      width: 170,
      render: (v: string | null, d) => <Countdown to={v} done={!OPEN_STATUSES.includes(d.status)} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('demands.title')}
        extra={
          <ExportButton
            path="/api/demands"
            query={{ ...filterQuery(filter), format: 'xlsx', limit: 5000 }}
            testId="export-demands"
          />
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap gap={8} align="center">
          <Input.Search
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            placeholder={t('demands.search')}
            aria-label={t('demands.search')}
            allowClear
            enterButton={<SearchOutlined />}
            style={{ width: 260 }}
          />
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('demands.status')}
            aria-label={t('demands.status')}
            style={{ minWidth: 200 }}
            value={filter.status?.split(',').filter(Boolean) ?? []}
            onChange={(v: string[]) => update({ status: v.join(',') || undefined })}
            options={DEMAND_STATUSES.map((s) => ({ value: s, label: t(`demandStatus.${s}`) }))}
            data-testid="filter-status"
          />
          <Select
            allowClear
            placeholder={t('demands.dueFilter')}
            aria-label={t('demands.dueFilter')}
            style={{ width: 140 }}
            value={filter.dueState}
            onChange={(v?: string) => update({ dueState: v })}
            options={['due_soon', 'overdue', 'expired'].map((s) => ({ value: s, label: t(`dueState.${s}`) }))}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('demands.category')}
            aria-label={t('demands.category')}
            style={{ width: 200 }}
            value={filter.category}
            onChange={(v?: string) => update({ category: v })}
            options={(categories.data ?? []).map((c) => ({ value: c.code, label: c.path }))}
          />
          <DatePicker.RangePicker
            aria-label={t('demands.period')}
            value={[filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]}
            onChange={(range) => {
              const [a, b] = (range ?? [null, null]) as [Dayjs | null, Dayjs | null];
              update({
                from: a ? a.startOf('day').toISOString() : undefined,
                to: b ? b.add(1, 'day').startOf('day').toISOString() : undefined,
              });
            }}
          />
          <Checkbox
            checked={Boolean(filter.mine)}
            onChange={(e) => update({ mine: e.target.checked ? '1' : undefined })}
          >
            {t('demands.mine')}
          </Checkbox>
          {filter.within ? (
            <Tag
              closable
              onClose={() => update({ within: undefined })}
              color="geekblue"
              data-testid="within-tag"
            >
              {t('demands.within', { name: within.data?.name ?? filter.within })}
            </Tag>
          ) : null}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void list.refetch()}
            aria-label={t('common.refresh')}
          />
        </Flex>
      </Card>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small">
          <Table<DemandView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 960 }}
            data-testid="demand-table"
          />
          <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
            <span className="jd-muted">{t('demands.page', { page: page + 1 })}</span>
            <Space>
              <Button
                disabled={page === 0}
                onClick={() => update({ page: page > 1 ? String(page - 1) : undefined })}
              >
                {t('demands.prev')}
              </Button>
              <Button disabled={!hasMore} onClick={() => update({ page: String(page + 1) })}>
                {t('demands.next')}
              </Button>
            </Space>
          </Flex>
        </Card>
      )}
    </>
  );
}
