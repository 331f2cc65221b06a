import { Empty, Flex, Select, Spin, Tag, Typography } from 'antd';
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactECharts from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useGrids } from '../api/queries.ts';
import { ErrorResult } from './ErrorResult.tsx';

echarts.use([MapChart, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const PALETTE = [
  '#bcd4f6',
  '#c7e9c0',
  '#fde2b8',
  '#e3d0f2',
  '#c2ecec',
  '#f8cfd6',
  '#e6e6b3',
  '#d5dde8',
  '#f3dcc8',
  '#cfe3d4',
  '#dccfe8',
  '#f0e2a8',
];

/** How many code digits group grids into one colour: by street under a district, else by community. */
function groupDigits(scopeCode: string | undefined): number {
  if (!scopeCode || scopeCode.endsWith('000000')) return 9;
  if (scopeCode.length === 12 && scopeCode.endsWith('000')) return 12;
  return 15;
}

/**
 * The grids of a jurisdiction drawn from their GeoJSON with ECharts (registerMap, no tile server).
 * Clicking a grid (or picking it in the search box, the keyboard route) selects it.
 */
export function GridMap({
  within,
  selected,
  onSelect,
  height,
  values,
  valueName,
}: {
  /** Street or community code; none = the person's whole jurisdiction. */
  within?: string;
  selected?: string;
  onSelect?: (code: string) => void;
  height?: number;
  /** A figure per grid code (demands, overdue …): the grids are then coloured by it (choropleth). */
  values?: Record<string, number>;
  /** What the figure is, for the legend and tooltip. */
  valueName?: string;
}) {
  const { t } = useTranslation();
  const grids = useGrids(within);

  const map = useMemo(() => {
    if (!grids.data) return null;
    const name = `jd-grids-${within ?? 'all'}-${grids.dataUpdatedAt}`;
    // ECharts typings want its own GeoJSON type; the API returns standard GeoJSON.
    echarts.registerMap(name, grids.data as unknown as Parameters<typeof echarts.registerMap>[1]);
    const names = new Map(grids.data.features.map((f) => [f.properties.code, f.properties.name]));
    return { name, names, count: grids.data.features.length };
  }, [grids.data, grids.dataUpdatedAt, within]);

  const option = useMemo(() => {
    if (!map || !grids.data) return null;
    const digits = groupDigits(within);
    const groups = new Map<string, number>();
    const choropleth = values !== undefined;
    const max = choropleth ? Math.max(1, ...Object.values(values)) : 1;
    const data = grids.data.features.map((f) => {
      const code = f.properties.code;
      if (choropleth) return { name: code, value: values[code] ?? 0, selected: code === selected };
      const group = code.slice(0, digits);
      if (!groups.has(group)) groups.set(group, groups.size);
      const colour = PALETTE[(groups.get(group) ?? 0) % PALETTE.length];
      return { name: code, value: 1, selected: code === selected, itemStyle: { areaColor: colour } };
    });
    return {
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value?: number }) =>
          `${map.names.get(p.name) ?? p.name}<br/>${p.name}${
            choropleth ? `<br/>${valueName ?? ''}：${Number.isFinite(p.value) ? p.value : 0}` : ''
          }`,
      },
      ...(choropleth
        ? {
            visualMap: {
              type: 'continuous',
              min: 0,
              max,
              left: 8,
              bottom: 8,
              calculable: false,
              text: [String(max), '0'],
              inRange: { color: ['#f2f5fa', '#fde2b8', '#f5a25d', '#e8541e', '#a8071a'] },
              textStyle: { color: '#555' },
            },
          }
        : {}),
      series: [
        {
          type: 'map',
          map: map.name,
          nameProperty: 'code',
          roam: true,
          selectedMode: 'single',
          layoutCenter: ['50%', '50%'],
          layoutSize: '95%',
          label: { show: false },
          itemStyle: { borderColor: '#ffffff', borderWidth: 0.6 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd666' } },
          select: { label: { show: false }, itemStyle: { areaColor: '#fa8c16' } },
          data,
        },
      ],
    };
  }, [map, grids.data, selected, within, values, valueName]);

  const options = useMemo(
    () =>
      (grids.data?.features ?? []).map((f) => ({
        value: f.properties.code,
        label: `${f.properties.name}（${f.properties.code}）`,
      })),
    [grids.data],
  );

  if (grids.isError) return <ErrorResult error={grids.error} onRetry={() => void grids.refetch()} />;
  if (grids.isPending || !map || !option) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (map.count === 0) return <Empty description={t('jurisdiction.mapEmpty')} />;

  return (
    <div>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
        <Tag color="blue" data-testid="grid-count" data-count={map.count}>
          {t('jurisdiction.gridCount', { count: map.count })}
        </Tag>
        {map.count > 1 ? (
          <Select
            showSearch
            allowClear
            size="small"
            style={{ flex: '1 1 200px', minWidth: 0, maxWidth: 360 }}
            placeholder={t('jurisdiction.findGrid')}
            aria-label={t('jurisdiction.findGrid')}
            optionFilterProp="label"
            options={options}
            value={selected && map.names.has(selected) ? selected : undefined}
            onChange={(code?: string) => code && onSelect?.(code)}
            virtual
          />
        ) : null}
      </Flex>
      <div
        role="img"
        aria-label={valueName ? `${t('jurisdiction.mapLabel')}（${valueName}）` : t('jurisdiction.mapLabel')}
        data-testid="grid-map"
        data-colored-by={values ? (valueName ?? 'value') : 'street'}
        data-max={values ? Math.max(0, ...Object.values(values)) : undefined}
        data-nonzero={values ? Object.values(values).filter((v) => v > 0).length : undefined}
      >
        <ReactECharts
          echarts={echarts}
          option={option}
          notMerge
          className="jd-map"
          style={height ? { height } : undefined}
          onEvents={{ click: (p: { name?: string }) => p.name && onSelect?.(p.name) }}
        />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('jurisdiction.mapLabel')}
      </Typography.Text>
    </div>
  );
}
