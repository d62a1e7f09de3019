/**
 * A chart drawn by uCharts (a chart library made for mini-programs, Apache-2.0) on a 2d canvas: the
 * score trend by month (line) and the ranking of the cities (bar). The library lives in this
 * subpackage only (vendor/u-charts.js, built by `npm run build` from @qiun/ucharts), so the main
 * package never carries it; it is loaded when a chart is first drawn, never at import time.
 */

export interface ChartSeries {
  name: string;
  data: number[];
}

interface UChartsOptions {
  type: string;
  context: unknown;
  width: number;
  height: number;
  pixelRatio: number;
  categories: string[];
  series: ChartSeries[];
  animation: boolean;
  background: string;
  color: string[];
  padding: number[];
  legend: { show: boolean };
  xAxis: { disableGrid: boolean; fontSize?: number };
  yAxis: { data: Array<{ min: number; max: number }> };
  extra: object;
}

type UCharts = new (options: UChartsOptions) => unknown;

let library: UCharts | null | undefined;

/** The vendored library, once; null where it is not built (unit tests). */
function uCharts(): UCharts | null {
  if (library !== undefined) return library;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('../../vendor/u-charts.js') as { default?: UCharts } | UCharts;
    library = typeof mod === 'function' ? mod : (mod.default ?? null);
  } catch {
    library = null;
  }
  return library;
}

interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): unknown;
}

Component({
  properties: {
    title: { type: String, value: '' },
    /** `line` (trend) or `bar` (ranking). */
    kind: { type: String, value: 'line' },
    categories: { type: Array, value: [] as string[] },
    series: { type: Array, value: [] as ChartSeries[] },
    height: { type: Number, value: 200 },
    /** The figures as text under the chart (what a reader of the trend needs exactly). */
    showValues: { type: Boolean, value: true },
  },
  data: { values: [] as Array<{ label: string; value: string }> },
  observers: {
    'categories, series': function redraw(categories: string[], series: ChartSeries[]) {
      const first = series[0]?.data ?? [];
      this.setData({ values: categories.map((label, i) => ({ label, value: (first[i] ?? 0).toFixed(2) })) });
      this.draw();
    },
  },
  lifetimes: {
    ready() {
      this.draw();
    },
  },
  methods: {
    draw() {
      const categories: string[] = this.data.categories;
      const series: ChartSeries[] = this.data.series;
      if (categories.length === 0 || typeof this.createSelectorQuery !== 'function') return;
      const Chart = uCharts();
      if (!Chart) return;
      try {
        this.paint(Chart, categories, series);
      } catch (err) {
        // A chart that cannot be drawn leaves the figures beside it readable.
        console.warn('[eval-chart]', err);
      }
    },
    paint(Chart: UCharts, categories: string[], series: ChartSeries[]) {
      this.createSelectorQuery()
        .select('#canvas')
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: CanvasNode; width: number; height: number } | null>) => {
          const found = res[0];
          if (!found?.node) return;
          const ratio = wx.getWindowInfo ? wx.getWindowInfo().pixelRatio : 2;
          found.node.width = found.width * ratio;
          found.node.height = found.height * ratio;
          const bar = this.data.kind === 'bar';
          new Chart({
            type: bar ? 'bar' : 'line',
            context: found.node.getContext('2d'),
            width: found.width * ratio,
            height: found.height * ratio,
            pixelRatio: ratio,
            categories,
            series,
            animation: false,
            background: '#FFFFFF',
            color: ['#1f4e9c', '#ee0a24', '#07c160'],
            padding: [10, 20, 10, 10],
            legend: { show: false },
            xAxis: { disableGrid: !bar, fontSize: 11 },
            yAxis: { data: [{ min: 0, max: 100 }] },
            extra: bar ? { bar: { width: 16 } } : { line: { type: 'straight', width: 2 } },
          });
        });
    },
  },
});
