/**
 * The report's charts as Vega-Lite specs, each named for its file
 * (`index.svg`, `index.vl.json`) and its place in the HTML page: four for
 * every forecast (two over a one-month horizon) and the decision charts.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../engine/summaryTypes.js';
import { buildAnnualDistributionChart } from './charts/buildAnnualDistributionChart.js';
import { buildByWorkloadChart } from './charts/buildByWorkloadChart.js';
import { buildIndexChart } from './charts/buildIndexChart.js';
import { buildMonthlyFanChart } from './charts/buildMonthlyFanChart.js';
import { buildBudgetChart } from './charts/buildBudgetChart.js';
import { buildGapWaterfallChart } from './charts/buildGapWaterfallChart.js';
import { buildPairedDifferenceChart } from './charts/buildPairedDifferenceChart.js';
import { buildTornadoChart } from './charts/buildTornadoChart.js';
import { horizonNameOf } from './charts/chartTheme.js';

export interface ChartSpec {
  /** A file-name-safe identifier: 'index', 'monthly-fan', 'annual-distribution', 'by-workload'. */
  readonly name: string;
  readonly spec: TopLevelSpec;
}

/**
 * Builds every chart of the report from a Summary, in page order. Pure; the
 * titles state each chart's finding with numbers computed from the Summary.
 * Cost: proportional to months times workloads, a few milliseconds.
 */
export function buildCharts(summary: Summary): ChartSpec[] {
  return [
    ...monthlyCharts(summary),
    { name: 'annual-distribution', spec: buildAnnualDistributionChart(summary) },
    { name: 'by-workload', spec: buildByWorkloadChart(summary) },
    ...decisionCharts(summary),
  ];
}

/**
 * The charts that follow the months: how cost per task and per token move
 * from the first month, and monthly spend. Over a horizon of one month the
 * first would be ×1 by definition and the second one point, the annual
 * distribution's figures again, so neither is drawn.
 */
function monthlyCharts(summary: Summary): ChartSpec[] {
  if (summary.months.length === 1) return [];
  // With no trial spending in the first month there is no index to draw (summarizeIndex).
  const index = summary.index.costPerTask.length > 0 ? [buildIndexChart(summary)] : [];
  return [
    ...index.map((spec) => ({ name: 'index', spec })),
    { name: 'monthly-fan', spec: buildMonthlyFanChart(summary) },
  ];
}

/** The charts of the decision analyses, each only when the Summary has its figures. */
function decisionCharts(summary: Summary): ChartSpec[] {
  const charts = [
    { name: 'gap-waterfall', spec: buildGapWaterfallChart(summary) },
    { name: 'budget', spec: buildBudgetChart(summary) },
    { name: 'tornado', spec: buildTornadoChart(summary) },
    {
      name: 'paired-differences',
      spec: buildPairedDifferenceChart(summary.options, horizonNameOf(summary.months)),
    },
  ];
  return charts.filter((chart): chart is ChartSpec => chart.spec !== undefined);
}
