// ECharts from npm, only the parts the pages use (keeps the bundle small).
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent,
  TitleComponent, CanvasRenderer]);

const live = new Set();
window.addEventListener('resize', () => live.forEach((c) => c.resize()));

// Draws `option` into `el`; charts of a page that is left are disposed by
// disposeCharts() so they do not leak.
export function chart(el, option) {
  const c = echarts.init(el, null, { renderer: 'canvas' });
  c.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, ...option });
  live.add(c);
  return c;
}

export function disposeCharts() {
  live.forEach((c) => c.dispose());
  live.clear();
}

export const severityColours = { error: '#c0392b', warning: '#e67e22', notice: '#2980b9' };
