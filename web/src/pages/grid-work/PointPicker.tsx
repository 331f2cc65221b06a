import { Button, Flex, Spin, Typography } from 'antd';
import { MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactECharts from 'echarts-for-react/esm/core';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useGrids } from '../../api/queries.ts';
import type { GridCollection } from '../../api/types.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';

echarts.use([MapChart, ScatterChart, GeoComponent, CanvasRenderer]);

export interface Point {
  lng: number;
  lat: number;
}

/** The area centroid of a grid's (first) outer ring, so the point lies inside a convex grid. */
export function gridCentre(grids: GridCollection | undefined, code: string): Point | null {
  const feature = grids?.features.find((f) => f.properties.code === code);
  const geometry = feature?.geometry as { type: string; coordinates: unknown } | undefined;
  if (!geometry) return null;
  const ring = (
    geometry.type === 'MultiPolygon'
      ? (geometry.coordinates as number[][][][])[0]?.[0]
      : (geometry.coordinates as number[][][])[0]
  ) as [number, number][] | undefined;
  if (!ring || ring.length < 3) return null;
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i] as [number, number];
    const [x1, y1] = ring[i + 1] as [number, number];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  if (area === 0) return { lng: ring[0]?.[0] ?? 0, lat: ring[0]?.[1] ?? 0 };
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return { lng: round(x / (3 * area)), lat: round(y / (3 * area)) };
}

/**
 * A small map of the worker's grid (ECharts geo, no tile server): a tap places the point; without a
 * tap the grid's centre is used. The server locates the point to its grid.
 */
export function PointPicker({
  gridCode,
  value,
  onChange,
}: {
  gridCode: string;
  value: Point | null;
  onChange: (p: Point) => void;
}) {
  const { t } = useTranslation();
  const grids = useGrids(gridCode);
  const centre = useMemo(() => gridCentre(grids.data, gridCode), [grids.data, gridCode]);
  useEffect(() => {
    if (!value && centre) onChange(centre);
  }, [value, centre, onChange]);

  const mapName = useMemo(() => {
    if (!grids.data) return null;
    const name = `jd-grid-point-${gridCode}`;
    echarts.registerMap(name, grids.data as unknown as Parameters<typeof echarts.registerMap>[1]);
    return name;
  }, [grids.data, gridCode]);

  const option = useMemo(
    () =>
      mapName
        ? {
            animation: false,
            geo: {
              map: mapName,
              nameProperty: 'code',
              roam: false,
              silent: true,
              layoutCenter: ['50%', '50%'],
              layoutSize: '92%',
              itemStyle: { areaColor: '#e6f0fd', borderColor: '#1677ff', borderWidth: 1 },
            },
            series: [
              {
                type: 'scatter',
                coordinateSystem: 'geo',
                symbol: 'pin',
                symbolSize: 28,
                itemStyle: { color: '#e8541e' },
                data: value ? [[value.lng, value.lat]] : [],
              },
            ],
          }
        : null,
    [mapName, value],
  );

  if (grids.isError) return <ErrorResult error={grids.error} onRetry={() => void grids.refetch()} />;
  if (!option) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  return (
    <div>
      <div role="img" aria-label={t('gridWork.report.pointHint')} data-testid="point-map">
        <ReactECharts
          echarts={echarts}
          option={option}
          notMerge
          style={{ height: 180 }}
          onChartReady={(chart: echarts.ECharts) => {
            chart.getZr().on('click', (e: { offsetX: number; offsetY: number }) => {
              const at = chart.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]) as
                | number[]
                | undefined;
              if (at && Number.isFinite(at[0]) && Number.isFinite(at[1]))
                onChange({
                  lng: Math.round((at[0] as number) * 1e6) / 1e6,
                  lat: Math.round((at[1] as number) * 1e6) / 1e6,
                });
            });
          }}
        />
      </div>
      <Flex justify="space-between" align="center" wrap gap={4}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="point-value">
          {value
            ? t('gridWork.report.pointPicked', { lng: value.lng.toFixed(5), lat: value.lat.toFixed(5) })
            : t('gridWork.report.pointHint')}
        </Typography.Text>
        <Button size="small" type="link" disabled={!centre} onClick={() => centre && onChange(centre)}>
          {t('gridWork.report.useCentre')}
        </Button>
      </Flex>
    </div>
  );
}
