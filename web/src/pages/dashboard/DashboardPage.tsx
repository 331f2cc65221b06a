import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Row, Segmented, Select, Space, Statistic, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { recentMonths, useDashboard, useHotSpots } from '../../api/demand-queries.ts';
import type { HotSpot } from '../../api/demand-types.ts';
import { scopeRootCode, useMe } from '../../app/session.ts';
import { Chart } from '../../components/Chart.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { GridMap } from '../../components/GridMap.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { pct, RankingCard } from './RankingCard.tsx';

type Metric = 'count' | 'overdue';

/**
 * 驾驶舱: the month's volumes and 三率, work open and overdue now, the daily trend, the top
 * categories, a map of grids coloured by demand count or overdue count (a click lists that grid's
 * demands), the street/department ranking and the hot spots — each table exportable to Excel.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const months = useMemo(() => recentMonths(12), []);
  const [period, setPeriod] = useState(months[0] as string);
  const [metric, setMetric] = useState<Metric>('count');
  const stats = useDashboard(period);
  const hot = useHotSpots(period);
  const s = stats.data;

  const values = useMemo(
    () => Object.fromEntries((s?.grids ?? []).map((g) => [g.code, metric === 'count' ? g.count : g.overdue])),
    [s?.grids, metric],
  );
  const trend = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('dashboard.received'), t('dashboard.closed')] },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: (s?.daily ?? []).map((d) => d.date.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('dashboard.received'),
          type: 'line',
          smooth: true,
          data: (s?.daily ?? []).map((d) => d.received),
        },
        {
          name: t('dashboard.closed'),
          type: 'line',
          smooth: true,
          data: (s?.daily ?? []).map((d) => d.closed),
        },
      ],
    }),
    [s?.daily, t],
  );
  const categories = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 120, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: (s?.byCategory ?? []).map((c) => c.name.split('/').pop()),
      },
      series: [
        { type: 'bar', data: (s?.byCategory ?? []).map((c) => c.count), itemStyle: { color: '#1f5fbf' } },
      ],
    }),
    [s?.byCategory],
  );

  if (!me) return null;
  if (stats.isError) return <ErrorResult error={stats.error} onRetry={() => void stats.refetch()} />;
  const change =
    s && s.received.previousTotal > 0
      ? (s.received.total - s.received.previousTotal) / s.received.previousTotal
      : null;

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        extra={
          <Space wrap>
            <Select
              value={period}
              onChange={setPeriod}
              options={months.map((m) => ({ value: m, label: m }))}
              aria-label={t('dashboard.period')}
              style={{ width: 120 }}
              data-testid="period"
            />
            <ExportButton
              path="/api/demands/dashboard"
              query={{ period, format: 'xlsx' }}
              testId="export-dashboard"
            />
          </Space>
        }
      />
      <Row gutter={[12, 12]}>
        <Col xs={24}>
          <Card size="small" loading={stats.isPending} data-testid="kpis">
            <Row gutter={[12, 12]}>
              <Col xs={12} md={8} xl={4}>
                <Statistic
                  title={t('dashboard.receivedMonth')}
                  value={s?.received.total ?? 0}
                  suffix={
                    change === null ? null : (
                      <Tag color={change > 0 ? 'red' : 'green'} style={{ marginInlineStart: 6 }}>
                        {change > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {pct(Math.abs(change))}
                      </Tag>
                    )
                  }
                />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Statistic title={t('dashboard.open')} value={s?.now.open ?? 0} />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Statistic
                  title={t('dashboard.overdue')}
                  value={s?.now.overdue ?? 0}
                  valueStyle={{ color: (s?.now.overdue ?? 0) > 0 ? '#cf1322' : undefined }}
                />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Statistic title={t('dashboard.dueSoon')} value={s?.now.dueSoon ?? 0} />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Statistic title={t('dashboard.pendingDispatch')} value={s?.now.pendingDispatch ?? 0} />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Statistic title={t('dashboard.awaitingCallback')} value={s?.now.awaitingCallback ?? 0} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('ranking.response')} value={pct(s?.rates.responseRate)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('ranking.resolution')} value={pct(s?.rates.resolutionRate)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('ranking.satisfaction')} value={pct(s?.rates.satisfactionRate)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('ranking.composite')}
                  value={
                    s?.rates.composite === null || s?.rates.composite === undefined
                      ? '—'
                      : s.rates.composite.toFixed(2)
                  }
                />
              </Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={t('dashboard.map')}
            data-testid="density-map"
            extra={
              <Segmented<Metric>
                value={metric}
                onChange={setMetric}
                options={[
                  { value: 'count', label: t('dashboard.byCount') },
                  { value: 'overdue', label: t('dashboard.byOverdue') },
                ]}
                data-testid="map-metric"
              />
            }
          >
            <GridMap
              within={scopeRootCode(me)}
              values={values}
              valueName={metric === 'count' ? t('dashboard.byCount') : t('dashboard.byOverdue')}
              onSelect={(code) => void navigate(`/demands?within=${code}`)}
              height={460}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={t('dashboard.trend')}>
              <Chart option={trend} label={t('dashboard.trend')} testId="trend-chart" height={220} />
            </Card>
            <Card size="small" title={t('dashboard.topCategories')}>
              {(s?.byCategory.length ?? 0) === 0 ? (
                <Empty description={t('dashboard.noData')} />
              ) : (
                <Chart
                  option={categories}
                  label={t('dashboard.topCategories')}
                  testId="category-chart"
                  height={220}
                />
              )}
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={14}>
          <RankingCard period={period} />
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('dashboard.hotspots')}>
            <Table<HotSpot>
              rowKey={(r) => `${r.categoryCode}-${r.communityId ?? ''}`}
              size="small"
              loading={hot.isFetching}
              dataSource={hot.data ?? []}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              columns={[
                { title: t('demands.category'), dataIndex: 'categoryName' },
                {
                  title: t('dashboard.community'),
                  dataIndex: 'communityName',
                  render: (v: string | null) => v ?? '—',
                },
                { title: t('dashboard.count'), dataIndex: 'count', width: 70, align: 'right' },
                { title: t('dashboard.previous'), dataIndex: 'previous', width: 70, align: 'right' },
                {
                  title: '',
                  dataIndex: 'spike',
                  width: 70,
                  render: (v: boolean) => (v ? <Tag color="red">{t('dashboard.spike')}</Tag> : null),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
