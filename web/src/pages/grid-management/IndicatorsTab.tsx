import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Space, Table, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { formatTime } from '../../components/format.ts';
import { beijingToday } from '../grid-work/grid-work-api.ts';
import {
  indicatorQuery,
  RATE_PARTS,
  RATES,
  type RateKey,
  type UnitIndicators,
  useIndicatorTable,
} from './posts-indicators-api.ts';

const percent = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

/**
 * 考核指标: 结案率 … 延期率 of the caller's unit (or a unit below it, `?unit=`) and of each unit
 * directly below, for a month (`?month=`), each formula in its column's tooltip (docs/grid-indicators.md),
 * and the same table as Excel.
 */
export function IndicatorsTab() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '')
    ? (params.get('month') as string)
    : beijingToday().slice(0, 7);
  const unit = params.get('unit') ?? undefined;
  const set = (values: Record<string, string | null>) =>
    setParams(
      (p) => {
        for (const [k, v] of Object.entries(values)) {
          if (v) p.set(k, v);
          else p.delete(k);
        }
        return p;
      },
      { replace: true },
    );
  const table = useIndicatorTable(unit, month);
  const i = (k: string, o?: Record<string, unknown>) => t(`gridMgmt.indicators.${k}`, o ?? {});
  if (table.isError) return <ErrorResult error={table.error} onRetry={() => void table.refetch()} />;
  const data = table.data;
  const head = (key: RateKey | 'closedOnSpot') => (
    <Tooltip title={i(`formulas.${key}`)}>
      <span data-testid={`indicator-head-${key}`}>
        {i(`names.${key}`)} <QuestionCircleOutlined className="jd-muted" />
      </span>
    </Tooltip>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Flex gap={8} wrap align="center" justify="space-between">
        <Flex gap={8} wrap align="center">
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && set({ month: d.format('YYYY-MM') })}
            disabledDate={(d) => d.format('YYYY-MM') > beijingToday().slice(0, 7)}
            aria-label={t('gridMgmt.month')}
            data-testid="pick-month"
          />
          {unit ? (
            <Button onClick={() => set({ unit: null })} data-testid="indicator-up">
              {i('up')}
            </Button>
          ) : null}
          {data ? (
            <span className="jd-muted" data-testid="indicator-as-of">
              {data.unit.name} · {data.period.label} · {i(`side.${data.side}`)} ·{' '}
              {i('asOf', { at: formatTime(data.asOf) })}
            </span>
          ) : null}
        </Flex>
        <ExportButton
          path="/api/grid-events/indicators/units"
          query={{ ...indicatorQuery(unit, month), format: 'xlsx' }}
          testId="export-indicators"
        />
      </Flex>
      <Table<UnitIndicators>
        rowKey={(r) => r.unit.code}
        size="small"
        loading={table.isPending}
        dataSource={data?.rows ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        data-testid="indicator-table"
        onRow={(r) => ({ 'data-unit': r.unit.code }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: i('unit'),
            fixed: 'left',
            width: 180,
            render: (_: unknown, r, index) =>
              index === 0 ? (
                <Typography.Text strong>
                  {r.unit.name}
                  {i('whole')}
                </Typography.Text>
              ) : (
                <Link
                  to={{ search: `?tab=indicators&month=${month}&unit=${r.unit.code}` }}
                  replace
                  title={i('drill', { name: r.unit.name })}
                >
                  {r.unit.name}
                </Link>
              ),
          },
          ...RATES.map((key) => ({
            title: head(key),
            key,
            align: 'right' as const,
            render: (_: unknown, r: UnitIndicators) => {
              const [n, d] = RATE_PARTS[key];
              return (
                <div data-testid={`rate-${key}`}>
                  <div>{percent(r.rates[key])}</div>
                  <div className="jd-muted">{i('counts', { n: r.counts[n], d: r.counts[d] })}</div>
                </div>
              );
            },
          })),
          {
            title: head('closedOnSpot'),
            key: 'closedOnSpot',
            align: 'right' as const,
            render: (_: unknown, r: UnitIndicators) => r.counts.closedOnSpot,
          },
        ]}
      />
      <div className="jd-muted">{i('note')}</div>
    </Space>
  );
}
