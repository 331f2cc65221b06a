import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactECharts from 'echarts-for-react/esm/core';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * An ECharts chart (line or bar, tree-shaken) with a text alternative: `label` names it for screen
 * readers and `testId` lets tests find it.
 */
export function Chart({
  option,
  height = 260,
  label,
  testId,
}: {
  option: Record<string, unknown>;
  height?: number;
  label: string;
  testId?: string;
}) {
  return (
    <div role="img" aria-label={label} data-testid={testId}>
      {/* no animation: figures appear as they are (and screenshots show them) */}
      <ReactECharts
        echarts={echarts}
        option={{ animation: false, ...option }}
        notMerge
        style={{ height, width: '100%' }}
      />
    </div>
  );
}
