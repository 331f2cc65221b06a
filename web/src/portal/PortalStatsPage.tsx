import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Grid, List, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { recentMonths } from '../api/demand-queries.ts';
import type { PublicStatistics, RankingRow } from '../api/demand-types.ts';
import { Chart } from '../components/Chart.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { pct, useRankingColumns } from '../pages/dashboard/RankingCard.tsx';

/** 公开统计: each street's monthly 三率 and composite score — aggregates only, no demand or person. */
export default function PortalStatsPage() {
  const { t } = useTranslation();
  const months = useMemo(() => recentMonths(12), []);
  const [period, setPeriod] = useState(months[0] as string);
  const screens = Grid.useBreakpoint();
  const stats = useQuery({
    queryKey: ['portal-stats', period],
    queryFn: () => api<PublicStatistics>('/api/public/statistics', { query: { period } }),
  });
  const columns = useRankingColumns();
  useEffect(() => {
    document.title = `${t('portal.statsTitle')} · ${t('portal.brand')}`;
  }, [t]);
  const s = stats.data;
  const scored = (s?.streets ?? []).filter((r) => r.composite !== null);
  const chart = {
    tooltip: { trigger: 'axis' },
    grid: { left: 96, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value', max: 100 },
    yAxis: { type: 'category', inverse: true, data: scored.map((r) => r.name) },
    series: [{ type: 'bar', data: scored.map((r) => r.composite), itemStyle: { color: '#1f5fbf' } }],
  };
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card
        className="jd-portal-card"
        title={<h1 className="jd-portal-title">{t('portal.statsTitle')}</h1>}
        extra={
          <Select
            value={period}
            onChange={setPeriod}
            options={months.map((m) => ({ value: m, label: m }))}
            aria-label={t('dashboard.period')}
            style={{ width: 110 }}
          />
        }
        data-testid="portal-stats"
      >
        {stats.isError ? (
          <ErrorResult error={stats.error} onRetry={() => void stats.refetch()} />
        ) : (
          <>
            <Row gutter={[12, 12]}>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('ranking.dispatched')}
                  value={s?.totals.dispatched ?? 0}
                  loading={stats.isPending}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('ranking.resolution')}
                  value={pct(s && s.totals.callbacks > 0 ? s.totals.resolved / s.totals.callbacks : null)}
                  loading={stats.isPending}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('ranking.satisfaction')}
                  value={pct(s && s.totals.rated > 0 ? s.totals.satisfied / s.totals.rated : null)}
                  loading={stats.isPending}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('portal.streets')}
                  value={s?.streets.length ?? 0}
                  loading={stats.isPending}
                />
              </Col>
            </Row>
            <p className="jd-muted" style={{ marginTop: 12 }}>
              {s
                ? t('portal.weights', {
                    response: s.weights.response * 100,
                    resolution: s.weights.resolution * 100,
                    satisfaction: s.weights.satisfaction * 100,
                  })
                : null}
            </p>
          </>
        )}
      </Card>
      <Card className="jd-portal-card" size="small" title={t('portal.ranking')}>
        {screens.md ? (
          <Table<RankingRow>
            rowKey="code"
            size="small"
            columns={columns}
            dataSource={s?.streets ?? []}
            loading={stats.isFetching}
            pagination={false}
            data-testid="portal-ranking"
          />
        ) : (
          <List<RankingRow>
            dataSource={s?.streets ?? []}
            loading={stats.isFetching}
            data-testid="portal-ranking"
            renderItem={(r) => (
              <List.Item>
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Space>
                    <Tag color={r.rank === 1 ? 'gold' : 'default'}>{r.rank ?? '—'}</Tag>
                    <strong>{r.name}</strong>
                    <span>{r.composite === null ? '—' : r.composite.toFixed(1)}</span>
                  </Space>
                  <span className="jd-muted">
                    {t('ranking.response')} {pct(r.responseRate)} · {t('ranking.resolution')}{' '}
                    {pct(r.resolutionRate)} · {t('ranking.satisfaction')} {pct(r.satisfactionRate)}
                  </span>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card className="jd-portal-card" size="small" title={t('ranking.composite')}>
        {scored.length === 0 ? (
          <Empty description={t('portal.noScores')} />
        ) : (
          <Chart
            option={chart}
            label={t('ranking.composite')}
            height={Math.max(160, scored.length * 32)}
            testId="portal-chart"
          />
        )}
      </Card>
    </Space>
  );
}
